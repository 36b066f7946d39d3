import { setMaxListeners } from 'node:events';
import type { TableClient } from '@azure/data-tables';
import { AuditLog } from './features/privacy/auditLog.js';
import { Broadcasts } from './features/broadcast/broadcasts.js';
import { ReadReceipts } from './features/broadcast/readReceipts.js';
import { BuddyRequests } from './features/buddy/buddyRequests.js';
import { ConversationReferences } from './features/conversations/conversationReferences.js';
import { DirectoryVersions } from './features/directory/directoryVersions.js';
import { LeadRoster } from './features/leads/leadRoster.js';
import { Leases } from './platform/storage/leases.js';
import { Profiles } from './features/directory/profiles.js';
import { TaughtAnswerStore } from './features/answers/taughtAnswerStore.js';
import { SupportRequests } from './features/support/supportRequests.js';
import { Subscriptions } from './features/reminders/subscriptions.js';
import { createTableClientFactory, type TableEndpoint } from './platform/storage/tableClientFactory.js';
import { WebinarSettings } from './features/webinar/webinarSettings.js';

/** Every table the bot uses, by its role. Names are prefixed so test runs can share one account. */
const TABLES = {
  conversations: 'Conversations',
  profiles: 'Profiles',
  buddyRequests: 'BuddyRequests',
  audit: 'Audit',
  subscriptions: 'Subscriptions',
  webinarSettings: 'WebinarSettings',
  broadcasts: 'Broadcasts',
  outbox: 'Outbox',
  leases: 'Leases',
  roles: 'Roles',
  directory: 'Directory',
  supportRequests: 'SupportRequests',
  taughtAnswers: 'TaughtAnswers',
  readReceipts: 'ReadReceipts',
} as const;

export interface Storage {
  conversations: ConversationReferences;
  profiles: Profiles;
  buddyRequests: BuddyRequests;
  audit: AuditLog;
  subscriptions: Subscriptions;
  webinarSettings: WebinarSettings;
  /** Broadcasts (reminders, announcements, corrections) and their outbox. */
  broadcasts: Broadcasts;
  /** The last message each person read in their chat with the bot (Teams' read receipts). */
  readReceipts: ReadReceipts;
  leases: Leases;
  /** The leads added from Teams (owners are config). */
  roles: LeadRoster;
  /** The network directory as the leads keep it, with every saved version. */
  directory: DirectoryVersions;
  /** Questions to the national lead, tracked until answered. */
  supportRequests: SupportRequests;
  /** The answers the leads taught the bot, every version kept. */
  taughtAnswers: TaughtAnswerStore;
  /** Resolves when storage answers a read within the timeout; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
}

export interface OpenStorageOptions {
  /** Letters only; keeps several test suites apart in one Azurite. */
  tablePrefix?: string;
  /** How long opening may take before it gives up with a StorageUnavailableError. */
  timeoutMs?: number;
}

/** The tables could not be opened; `answer` is what storage said (or that it said nothing), in a few words. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(readonly answer: string) {
    super(`table storage could not be opened: ${answer}`);
  }
}

/** Connects to the tables, creating any that are missing; throws a StorageUnavailableError saying what storage answered. */
export async function openStorage(endpoint: TableEndpoint, options: OpenStorageOptions = {}): Promise<Storage> {
  const tableFor = createTableClientFactory(endpoint);
  const prefix = options.tablePrefix ?? '';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clients = Object.fromEntries(
    Object.entries(TABLES).map(([role, name]) => [role, tableFor(`${prefix}${name}`)]),
  ) as Record<keyof typeof TABLES, TableClient>;
  const abortSignal = AbortSignal.timeout(timeoutMs);
  // One listener per table: more than Node's default of 10 is expected here, not a leak.
  setMaxListeners(Object.keys(TABLES).length + 1, abortSignal);
  try {
    await Promise.all(Object.values(clients).map((client) => client.createTable({ abortSignal })));
  } catch (error) {
    throw new StorageUnavailableError(
      abortSignal.aborted ? `no answer within ${String(timeoutMs / 1000)} s` : storageAnswerOf(error),
    );
  }

  return {
    conversations: new ConversationReferences(clients.conversations),
    profiles: new Profiles(clients.profiles),
    buddyRequests: new BuddyRequests(clients.buddyRequests),
    audit: new AuditLog(clients.audit),
    subscriptions: new Subscriptions(clients.subscriptions),
    webinarSettings: new WebinarSettings(clients.webinarSettings),
    broadcasts: new Broadcasts(clients.broadcasts, clients.outbox),
    readReceipts: new ReadReceipts(clients.readReceipts),
    leases: new Leases(clients.leases),
    roles: new LeadRoster(clients.roles),
    directory: new DirectoryVersions(clients.directory),
    supportRequests: new SupportRequests(clients.supportRequests),
    taughtAnswers: new TaughtAnswerStore(clients.taughtAnswers),
    ping: (timeoutMs = 2000) => pingTable(clients.conversations, timeoutMs),
  };
}

async function pingTable(table: TableClient, timeoutMs: number): Promise<void> {
  const abortSignal = AbortSignal.timeout(timeoutMs);
  const page = table
    .listEntities({ queryOptions: { select: ['PartitionKey'] }, abortSignal })
    .byPage({ maxPageSize: 1 });
  await page.next();
}

/** "403 AuthorizationFailure", "ECONNREFUSED", "CredentialUnavailableError": enough to know what to fix. */
function storageAnswerOf(error: unknown): string {
  if (!(error instanceof Error)) return 'an unknown error';
  const { statusCode, code, details } = error as {
    statusCode?: unknown;
    code?: unknown;
    details?: { errorCode?: unknown; odataError?: { code?: unknown } };
  };
  const named = [details?.errorCode, details?.odataError?.code, code].find(
    (value) => typeof value === 'string' && !/^\d+$/.test(value),
  );
  const parts = [
    typeof statusCode === 'number' ? String(statusCode) : undefined,
    typeof named === 'string' ? named : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : error.name;
}
