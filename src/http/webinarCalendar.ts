import type { Request, Response, Server } from 'restify';
import { errorSummary } from '../platform/errorSummary.js';
import type { Logger } from '../platform/logger.js';
import { webinarCalendar, WEBINAR_TIME_ZONE, type NextOccurrence, type Webinars } from '../features/webinar/index.js';
import type { NextWebinar } from './directoryApi.js';

export const WEBINAR_CALENDAR_PATH = '/webinar.ics';
const CALENDAR_FILE_NAME = 'mso-webinar.ics';

export interface WebinarRouteDeps {
  webinars: Webinars;
  logger: Logger;
  /** False when authentication is on: these routes are public, the joining link is not. */
  withJoinLink: boolean;
}

/** The `next` of `/api/webinar` (the tab's contract) for an occurrence; the tab links the calendar file on this server. */
export function nextWebinarOf(
  { occurrence }: NextOccurrence,
  { withJoinLink }: { withJoinLink: boolean },
): NextWebinar {
  return {
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    timeZone: WEBINAR_TIME_ZONE,
    ...(occurrence.topic === undefined ? {} : { topic: occurrence.topic }),
    ...(occurrence.joinUrl === undefined || !withJoinLink ? {} : { joinUrl: occurrence.joinUrl }),
    icsUrl: WEBINAR_CALENDAR_PATH,
  };
}

/** `GET /webinar.ics`: the next webinar as a calendar file to add, or 404 when none is scheduled. */
export function registerWebinarRoutes(server: Server, { webinars, logger, withJoinLink }: WebinarRouteDeps): void {
  const handler = async (req: Request, res: Response) => {
    try {
      const next = await webinars.next();
      if (!next) {
        res.header('Cache-Control', 'no-cache');
        res.send(404, {
          error: 'not_scheduled',
          message: 'No webinar is scheduled at the moment: ask the national MSO network lead for the invitation.',
        });
        return;
      }
      const body = webinarCalendar([withJoinLink ? next.occurrence : { ...next.occurrence, joinUrl: undefined }]);
      const headers = {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${CALENDAR_FILE_NAME}"`,
        // The next occurrence moves on when one ends: a minute's caching, as for /api/webinar.
        'Cache-Control': 'public, max-age=60',
        'X-Content-Type-Options': 'nosniff',
      };
      if (req.method === 'HEAD')
        res.sendRaw(200, '', { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
      else res.sendRaw(200, body, headers);
    } catch (error) {
      logger.error(
        { route: req.getPath(), outcome: 'failed', error: errorSummary(error) },
        'webinar calendar unavailable',
      );
      res.send(503, { error: 'unavailable', message: 'The webinar calendar is not available right now.' });
    }
  };
  server.get(WEBINAR_CALENDAR_PATH, handler);
  server.head(WEBINAR_CALENDAR_PATH, handler);
}
