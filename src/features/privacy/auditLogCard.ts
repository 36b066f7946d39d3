import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { AuditEntry } from './auditLog.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';
import { auditNames } from './auditNames.js';
import { describeAuditEntry } from './describeAuditEntry.js';

/** "The last entry", "The last 20 entries". */
function howMany(count: number): string {
  return count === 1 ? 'The last entry' : `The last ${String(count)} entries`;
}

/** The lead's "audit log": who did what, and when, in plain words, with the names the bot knows now. */
export async function auditLogCard(
  deps: Pick<BotDeps, 'storage' | 'directory'>,
  entries: readonly AuditEntry[],
): Promise<AdaptiveCardJson> {
  const names = await auditNames(deps, entries);
  const lines = entries.map((entry) => describeAuditEntry(entry, names));
  return answerCard({
    title: 'Audit log',
    paragraphs: [
      entries.length === 0
        ? 'Nothing has been recorded yet.'
        : `${howMany(entries.length)}, newest first, in UK time. Names are the ones the bot knows today; where it knows none, the end of the person\u2019s id is shown.`,
    ],
    facts: lines.map((line) => ({ title: line.when, value: line.what })),
    source: deps.directory.network.source,
    note: 'Approvals, declines, matches, settings changes, broadcasts and erasures are all recorded.',
  });
}
