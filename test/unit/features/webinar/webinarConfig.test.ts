import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { SECOND_THURSDAY_AT_ONE } from '../../../support/webinarSchedules.js';

const production = {
  MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
  MicrosoftAppPassword: 'secret-from-key-vault',
};

const problemWith = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no problem';
};

describe('the webinar settings in loadConfig', () => {
  it("schedules nothing until WEBINAR_RRULE is set: the day is the lead's to give, never a default", () => {
    expect(loadConfig({}).webinar).toBeUndefined();
    expect(loadConfig(production).webinar).toBeUndefined();
  });

  it('reads the rule with a 13:00, one-hour default', () => {
    expect(loadConfig({ WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2' }).webinar).toEqual(SECOND_THURSDAY_AT_ONE);
  });

  it('reads a first date, a duration, a topic and a joining link', () => {
    const config = loadConfig({
      WEBINAR_RRULE: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
      WEBINAR_START: '2026-01-01T12:30',
      WEBINAR_DURATION_MINUTES: '90',
      WEBINAR_TOPIC: ' Insulin safety ',
      WEBINAR_JOIN_URL: 'https://teams.microsoft.com/l/meetup-join/example',
    });

    expect(config.webinar).toEqual({
      rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH',
      firstDate: '2026-01-01',
      startTime: '12:30',
      durationMinutes: 90,
      topic: 'Insulin safety',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
    });
  });

  it.each([
    [{ WEBINAR_RRULE: 'second Thursday of the month' }, 'WEBINAR_RRULE is not an RRULE'],
    [{ WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=9' }, 'WEBINAR_RRULE never happens'],
    [{ WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=2TH;BYHOUR=13' }, 'WEBINAR_RRULE must not set BYHOUR'],
    [{ WEBINAR_RRULE: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH' }, 'WEBINAR_RRULE counts from a first date'],
    [{ WEBINAR_START: '25:00' }, 'WEBINAR_START must be a London time HH:MM'],
    [{ WEBINAR_START: '1pm' }, 'WEBINAR_START must be a London time HH:MM'],
    [{ WEBINAR_START: '2026-02-30T13:00' }, 'WEBINAR_START must be a real date'],
    [
      { WEBINAR_DURATION_MINUTES: '10' },
      'WEBINAR_DURATION_MINUTES must be a whole number of minutes from 15 to 480 (got "10")',
    ],
    [{ WEBINAR_DURATION_MINUTES: '481' }, 'WEBINAR_DURATION_MINUTES must be a whole number of minutes from 15 to 480'],
    [{ WEBINAR_DURATION_MINUTES: '1.5' }, 'WEBINAR_DURATION_MINUTES must be a whole number of minutes from 15 to 480'],
    [{ WEBINAR_JOIN_URL: 'http://teams.example.org/meet' }, 'WEBINAR_JOIN_URL must be an https URL'],
    [{ WEBINAR_TOPIC: 'x'.repeat(201) }, 'WEBINAR_TOPIC must be at most 200 characters'],
    [{ PUBLIC_BASE_URL: 'mso-bot.example.org' }, "PUBLIC_BASE_URL must be the bot's public https URL"],
    [
      { ...production, PUBLIC_BASE_URL: 'http://mso-bot.example.org' },
      'PUBLIC_BASE_URL must be an https URL outside local mode',
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(problemWith(env)).toContain(message);
  });

  it('accepts durations at both ends of the range', () => {
    for (const minutes of ['15', '480']) {
      expect(
        loadConfig({ WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=2TH', WEBINAR_DURATION_MINUTES: minutes }).webinar
          ?.durationMinutes,
      ).toBe(Number(minutes));
    }
  });

  it('knows its public address: given, local by default, or left unknown outside local mode', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://mso-bot.example.org/' }).publicBaseUrl).toBe(
      'https://mso-bot.example.org',
    );
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3978');
    expect(loadConfig({ PORT: '4000' }).publicBaseUrl).toBe('http://localhost:4000');
    expect(loadConfig(production).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ ...production, PUBLIC_BASE_URL: 'https://mso-bot.example.org' }).publicBaseUrl).toBe(
      'https://mso-bot.example.org',
    );
  });
});
