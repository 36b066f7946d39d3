import type { AuditEntry } from '../privacy/auditLog.js';
import type { BotDeps } from '../botDeps.js';
import { correctSentReminders } from '../reminders/correctReminders.js';

/**
 * A lead's saved edit: every instance's cache of the schedule is dropped here, the edit audited,
 * and reminders already sent for a date it changed are corrected in place. Says how many
 * reminders are being corrected.
 */
export async function afterWebinarEdit(
  deps: Pick<BotDeps, 'webinars' | 'storage' | 'broadcasting'>,
  entry: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'related' | 'detail'>,
  at: Date,
): Promise<number> {
  deps.webinars.invalidate();
  await deps.storage.audit.record({ at: at.toISOString(), ...entry });
  return correctSentReminders(deps, entry.actor, at);
}
