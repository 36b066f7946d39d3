import { createBotRuntime } from './bot/botRuntime.js';
import { MsoBot } from './bot/msoBot.js';
import type { Config } from './config.js';
import type { Directory } from './directory/directory.js';
import { registerTabRoutes } from './http/tabRoutes.js';
import type { Logger } from './logger.js';
import type { Understand } from './nlu/understand.js';
import { createServer, type AppServer } from './server.js';
import type { Storage } from './storage/storage.js';

export interface AppParts {
  storage: Storage;
  directory: Directory;
  understand: Understand;
}

/** Wires the bot and its server from config and its loaded parts; shared by index.ts and the tests. */
export function createApp(config: Config, { storage, directory, understand }: AppParts, logger: Logger): AppServer {
  const runtime = createBotRuntime({
    credentials: config.botCredentials,
    createBot: (messenger) => new MsoBot({ storage, logger, directory, understand, messenger, leadAadObjectIds: config.leadAadObjectIds }),
    logger,
  });
  const server = createServer({
    processActivity: (activity, authorization) => runtime.processActivity(activity, authorization),
    checkStorage: () => storage.ping(),
    logger,
    allowedTenantIds: config.allowedTenantIds,
  });
  registerTabRoutes(server.server, { directory, logger });
  return server;
}
