import path from 'node:path';
import type { StorageConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedAzurite } from './embeddedAzurite.js';
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
  logger.info({ storage: 'embedded-azurite', port: azurite.port, location }, 'started embedded Azurite table storage (local mode)');
  return {
    endpoint: { kind: 'connectionString', connectionString: azurite.connectionString },
    stop: () => azurite.close(),
  };
}
