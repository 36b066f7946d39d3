import { randomUUID } from 'node:crypto';

/** Fictional people and tenant for tests; no real person is named anywhere in the suite. */
export const TEST_TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT_ID = '99999999-8888-7777-6666-555555555555';
export const BOT = { id: '28:mso-network-bot', name: 'MSO Network' };
export const MSO = { id: '29:sam-example', name: 'Sam Example', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' };
export const LEAD = {
  id: '29:example-lead',
  name: 'Example Lead',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000ee',
};

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

export type Activity = Record<string, unknown>;

interface Where {
  serviceUrl: string;
  from?: Person;
  tenantId?: string;
  /** Defaults to the person's personal chat. */
  conversation?: { id: string; conversationType: 'personal' | 'groupChat' | 'channel' };
}

export function personalChatId(person: Person): string {
  return `a:personal-${person.id}`;
}

function base(type: string, where: Where): Activity {
  const from = where.from ?? MSO;
  const tenantId = where.tenantId ?? TEST_TENANT_ID;
  const conversation = where.conversation ?? { id: personalChatId(from), conversationType: 'personal' };
  return {
    type,
    id: `incoming-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { ...conversation, tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

export function message(text: string, where: Where): Activity {
  return { ...base('message', where), text };
}

export function installationUpdate(action: 'add' | 'remove', where: Where): Activity {
  return { ...base('installationUpdate', where), action };
}

export function botAddedToConversation(where: Where): Activity {
  return { ...base('conversationUpdate', where), membersAdded: [{ id: BOT.id }] };
}

export function botRemovedFromConversation(where: Where): Activity {
  return { ...base('conversationUpdate', where), membersRemoved: [{ id: BOT.id }] };
}

export function cardAction(verb: string, data: Record<string, unknown>, where: Where): Activity {
  return {
    ...base('invoke', where),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Teams' read receipt: the person has read every message up to this one (personal chats only). */
export function readReceipt(lastReadMessageId: string, where: Where): Activity {
  return { ...base('event', where), name: 'application/vnd.microsoft.readReceipt', value: { lastReadMessageId } };
}

export const teamChannel = { id: '19:general-channel@thread.tacv2', conversationType: 'channel' } as const;
export const groupChat = { id: '19:group-chat@thread.v2', conversationType: 'groupChat' } as const;
