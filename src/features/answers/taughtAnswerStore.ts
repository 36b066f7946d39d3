import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  succeeds,
  unlessMissing,
} from '../../platform/storage/tableErrors.js';
import type { TaughtAnswer } from './taughtAnswers.js';

/** One version in an answer's history; `removed` marks the version that took it away. */
export interface AnswerVersion {
  answer: TaughtAnswer;
  removed: boolean;
}

interface AnswerEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  removed?: boolean;
}

/** Everything in one partition, so a change, its history row and the new generation are one transaction. */
const PARTITION = 'answers';
const GENERATION = 'generation';
const currentKey = (id: string) => `current.${id}`;
const historyKey = (id: string, version: number) => `history.${id}.${String(version).padStart(6, '0')}`;

/**
 * Table `TaughtAnswers`: the answers the leads taught, each version kept with who saved it and
 * when. A change writes the answer (on the ETag read), its history row and a new generation
 * number together, all or nothing; instances read the generation every few seconds and load the
 * answers only when it moved.
 */
export class TaughtAnswerStore {
  constructor(private readonly table: TableClient) {}

  /** Bumped by every change; 0 before the first. */
  async generation(): Promise<{ value: number; etag: string | undefined }> {
    const row = await unlessMissing(() => this.table.getEntity<{ value: number }>(PARTITION, GENERATION));
    return { value: row?.value ?? 0, etag: row?.etag };
  }

  async get(id: string): Promise<TaughtAnswer | undefined> {
    const row = await unlessMissing(() => this.table.getEntity<AnswerEntity>(PARTITION, currentKey(id)));
    return row && (JSON.parse(row.body) as TaughtAnswer);
  }

  /** Every current answer, by title. */
  async list(): Promise<TaughtAnswer[]> {
    const answers: TaughtAnswer[] = [];
    for await (const row of this.table.listEntities<AnswerEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION} and RowKey ge 'current.' and RowKey lt 'current/'` },
    })) {
      if (row.rowKey.startsWith('current.')) answers.push(JSON.parse(row.body) as TaughtAnswer);
    }
    return answers.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  }

  /** An answer's versions, oldest first. */
  async history(id: string): Promise<AnswerVersion[]> {
    const prefix = `history.${id}.`;
    const versions: AnswerVersion[] = [];
    for await (const row of this.table.listEntities<AnswerEntity>({
      queryOptions: {
        filter: odata`PartitionKey eq ${PARTITION} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`,
      },
    })) {
      versions.push({ answer: JSON.parse(row.body) as TaughtAnswer, removed: row.removed === true });
    }
    return versions;
  }

  /**
   * Saves an answer as its next version: a new one when `expectedVersion` is undefined, else only
   * if the stored answer is still that version. False when somebody changed it meanwhile (any
   * change moves the generation, which this write is conditional on).
   */
  async save(answer: TaughtAnswer, expectedVersion: number | undefined): Promise<boolean> {
    const body = JSON.stringify(answer);
    return this.commit(answer.id, expectedVersion, [
      ['upsert', { partitionKey: PARTITION, rowKey: currentKey(answer.id), body }, 'Replace'],
      ['create', { partitionKey: PARTITION, rowKey: historyKey(answer.id, answer.version), body, removed: false }],
    ]);
  }

  /** Removes the answer if it is still `expectedVersion`, keeping its history with a last row saying who removed it. */
  async remove(removal: TaughtAnswer, expectedVersion: number): Promise<boolean> {
    return this.commit(removal.id, expectedVersion, [
      ['delete', { partitionKey: PARTITION, rowKey: currentKey(removal.id) }],
      [
        'create',
        {
          partitionKey: PARTITION,
          rowKey: historyKey(removal.id, removal.version),
          body: JSON.stringify(removal),
          removed: true,
        },
      ],
    ]);
  }

  /**
   * Erasure of a lead: the versions they saved keep their content under the pseudonym (what an
   * answer says is the network's, not the lead's). Resolves to how many rows changed.
   */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string): Promise<number> {
    let changed = 0;
    for await (const row of this.table.listEntities<AnswerEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
    })) {
      if (!row.rowKey || row.rowKey === GENERATION) continue;
      const answer = JSON.parse(row.body) as TaughtAnswer;
      if (!ids.has(answer.updatedBy)) continue;
      const scrubbed: TaughtAnswer = { ...answer, updatedBy: pseudonym, updatedByName: 'A lead' };
      await this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: row.rowKey, body: JSON.stringify(scrubbed) },
        'Merge',
      );
      changed += 1;
    }
    if (changed > 0) await this.bumpGeneration();
    return changed;
  }

  /**
   * The change and a new generation, together, if the answer is still the version the caller saw;
   * the generation is read first, so a change made after it fails the whole transaction.
   */
  private async commit(
    id: string | undefined,
    expectedVersion: number | undefined,
    actions: TransactionAction[],
  ): Promise<boolean> {
    const generation = await this.generation();
    if (id !== undefined && (await this.get(id))?.version !== expectedVersion) return false;
    const next = { partitionKey: PARTITION, rowKey: GENERATION, value: generation.value + 1 };
    const bump: TransactionAction =
      generation.etag === undefined ? ['create', next] : ['update', next, 'Replace', { etag: generation.etag }];
    return succeeds(
      () => this.table.submitTransaction([...actions, bump]),
      isPreconditionFailed,
      isConflict,
      isNotFound,
    );
  }

  private async bumpGeneration(): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt += 1) if (await this.commit(undefined, undefined, [])) return;
  }
}
