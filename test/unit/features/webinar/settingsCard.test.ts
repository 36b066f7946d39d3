import { describe, expect, it } from 'vitest';
import { answerCard } from '../../../../src/features/answerCard.js';
import { loadNetworkDirectory } from '../../../../src/features/directory/networkDirectory.js';
import { recordingsAnswer } from '../../../../src/features/webinar/recordingsAnswer.js';
import { settingsCard } from '../../../../src/features/webinar/settingsCard.js';
import { createWebinars, type SavedWebinarSettings } from '../../../../src/features/webinar/webinars.js';
import type { OccurrenceChange, WebinarSchedule } from '../../../../src/features/webinar/schedule.js';
import { VERBS } from '../../../../src/features/verbs.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';
import { cardProblems } from '../../../support/validateCard.js';
import { buttonData, elementsOf } from '../../../support/cardElements.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const DECEMBER = '2026-12-10T13:00';
const NOVEMBER = '2026-11-12T13:00';
const OCTOBER = '2026-10-08T13:00';
const LINK = 'https://teams.microsoft.com/l/meetup-join/december';
const RECORDING = 'https://example.sharepoint.com/recordings/november';

const change = (occurrenceId: string, fields: Partial<OccurrenceChange>): OccurrenceChange => ({
  occurrenceId,
  topic: undefined,
  joinUrl: undefined,
  cancelled: false,
  ...fields,
});

function depsWith(
  saved: Partial<SavedWebinarSettings>,
  configured: WebinarSchedule | undefined = SECOND_THURSDAY_AT_ONE,
) {
  const settings: SavedWebinarSettings = { schedule: undefined, changes: [], ...saved };
  return { webinars: createWebinars({ configured, store: { load: () => Promise.resolve(settings) }, now: () => NOW }) };
}

type Element = Record<string, unknown>;

/** Every element of the card with an id, by id. */
const inputsOf = (card: unknown) =>
  new Map(
    elementsOf(card).flatMap((element) =>
      typeof element.id === 'string' && typeof element.type === 'string' ? [[element.id, element] as const] : [],
    ),
  );

const expectSound = (card: unknown) => {
  expect(JSON.stringify(card)).not.toContain('${');
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(cardProblems(card)).toEqual([]);
};

