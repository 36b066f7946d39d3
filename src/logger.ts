import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

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
      redact: {
        paths: ['text', '*.text', 'name', '*.name', 'email', '*.email', 'authorization', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
