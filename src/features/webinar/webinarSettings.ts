import { odata, type TableClient } from '@azure/data-tables';
import { isNotFound } from '../../platform/storage/tableErrors.js';
import type { OccurrenceChange, WebinarSchedule } from './schedule.js';
import type { SavedWebinarSettings, WebinarSettingsStore } from './webinars.js';

interface ScheduleEntity {
  partitionKey: string;
  rowKey: string;
  rule: string;
  firstDate: string;
  startTime: string;
  durationMinutes: number;
  topic: string;
  joinUrl: string;
  updatedAt: string;
  updatedBy: string;
}

interface ChangeEntity {
  partitionKey: string;
  rowKey: string;
  occurrenceId: string;
  topic: string;
  joinUrl: string;
  cancelled: boolean;
  /** Absent from rows written before recordings were kept. */
  recordingUrl?: string;
  updatedAt: string;
  updatedBy: string;
}

const PARTITION = 'webinar';
const SCHEDULE_ROW = 'schedule';
/** Change rows sort after the schedule row: `change.2026-12-10T13:00`. */
const CHANGE_PREFIX = 'change.';

/** Table `WebinarSettings`: the lead's schedule (one row) and changes to single dates (a row each). */
export class WebinarSettings implements WebinarSettingsStore {
  constructor(private readonly table: TableClient) {}

  async load(): Promise<SavedWebinarSettings> {
    let schedule: WebinarSchedule | undefined;
    const changes: OccurrenceChange[] = [];
    const rows = this.table.listEntities<ScheduleEntity & ChangeEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
    });
    for await (const row of rows) {
      if (row.partitionKey !== PARTITION) continue;
      if (row.rowKey === SCHEDULE_ROW) {
        schedule = {
          rule: row.rule,
          firstDate: row.firstDate || undefined,
          startTime: row.startTime,
          durationMinutes: row.durationMinutes,
          topic: row.topic || undefined,
          joinUrl: row.joinUrl || undefined,
        };
      } else if (row.rowKey.startsWith(CHANGE_PREFIX)) {
        changes.push({
          occurrenceId: row.occurrenceId,
          topic: row.topic || undefined,
          joinUrl: row.joinUrl || undefined,
          cancelled: row.cancelled,
          recordingUrl: row.recordingUrl || undefined,
        });
      }
    }
    return { schedule, changes };
  }

  /** Replaces the schedule. Changes to single dates stay: they are keyed by date and time, so they apply while those still occur. */
  async saveSchedule(schedule: WebinarSchedule, by: string, now: Date): Promise<void> {
    const entity: ScheduleEntity = {
      partitionKey: PARTITION,
      rowKey: SCHEDULE_ROW,
      rule: schedule.rule,
      firstDate: schedule.firstDate ?? '',
      startTime: schedule.startTime,
      durationMinutes: schedule.durationMinutes,
      topic: schedule.topic ?? '',
      joinUrl: schedule.joinUrl ?? '',
      updatedAt: now.toISOString(),
      updatedBy: by,
    };
    await this.table.upsertEntity(entity, 'Replace');
  }

  /** Erasure: a lead who saved settings is no longer named by their id. */
  async forgetEditor(userId: string, pseudonym: string): Promise<void> {
    const rows = this.table.listEntities<{ updatedBy: string }>({
      queryOptions: { filter: odata`PartitionKey eq ${PARTITION} and updatedBy eq ${userId}` },
    });
    for await (const row of rows) {
      if (row.partitionKey !== PARTITION || row.updatedBy !== userId) continue;
      await this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: row.rowKey ?? '', updatedBy: pseudonym },
        'Merge',
      );
    }
  }

  /**
   * Sets the change for one date. A field left empty keeps what an earlier change gave it (as the
   * first settings card's form started empty); `replaceChange` sets exactly what it is given.
   */
  async saveChange(typed: OccurrenceChange, by: string, now: Date): Promise<void> {
    const earlier = (await this.load()).changes.find((change) => change.occurrenceId === typed.occurrenceId);
    await this.replaceChange(
      {
        ...typed,
        topic: typed.topic ?? earlier?.topic,
        joinUrl: typed.joinUrl ?? earlier?.joinUrl,
        recordingUrl: typed.recordingUrl ?? earlier?.recordingUrl,
      },
      by,
      now,
    );
  }

  /** Sets one date's change as given; a change that changes nothing removes the row. */
  async replaceChange(change: OccurrenceChange, by: string, now: Date): Promise<void> {
    const rowKey = `${CHANGE_PREFIX}${change.occurrenceId}`;
    if (!change.cancelled && !change.topic && !change.joinUrl && !change.recordingUrl) {
      await this.table.deleteEntity(PARTITION, rowKey).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
      return;
    }
    const entity: ChangeEntity = {
      partitionKey: PARTITION,
      rowKey,
      occurrenceId: change.occurrenceId,
      topic: change.topic ?? '',
      joinUrl: change.joinUrl ?? '',
      cancelled: change.cancelled,
      recordingUrl: change.recordingUrl ?? '',
      updatedAt: now.toISOString(),
      updatedBy: by,
    };
    await this.table.upsertEntity(entity, 'Replace');
  }
}
