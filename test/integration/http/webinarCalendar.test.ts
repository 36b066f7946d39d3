import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { webinarResponseSchema } from '../../../src/http/directoryApi.js';
import { createLogger } from '../../../src/platform/logger.js';
import { nextOccurrences, type WebinarSchedule } from '../../../src/features/webinar/index.js';
import { message, MSO } from '../../support/activities.js';
import { FakeConnector } from '../../support/fakeConnector.js';
import { knowledge, openTestStorage, startTestApp, type TestApp } from '../../support/testBot.js';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/example';
const SECOND_THURSDAY = {
  WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
  WEBINAR_START: '13:00',
  WEBINAR_DURATION_MINUTES: '60',
};
const configured = { ...SECOND_THURSDAY, WEBINAR_TOPIC: 'Insulin safety', WEBINAR_JOIN_URL: JOIN_URL };

function veventsOf(ics: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(ics) as unknown[])
    .getAllSubcomponents('vevent')
    .map((vevent) => new ICAL.Event(vevent));
}

describe('GET /webinar.ics with a schedule', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(configured);
  });
  afterAll(() => app.close());

  it('serves the next webinar as a calendar attachment, starting 13:00 London time on the second Thursday', async () => {
    const response = await fetch(`${app.url}/webinar.ics`);
    const expected = nextOccurrences(loadConfig(configured).webinar as WebinarSchedule, new Date(), 1)[0];

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="mso-webinar.ics"');
    const events = veventsOf(await response.text());
    expect(events).toHaveLength(1);
    const [event] = events;
    const start = DateTime.fromJSDate(event?.startDate.toJSDate() ?? new Date(0), { zone: 'Europe/London' });
    expect(start.toFormat('cccc HH:mm')).toBe('Thursday 13:00');
    expect(Math.ceil(start.day / 7)).toBe(2);
    expect(event?.startDate.toJSDate().toISOString()).toBe(expected?.start.toISOString());
    expect((event?.endDate.toJSDate().getTime() ?? 0) - start.toMillis()).toBe(60 * 60_000);
    expect(event?.summary).toBe('MSO webinar: Insulin safety');
    expect(event?.description).toContain(`Join: ${JOIN_URL}`);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const response = await fetch(`${app.url}/webinar.ics`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('gives the tab the same webinar through /api/webinar, with its calendar link', async () => {
    const body = webinarResponseSchema.parse(await (await fetch(`${app.url}/api/webinar`)).json());
    const [event] = veventsOf(await (await fetch(`${app.url}/webinar.ics`)).text());

    expect(body.next).toMatchObject({
      timeZone: 'Europe/London',
      topic: 'Insulin safety',
      joinUrl: JOIN_URL,
      icsUrl: '/webinar.ics',
    });
    expect(new Date(body.next?.start ?? 0).toISOString()).toBe(event?.startDate.toJSDate().toISOString());
    expect(new Date(body.next?.end ?? 0).getTime() - new Date(body.next?.start ?? 0).getTime()).toBe(60 * 60_000);
  });
});

describe('the public webinar routes with authentication on', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      ...configured,
      MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(() => app.close());

  it('leave the joining link out of the calendar file and /api/webinar, which anyone can read', async () => {
    const calendar = await (await fetch(`${app.url}/webinar.ics`)).text();
    const api = webinarResponseSchema.parse(await (await fetch(`${app.url}/api/webinar`)).json());

    expect(veventsOf(calendar)).toHaveLength(1);
    expect(calendar).not.toContain(JOIN_URL);
    expect(api.next).toMatchObject({ topic: 'Insulin safety', icsUrl: '/webinar.ics' });
    expect(api.next?.joinUrl).toBeUndefined();
  });
});

describe('GET /webinar.ics with nothing scheduled', () => {
  it.each([
    ['no WEBINAR_RRULE', {}],
    ['a rule that ended (UNTIL in the past)', { WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=2TH;UNTIL=20250101T000000Z' }],
  ])('answers 404 in JSON with %s, and the tab gets no next webinar', async (_case, env) => {
    const app = await startTestApp(env);
    try {
      const response = await fetch(`${app.url}/webinar.ics`);
      const api = webinarResponseSchema.parse(await (await fetch(`${app.url}/api/webinar`)).json());

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ error: 'not_scheduled' });
      expect(api.next).toBeNull();
    } finally {
      await app.close();
    }
  });
});

