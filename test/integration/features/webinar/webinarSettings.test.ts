import { TableClient } from '@azure/data-tables';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cardAction, installationUpdate, LEAD, message, MSO, personalChatId } from '../../../support/activities.js';
import { nextOccurrences } from '../../../../src/features/webinar/schedule.js';
import { buttonData, elementsOf, valuesOf } from '../../../support/cardElements.js';
import { openTestStorage, startTestBot, uniqueTablePrefix, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

let bot: TestBot;
let serviceUrl: string;
const JOB_SECRET = 'another-test-secret-long-enough-0123456789';
const LAST_FRIDAY = {
  rule: 'FREQ=MONTHLY;BYDAY=-1FR',
  startTime: '10:00',
  durationMinutes: '90',
  firstDate: '',
  topic: 'Open forum',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
};

type Card = Record<string, unknown>;
const cardIn = (body: unknown): Card => (body as { value: Card }).value;
const text = (card: unknown) => JSON.stringify(card);
const nextWebinarAnswer = async () => {
  bot.connector.clear();
  await bot.post(message('when is the next webinar?', { serviceUrl, from: MSO }));
  return text(bot.connector.sentCards(personalChatId(MSO)));
};
const settingsAction = (verb: string, data: Record<string, unknown>, from = LEAD) =>
  bot.post(cardAction(verb, data, { serviceUrl, from }));
const day = (id: string | undefined) =>
  DateTime.fromISO(id ?? '')
    .setLocale('en-GB')
    .toFormat('d LLLL yyyy');

/** The values of the "Which webinar" choices, only those whose title says `marked` when given. */
const choicesOf = (card: unknown, marked = ''): string[] =>
  ((elementsOf(card).find((element) => element.id === 'occurrenceId')?.choices ?? []) as Card[])
    .filter((choice) => String(choice.title).includes(marked))
    .map((choice) => String(choice.value));

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
    WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
    REMINDER_OFFSETS: '1m',
  });
  serviceUrl = bot.connector.serviceUrl;
  await bot.post(installationUpdate('add', { serviceUrl, from: LEAD }));
});
afterAll(() => bot.close());

describe("the lead's webinar settings card", () => {
  it('comes with the schedule in force and its next dates', async () => {
    bot.connector.clear();
    await bot.post(message('webinar settings', { serviceUrl, from: LEAD }));
    const card = text(bot.connector.sentCards(personalChatId(LEAD)));

    expect(card).toContain('Webinar settings');
    expect(card).toContain('Now: the second Thursday of every month, 13:00 to 14:00 UK time.');
    expect(card).toContain('saveWebinarSchedule');
    expect(card).toContain('showWebinarOccurrence');
    expect(card).toContain('changeWebinarOccurrence');
  });

  it('shows what to fix at the field when the rule, time or link is wrong, keeps what was typed, and saves nothing', async () => {
    const response = await settingsAction('saveWebinarSchedule', {
      ...LAST_FRIDAY,
      rule: 'FREQ=MONTHLY;BYDAY=ZZ',
      startTime: '25:61',
      joinUrl: 'http://insecure.example.org',
    });
    const card = text(cardIn(response.body));

    expect(response.status).toBe(200);
    expect(card).toContain('not a weekday');
    expect(card).toContain('HH:MM');
    expect(card).toContain('https address');
    expect(card).toContain('FREQ=MONTHLY;BYDAY=ZZ');
    expect((await bot.storage.webinarSettings.load()).schedule).toBeUndefined();
    expect(await nextWebinarAnswer()).toContain('Thursday');
  });

  it('saves a valid schedule, which the next-webinar answer then follows, and audits who saved it', async () => {
    const response = await settingsAction('saveWebinarSchedule', LAST_FRIDAY);

    expect(text(cardIn(response.body))).toContain('Saved: the last Friday of every month, 10:00 to 11:30 UK time.');
    expect(await nextWebinarAnswer()).toMatch(/Friday \d+ \w+ \d{4}, 10:00 to 11:30 \(UK time\)/);
    expect((await bot.storage.audit.latest(5)).find((entry) => entry.action === 'webinar.schedule')).toMatchObject({
      actor: LEAD.aadObjectId,
      subject: 'webinar',
      detail: { summary: 'the last Friday of every month, 10:00 to 11:30 UK time' },
    });
  });

  it('cancels one date: the next-webinar answer moves on to the one after', async () => {
    const shown = await settingsAction('saveWebinarSchedule', LAST_FRIDAY);
    const before = await nextWebinarAnswer();
    const choices = (text(cardIn(shown.body)).match(/"value":"(\d{4}-\d{2}-\d{2}T10:00)"/g) ?? []).map((match) =>
      match.slice(9, 25),
    );
    const [first, second] = [...new Set(choices)];

    const response = await settingsAction('changeWebinarOccurrence', {
      ...LAST_FRIDAY,
      occurrenceId: first,
      occurrenceTopic: '',
      occurrenceJoinUrl: '',
      cancelled: 'true',
    });

    expect(text(cardIn(response.body))).toContain('cancelled, so no reminders go out for it');
    expect(before).toContain(day(first));
    const after = await nextWebinarAnswer();
    expect(after).not.toContain(day(first));
    expect(after).toContain(day(second));
  });

  it('refuses a change to a date that is not on the schedule', async () => {
    const response = await settingsAction('changeWebinarOccurrence', {
      ...LAST_FRIDAY,
      occurrenceId: '2031-01-01T10:00',
      cancelled: 'true',
    });

    expect(text(cardIn(response.body))).toContain('no longer on the schedule');
  });

  it('never echoes a forged "shown date" back onto the card', async () => {
    const [next] = nextOccurrences(
      { ...SECOND_THURSDAY_AT_ONE, rule: LAST_FRIDAY.rule, startTime: '10:00' },
      new Date(),
      1,
    );
    const response = await settingsAction('changeWebinarOccurrence', {
      occurrenceId: next?.id ?? '',
      shownOccurrenceId: '${1+1} **bold**',
    });
    const card = text(cardIn(response.body));

    expect(card).toContain('the fields showed the webinar of another date');
    expect(card).not.toContain('${1+1}');
  });

  it('refuses settings from someone who is not a lead, whatever the card says', async () => {
    const response = await settingsAction('saveWebinarSchedule', { ...LAST_FRIDAY, rule: 'FREQ=WEEKLY;BYDAY=MO' }, MSO);
    expect(response.status).toBe(403);
    expect((await bot.storage.webinarSettings.load()).schedule?.rule).toBe(LAST_FRIDAY.rule);

    bot.connector.clear();
    await bot.post(message('webinar settings', { serviceUrl, from: MSO }));
    expect(text(bot.connector.sentCards(personalChatId(MSO)))).toContain('Only the national MSO network lead');
  });
});

