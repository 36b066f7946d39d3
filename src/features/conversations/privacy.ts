import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import type { BotDeps } from '../botDeps.js';
import type { DataSection, ErasureRequest } from '../feature.js';

/** The person's chat with the bot: the id of that conversation, so everything about it is found. */
export async function conversationAliases(deps: BotDeps, userId: string): Promise<string[]> {
  const chat = await deps.storage.conversations.findPersonalChat(userId);
  return chat ? [chat.conversationId] : [];
}

/** "Your chat with the bot": what the bot keeps to write to the person, and whether reminders come. */
export async function conversationData(deps: BotDeps, userId: string): Promise<DataSection[]> {
  const chat = await deps.storage.conversations.findPersonalChat(userId);
  const subscription = chat && (await deps.storage.subscriptions.get(chat.conversationId));
  return [
    {
      heading: 'Your chat with the bot',
      facts: chat
        ? [
            { title: 'Installed', value: formatFullUkDateTime(chat.installedAt) },
            {
              title: 'Kept',
              value: 'the chat\u2019s address, your Entra object id and tenant, so the bot can write to you',
            },
            {
              title: 'Webinar reminders',
              value: !subscription
                ? 'off'
                : subscription.unreachable
                  ? 'stopped: the bot could not reach you'
                  : subscription.active
                    ? 'on'
                    : 'off',
            },
          ]
        : [],
    },
  ];
}

/** The personal chat's record and index go; other conversations' records lose the person. */
export async function eraseConversationData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.conversations.forgetPerson([...person.ids]);
  return 0;
}
