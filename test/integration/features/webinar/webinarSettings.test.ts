import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, installationUpdate, LEAD, message, MSO, personalChatId } from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';
import { waitFor } from '../../../support/waitFor.js';

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
    expect(card).toContain('FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2');
    expect(card).toContain('saveWebinarSchedule');
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

    expect(text(cardIn(response.body))).toContain('Saved');
    expect(await nextWebinarAnswer()).toMatch(/Friday \d+ \w+ \d{4}, 10:00 to 11:30 \(UK time\)/);
    expect((await bot.storage.audit.latest(5)).find((entry) => entry.action === 'webinar.schedule')).toMatchObject({
      actor: LEAD.aadObjectId,
      subject: 'webinar',
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

    const day = (id: string | undefined) =>
      DateTime.fromISO(id ?? '')
        .setLocale('en-GB')
        .toFormat('d LLLL yyyy');
    expect(text(cardIn(response.body))).toContain('is cancelled');
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
