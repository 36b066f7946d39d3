import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { IntentOrNone } from './intents.js';
import type { Understanding } from './understand.js';
import { answerQuestion, intentActedOn } from './answerQuestion.js';
import type { BotDeps } from '../botDeps.js';
import type { TurnRequest } from '../request.js';
import { answerCard } from '../answerCard.js';
import { switchReminders } from '../reminders/switchReminders.js';
import { isLead } from '../leads/isLead.js';
import { adminIntents } from '../admin/intents.js';
import { sampleWarning } from '../admin/sampleWarning.js';
import { LEAD_COMMANDS } from './commands.js';
import { withWarning } from '../../platform/cards/withWarning.js';

/** Questions whose answers show people's details: never in a channel or group chat. Every lead command is one. */
const PERSONAL_CHAT_ONLY: ReadonlySet<IntentOrNone> = new Set([
  'buddyJoin',
  'buddyStatus',
  'askLead',
  'myQuestions',
  'dataShow',
  'dataDelete',
  ...LEAD_COMMANDS.map((command) => command.intent),
]);

/**
 * The cards that answer a question where it was asked: personal details stay in personal chats,
 * and the reminder switches act on the conversation they are typed in.
 */
export async function answerInConversation(
  deps: BotDeps,
  { person, conversation }: TurnRequest,
  question: Understanding,
): Promise<AdaptiveCardJson[]> {
  const intent = intentActedOn(question);
  if (conversation.kind !== 'personal' && PERSONAL_CHAT_ONLY.has(intent)) {
    const { botId } = conversation;
    return [
      answerCard({
        title: 'Ask me in our personal chat',
        paragraphs: [
          "The buddy scheme and the leads' tools involve personal details, so I only deal with them in a one-to-one chat.",
        ],
        links: [
          {
            title: 'Open a chat with me',
            url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}`,
          },
        ],
        source: deps.directory.network.source,
      }),
    ];
  }
  if (intent === 'remindersStop' || intent === 'remindersStart') {
    return [await switchReminders(deps, conversation, intent === 'remindersStart')];
  }
  const cards = await answerQuestion(deps, person.id, question);
  // The admin cards carry the warning themselves; the other lead answers get it here.
  const warning = LEAD_ANSWERS.has(intent) ? sampleWarning(deps) : '';
  return warning && (await isLead(deps, person.aadObjectId)) ? cards.map((card) => withWarning(card, warning)) : cards;
}

/** Lead answers that warn while the directory still holds the sample's people; the admin cards carry the warning themselves. */
const LEAD_ANSWERS: ReadonlySet<IntentOrNone> = new Set(
  LEAD_COMMANDS.map((command) => command.intent).filter((intent) => !Object.hasOwn(adminIntents, intent)),
);
