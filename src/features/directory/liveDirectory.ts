import { Answers } from './answers.js';
import type { Directory } from './directory.js';
import type { NetworkDirectory } from './networkDirectory.js';

/** The directory as the leads last saved it; `version` 0 is the file the bot started from. */
export interface LiveDirectory extends Directory {
  readonly version: number;
  /** The directory file's version (0), for history and restore. */
  readonly initial: NetworkDirectory;
  use(network: NetworkDirectory, version: number): void;
}

/**
 * A directory whose network part can be replaced while the bot runs (a lead saved on a card).
 * The reference data and the organisation search are shared with `base`: only the network changes.
 */
export function liveDirectory(base: Directory): LiveDirectory {
  let network = base.network;
  let answers = base.answers;
  let version = 0;
  return {
    get network() {
      return network;
    },
    get answers() {
      return answers;
    },
    get version() {
      return version;
    },
    initial: base.network,
    reference: base.reference,
    organisations: base.organisations,
    analyse: (text) => base.analyse(text),
    use(next, nextVersion) {
      network = next;
      answers = new Answers(next, base.reference);
      version = nextVersion;
    },
  };
}