describe("the lead's webinar settings card", () => {
  it.each([
    ['with no schedule at all', depsWith({}, undefined), {}],
    ['with the next date shown', depsWith({}), {}],
    [
      'with a cancelled date shown with its own topic and link',
      depsWith({ changes: [change(DECEMBER, { cancelled: true, topic: 'Insulin', joinUrl: LINK })] }),
      { date: DECEMBER },
    ],
    [
      'with a past date shown with its recording',
      depsWith({ changes: [change(NOVEMBER, { recordingUrl: RECORDING })] }),
      {
        date: NOVEMBER,
        message: 'Saved: the webinar of 12 November 2026 \u2014 recording link added.',
        good: true,
        messageAt: 'date' as const,
      },
    ],
    [
      'with a problem at every field',
      depsWith({}),
      {
        message: 'Nothing was saved: check the fields marked below.',
        errors: {
          weekOfMonth: 'Choose which week of the month.',
          weekday: 'Choose the day of the week.',
          rule: 'The bot cannot read this as a rule.',
          firstDate: 'Give the first date as a real date.',
          startTime: 'Give the start time as HH:MM.',
          durationMinutes: 'Give the length.',
          topic: 'Keep the topic to one line.',
          joinUrl: 'Give the joining link as an https address.',
          occurrenceId: 'Choose which webinar.',
          occurrenceTopic: 'Keep the topic to one line.',
          occurrenceJoinUrl: 'Give the joining link as an https address.',
          cancelled: 'Say whether this webinar is cancelled.',
          recordingUrl: 'Give the recording link as an https address.',
        },
      },
    ],
  ])('is a valid Adaptive Card 1.5 %s', async (_state, deps, state) => {
    expectSound(await settingsCard(deps, state, NOW));
  });

  it('shows a schedule the choices can give as the choices, with the Advanced rule empty, and names the week', async () => {
    const card = await settingsCard(depsWith({}), {}, NOW);
    const inputs = inputsOf(card);

    expect(inputs.get('weekOfMonth')?.value).toBe('2');
    expect(inputs.get('weekday')?.value).toBe('TH');
    expect(inputs.get('rule')?.value).toBe('');
    expect(JSON.stringify(card)).toContain('Now: the second Thursday of every month, 13:00 to 14:00 UK time.');
  });

  it('shows a rule the choices cannot give in the Advanced field, still in words', async () => {
    const everyOtherMonth = {
      ...SECOND_THURSDAY_AT_ONE,
      rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
      firstDate: '2026-01-01',
    };
    const card = await settingsCard(depsWith({ schedule: everyOtherMonth }), {}, NOW);
    const inputs = inputsOf(card);

    expect(inputs.get('weekOfMonth')?.value).toBe('');
    expect(inputs.get('rule')?.value).toBe('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH');
    expect(JSON.stringify(card)).toContain('the second Thursday of every other month, starting 1 January 2026');
  });

  it('shows the chosen date as it stands, cancelled, with its own topic and link, and its save button carries what it showed', async () => {
    const deps = depsWith({ changes: [change(DECEMBER, { cancelled: true, topic: 'Insulin', joinUrl: LINK })] });
    const card = await settingsCard(deps, { date: DECEMBER }, NOW);
    const inputs = inputsOf(card);

    expect(JSON.stringify(card)).toContain('As it stands: cancelled, so no reminders go out for it.');
    expect(inputs.get('cancelled')?.value).toBe('true');
    expect(inputs.get('occurrenceTopic')?.value).toBe('Insulin');
    expect(inputs.get('occurrenceJoinUrl')?.value).toBe(LINK);
    expect(inputs.has('recordingUrl')).toBe(false);
    expect(buttonData(card, VERBS.changeWebinarOccurrence)).toEqual({
      shownOccurrenceId: DECEMBER,
      shownTopic: 'Insulin',
      shownJoinUrl: LINK,
      shownCancelled: 'true',
      shownRecordingUrl: '',
      shownPast: 'false',
    });
    expect(buttonData(card, VERBS.showWebinarOccurrence)).toBeUndefined();
  });

  it('offers the past year\u2019s dates for a recording, newest first after the coming ones, and shows a past one without the cancel toggle', async () => {
    const deps = depsWith({ changes: [change(NOVEMBER, { recordingUrl: RECORDING })] });
    const card = await settingsCard(deps, { date: NOVEMBER }, NOW);
    const inputs = inputsOf(card);
    const choices = (inputs.get('occurrenceId')?.choices ?? []) as { title: string; value: string }[];

    expect(choices.slice(0, 4).map((choice) => choice.value)).toEqual([
      DECEMBER,
      '2027-01-14T13:00',
      '2027-02-11T13:00',
      '2027-03-11T13:00',
    ]);
    expect(choices.find((choice) => choice.value === NOVEMBER)?.title).toBe(
      'Thursday 12 November 2026 (recording added)',
    );
    expect(choices.find((choice) => choice.value === OCTOBER)?.title).toBe('Thursday 8 October 2026 (took place)');
    expect(
      choices.filter((choice) => choice.title.includes('took place') || choice.title.includes('recording')),
    ).toHaveLength(12);
    expect(inputs.get('recordingUrl')?.value).toBe(RECORDING);
    expect(inputs.has('cancelled')).toBe(false);
    expect(inputs.has('occurrenceTopic')).toBe(false);
  });

  it("puts a date's message by that date's save button, where the lead pressed it", async () => {
    const message = 'Saved: the webinar of 10 December 2026 \u2014 topic changed.';
    const card = await settingsCard(depsWith({}), { date: DECEMBER, message, good: true, messageAt: 'date' }, NOW);
    const container = (card.body as Element[]).find((element) => element.type === 'Container');

    expect(JSON.stringify(container)).toContain(message);
    expect(JSON.stringify((card.body as Element[]).slice(0, 3))).not.toContain(message);
  });
});

describe('the recordings answer card', () => {
  it('is a valid Adaptive Card 1.5 with recordings and without', () => {
    const directory = loadNetworkDirectory();
    const recordings = [
      { occurrenceId: NOVEMBER, start: new Date('2026-11-12T13:00:00Z'), topic: 'Insulin', recordingUrl: RECORDING },
    ];
    expectSound(answerCard(recordingsAnswer(directory, { recordings, last: undefined })));
    expectSound(answerCard(recordingsAnswer(directory, { recordings: [], last: undefined })));
  });
});
