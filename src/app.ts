import { createBotRuntime } from './teams/botRuntime.js';
import { ConversationRateLimit } from './teams/conversationRateLimit.js';
import { MsoBot } from './teams/msoBot.js';
import type { Config } from './config.js';
import type { Directory } from './features/directory/directory.js';
import { registerTabRoutes } from './http/tabRoutes.js';
import { nextWebinarOf, registerWebinarRoutes, WEBINAR_CALENDAR_PATH } from './http/webinarCalendar.js';
import type { Logger } from './platform/logger.js';
import type { Understand } from './features/questions/understand.js';
import { createServer, type AppServer } from './http/server.js';
import type { Storage } from './storage.js';
import { createWebinars } from './features/webinar/index.js';
import { Dispatcher } from './features/reminders/dispatcher.js';
import { createReminderJob } from './features/reminders/reminderJob.js';
import { createReminderSender, reportToLeads } from './features/reminders/reminderDelivery.js';
import { registerJobRoutes } from './http/jobRoutes.js';
import { reminderTargets } from './features/reminders/reminderTargets.js';
import { createRetentionJob } from './features/privacy/retention.js';
import { errorSummary } from './platform/errorSummary.js';

export interface AppParts {
  storage: Storage;
  directory: Directory;
  understand: Understand;
  /** The clock the webinar schedule is read against; the system clock unless a test pins it. */
  now?: () => Date;
}

/** Wires the bot and its server from config and its loaded parts; shared by index.ts and the tests. */
export function createApp(
  config: Config,
  { storage, directory, understand, now }: AppParts,
  logger: Logger,
): AppServer {
  const webinars = createWebinars({ configured: config.webinar, store: storage.webinarSettings, now });
  const webinarCalendarUrl = config.publicBaseUrl && `${config.publicBaseUrl}${WEBINAR_CALENDAR_PATH}`;
  const leadAadObjectIds = config.leadAadObjectIds;
  const runtime = createBotRuntime({ credentials: config.botCredentials, logger });
  const { messenger } = runtime;
  const dispatcher = new Dispatcher({
    store: storage.broadcasts,
    send: createReminderSender({ messenger, directory, webinarCalendarUrl }),
    markUnreachable: (conversationId) => storage.subscriptions.markUnreachable(conversationId, new Date()),
    ratePerSecond: config.reminders.broadcastRps,
    onError: (error, delivery) =>
      logger.warn(
        { broadcastId: delivery.broadcastId, outcome: 'row_left_claimed', error: errorSummary(error) },
        'reminder row not settled',
      ),
  });
  const reminders = createReminderJob({
    webinars,
    store: storage.broadcasts,
    leases: storage.leases,
    subscribers: () => reminderTargets(storage.subscriptions, storage.conversations),
    dispatcher,
    offsets: config.reminders.offsets,
    instanceId: config.reminders.instanceId,
    tickMs: config.reminders.tickSeconds * 1000,
    onFinished: (broadcast) => reportToLeads({ storage, leadAadObjectIds, messenger, directory, logger }, broadcast),
    logger,
    now,
  });
  const retention = createRetentionJob({
    storage,
    months: config.retentionMonths,
    instanceId: config.reminders.instanceId,
    logger,
  });
  const messageRate = new ConversationRateLimit(config.messagesPerMinute);
  runtime.setBot(
    new MsoBot(
      {
        storage,
        logger,
        directory,
        understand,
        messenger,
        leadAadObjectIds,
        webinars,
        webinarCalendarUrl,
        reminders,
      },
      messageRate,
    ),
  );
  const server = createServer({
    authenticate: (activity, authorization) => runtime.authenticate(activity, authorization),
    checkStorage: () => storage.ping(),
    logger,
    allowedTenantIds: config.allowedTenantIds,
  });
  // Anyone can read the public routes: with authentication on, the joining link stays in the bot's cards.
  const withJoinLink = config.botCredentials === undefined;
  registerTabRoutes(server.server, {
    directory,
    logger,
    nextWebinar: async () => {
      const next = await webinars.next();
      return next && nextWebinarOf(next, { withJoinLink });
    },
  });
  registerWebinarRoutes(server.server, { webinars, logger, withJoinLink });
  registerJobRoutes(server.server, { reminders, secret: config.reminders.jobSecret, logger });
  return {
    ...server,
    async listen(port, host) {
      const address = await server.listen(port, host);
      reminders.start();
      retention.start();
      return address;
    },
    async close(timeoutMs) {
      await Promise.all([reminders.stop(), retention.stop()]);
      await server.close(timeoutMs);
    },
  };
}
