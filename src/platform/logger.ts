import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';
import { currentCorrelationId } from './logContext.js';

export type { Logger } from 'pino';

/**
 * JSON logs with ids and outcomes only. Callers never pass message text or personal details;
 * the redaction below is a second line of defence for fields that must never appear.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mso-network-bot' },
      // Each line written during a turn or a job tick carries that turn's correlation id.
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      redact: {
        paths: ['text', '*.text', 'name', '*.name', 'email', '*.email', 'authorization', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
