import type { BotDeps } from '../botDeps.js';
import type { ErasureRequest } from '../feature.js';

/** Erasure of a lead: the answers they taught stay (they are the network's), under the pseudonym. */
export async function eraseAnswersData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.taughtAnswers.forgetPerson(person.ids, person.pseudonym);
  await deps.taughtAnswers.refresh();
  return 0;
}
