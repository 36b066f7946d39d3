import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../../../src/features/conversations/conversationReferences.js';
import type { Storage } from '../../../../src/storage.js';
import { openTestStorage } from '../../../support/testBot.js';

let storage: Storage;
beforeAll(async () => {
  storage = await openTestStorage();
});

function record(conversationId: string, overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    conversationId,
    kind: 'personal',
    tenantId: '11111111-2222-3333-4444-555555555555',
    userAadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
    reference: { conversation: { id: conversationId }, serviceUrl: 'https://smba.example.org/' },
    installedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('ConversationReferences (Azurite)', () => {
  it('stores a conversation and reads it back with an ETag', async () => {
    const id = '19:channel@thread.tacv2;messageid=1700000000';
    await storage.conversations.save(record(id, { kind: 'channel', userAadObjectId: undefined }));

    const stored = await storage.conversations.get(id);

    expect(stored).toMatchObject({
      conversationId: id,
      kind: 'channel',
      userAadObjectId: undefined,
      reference: { serviceUrl: 'https://smba.example.org/' },
    });
    expect(stored?.etag).toMatch(/^W\/"/);
  });

  it('replaces a saved conversation but keeps its first install time', async () => {
    const id = 'a:replace-me';
    expect(await storage.conversations.save(record(id))).toEqual({ created: true });

    const again = await storage.conversations.save(
      record(id, {
        installedAt: '2026-11-20T09:00:00.000Z',
        reference: { serviceUrl: 'https://smba.example.org/emea/' },
      }),
    );

    expect(again).toEqual({ created: false });
    expect(await storage.conversations.get(id)).toMatchObject({
      installedAt: '2026-11-01T09:00:00.000Z',
      reference: { serviceUrl: 'https://smba.example.org/emea/' },
    });
  });

  it('ensures a conversation is known without overwriting it', async () => {
    const id = 'a:ensure-me';
    expect(await storage.conversations.ensure(record(id))).toEqual({ created: true });
    expect(await storage.conversations.ensure(record(id, { installedAt: '2030-01-01T00:00:00.000Z' }))).toEqual({
      created: false,
    });

    expect((await storage.conversations.get(id))?.installedAt).toBe('2026-11-01T09:00:00.000Z');
  });

  it("takes the person's name from the first message that brings one, after an install that had none", async () => {
    const id = 'a:named-later';
    const user = { id: '29:named-later', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' };
    await storage.conversations.save(record(id, { reference: { conversation: { id }, user } }));

    await storage.conversations.ensure(
      record(id, { reference: { conversation: { id }, user: { ...user, name: 'Sam Example' } } }),
    );

    const stored = await storage.conversations.get(id);
    expect(stored?.reference.user).toEqual({ ...user, name: 'Sam Example' });
    expect(stored?.installedAt).toBe('2026-11-01T09:00:00.000Z');
  });

  it('stores a conversation again after it was removed', async () => {
    const id = 'a:come-back';
    await storage.conversations.ensure(record(id));
    await storage.conversations.remove(id);

    expect(await storage.conversations.ensure(record(id))).toEqual({ created: true });
    expect(await storage.conversations.get(id)).toBeDefined();
  });

  it('removes a conversation, and says when there was nothing to remove', async () => {
    const id = 'a:remove-me';
    await storage.conversations.save(record(id));

    expect(await storage.conversations.remove(id)).toBe(true);
    expect(await storage.conversations.get(id)).toBeUndefined();
    expect(await storage.conversations.remove(id)).toBe(false);
  });

  it("finds a person's personal chat by their Entra object id", async () => {
    const lead = 'aaaaaaaa-0000-4000-8000-0000000000ee';
    await storage.conversations.save(record('a:lead-chat', { userAadObjectId: lead }));
    await storage.conversations.save(record('19:team@thread.tacv2', { kind: 'channel', userAadObjectId: undefined }));

    expect(await storage.conversations.findPersonalChat(lead)).toMatchObject({ conversationId: 'a:lead-chat' });
    expect(await storage.conversations.findPersonalChat('aaaaaaaa-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('lists conversations of one kind', async () => {
    const channels = [];
    for await (const conversation of storage.conversations.list('channel')) channels.push(conversation.conversationId);

    expect(channels).toContain('19:team@thread.tacv2');
    expect(channels).not.toContain('a:lead-chat');
  });

  it('erases a person by their exact ids, never the people whose ids begin with theirs', async () => {
    // The red-team trial: erasing 29:user-102 also removed 29:user-102000 to 29:user-102999.
    const person = (n: string) => ({
      teamsId: `29:user-${n}`,
      aadObjectId: `aaaaaaaa-0000-4000-8000-${n.padStart(12, '0')}`,
      chat: `a:chat-${n}`,
    });
    const erased = person('102');
    const others = ['1020', '102000', '102999', '10'].map(person);
    for (const { teamsId, aadObjectId, chat } of [erased, ...others]) {
      await storage.conversations.save(
        record(chat, {
          userAadObjectId: aadObjectId,
          reference: { conversation: { id: chat }, user: { id: teamsId, aadObjectId } },
        }),
      );
    }
    const channel = 'a:prefix-channel';
    await storage.conversations.save(
      record(channel, {
        kind: 'channel',
        userAadObjectId: undefined,
        reference: { conversation: { id: channel }, user: { id: others[1]?.teamsId } },
      }),
    );

    await storage.conversations.forgetPerson([erased.aadObjectId, erased.teamsId, erased.chat]);

    expect(await storage.conversations.get(erased.chat)).toBeUndefined();
    expect(await storage.conversations.findPersonalChat(erased.aadObjectId)).toBeUndefined();
    for (const other of others) {
      expect(await storage.conversations.get(other.chat), other.teamsId).toMatchObject({
        conversationId: other.chat,
        reference: { user: { id: other.teamsId } },
      });
      expect((await storage.conversations.findPersonalChat(other.aadObjectId))?.conversationId, other.teamsId).toBe(
        other.chat,
      );
    }
    expect((await storage.conversations.get(channel))?.reference).toMatchObject({ user: { id: '29:user-102000' } });
  });
});
