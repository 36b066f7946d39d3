import type { BotDeps } from '../botDeps.js';
import { REQUEST_ID_PATTERN } from '../buddy/buddyScheme.js';
import type { AuditEntry } from './auditLog.js';
import type { AuditNames } from './describeAuditEntry.js';

/** Ids that name nobody the bot could look up: the scheduler, erased people, a missing id. */
const isNobody = (id: string) => id === '' || id === 'scheduler' || id.startsWith('erased-');

/**
 * The names behind a page of audit entries, each id looked up once: the buddy requests they name
 * (point reads, which also give the applicants' and deciding leads' names), then the leads added
 * from Teams (one query), then the personal chats of anyone still unnamed (two point reads each).
 * `you` are the reader's own ids, on their data card: they need no name.
 */
export async function auditNames(
  deps: Pick<BotDeps, 'storage' | 'directory'>,
  entries: readonly AuditEntry[],
  you: ReadonlySet<string> = new Set(),
): Promise<AuditNames> {
  const wanted = (id: string | undefined): id is string => id !== undefined && !isNobody(id) && !you.has(id);

  const requestIds = new Set(
    entries
      .filter((entry) => entry.action.startsWith('buddy.'))
      .flatMap((entry) => [entry.subject, entry.related])
      .filter((id): id is string => wanted(id) && REQUEST_ID_PATTERN.test(id)),
  );
  const requests = new Map<string, string>();
  const people = new Map<string, string>();
  const stored = await Promise.all([...requestIds].map((id) => deps.storage.buddyRequests.get(id)));
  for (const found of stored) {
    if (!found) continue;
    const { request } = found;
    requests.set(request.id, request.name);
    people.set(request.userId.toLowerCase(), request.name);
    if (request.decision && !isNobody(request.decision.by))
      people.set(request.decision.by.toLowerCase(), request.decision.byName);
  }

  const personIds = new Map<string, string>();
  for (const entry of entries) {
    const ids = entry.action.startsWith('role.') ? [entry.actor, entry.subject] : [entry.actor];
    for (const id of ids.filter(wanted)) personIds.set(id.toLowerCase(), id);
  }
  const unnamed = () => [...personIds].filter(([key]) => !people.has(key));
  if (unnamed().length > 0) {
    for (const lead of await deps.storage.roles.list())
      if (lead.name && personIds.has(lead.id.toLowerCase())) people.set(lead.id.toLowerCase(), lead.name);
  }
  await Promise.all(
    unnamed().map(async ([key, id]) => {
      const name = nameInChat(await deps.storage.conversations.findPersonalChat(id));
      if (name) people.set(key, name);
    }),
  );

  return {
    people,
    requests,
    you,
    regionName: (code) => deps.directory.reference.regions.find((region) => region.code === code)?.name,
  };
}

/** The name Teams gave the person in their chat's conversation reference. */
function nameInChat(chat: { reference: Record<string, unknown> } | undefined): string | undefined {
  const user = chat?.reference.user as { name?: unknown } | undefined;
  return typeof user?.name === 'string' && user.name.trim() !== '' ? user.name : undefined;
}
