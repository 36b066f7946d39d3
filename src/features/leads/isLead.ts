import type { BotDeps } from '../botDeps.js';

/** An owner or a lead they added; decided on the server from the caller's Entra object id (never from card data). */
export function isLead(deps: Pick<BotDeps, 'roles'>, aadObjectId: string | undefined): Promise<boolean> {
  return deps.roles.isLead(aadObjectId);
}