describe('asking the bot "when is the next webinar?"', () => {
  let connector: FakeConnector;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    await close?.();
    close = undefined;
    connector.clear();
  });
  afterAll(() => connector.stop());

  /** The real app with the clock pinned, asked one question; the card it answers with, as text. */
  async function ask(env: Record<string, string>, now: string, text = 'when is the next webinar?'): Promise<string> {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    const app = createApp(
      config,
      { storage: await openTestStorage(), ...(await knowledge()), now: () => new Date(now) },
      createLogger('silent'),
    );
    const { port } = await app.listen(0, '127.0.0.1');
    close = () => app.close(1000);
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(text, { serviceUrl: connector.serviceUrl, from: MSO })),
    });
    expect(response.status).toBe(200);
    const cards = connector.sentCards();
    expect(cards).toHaveLength(1);
    return JSON.stringify(cards[0]);
  }

  it('gives the date and time in UK time, the topic, the joining link, a calendar link and the source', async () => {
    const card = await ask({ ...configured, PUBLIC_BASE_URL: 'https://mso-bot.example.org' }, '2026-12-01T09:00:00Z');

    expect(card).toContain('The next MSO webinar');
    expect(card).toContain('Thursday 10 December 2026, 13:00 to 14:00 (UK time)');
    expect(card).toContain('Insulin safety');
    expect(card).toContain(`{"type":"Action.OpenUrl","title":"Join the webinar","url":"${JOIN_URL}"}`);
    expect(card).toContain(
      '{"type":"Action.OpenUrl","title":"Add to calendar","url":"https://mso-bot.example.org/webinar.ics"}',
    );
    expect(card).toContain('Source: [Specialist Pharmacy Service (SPS)');
  });

  it('says 13:00 in summer too (BST), not the UTC hour', async () => {
    expect(await ask(SECOND_THURSDAY, '2026-07-01T09:00:00Z', 'when is the webinar')).toContain(
      'Thursday 9 July 2026, 13:00 to 14:00 (UK time)',
    );
  });

  it('says the webinar is on now while it runs', async () => {
    const card = await ask(SECOND_THURSDAY, '2026-12-10T13:30:00Z');

    expect(card).toContain('The MSO webinar is on now');
    expect(card).toContain('Thursday 10 December 2026, 13:00 to 14:00 (UK time)');
  });

  it('says the joining link comes with the invitation when none is configured, and links the local calendar file', async () => {
    const card = await ask(SECOND_THURSDAY, '2026-12-01T09:00:00Z');

    expect(card).toContain('The joining link comes with the invitation from the national MSO network lead.');
    expect(card).toContain('"title":"Ask for the invitation","url":"mailto:');
    expect(card).not.toContain('Join the webinar');
    expect(card).toContain('"url":"http://localhost:3978/webinar.ics"');
  });

  it.each([
    ['no schedule is configured', {}],
    ['the schedule has ended', { WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=2TH;UNTIL=20250101T000000Z' }],
  ])('says no date is scheduled when %s, and who to ask', async (_case, env) => {
    const card = await ask(env, '2026-12-01T09:00:00Z');

    expect(card).toContain('No date is scheduled in the bot at the moment');
    expect(card).toContain('"title":"Ask for the invitation","url":"mailto:');
    expect(card).not.toContain('Add to calendar');
    expect(card).not.toContain('not in this bot yet');
  });

  it('shows a topic as typed, never as Markdown', async () => {
    const card = await ask(
      { ...SECOND_THURSDAY, WEBINAR_TOPIC: '**Urgent** [click](https://evil.example)' },
      '2026-12-01T09:00:00Z',
    );

    expect(card).toContain('\\\\*\\\\*Urgent\\\\*\\\\*');
    expect(card).not.toContain('](https://evil.example)');
  });
});
