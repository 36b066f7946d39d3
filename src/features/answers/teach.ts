import type { BotDeps } from '../botDeps.js';
import type { Person } from '../request.js';
import type { CheckedAnswer } from './answerForm.js';
import type { TaughtAnswer } from './taughtAnswers.js';

/**
 * Saves a taught answer as its next version (a new one when `expectedVersion` is undefined), audits
 * it and brings this instance's answers up to date at once; others follow within seconds.
 * Resolves to the saved answer, or undefined when somebody changed it meanwhile.
 */
export async function teach(
  deps: Pick<BotDeps, 'storage' | 'taughtAnswers'>,
  lead: Person,
  id: string,
  expectedVersion: number | undefined,
  checked: CheckedAnswer,
): Promise<TaughtAnswer | undefined> {
  const answer: TaughtAnswer = {
    id,
    version: (expectedVersion ?? 0) + 1,
    ...checked,
    updatedAt: new Date().toISOString(),
    updatedBy: lead.id,
    updatedByName: lead.name || 'A lead',
  };
  if (!(await deps.storage.taughtAnswers.save(answer, expectedVersion))) return undefined;
  await deps.storage.audit.record({
    at: answer.updatedAt,
    actor: lead.id,
    action: expectedVersion === undefined ? 'answers.add' : 'answers.edit',
    subject: id,
    related: undefined,
    detail: { version: String(answer.version) },
  });
  await deps.taughtAnswers.refresh();
  return answer;
}

/** Removes a taught answer if it is still `expectedVersion`; false when somebody changed it meanwhile. */
export async function unteach(
  deps: Pick<BotDeps, 'storage' | 'taughtAnswers'>,
  lead: Person,
  current: TaughtAnswer,
): Promise<boolean> {
  const removal: TaughtAnswer = {
    ...current,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: lead.id,
    updatedByName: lead.name || 'A lead',
  };
  if (!(await deps.storage.taughtAnswers.remove(removal, current.version))) return false;
  await deps.storage.audit.record({
    at: removal.updatedAt,
    actor: lead.id,
    action: 'answers.remove',
    subject: current.id,
    related: undefined,
    detail: { version: String(removal.version) },
  });
  await deps.taughtAnswers.refresh();
  return true;
}
