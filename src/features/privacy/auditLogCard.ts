import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { AuditEntry } from './auditLog.js';
import { formatUkDateTime } from '../webinar/index.js';
import type { BotDeps } from '../botDeps.js';
import { answerCard } from '../answerCard.js';

const ACTIONS: Readonly<Record<AuditEntry['action'], string>> = {
  'buddy.signUp': 'buddy scheme sign-up',
  'buddy.approve': 'buddy request approved',
  'buddy.decline': 'buddy request declined',
  'buddy.match': 'buddy chosen',
  'buddy.withdraw': 'buddy request withdrawn',
  'webinar.schedule': 'webinar schedule saved',
  'webinar.change': 'one webinar changed',
  'reminder.sendNow': 'reminder sent by hand',
  'reminder.broadcast': 'reminder broadcast finished',
  'data.erase': 'personal data erased',
  'role.addLead': 'lead added',
  'role.removeLead': 'lead removed',
  'directory.save': 'directory section saved',
  'directory.restore': 'directory version restored',
};

/** The end of an id is enough to tell entries apart without printing whole ids on a card. */
const shortId = (id: string) => (id.length > 14 ? `\u2026${id.slice(-10)}` : id);

function who(deps: Pick<BotDeps, 'roles'>, actor: string): string {
  if (actor === 'scheduler') return 'the scheduler';
  if (actor.startsWith('erased-')) return `an erased person (${actor})`;
  return `${deps.roles.isOwner(actor) ? 'lead' : 'user'} ${shortId(actor)}`;
}

/** The lead's "audit log": who did what to which record, and when; ids only, never text. */
export function auditLogCard(
  deps: Pick<BotDeps, 'roles' | 'directory'>,
  entries: readonly AuditEntry[],
): AdaptiveCardJson {
  return answerCard({
    title: 'Audit log',
    paragraphs: [
      entries.length === 0
        ? 'Nothing has been recorded yet.'
        : `The last ${String(entries.length)} entries, newest first. Ids only: the audit table keeps no names or text.`,
    ],
    facts: entries.map((entry) => ({
      title: formatUkDateTime(entry.at),
      value: `${ACTIONS[entry.action]}, by ${who(deps, entry.actor)}, on ${shortId(entry.subject)}`,
    })),
    source: deps.directory.network.source,
    note: 'Approvals, declines, matches, settings changes, broadcasts and erasures are all recorded.',
  });
}
