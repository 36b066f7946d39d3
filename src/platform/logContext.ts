import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface LogContext {
  /** Ties together every log line of one turn (or one job tick), across awaits. */
  correlationId: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with a fresh correlation id that every log line written during it carries. */
export function withCorrelationId<T>(work: () => T, correlationId: string = randomUUID()): T {
  return context.run({ correlationId }, work);
}

/** The current turn's correlation id, if any; used by the logger's mixin. */
export function currentCorrelationId(): string | undefined {
  return context.getStore()?.correlationId;
}
