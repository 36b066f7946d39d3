import path from 'node:path';
import type { StorageConfig } from '../../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedAzurite } from './embeddedAzurite.js';
import { openStorage, type Storage } from '../../storage.js';
import type { TableEndpoint } from './tableClientFactory.js';

export interface RunningTableEndpoint {
  endpoint: TableEndpoint;
  /** Stops the embedded store, if this process started one. */
  stop(): Promise<void>;
}

/** The configured tables, or (with none configured) Azurite started here with its data on disk. */
export async function startTableEndpoint(config: StorageConfig, logger: Logger): Promise<RunningTableEndpoint> {
  if (config.kind !== 'embedded') {
    logger.info({ storage: config.kind }, 'using configured table storage');
    return { endpoint: config, stop: async () => {} };
  }
  const location = path.resolve(config.dataDir, 'azurite');
  const azurite = await startEmbeddedAzurite({ location });
  logger.info(
    { storage: 'embedded-azurite', port: azurite.port, location },
    'started embedded Azurite table storage (local mode)',
  );
  return {
    endpoint: { kind: 'connectionString', connectionString: azurite.connectionString },
    stop: () => azurite.close(),
  };
}

/** Every storage call at start-up is bounded: an endpoint that never answers must not hang the start. */
const OPEN_TIMEOUT_MS = 10_000;

/** The configured (or embedded) tables, opened; throws a StorageUnavailableError saying what storage answered. */
export async function openConfiguredStorage(
  config: StorageConfig,
  logger: Logger,
): Promise<{ tables: RunningTableEndpoint; storage: Storage }> {
  const tables = await startTableEndpoint(config, logger);
  try {
    return { tables, storage: await openStorage(tables.endpoint, { timeoutMs: OPEN_TIMEOUT_MS }) };
  } catch (error) {
    await tables.stop();
    throw error;
  }
}
