import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import type { Conversation } from '../request.js';

/**
 * "stop reminders" / "start reminders": switches the webinar reminders for the conversation
 * they are typed in (a person's chat, or a channel for everyone in it).
 */
export async function switchReminders(
  deps: BotDeps,
  { id: conversationId, kind }: Conversation,
  on: boolean,
): Promise<AdaptiveCardJson> {
  await deps.storage.subscriptions.setActive(conversationId, kind, on, new Date());
  deps.logger.info({ outcome: on ? 'reminders_on' : 'reminders_off', kind }, 'reminders switched');
  const where = kind === 'personal' ? 'you' : 'this conversation';
  return answerCard({
    title: on ? 'Webinar reminders are on' : 'Webinar reminders are off',
    paragraphs: [
      on
        ? `Reminders of the monthly MSO webinar will come to ${where}. Type "stop reminders" to turn them off.`
        : `Reminders of the monthly MSO webinar will no longer come to ${where}. Type "start reminders" to turn them back on.`,
    ],
    asks: [{ title: 'When is the webinar?', intent: 'webinar' }],
    source: deps.directory.network.source,
  });
}
