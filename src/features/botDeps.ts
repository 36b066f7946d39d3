import type { LiveDirectory } from './directory/liveDirectory.js';
import type { Logger } from '../platform/logger.js';
import type { Understand } from './questions/understand.js';
import type { Storage } from '../storage.js';
import type { Webinars } from './webinar/index.js';
import type { BroadcastRunner } from './broadcast/broadcastRunner.js';
import type { Feature, IntentHandler } from './feature.js';
import type { Messenger } from './messenger.js';
import type { TaughtAnswerBook } from './answers/taughtAnswerBook.js';
import type { Roles } from './leads/roles.js';
import type { IntentOrNone } from './questions/intents.js';

/** What the bot's handlers may use; passed in once by the composition root. */
export interface BotDeps {
  storage: Storage;
  logger: Logger;
  /** The directory the leads last saved (every instance follows within seconds). */
  directory: LiveDirectory;
  /** Local mode (the Playground): the sample directory is expected, so lead cards do not warn about it. */
  localMode: boolean;
  understand: Understand;
  messenger: Messenger;
  /** Who is a lead: the owners from config and the deputies they add from Teams. */
  roles: Roles;
  /** The webinar's dates: the lead's saved schedule, else the configured one. */
  webinars: Webinars;
  /** Starts a broadcast a lead asked for (a reminder now, an announcement, a correction of sent copies). */
  broadcasting: Pick<BroadcastRunner, 'launch' | 'sendSoon'>;
  /** The features the app is made of (privacy asks each what it holds and how to erase it). */
  features: readonly Feature[];
  /** Intent -> the feature handler that answers it. */
  intents: Readonly<Record<IntentOrNone, IntentHandler>>;
  /** The answers the leads taught, as this instance knows them (kept up to date within seconds). */
  taughtAnswers: TaughtAnswerBook;
  /** The calendar file's address for cards (`<PUBLIC_BASE_URL>/webinar.ics`); undefined leaves the link out. */
  webinarCalendarUrl: string | undefined;
}
