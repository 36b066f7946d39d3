import { describe, expect, it } from 'vitest';
import { createWebinars, type SavedWebinarSettings } from '../../../../src/features/webinar/webinars.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const now = () => new Date('2026-12-01T00:00:00Z');
const DECEMBER = '2026-12-10T13:00';
const JANUARY = '2027-01-14T13:00';

function storeOf(saved: SavedWebinarSettings) {
  let reads = 0;
  return {
    reads: () => reads,
    load: () => {
      reads += 1;
      return Promise.resolve(saved);
    },
  };
}

describe('the webinars a person is told about', () => {
  it('follow the configured schedule until a lead saves one', async () => {
    const webinars = createWebinars({
      configured: SECOND_THURSDAY_AT_ONE,
      store: storeOf({ schedule: undefined, changes: [] }),
      now,
    });
    expect((await webinars.next())?.occurrence.id).toBe(DECEMBER);
  });

  it("follow the lead's saved schedule over the configured one", async () => {
    const lastFriday = { ...SECOND_THURSDAY_AT_ONE, rule: 'FREQ=MONTHLY;BYDAY=-1FR', startTime: '10:00' };
    const webinars = createWebinars({
      configured: SECOND_THURSDAY_AT_ONE,
      store: storeOf({ schedule: lastFriday, changes: [] }),
      now,
    });
    expect((await webinars.next())?.occurrence.start.toISOString()).toBe('2026-12-25T10:00:00.000Z');
  });

  it("skip a cancelled date, which the lead's card still lists", async () => {
    const store = storeOf({
      schedule: undefined,
      changes: [{ occurrenceId: DECEMBER, topic: undefined, joinUrl: undefined, cancelled: true }],
    });
    const webinars = createWebinars({ configured: SECOND_THURSDAY_AT_ONE, store, now });

    expect((await webinars.next())?.occurrence.id).toBe(JANUARY);
    expect((await webinars.upcoming(2)).map((occurrence) => occurrence.id)).toEqual([JANUARY, '2027-02-11T13:00']);
    expect(
      (await webinars.upcoming(2, { includeCancelled: true })).map((occurrence) => [
        occurrence.id,
        occurrence.cancelled,
      ]),
    ).toEqual([
      [DECEMBER, true],
      [JANUARY, false],
    ]);
  });

  it("show one date's own topic and link, the others keep the schedule's", async () => {
    const configured = {
      ...SECOND_THURSDAY_AT_ONE,
      topic: 'Open forum',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/series',
    };
    const store = storeOf({
      schedule: undefined,
      changes: [
        {
          occurrenceId: JANUARY,
          topic: 'Insulin safety',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/january',
          cancelled: false,
        },
      ],
    });
    const [december, january] = await createWebinars({ configured, store, now }).upcoming(2);

    expect(december).toMatchObject({
      topic: 'Open forum',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/series',
    });
    expect(january).toMatchObject({
      topic: 'Insulin safety',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/january',
    });
  });

  it('read storage once for several questions, and again after a save here', async () => {
    const store = storeOf({ schedule: undefined, changes: [] });
    const webinars = createWebinars({ configured: SECOND_THURSDAY_AT_ONE, store, now });
    await webinars.next();
    await webinars.upcoming(3);
    expect(store.reads()).toBe(1);

    webinars.invalidate();
    await webinars.next();
    expect(store.reads()).toBe(2);
  });

  it('try storage again after a failed read', async () => {
    let fail = true;
    const webinars = createWebinars({
      configured: SECOND_THURSDAY_AT_ONE,
      store: {
        load: () =>
          fail ? Promise.reject(new Error('storage down')) : Promise.resolve({ schedule: undefined, changes: [] }),
      },
      now,
    });
    await expect(webinars.next()).rejects.toThrow('storage down');
    fail = false;
    expect((await webinars.next())?.occurrence.id).toBe(DECEMBER);
  });

  it('list the past year of dates, newest first, with their changes', async () => {
    const store = storeOf({
      schedule: undefined,
      changes: [{ occurrenceId: '2026-11-12T13:00', topic: undefined, joinUrl: undefined, cancelled: true }],
    });
    const past = await createWebinars({ configured: SECOND_THURSDAY_AT_ONE, store, now }).past(12);

    expect(past.map((occurrence) => occurrence.id)).toEqual([
      '2026-11-12T13:00',
      '2026-10-08T13:00',
      '2026-09-10T13:00',
      '2026-08-13T13:00',
      '2026-07-09T13:00',
      '2026-06-11T13:00',
      '2026-05-14T13:00',
      '2026-04-09T13:00',
      '2026-03-12T13:00',
      '2026-02-12T13:00',
      '2026-01-08T13:00',
      '2025-12-11T13:00',
    ]);
    expect(past[0]?.cancelled).toBe(true);
  });

  it('list recordings of dates that have begun, newest first, whatever the schedule is now', async () => {
    const recording = (occurrenceId: string) => ({
      occurrenceId,
      topic: undefined,
      joinUrl: undefined,
      cancelled: false,
      recordingUrl: `https://example.org/${occurrenceId}`,
    });
    const store = storeOf({
      schedule: { ...SECOND_THURSDAY_AT_ONE, rule: 'FREQ=MONTHLY;BYDAY=-1FR' },
      changes: [
        recording('2026-10-08T13:00'),
        recording('2026-11-12T13:00'),
        { ...recording('2026-09-10T13:00'), recordingUrl: undefined },
        // Not yet begun: a recording cannot be of it.
        recording(DECEMBER),
      ],
    });
    const recordings = await createWebinars({ configured: undefined, store, now }).recordings();

    expect(recordings.map((found) => found.occurrenceId)).toEqual(['2026-11-12T13:00', '2026-10-08T13:00']);
    expect(recordings[0]?.start.toISOString()).toBe('2026-11-12T13:00:00.000Z');
  });

  it('have none when nothing is configured or saved', async () => {
    expect(await createWebinars({ configured: undefined, now }).next()).toBeUndefined();
  });
});
