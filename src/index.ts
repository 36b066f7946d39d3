import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startTableEndpoint } from './storage/startTableEndpoint.js';
import { openStorage } from './storage/storage.js';

// Composition root: config -> storage -> bot -> server.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const tables = await startTableEndpoint(config.storage, logger);
const storage = await openStorage(tables.endpoint);
const app = createApp(config, storage, logger);
const address = await app.listen(config.port);
logger.info(
  { port: address.port, auth: config.botCredentials ? 'on' : 'off (local mode)', tenantAllowList: config.allowedTenantIds?.size ?? 'off' },
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
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ error: String(error) }, 'shutdown failed');
        process.exit(1);
      });
  });
}
