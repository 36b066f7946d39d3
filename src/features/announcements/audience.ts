import type { Audience, BroadcastTarget } from '../broadcast/broadcast.js';
import type { BotDeps } from '../botDeps.js';
import type { RegionCode } from '../directory/referenceData.js';
import type { AudienceSizes } from './announcementCards.js';

type AudienceDeps = Pick<BotDeps, 'storage'>;

/** Who an announcement reaches now, and, for one region, how many subscribed MSOs saved no workplace (left out). */
export interface AudienceCount {
  recipients: number;
  leftOut: number;
}

/**
 * The conversations an announcement goes to: the subscribed, reachable ones (as for reminders),
 * all of them, the channels and group chats, or the personal chats of MSOs whose saved
 * organisation or region is in the region. One scan of each table.
 */
export async function* audienceTargets(
  deps: AudienceDeps,
  audience: Audience,
  leftOut?: { count: number },
): AsyncGenerator<BroadcastTarget> {
  const { storage } = deps;
  const conversations = new Map<string, { reference: Record<string, unknown>; user: string | undefined }>();
  for await (const conversation of storage.conversations.list())
    conversations.set(conversation.conversationId, {
      reference: conversation.reference,
      user: conversation.userAadObjectId?.toLowerCase(),
    });
  const regions = audience.to === 'region' ? await storage.profiles.regions() : undefined;
  for await (const subscription of storage.subscriptions.active()) {
    const conversation = conversations.get(subscription.conversationId);
    // A subscription without an install record cannot be written to (the record is made at install).
    if (!conversation) continue;
    const target = {
      conversationId: subscription.conversationId,
      kind: subscription.kind,
      reference: conversation.reference,
    };
    if (audience.to === 'everyone') yield target;
    else if (audience.to === 'channels') {
      if (subscription.kind !== 'personal') yield target;
    } else if (subscription.kind === 'personal') {
      const region = conversation.user && regions?.get(conversation.user);
      if (region === audience.region) yield target;
      else if (!region && leftOut) leftOut.count += 1;
    }
  }
}

export async function countAudience(deps: AudienceDeps, audience: Audience): Promise<AudienceCount> {
  const leftOut = { count: 0 };
  let recipients = 0;
  for await (const _target of audienceTargets(deps, audience, leftOut)) recipients += 1;
  return { recipients, leftOut: leftOut.count };
}

/** How many each audience reaches now, for the form: one scan of each table. */
export async function audienceSizes(deps: AudienceDeps): Promise<AudienceSizes> {
  const { storage } = deps;
  const users = new Map<string, string | undefined>();
  for await (const conversation of storage.conversations.list())
    users.set(conversation.conversationId, conversation.userAadObjectId?.toLowerCase());
  const saved = await storage.profiles.regions();
  const sizes = { everyone: 0, channels: 0, regions: new Map<RegionCode, number>(), noneSaved: 0 };
  for await (const subscription of storage.subscriptions.active()) {
    if (!users.has(subscription.conversationId)) continue;
    sizes.everyone += 1;
    if (subscription.kind !== 'personal') {
      sizes.channels += 1;
      continue;
    }
    const user = users.get(subscription.conversationId);
    const region = user ? saved.get(user) : undefined;
    if (region) sizes.regions.set(region, (sizes.regions.get(region) ?? 0) + 1);
    else sizes.noneSaved += 1;
  }
  return sizes;
}