describe('a scheduled reminder', () => {
  let scheduled: TestBot;
  beforeAll(async () => {
    // A daily webinar three hours from now: its week-before reminder is due (late), its hour-before one not yet.
    const start = DateTime.now().setZone('Europe/London').plus({ hours: 3 }).toFormat('HH:mm');
    scheduled = await startTestBot({
      LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId,
      WEBINAR_RRULE: 'FREQ=DAILY',
      WEBINAR_START: start,
      REMINDER_OFFSETS: '7d,1h',
      REMINDER_JOB_SECRET: JOB_SECRET,
    });
    await scheduled.post(installationUpdate('add', { serviceUrl: scheduled.connector.serviceUrl, from: LEAD }));
    await scheduled.post(installationUpdate('add', { serviceUrl: scheduled.connector.serviceUrl, from: MSO }));
  });
  afterAll(() => scheduled.close());

  const tick = async () => {
    const response = await fetch(`${scheduled.url}/api/jobs/reminders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${JOB_SECRET}` },
    });
    return (await response.json()) as { ran: boolean; planned: string[] };
  };

  it('goes out late rather than not at all, once, for the next webinar only', async () => {
    const first = await tick();
    const second = await tick();
    // Made three hours before the webinar, the week-before reminder does not claim "in 7 days".
    const reminders = () =>
      scheduled.connector
        .sentCards(personalChatId(MSO))
        .filter((card) => text(card).includes('Reminder: the MSO webinar'));
    await waitFor(() => (reminders().length > 0 ? true : undefined), 'the reminder');

    expect(first.planned).toHaveLength(1);
    expect(first.planned[0]).toMatch(/^r\d{12}-10080m$/);
    expect(second.planned).toEqual([]);
    expect(reminders()).toHaveLength(1);
  });
});

