import { errorSummary } from '../../platform/errorSummary.js';
import type { Logger } from '../../platform/logger.js';
import type { DirectoryVersions } from './directoryVersions.js';
import type { LiveDirectory } from './liveDirectory.js';
import { parseNetworkDirectory } from './networkDirectory.js';

export interface DirectorySync {
  /** Loads the saved directory now, then checks for a newer one every `intervalMs`. */
  start(): Promise<void>;
  stop(): void;
  /** Brings the directory up to the saved version (a cheap read when nothing changed). */
  refresh(): Promise<void>;
}

/**
 * Keeps every instance on the directory the leads last saved: each checks the current version
 * number every few seconds and loads the whole directory only when it changed.
 */
export function createDirectorySync(options: {
  versions: DirectoryVersions;
  directory: LiveDirectory;
  logger: Logger;
  intervalMs: number;
}): DirectorySync {
  const { versions, directory, logger, intervalMs } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const load = async () => {
    if ((await versions.currentVersion()) === directory.version) return;
    const current = await versions.current();
    if (!current || current.version === directory.version) return;
    try {
      directory.use(
        parseNetworkDirectory(current.network, `directory version ${String(current.version)}`),
        current.version,
      );
      logger.info({ directoryVersion: current.version, outcome: 'directory_loaded' }, 'directory');
    } catch (error) {
      // Saved versions are checked before they are written: this is a row edited by hand.
      logger.error({ directoryVersion: current.version, error: errorSummary(error) }, 'saved directory is invalid');
    }
  };
  const refresh = () => {
    running ??= load().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () =>
    void refresh().catch((error: unknown) =>
      logger.warn({ outcome: 'directory_check_failed', error: errorSummary(error) }, 'directory'),
    );

  return {
    async start() {
      await refresh().catch((error: unknown) =>
        logger.warn({ outcome: 'directory_check_failed', error: errorSummary(error) }, 'directory'),
      );
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    refresh,
  };
}
