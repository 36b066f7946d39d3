import type { BotDeps } from '../botDeps.js';
import type { Person } from '../request.js';
import { isLead } from '../leads/isLead.js';
import { regionLedBy } from '../leads/regionalLead.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { AuditDetail } from '../privacy/auditLog.js';
import type { RegionCode } from '../directory/referenceData.js';
import { isRegion, type SectionId } from './directorySections.js';

/** Which sections a person may edit: a lead every one, a regional lead their own region's, anyone else none. */
export async function editableSections(
  deps: Pick<BotDeps, 'roles' | 'directory'>,
  person: Pick<Person, 'aadObjectId'>,
): Promise<{ kind: 'lead' } | { kind: 'regional'; region: RegionCode } | undefined> {
  if (await isLead(deps, person.aadObjectId)) return { kind: 'lead' };
  const region = regionLedBy(deps.directory.network, person.aadObjectId);
  return region ? { kind: 'regional', region } : undefined;
}

export const mayEdit = (editor: Awaited<ReturnType<typeof editableSections>>, section: SectionId): boolean =>
  editor?.kind === 'lead' || (editor?.kind === 'regional' && isRegion(section) && editor.region === section);

/** A saved version: every answer on this instance uses it now (the others within seconds), and the audit says who. */
export async function afterDirectorySave(
  deps: Pick<BotDeps, 'directory' | 'storage'>,
  change: {
    network: NetworkDirectory;
    version: number;
    person: Pick<Person, 'id' | 'aadObjectId'>;
    at: Date;
    action: 'directory.save' | 'directory.restore';
    detail: AuditDetail;
  },
): Promise<void> {
  deps.directory.use(change.network, change.version);
  await deps.storage.audit.record({
    at: change.at.toISOString(),
    actor: change.person.aadObjectId ?? change.person.id,
    action: change.action,
    subject: `directory-v${String(change.version)}`,
    related: undefined,
    detail: change.detail,
  });
}