describe('webinar settings a pharmacist can use', () => {
  let plain: TestBot;
  let plainServiceUrl: string;
  const PLAIN_SCHEDULE = {
    weekOfMonth: '2',
    weekday: 'TH',
    rule: '',
    firstDate: '',
    startTime: '13:00',
    durationMinutes: '60',
    topic: 'Open forum',
    joinUrl: '',
  };

  beforeAll(async () => {
    plain = await startTestBot({ LEAD_AAD_OBJECT_IDS: LEAD.aadObjectId });
    plainServiceUrl = plain.connector.serviceUrl;
    await plain.post(installationUpdate('add', { serviceUrl: plainServiceUrl, from: LEAD }));
    await plain.post(installationUpdate('add', { serviceUrl: plainServiceUrl, from: MSO }));
  });
  afterAll(() => plain.close());

  const press = async (verb: string, data: Record<string, unknown>, from = LEAD) =>
    cardIn((await plain.post(cardAction(verb, data, { serviceUrl: plainServiceUrl, from }))).body);
  /** What Teams sends when a button on the card is pressed: every input's value, the button's data, and what the lead changed. */
  const pressOn = (card: Card, verb: string, changes: Record<string, string> = {}) =>
    press(verb, { ...valuesOf(card), ...buttonData(card, verb), ...changes });
  const ask = async (question: string, from = MSO) => {
    plain.connector.clear();
    await plain.post(message(question, { serviceUrl: plainServiceUrl, from }));
    return text(plain.connector.sentCards(personalChatId(from)));
  };
  const storedChange = async (occurrenceId: string) =>
    (await plain.storage.webinarSettings.load()).changes.find((change) => change.occurrenceId === occurrenceId);
  const latestAudit = async () => (await plain.storage.audit.latest(1))[0];

  it('saves the schedule from the plain choices: the same dates as the rule, and a summary that names the week', async () => {
    const card = await press('saveWebinarSchedule', PLAIN_SCHEDULE);
    const saved = (await plain.storage.webinarSettings.load()).schedule;
    const ids = (rule: string) =>
      nextOccurrences({ ...SECOND_THURSDAY_AT_ONE, rule }, new Date(), 13).map((occurrence) => occurrence.id);

    expect(text(card)).toContain('Saved: the second Thursday of every month, 13:00 to 14:00 UK time.');
    expect(saved?.rule).toBe('FREQ=MONTHLY;BYDAY=2TH');
    expect(ids(saved?.rule ?? '')).toEqual(ids('FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2'));
    expect(await latestAudit()).toMatchObject({
      action: 'webinar.schedule',
      detail: { summary: 'the second Thursday of every month, 13:00 to 14:00 UK time' },
    });

    plain.connector.clear();
    await plain.post(message('webinar settings', { serviceUrl: plainServiceUrl, from: LEAD }));
    const [settings = {}] = plain.connector.sentCards(personalChatId(LEAD));
    expect(valuesOf(settings)).toMatchObject({ weekOfMonth: '2', weekday: 'TH', rule: '' });
    expect(await ask('when is the next webinar?')).toContain(
      'the second Thursday of every month, 13:00 to 14:00 UK time',
    );
  });

  it("takes 'second Thursday of every month' typed as the rule instead of refusing it", async () => {
    const card = await press('saveWebinarSchedule', {
      ...PLAIN_SCHEDULE,
      weekOfMonth: '',
      weekday: '',
      rule: 'second Thursday of every month',
    });

    expect(text(card)).toContain('Saved: the second Thursday of every month');
    expect((await plain.storage.webinarSettings.load()).schedule?.rule).toBe('FREQ=MONTHLY;BYDAY=2TH');
  });

  it('a one-date change that leaves a cancellation as it was keeps it cancelled, and says what changed', async () => {
    const settings = await press('saveWebinarSchedule', PLAIN_SCHEDULE);
    const date = String(valuesOf(settings).occurrenceId);
    const cancelled = await pressOn(settings, 'changeWebinarOccurrence', { cancelled: 'true' });
    expect(text(cancelled)).toContain('cancelled, so no reminders go out for it');
    expect(valuesOf(cancelled)).toMatchObject({ occurrenceId: date, cancelled: 'true' });

    const retitled = await pressOn(cancelled, 'changeWebinarOccurrence', { occurrenceTopic: 'Insulin safety' });

    expect(text(retitled)).toContain(`Saved: the webinar of ${day(date)} \u2014 topic changed; still cancelled.`);
    expect(await storedChange(date)).toMatchObject({ cancelled: true, topic: 'Insulin safety' });
    expect(await latestAudit()).toMatchObject({
      action: 'webinar.change',
      subject: date,
      detail: { date: date.slice(0, 10), change: 'topic' },
    });

    // A card from before dates were shown sends the toggle off and the fields empty: that lifts nothing.
    const old = await press('changeWebinarOccurrence', {
      occurrenceId: date,
      occurrenceTopic: '',
      occurrenceJoinUrl: '',
      cancelled: 'false',
    });
    expect(text(old)).toContain('Nothing to save');
    expect(await storedChange(date)).toMatchObject({ cancelled: true, topic: 'Insulin safety' });
  });

  it("shows a chosen date's state before saving, and saves nothing for a date the fields did not show", async () => {
    const settings = await press('saveWebinarSchedule', PLAIN_SCHEDULE);
    const [first, second] = choicesOf(settings);
    if (!first || !second) throw new Error('the card lists coming dates');
    const before = await storedChange(second);

    const mixedUp = await pressOn(settings, 'changeWebinarOccurrence', { occurrenceId: second, cancelled: 'false' });
    expect(text(mixedUp)).toContain(
      `Nothing was saved: the fields showed the webinar of ${day(first)}, not ${day(second)}`,
    );
    expect(await storedChange(second)).toEqual(before);
    expect(buttonData(mixedUp, 'changeWebinarOccurrence')).toMatchObject({ shownOccurrenceId: second });

    const shown = await pressOn(mixedUp, 'showWebinarOccurrence', { occurrenceId: first });
    expect(valuesOf(shown)).toMatchObject({
      occurrenceId: first,
      cancelled: 'true',
      occurrenceTopic: 'Insulin safety',
    });
    expect(text(shown)).toContain('As it stands: cancelled, so no reminders go out for it.');
  });

  it('gives a past date a recording link (https only), which "webinar recordings" then lists', async () => {
    expect(await ask('webinar recordings')).toContain('No webinar recordings have been shared in the bot yet');
    const settings = await press('saveWebinarSchedule', PLAIN_SCHEDULE);
    const past = choicesOf(settings, 'took place')[0];
    if (!past) throw new Error('the card lists past dates');
    const shown = await pressOn(settings, 'showWebinarOccurrence', { occurrenceId: past });
    expect(Object.keys(valuesOf(shown))).toContain('recordingUrl');
    expect(Object.keys(valuesOf(shown))).not.toContain('cancelled');

    const insecure = await pressOn(shown, 'changeWebinarOccurrence', { recordingUrl: 'http://example.org/recording' });
    expect(text(insecure)).toContain('Give the recording link as an https address');
    expect(await storedChange(past)).toBeUndefined();

    const recordingUrl = 'https://example.sharepoint.com/recordings/last-month';
    const saved = await pressOn(shown, 'changeWebinarOccurrence', { recordingUrl });
    expect(text(saved)).toContain(`Saved: the webinar of ${day(past)} \u2014 recording link added.`);
    expect(await latestAudit()).toMatchObject({ detail: { date: past.slice(0, 10), change: 'recording' } });

    const answer = await ask("was last month's webinar recorded?");
    expect(answer).toContain('Webinar recordings');
    expect(answer).toContain(`Watch ${day(past)}`);
    expect(answer).toContain(recordingUrl);
  });

  it('takes no recording for a coming date, and no cancellation for a past one', async () => {
    const settings = await press('saveWebinarSchedule', PLAIN_SCHEDULE);
    const refused = await pressOn(settings, 'changeWebinarOccurrence', {
      recordingUrl: 'https://example.sharepoint.com/not-yet',
    });
    expect(text(refused)).toContain('A recording link can be added once the webinar has taken place.');

    const past = choicesOf(settings, 'took place')[0] ?? '';
    const shown = await pressOn(settings, 'showWebinarOccurrence', { occurrenceId: past });
    const forged = await pressOn(shown, 'changeWebinarOccurrence', { cancelled: 'true' });
    expect(text(forged)).toContain('Nothing to save');
    expect((await storedChange(past))?.cancelled ?? false).toBe(false);
  });
});

