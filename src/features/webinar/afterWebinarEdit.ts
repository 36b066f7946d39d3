import type { AuditEntry } from '../privacy/auditLog.js';
import type { BotDeps } from '../botDeps.js';

/** A lead's saved edit: every instance's cache of the schedule is dropped here, and the edit audited. */
export async function afterWebinarEdit(
  deps: Pick<BotDeps, 'webinars' | 'storage'>,
  entry: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'related' | 'detail'>,
  at: Date,
): Promise<void> {
  deps.webinars.invalidate();
  await deps.storage.audit.record({ at: at.toISOString(), ...entry });
}
