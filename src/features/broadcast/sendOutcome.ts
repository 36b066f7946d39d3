import type { SendOutcome } from './dispatcher.js';

/** The connector's refusal as the dispatcher reads it: a status, a Retry-After, a short reason. */
export function outcomeOf(error: unknown): SendOutcome {
  const { statusCode, code, response } = (error ?? {}) as {
    statusCode?: unknown;
    code?: unknown;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = typeof statusCode === 'number' ? statusCode : undefined;
  return {
    ok: false,
    status,
    retryAfterMs: retryAfterMs(response?.headers?.get?.('retry-after')),
    reason:
      status !== undefined ? `http_${String(status)}` : typeof code === 'string' ? code.slice(0, 40) : 'network_error',
  };
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.min(Number(header) * 1000, 300_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), 300_000);
}
