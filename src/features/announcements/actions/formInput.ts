import { z } from 'zod';
import type { BotDeps } from '../../botDeps.js';
import type { CardActionResult } from '../../cardAction.js';
import { refuse } from '../../cardAction.js';
import type { Announcement, AnnouncementBroadcast } from '../../broadcast/broadcast.js';
import type { TurnRequest } from '../../request.js';
import { ANNOUNCEMENT_ID_PATTERN, announcementFormCard } from '../announcementCards.js';
import { checkAnnouncement, readAnnouncementValues, type AnnouncementValues } from '../announcementForm.js';
import { audienceSizes } from '../audience.js';
import { mayHandle, senderOf, type Sender } from '../senders.js';
import { NOT_A_SENDER } from './newAnnouncement.js';

const idData = z.object({ broadcastId: z.string().regex(ANNOUNCEMENT_ID_PATTERN) });

/** What every button on the form and the confirm card starts with: who, which announcement, and its checked content. */
export type FormInput =
  | { ok: true; sender: Sender; broadcastId: string; values: AnnouncementValues; announcement: Announcement }
  | { ok: false; result: CardActionResult };

/**
 * Checks the sender (from the Entra object id, never the card), the id and the values; problems
 * come back as the form with what was typed kept.
 */
export async function readFormInput(
  deps: BotDeps,
  request: TurnRequest,
  raw: Readonly<Record<string, unknown>>,
): Promise<FormInput> {
  const sender = await senderOf(deps, request.person.aadObjectId);
  if (!sender) return { ok: false, result: NOT_A_SENDER };
  const parsed = idData.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      result: refuse.badRequest('This card is out of date. Type "new announcement" to start again.'),
    };
  const { broadcastId } = parsed.data;
  const values = readAnnouncementValues(raw);
  const checked = checkAnnouncement(values, sender);
  if (!checked.ok)
    return {
      ok: false,
      result: {
        kind: 'card',
        card: announcementFormCard(deps, {
          broadcastId,
          values,
          errors: checked.errors,
          sender,
          sizes: await audienceSizes(deps),
        }),
      },
    };
  return { ok: true, sender, broadcastId, values, announcement: checked.announcement };
}

const chosenData = z.object({ broadcastId: z.string().regex(ANNOUNCEMENT_ID_PATTERN) });

/** The announcement chosen on the list, if this person may handle it (a regional lead: their region's only). */
export async function chosenAnnouncement(
  deps: BotDeps,
  request: TurnRequest,
  raw: Readonly<Record<string, unknown>>,
): Promise<{ ok: true; sender: Sender; broadcast: AnnouncementBroadcast } | { ok: false; result: CardActionResult }> {
  const sender = await senderOf(deps, request.person.aadObjectId);
  if (!sender) return { ok: false, result: NOT_A_SENDER };
  const parsed = chosenData.safeParse(raw);
  if (!parsed.success) return { ok: false, result: { kind: 'message', text: 'Choose an announcement first.' } };
  const broadcast = await deps.storage.broadcasts.get(parsed.data.broadcastId);
  if (broadcast?.kind !== 'announcement' || !mayHandle(sender, broadcast.fromRegion))
    return {
      ok: false,
      result: refuse.notFound('That announcement is not known. Type "announcements" to see the list.'),
    };
  return { ok: true, sender, broadcast };
}
