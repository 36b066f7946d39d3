import type { BotDeps } from '../botDeps.js';

/** Decided on the server from the caller's Entra object id (never from card data). */
export function isLead(deps: Pick<BotDeps, 'leadAadObjectIds'>, aadObjectId: string | undefined): boolean {
  return aadObjectId !== undefined && deps.leadAadObjectIds.has(aadObjectId.toLowerCase());
}
