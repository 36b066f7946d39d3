import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAction, CardActionResult } from '../features/cardAction.js';
import type { BotDeps } from '../features/botDeps.js';
import { sendCard } from './sendCard.js';
import { turnRequestOf } from './turnRequest.js';

const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** Routes an `adaptiveCard/action` invoke to the handler for its verb. */
export async function dispatchCardAction(
  turn: TurnContext,
  deps: BotDeps,
  actions: ReadonlyMap<string, CardAction>,
): Promise<InvokeResponse> {
  const parsed = invokeValueSchema.safeParse(turn.activity.value);
  if (!parsed.success) {
    return toInvokeResponse({
      kind: 'error',
      status: 400,
      code: 'BadRequest',
      message: 'The card action is not one this bot can read.',
    });
  }
  const { verb, data = {} } = parsed.data.action;
  const action = actions.get(verb);
  if (!action) {
    deps.logger.warn({ verb: verb.slice(0, 64), outcome: 'unknown_verb' }, 'card action refused');
    return toInvokeResponse({
      kind: 'error',
      status: 400,
      code: 'UnknownVerb',
      message: 'This card is out of date. Type help to start again.',
    });
  }
  const result = await action.handle({ request: turnRequestOf(turn), deps, data });
  deps.logger.info({ verb, outcome: result.kind }, 'card action handled');
  if (result.kind === 'post') {
    for (const card of result.cards) await sendCard(turn, card);
    return toInvokeResponse({ kind: 'message', text: result.text });
  }
  return toInvokeResponse(result);
}

function toInvokeResponse(result: Exclude<CardActionResult, { kind: 'post' }>): InvokeResponse {
  switch (result.kind) {
    case 'card':
      return {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card },
      };
    case 'message':
      return {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text },
      };
    case 'error':
      return {
        status: result.status,
        body: {
          statusCode: result.status,
          type: 'application/vnd.microsoft.error',
          value: { code: result.code, message: result.message },
        },
      };
  }
}
