import { ConfigError, loadConfig, storageSettingOf, type Config } from './config.js';
import { DirectoryError } from './features/directory/networkDirectory.js';
import { errorSummary } from './platform/errorSummary.js';
import { loadKnowledge, type Knowledge } from './knowledge.js';
import { createLogger } from './platform/logger.js';
import { startTelemetry } from './platform/telemetry.js';

// Composition root: config -> directory and classifier -> telemetry -> storage -> bot -> server.
// Nothing imported above loads `http`; storage and the app are imported once telemetry has started,
// so that its HTTP instrumentation sees restify and the Bot Framework SDK load.
let config: Config;
let knowledge: Knowledge;
try {
  config = loadConfig();
  knowledge = await loadKnowledge(config.directoryFile);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof DirectoryError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
if (config.unauthenticatedTest) {
  logger.warn(
    { setting: 'ALLOW_UNAUTHENTICATED' },
    'ALLOW_UNAUTHENTICATED=true: requests are not authenticated, so the bot listens on 127.0.0.1 only',
  );
}
if (knowledge.directory.network.sample) {
  logger[config.localMode ? 'info' : 'warn'](
    { directory: 'sample' },
    'using the sample network directory (fictional people); set DIRECTORY_FILE for the real one',
  );
}
if (!config.webinar)
  logger.info(
    { webinar: 'not scheduled' },
    'no webinar schedule: set WEBINAR_RRULE to answer "when is the next webinar?" with a date',
  );
if (config.webinar && !config.publicBaseUrl)
  logger.warn(
    { webinar: 'no calendar link' },
    'PUBLIC_BASE_URL is not set: webinar answers leave out the calendar link',
  );
const telemetry = await startTelemetry(config.applicationInsightsConnectionString, logger);
const { openConfiguredStorage } = await import('./platform/storage/startTableEndpoint.js');
const { StorageUnavailableError } = await import('./storage.js');
const { createApp } = await import('./app.js');
const { tables, storage } = await openConfiguredStorage(config.storage, logger).catch((error: unknown) => {
  // One line that names the setting, never a stack trace.
  const answer = error instanceof StorageUnavailableError ? error.answer : errorSummary(error).message;
  process.stderr.write(`Cannot open table storage: ${answer}; check ${storageSettingOf(config.storage)}\n`);
  process.exit(1);
});
const app = createApp(config, { storage, ...knowledge }, logger);
const address = await app.listen(config.port, config.host);
logger.info(
  {
    host: address.address,
    port: address.port,
    auth: config.botCredentials ? 'on' : 'off',
    tenantAllowList: config.allowedTenantIds?.size ?? 'off',
  },
  'MSO Network bot listening on /api/messages',
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    app
      .close()
      .then(() => tables.stop())
      .then(() => telemetry?.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ error: String(error) }, 'shutdown failed');
        process.exit(1);
      });
  });
}
