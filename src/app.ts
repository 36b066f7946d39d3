import { createBotRuntime } from './bot/botRuntime.js';
import { MsoBot } from './bot/msoBot.js';
import type { Config } from './config.js';
import type { Directory } from './directory/directory.js';
import { registerTabRoutes } from './http/tabRoutes.js';
import { nextWebinarOf, registerWebinarRoutes, WEBINAR_CALENDAR_PATH } from './http/webinarCalendar.js';
import type { Logger } from './logger.js';
import type { Understand } from './nlu/understand.js';
import { createServer, type AppServer } from './server.js';
import type { Storage } from './storage/storage.js';
import { createWebinars } from './webinar/index.js';

export interface AppParts {
  storage: Storage;
  directory: Directory;
  understand: Understand;
  /** The clock the webinar schedule is read against; the system clock unless a test pins it. */
  now?: () => Date;
}

/** Wires the bot and its server from config and its loaded parts; shared by index.ts and the tests. */
export function createApp(config: Config, { storage, directory, understand, now }: AppParts, logger: Logger): AppServer {
  const webinars = createWebinars(config.webinar, { now });
  const webinarCalendarUrl = config.publicBaseUrl && `${config.publicBaseUrl}${WEBINAR_CALENDAR_PATH}`;
  const runtime = createBotRuntime({
    credentials: config.botCredentials,
    createBot: (messenger) =>
      new MsoBot({ storage, logger, directory, understand, messenger, leadAadObjectIds: config.leadAadObjectIds, webinars, webinarCalendarUrl }),
    logger,
  });
  const server = createServer({
    processActivity: (activity, authorization) => runtime.processActivity(activity, authorization),
    checkStorage: () => storage.ping(),
    logger,
    allowedTenantIds: config.allowedTenantIds,
  });
  registerTabRoutes(server.server, {
    directory,
    logger,
    nextWebinar: async () => {
      const next = await webinars.next();
      return next && nextWebinarOf(next);
    },
  });
  registerWebinarRoutes(server.server, { webinars, logger });
  return server;
}
