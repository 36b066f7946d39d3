import type { Config } from './config.js';
import type { BotDeps } from './features/botDeps.js';
import { adminFeature } from './features/admin/adminFeature.js';
import { broadcastFeature } from './features/broadcast/broadcastFeature.js';
import { buddyFeature } from './features/buddy/buddyFeature.js';
import { conversationsFeature } from './features/conversations/conversationsFeature.js';
import type { Directory } from './features/directory/directory.js';
import { createDirectorySync } from './features/directory/directorySync.js';
import { liveDirectory, type LiveDirectory } from './features/directory/liveDirectory.js';
import { directoryFeature } from './features/directory/directoryFeature.js';
import { actionTable, intentTable, type Feature } from './features/feature.js';
import { Roles } from './features/leads/roles.js';
import { privacyFeature } from './features/privacy/privacyFeature.js';
import { createRetentionJob } from './features/privacy/retention.js';
import { INTENTS } from './features/questions/intents.js';
import { questionsFeature } from './features/questions/questionsFeature.js';
import type { Understand } from './features/questions/understand.js';
import { announcementKind } from './features/announcements/announcementKind.js';
import { withdrawnCard } from './features/announcements/announcementCards.js';
import { announcementsFeature } from './features/announcements/announcementsFeature.js';
import { createBroadcasting } from './features/broadcast/broadcasting.js';
import type { BroadcastRunner } from './features/broadcast/broadcastRunner.js';
import { correctionKind } from './features/broadcast/correctionKind.js';
import { reportCorrection } from './features/broadcast/correctionReport.js';
import { correctedReminder } from './features/reminders/correctReminders.js';
import { createReminderSender, reportToLeads } from './features/reminders/reminderDelivery.js';
import { planReminders, reminderKind } from './features/reminders/reminderJob.js';
import { answersFeature } from './features/answers/answersFeature.js';
import { TaughtAnswerBook } from './features/answers/taughtAnswerBook.js';
import { supportFeature } from './features/support/supportFeature.js';
import { createSupportDigestJob } from './features/support/supportDigest.js';
import { createCheckInJob } from './features/buddy/checkIns.js';
import { remindersFeature } from './features/reminders/remindersFeature.js';
import { reminderTargets } from './features/reminders/reminderTargets.js';
import { createWebinars, type Webinars } from './features/webinar/index.js';
import { webinarFeature } from './features/webinar/webinarFeature.js';
import { registerJobRoutes } from './http/jobRoutes.js';
import { createServer, type AppServer } from './http/server.js';
import { registerTabRoutes } from './http/tabRoutes.js';
import { nextWebinarOf, registerWebinarRoutes, WEBINAR_CALENDAR_PATH } from './http/webinarCalendar.js';
import type { Logger } from './platform/logger.js';
import type { Storage } from './storage.js';
import { createBotRuntime } from './teams/botRuntime.js';
import { ConversationRateLimit } from './teams/conversationRateLimit.js';
import type { Messenger } from './features/messenger.js';
import { MsoBot } from './teams/msoBot.js';

/**
 * The features the bot is made of. A new feature is a folder under src/features and one line
 * here. The order is the order of the "what do you hold about me" card and of erasure: privacy
 * last, so that it pseudonymises the audit table after every other feature has done its part.
 */
export const FEATURES: readonly Feature[] = [
  questionsFeature,
  directoryFeature,
  conversationsFeature,
  buddyFeature,
  supportFeature,
  answersFeature,
  webinarFeature,
  broadcastFeature,
  remindersFeature,
  announcementsFeature,
  adminFeature,
  privacyFeature,
];

export interface AppParts {
  storage: Storage;
  directory: Directory;
  understand: Understand;
  /** The clock the webinar schedule is read against; the system clock unless a test pins it. */
  now?: () => Date;
}

