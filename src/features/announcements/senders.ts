import type { BotDeps } from '../botDeps.js';
import type { RegionCode } from '../directory/referenceData.js';
import { isLead } from '../leads/isLead.js';
import { regionLedBy } from '../leads/regionalLead.js';

/** Who may send announcements: the national lead and deputies to anyone, a regional lead to their own region. */
export type Sender = { role: 'national' } | { role: 'regional'; region: RegionCode };

/** Decided from the caller's Entra object id and the directory, never from card data; undefined for anyone else. */
export async function senderOf(
  deps: Pick<BotDeps, 'roles' | 'directory'>,
  aadObjectId: string | undefined,
): Promise<Sender | undefined> {
  if (await isLead(deps, aadObjectId)) return { role: 'national' };
  const region = regionLedBy(deps.directory.network, aadObjectId);
  return region ? { role: 'regional', region } : undefined;
}

/** May this sender withdraw or see this announcement: national leads all, a regional lead their region's. */
export function mayHandle(sender: Sender, fromRegion: RegionCode | undefined): boolean {
  return sender.role === 'national' || fromRegion === sender.region;
}
