import type { CardActionResult } from '../cardAction.js';

/** A lead's card action clicked by someone else: decided from the caller's Entra id, never from the card. */
export const LEADS_ONLY: CardActionResult = {
  kind: 'error',
  status: 403,
  code: 'Forbidden',
  message: 'Only the national MSO network lead and deputies can do this.',
};