describe('the stored webinar settings', () => {
  it('still load a change saved before recordings were kept, and keep a recording with a later change', async () => {
    const prefix = uniqueTablePrefix();
    const storage = await openTestStorage(prefix);
    const table = TableClient.fromConnectionString(inject('tablesConnectionString'), `${prefix}WebinarSettings`, {
      allowInsecureConnection: true,
    });
    // The row as the settings card wrote it before this change: no recordingUrl column.
    await table.createEntity({
      partitionKey: 'webinar',
      rowKey: 'change.2026-11-12T13:00',
      occurrenceId: '2026-11-12T13:00',
      topic: 'Insulin safety',
      joinUrl: '',
      cancelled: false,
      updatedAt: '2026-11-01T09:00:00.000Z',
      updatedBy: LEAD.aadObjectId,
    });

    expect((await storage.webinarSettings.load()).changes).toEqual([
      {
        occurrenceId: '2026-11-12T13:00',
        topic: 'Insulin safety',
        joinUrl: undefined,
        cancelled: false,
        recordingUrl: undefined,
      },
    ]);

    const recordingUrl = 'https://example.sharepoint.com/recordings/november';
    await storage.webinarSettings.saveChange(
      { occurrenceId: '2026-11-12T13:00', topic: undefined, joinUrl: undefined, cancelled: false, recordingUrl },
      LEAD.aadObjectId,
      new Date(),
    );
    await storage.webinarSettings.saveChange(
      { occurrenceId: '2026-11-12T13:00', topic: 'Insulin and opioids', joinUrl: undefined, cancelled: false },
      LEAD.aadObjectId,
      new Date(),
    );
    expect((await storage.webinarSettings.load()).changes[0]).toMatchObject({
      topic: 'Insulin and opioids',
      recordingUrl,
    });
  });
});
