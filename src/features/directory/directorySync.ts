import { errorSummary } from '../../platform/errorSummary.js';
import type { Logger } from '../../platform/logger.js';
import type { CurrentDirectory, DirectoryVersions } from './directoryVersions.js';
import type { LiveDirectory } from './liveDirectory.js';
import { DirectoryError, parseNetworkDirectory } from './networkDirectory.js';

/**
 * Brings the live directory up to the one the leads saved: one read of the version number, and
 * the whole directory only when it is newer (`current` when the caller has read it already).
 * Resolves to the version now in use when it changed; throws a DirectoryError for an invalid one.
 */
export async function followSaved(
  versions: Pick<DirectoryVersions, 'currentVersion' | 'current'>,
  directory: LiveDirectory,
  current?: CurrentDirectory,
): Promise<number | undefined> {
  if (current === undefined && (await versions.currentVersion()) === directory.version) return undefined;
  const saved = current ?? (await versions.current());
  if (!saved || saved.version === directory.version) return undefined;
  directory.use(parseNetworkDirectory(saved.network, `directory version ${String(saved.version)}`), saved.version);
  return saved.version;
}

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
    try {
      const loaded = await followSaved(versions, directory);
      if (loaded !== undefined) logger.info({ directoryVersion: loaded, outcome: 'directory_loaded' }, 'directory');
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      // Saved versions are checked before they are written: this is a row edited by hand.
      logger.error({ error: errorSummary(error) }, 'saved directory is invalid');
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