/** Wires the bot and its server from config and its loaded parts; shared by index.ts and the tests. */
export function createApp(config: Config, parts: AppParts, logger: Logger): AppServer {
  const { storage, understand, now } = parts;
  // Each app follows its own store: the file's directory until a lead saves one.
  const directory = liveDirectory(parts.directory);
  const directorySync = createDirectorySync({
    versions: storage.directory,
    directory,
    logger,
    intervalMs: config.directoryRefreshSeconds * 1000,
  });
  const webinars = createWebinars({ configured: config.webinar, store: storage.webinarSettings, now });
  const webinarCalendarUrl = config.publicBaseUrl && `${config.publicBaseUrl}${WEBINAR_CALENDAR_PATH}`;
  const roles = new Roles(config.leadAadObjectIds, storage.roles);
  const runtime = createBotRuntime({ credentials: config.botCredentials, logger });
  const { messenger } = runtime;
  const broadcasting = createBroadcastingFor(
    config,
    { ...parts, directory, messenger, webinars, webinarCalendarUrl, roles },
    logger,
  );
  const retention = createRetentionJob({
    storage,
    features: FEATURES,
    months: config.retentionMonths,
    instanceId: config.reminders.instanceId,
    logger,
  });
  const taughtAnswers = new TaughtAnswerBook(storage.taughtAnswers, logger, config.directoryRefreshSeconds * 1000);
  const deps: BotDeps = {
    taughtAnswers,
    storage,
    logger,
    directory,
    localMode: config.localMode,
    understand,
    messenger,
    roles,
    webinars,
    webinarCalendarUrl,
    broadcasting,
    features: FEATURES,
    intents: intentTable(FEATURES, [...INTENTS, 'None']),
  };
  const supportDigest = createSupportDigestJob({
    deps,
    instanceId: config.reminders.instanceId,
    everyMs: config.reminders.tickSeconds * 1000,
    ...(now ? { now } : {}),
  });
  const checkIns = createCheckInJob({
    deps,
    weeks: config.buddyCheckInWeeks,
    instanceId: config.reminders.instanceId,
    everyMs: config.reminders.tickSeconds * 1000,
    ...(now ? { now } : {}),
  });
  runtime.setBot(new MsoBot(deps, actionTable(FEATURES), new ConversationRateLimit(config.messagesPerMinute)));
  const server = createServer({
    authenticate: (activity, authorization) => runtime.authenticate(activity, authorization),
    checkStorage: () => storage.ping(),
    logger,
    allowedTenantIds: config.allowedTenantIds,
  });
  registerPublicRoutes(server, config, { directory, webinars, reminders: broadcasting, logger });
  return {
    ...server,
    async listen(port, host) {
      await Promise.all([directorySync.start(), taughtAnswers.start()]);
      const address = await server.listen(port, host);
      broadcasting.start();
      retention.start();
      supportDigest.start();
      checkIns.start();
      return address;
    },
    async close(timeoutMs) {
      directorySync.stop();
      taughtAnswers.stop();
      await Promise.all([broadcasting.stop(), retention.stop(), supportDigest.stop(), checkIns.stop()]);
      await server.close(timeoutMs);
    },
  };
}

/** The one broadcast machinery with its three kinds: webinar reminders, announcements, corrections of sent copies. */
function createBroadcastingFor(
  config: Config,
  parts: AppParts & {
    directory: LiveDirectory;
    messenger: Messenger;
    webinars: Webinars;
    webinarCalendarUrl: string | undefined;
    roles: Roles;
  },
  logger: Logger,
): BroadcastRunner {
  const { storage, directory, messenger, webinars, webinarCalendarUrl, roles, now } = parts;
  const reporting = { storage, roles, messenger, directory, logger };
  return createBroadcasting({
    store: storage.broadcasts,
    leases: storage.leases,
    kinds: {
      reminder: reminderKind({
        webinars,
        subscribers: () => reminderTargets(storage.subscriptions, storage.conversations),
        send: createReminderSender({ messenger, directory, webinarCalendarUrl }),
        onFinished: (broadcast) => reportToLeads(reporting, broadcast),
      }),
      announcement: announcementKind(reporting),
      correction: correctionKind({
        store: storage.broadcasts,
        messenger,
        render: (correction) =>
          correction.shows.what === 'withdrawn'
            ? { card: withdrawnCard({ directory }, correction.shows), notice: undefined }
            : correctedReminder({ directory, webinarCalendarUrl }, correction.shows, correction.createdAt),
        onFinished: (correction) => reportCorrection(reporting, correction),
      }),
    },
    markUnreachable: (conversationId) => storage.subscriptions.markUnreachable(conversationId, new Date()),
    ratePerSecond: config.reminders.broadcastRps,
    instanceId: config.reminders.instanceId,
    tickMs: config.reminders.tickSeconds * 1000,
    plan: planReminders({ webinars, store: storage.broadcasts, offsets: config.reminders.offsets, now }),
    logger,
    ...(now ? { now } : {}),
  });
}

/** The tab, the directory and webinar APIs, the calendar file and the job route. */
function registerPublicRoutes(
  { server }: AppServer,
  config: Config,
  {
    directory,
    webinars,
    reminders,
    logger,
  }: { directory: Directory; webinars: Webinars; reminders: BroadcastRunner; logger: Logger },
): void {
  // Anyone can read these: with authentication on, the joining link stays in the bot's cards.
  const withJoinLink = config.botCredentials === undefined;
  registerTabRoutes(server, {
    directory,
    logger,
    nextWebinar: async () => {
      const next = await webinars.next();
      return next && nextWebinarOf(next, { withJoinLink });
    },
  });
  registerWebinarRoutes(server, { webinars, logger, withJoinLink });
  registerJobRoutes(server, { reminders, secret: config.reminders.jobSecret, logger });
}
