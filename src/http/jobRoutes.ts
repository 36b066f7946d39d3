import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../platform/logger.js';
import type { BroadcastRunner, TickResult } from '../features/broadcast/broadcastRunner.js';

export const REMINDER_JOB_PATH = '/api/jobs/reminders';
/** An external timer gets the tick's result when it is quick; a long broadcast goes on after the answer. */
const ANSWER_WITHIN_MS = 10_000;

export interface JobRouteDeps {
  reminders: Pick<BroadcastRunner, 'tick'>;
  /** Undefined: the route is off (404). */
  secret: string | undefined;
  logger: Logger;
}

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `POST /api/jobs/reminders`: a tick of the reminder job for an external timer (Azure Functions, Logic Apps). */
export function registerJobRoutes(server: Server, { reminders, secret, logger }: JobRouteDeps): void {
  server.post(REMINDER_JOB_PATH, async (req: Request, res: Response) => {
    if (!secret) {
      res.send(404, {
        error: 'not_found',
        message: 'The reminder job route is off: set REMINDER_JOB_SECRET to use it.',
      });
      return;
    }
    // Exactly `Bearer <secret>`: nothing before, after or between.
    const token = /^Bearer (\S+)$/.exec(req.header('authorization', ''))?.[1];
    if (!token || !sameSecret(token, secret)) {
      logger.warn({ route: REMINDER_JOB_PATH, outcome: 'refused', status: 401 }, 'job request refused');
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized', message: 'Send Authorization: Bearer <REMINDER_JOB_SECRET>.' });
      return;
    }
    const tick = reminders.tick();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillRunning = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS);
    });
    try {
      const result: TickResult | undefined = await Promise.race([tick, stillRunning]);
      if (result) res.send(200, result);
      else {
        // A failure later is logged by the job itself.
        tick.catch(() => undefined);
        res.send(202, { running: true });
      }
    } catch {
      // The job has logged why.
      res.send(503, {
        error: 'tick_failed',
        message: 'The reminder job could not run (storage unavailable?); the next tick catches up.',
      });
    } finally {
      clearTimeout(timer);
    }
  });
}
