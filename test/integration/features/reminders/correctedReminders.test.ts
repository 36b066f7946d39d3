import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  LEAD,
  message,
  personalChatId,
  type Person,
} from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

type Card = Record<string, unknown>;

const people: Person[] = Array.from({ length: 4 }, (_, n) => ({
  id: `29:corrected-${String(n)}`,
  name: 'Alex Example',
  aadObjectId: `eeeeeeee-6666-4000-8000-${String(n).padStart(12, '0')}`,
}));

let bot: TestBot;
let serviceUrl: string;
/** The webinar the reminder was for, and how many copies went out. */
let occurrenceId = '';
let copies = 0;

const titleOf = (card: Card): string => {
  const text = (card.body as { text?: unknown }[] | undefined)?.[0]?.text;
  return typeof text === 'string' ? text : '';
};
const updates = () => bot.connector.calls.filter((call) => call.kind === 'update' && call.status < 300);
const reportsTitled = (title: string) =>
  bot.connector.sentCards(personalChatId(LEAD)).filter((card) => titleOf(card) === title);

/** The lead changes one date on the webinar settings card. */
const changeDate = (fields: Record<string, string>) =>
  bot.post(
    cardAction(
      VERBS.changeWebinarOccurrence,
      { occurrenceId, occurrenceTopic: '', occurrenceJoinUrl: '', ...fields },
      { serviceUrl, from: LEAD },
    ),
  );

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    WEBINAR_JOIN_URL: 'https://teams.microsoft.com/l/meetup-join/example',
    REMINDER_OFFSETS: '1m',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [LEAD, ...people]) await bot.post(installationUpdate('add', { serviceUrl, from: person }));
  bot.connector.clear();
  await bot.post(message('send webinar reminder now', { serviceUrl, from: LEAD }));
  const [confirm] = bot.connector.sentCards(personalChatId(LEAD));
  const data = (confirm?.actions as { data?: Record<string, unknown> }[] | undefined)?.[0]?.data ?? {};
  occurrenceId = String(data.occurrenceId);
  await bot.post(cardAction(VERBS.confirmReminderNow, data, { serviceUrl, from: LEAD }));
  await waitFor(() => (reportsTitled('Webinar reminder report').length > 0 ? true : undefined), 'the report', 20_000);
  copies = people.length + 1;
});
afterAll(() => bot.close());

describe('reminders already sent, when the lead changes their webinar', () => {
  it('are updated in place with the new topic, and nobody gets a new message', async () => {
    bot.connector.clear();

    const saved = await changeDate({ occurrenceTopic: 'An example topic' });

    expect(JSON.stringify(saved.body)).toContain('The reminders already sent for it are being updated');
    await waitFor(
      () => (reportsTitled('Sent reminders updated').length > 0 ? true : undefined),
      'the update report',
      20_000,
    );
    expect(updates()).toHaveLength(copies);
    for (const call of updates()) {
      expect(JSON.stringify(call.body)).toContain('Topic: An example topic');
      expect(JSON.stringify(call.body)).toContain('this is the webinar as it now stands');
    }
    const newMessages = bot.connector
      .sentCards()
      .filter(
        (card) => titleOf(card) !== 'Sent reminders updated' && !JSON.stringify(card).includes('Webinar settings'),
      );
    expect(newMessages).toEqual([]);
  });

  it('say it is cancelled when the date is cancelled, with a short message to each who had the reminder', async () => {
    bot.connector.clear();

    await changeDate({ occurrenceTopic: 'An example topic', cancelled: 'true' });

    await waitFor(
      () => (reportsTitled('Sent reminders updated').length > 0 ? true : undefined),
      'the update report',
      20_000,
    );
    expect(updates()).toHaveLength(copies);
    expect(updates().every((call) => JSON.stringify(call.body).includes('Cancelled: the MSO webinar of'))).toBe(true);
    // The notices follow the updates, as a broadcast of their own.
    const noticed = () => people.filter((person) => bot.connector.sentCards(personalChatId(person)).length > 0);
    await waitFor(() => (noticed().length === people.length ? true : undefined), 'a notice in each chat', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const person of people) {
      const notices = bot.connector.sentCards(personalChatId(person)).map(titleOf);
      expect(notices).toEqual([expect.stringMatching(/^The MSO webinar of .* is cancelled$/)]);
    }
    const [report] = reportsTitled('Sent reminders updated');
    expect(JSON.stringify(report)).toMatch(/"title":"Updated","value":"5"/);
  });

  it('are not corrected again when a save changes nothing they show', async () => {
    bot.connector.clear();

    const saved = await changeDate({ occurrenceTopic: 'An example topic', cancelled: 'true', occurrenceJoinUrl: '' });

    expect(JSON.stringify(saved.body)).not.toContain('being updated');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(updates()).toEqual([]);
  });

  it('show the date again when it is restored, without a new message', async () => {
    bot.connector.clear();

    // The card showed the date cancelled, with its topic; the lead untoggles the cancellation.
    await changeDate({
      occurrenceTopic: 'An example topic',
      cancelled: 'false',
      shownOccurrenceId: occurrenceId,
      shownTopic: 'An example topic',
      shownJoinUrl: '',
      shownCancelled: 'true',
      shownRecordingUrl: '',
      shownPast: 'false',
    });

    await waitFor(
      () => (reportsTitled('Sent reminders updated').length > 0 ? true : undefined),
      'the update report',
      20_000,
    );
    expect(updates()).toHaveLength(copies);
    expect(updates().every((call) => JSON.stringify(call.body).includes('Topic: An example topic'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(people.flatMap((person) => bot.connector.sentCards(personalChatId(person)))).toEqual([]);
  });

  it('say the date has moved when the schedule changes its time, with a short message to each', async () => {
    bot.connector.clear();

    const saved = await bot.post(
      cardAction(
        VERBS.saveWebinarSchedule,
        {
          rule: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
          startTime: '15:00',
          durationMinutes: '60',
          firstDate: '',
          topic: '',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
        },
        { serviceUrl, from: LEAD },
      ),
    );

    expect(JSON.stringify(saved.body)).toContain('Reminders already sent for a date that changed are being updated');
    await waitFor(
      () => (reportsTitled('Sent reminders updated').length > 0 ? true : undefined),
      'the update report',
      20_000,
    );
    expect(updates()).toHaveLength(copies);
    const titles = updates().map((call) => /"text":"([^"]*)"/.exec(JSON.stringify(call.body))?.[1] ?? '');
    expect(titles).toHaveLength(copies);
    expect(titles.every((title) => title.startsWith('Moved: the MSO webinar of'))).toBe(true);
    const moved = () => people.filter((person) => bot.connector.sentCards(personalChatId(person)).length > 0);
    await waitFor(() => (moved().length === people.length ? true : undefined), 'a notice in each chat', 20_000);
    for (const person of people)
      expect(bot.connector.sentCards(personalChatId(person)).map(titleOf)).toEqual([
        expect.stringMatching(/^The MSO webinar of .* has moved$/),
      ]);
  });
});
