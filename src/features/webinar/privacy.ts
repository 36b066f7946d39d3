import type { BotDeps } from '../botDeps.js';
import type { ErasureRequest } from '../feature.js';

/** A lead who saved webinar settings becomes the pseudonym in them. */
export async function eraseWebinarData(deps: BotDeps, person: ErasureRequest): Promise<number> {
  await deps.storage.webinarSettings.forgetEditor(person.userId, person.pseudonym);
  return 0;
}
