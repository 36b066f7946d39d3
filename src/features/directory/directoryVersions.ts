import { type TableClient, type TransactionAction } from '@azure/data-tables';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';
import type { NetworkDirectory } from './networkDirectory.js';

/** Who saved a version, when, and what it changed. */
export interface VersionInfo {
  /** 1, 2, 3…; 0 is the directory file the bot started from (never stored). */
  version: number;
  savedBy: string;
  /** Their name when they saved, for "who saved first" without another look-up. */
  savedByName: string;
  savedAt: string;
  /** Which part of the directory changed: 'national', 'steering', 'source' or a region code. */
  section: string;
  /** For a restore: the version it brought back. */
  restoredFrom: number | undefined;
}

export interface DirectoryVersion extends VersionInfo {
  network: NetworkDirectory;
}

export interface CurrentDirectory extends DirectoryVersion {
  etag: string;
}

export type SaveResult = { saved: true; version: number } | { saved: false; current: CurrentDirectory | undefined };

interface VersionEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  version: number;
  savedBy: string;
  savedByName: string;
  savedAt: string;
  section: string;
  restoredFrom: number;
}

/** Every row is in one partition, so the current row and its version row are written in one transaction. */
const PARTITION = 'directory';
const CURRENT = 'current';
/** Version rows sort newest first: `v-9999999988` is version 11. */
const VERSION_PREFIX = 'v-';
const NEWEST_FIRST = 9_999_999_999;
/** A string property holds at most 32K UTF-16 characters: the directory's JSON is split across columns. */
const COLUMN_CHARS = 30_000;
const MAX_COLUMNS = 30;

const versionKey = (version: number) => `${VERSION_PREFIX}${String(NEWEST_FIRST - version).padStart(10, '0')}`;

/**
 * Table `Directory`: the directory as the leads keep it. Row `current` is what the bot uses;
 * each save also writes an unchanging version row, so history and restore need no diffing.
 * A save is written over the ETag that was read: two leads saving at once give one version.
 */
export class DirectoryVersions {
  constructor(private readonly table: TableClient) {}

  async current(): Promise<CurrentDirectory | undefined> {
    const entity = await unlessMissing(() => this.table.getEntity<VersionEntity>(PARTITION, CURRENT));
    return entity && { ...fromEntity(entity), etag: entity.etag };
  }

  /** The version number of `current` alone, for the cheap check every few seconds. */
  async currentVersion(): Promise<number> {
    const entity = await unlessMissing(() =>
      this.table.getEntity<{ version: number }>(PARTITION, CURRENT, { queryOptions: { select: ['version'] } }),
    );
    return entity?.version ?? 0;
  }

  async get(version: number): Promise<DirectoryVersion | undefined> {
    const entity = await unlessMissing(() => this.table.getEntity<VersionEntity>(PARTITION, versionKey(version)));
    return entity && fromEntity(entity);
  }

  /** The newest versions first, without their contents. */
  async history(count: number): Promise<VersionInfo[]> {
    const rows = this.table.listEntities<VersionEntity>({
      queryOptions: {
        filter: `PartitionKey eq '${PARTITION}' and RowKey ge '${VERSION_PREFIX}' and RowKey lt 'v.'`,
        select: ['RowKey', 'version', 'savedBy', 'savedByName', 'savedAt', 'section', 'restoredFrom'],
      },
    });
    const out: VersionInfo[] = [];
    for await (const entity of rows) {
      if (!isVersionRow(entity)) continue;
      out.push(infoOf(entity));
      if (out.length >= count) break;
    }
    return out;
  }

  /**
   * Writes `network` as the next version, over `basis` (the current row as it was read; undefined
   * when nothing was saved yet). Not saved when somebody saved in between: the result holds theirs.
   */
  async save(
    network: NetworkDirectory,
    basis: CurrentDirectory | undefined,
    info: Omit<VersionInfo, 'version'>,
  ): Promise<SaveResult> {
    const version = (basis?.version ?? 0) + 1;
    const columns = toColumns(network);
    const fields = { version, ...info, restoredFrom: info.restoredFrom ?? -1, ...columns };
    const current = { partitionKey: PARTITION, rowKey: CURRENT, ...fields };
    const actions: TransactionAction[] = [
      basis ? ['update', current, 'Replace', { etag: basis.etag }] : ['create', current],
      ['create', { partitionKey: PARTITION, rowKey: versionKey(version), ...fields }],
    ];
    const saved = await succeeds(
      () => this.table.submitTransaction(actions),
      isPreconditionFailed,
      isConflict,
      isNotFound,
    );
    return saved ? { saved: true, version } : { saved: false, current: await this.current() };
  }

  /** Erasure: who saved a version becomes the pseudonym; what the directory says is the network's, not theirs. */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string): Promise<number> {
    let changed = 0;
    const rows = this.table.listEntities<VersionEntity>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}'`, select: ['RowKey', 'savedBy'] },
    });
    for await (const entity of rows) {
      if (!ids.has(entity.savedBy)) continue;
      await this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: entity.rowKey, savedBy: pseudonym, savedByName: 'an erased person' },
        'Merge',
      );
      changed += 1;
    }
    return changed;
  }

  /** How many versions this person saved, for "what do you hold about me". */
  async countSavedBy(ids: ReadonlySet<string>): Promise<number> {
    let count = 0;
    const rows = this.table.listEntities<VersionEntity>({
      queryOptions: {
        filter: `PartitionKey eq '${PARTITION}' and RowKey ne '${CURRENT}'`,
        select: ['RowKey', 'savedBy'],
      },
    });
    for await (const entity of rows) if (isVersionRow(entity) && ids.has(entity.savedBy)) count += 1;
    return count;
  }
}

/** Checked in code as well: Azurite has been seen to return rows its filter should have left out. */
function isVersionRow(entity: { rowKey?: string }): boolean {
  return entity.rowKey?.startsWith(VERSION_PREFIX) === true;
}

function toColumns(network: NetworkDirectory): Record<string, string> {
  const json = JSON.stringify(network);
  const count = Math.ceil(json.length / COLUMN_CHARS);
  if (count > MAX_COLUMNS) throw new Error('The directory is too large to store');
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `json${String(index)}`,
      json.slice(index * COLUMN_CHARS, (index + 1) * COLUMN_CHARS),
    ]),
  );
}

function fromColumns(entity: Record<string, unknown>): NetworkDirectory {
  let json = '';
  for (let index = 0; typeof entity[`json${String(index)}`] === 'string'; index += 1)
    json += entity[`json${String(index)}`] as string;
  // Written only by this class from a checked directory; checked again by whoever uses it.
  return JSON.parse(json) as NetworkDirectory;
}

function infoOf(entity: VersionEntity): VersionInfo {
  return {
    version: entity.version,
    savedBy: entity.savedBy,
    savedByName: entity.savedByName,
    savedAt: entity.savedAt,
    section: entity.section,
    restoredFrom: entity.restoredFrom >= 0 ? entity.restoredFrom : undefined,
  };
}

function fromEntity(entity: VersionEntity): DirectoryVersion {
  return { ...infoOf(entity), network: fromColumns(entity) };
}
