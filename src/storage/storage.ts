import type { TableClient } from '@azure/data-tables';
import { AuditLog } from './auditLog.js';
import { Broadcasts } from './broadcasts.js';
import { BuddyRequests } from './buddyRequests.js';
import { ConversationReferences } from './conversationReferences.js';
import { Leases } from './leases.js';
import { Profiles } from './profiles.js';
import { Subscriptions } from './subscriptions.js';
import { createTableClientFactory, type TableEndpoint } from './tableClientFactory.js';
import { WebinarSettings } from './webinarSettings.js';

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
} as const;

export interface Storage {
  conversations: ConversationReferences;
  profiles: Profiles;
  buddyRequests: BuddyRequests;
  audit: AuditLog;
  subscriptions: Subscriptions;
  webinarSettings: WebinarSettings;
  /** Reminder broadcasts and their outbox. */
  broadcasts: Broadcasts;
  leases: Leases;
  /** Resolves when storage answers a read within the timeout; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
}

export interface OpenStorageOptions {
  /** Letters only; keeps several test suites apart in one Azurite. */
  tablePrefix?: string;
}

/** Connects to the tables, creating any that are missing. */
export async function openStorage(endpoint: TableEndpoint, options: OpenStorageOptions = {}): Promise<Storage> {
  const tableFor = createTableClientFactory(endpoint);
  const prefix = options.tablePrefix ?? '';
  const clients = Object.fromEntries(
    Object.entries(TABLES).map(([role, name]) => [role, tableFor(`${prefix}${name}`)]),
  ) as Record<keyof typeof TABLES, TableClient>;
  await Promise.all(Object.values(clients).map((client) => client.createTable()));

  return {
    conversations: new ConversationReferences(clients.conversations),
    profiles: new Profiles(clients.profiles),
    buddyRequests: new BuddyRequests(clients.buddyRequests),
    audit: new AuditLog(clients.audit),
    subscriptions: new Subscriptions(clients.subscriptions),
    webinarSettings: new WebinarSettings(clients.webinarSettings),
    broadcasts: new Broadcasts(clients.broadcasts, clients.outbox),
    leases: new Leases(clients.leases),
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
