import type { TurnContext } from 'botbuilder';

/** Whose profile a turn concerns: the Entra object id, or the channel id where Teams gives none. */
export function userIdOf(turn: TurnContext): string {
  const { aadObjectId } = turn.activity.from as { aadObjectId?: string };
  return aadObjectId ?? turn.activity.from.id;
}
