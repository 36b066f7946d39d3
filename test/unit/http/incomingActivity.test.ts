import { describe, expect, it } from 'vitest';
import { incomingActivitySchema, tenantIdOf } from '../../../src/http/incomingActivity.js';
import { message } from '../../support/activities.js';

const parse = (activity: unknown) => incomingActivitySchema.parse(activity);

describe('tenantIdOf', () => {
  it('reads the tenant Teams puts in channelData', () => {
    const activity = message('hi', { serviceUrl: 'https://smba.example.org/', tenantId: 'tenant-a' });

    expect(tenantIdOf(parse(activity))).toBe('tenant-a');
  });

  it('falls back to the conversation tenant', () => {
    const { channelData: _channelData, ...activity } = message('hi', {
      serviceUrl: 'https://smba.example.org/',
      tenantId: 'tenant-b',
    });

    expect(tenantIdOf(parse(activity))).toBe('tenant-b');
  });
});

describe('incomingActivitySchema', () => {
  it('keeps fields it does not check, for the SDK', () => {
    const activity = { ...message('hi', { serviceUrl: 'https://smba.example.org/' }), locale: 'en-GB' };

    expect(parse(activity)).toMatchObject({ locale: 'en-GB' });
  });

  it('refuses a timestamp that is not a date', () => {
    const activity = { ...message('hi', { serviceUrl: 'https://smba.example.org/' }), timestamp: 'yesterday' };

    expect(incomingActivitySchema.safeParse(activity).success).toBe(false);
  });

  it('refuses a sender whose Entra object id is not a GUID, which could not be a table key (found by the fuzz)', () => {
    const as = (aadObjectId: string) =>
      message('help', {
        serviceUrl: 'https://smba.example.org/',
        from: { id: '29:sam-example', name: 'Sam Example', aadObjectId },
      });

    expect(incomingActivitySchema.safeParse(as('\u{1f600}'.repeat(128))).success).toBe(false);
    expect(incomingActivitySchema.safeParse(as('29:not-an-entra-id')).success).toBe(false);
    expect(incomingActivitySchema.safeParse(as('EEEEEEEE-0000-4000-8000-0000000000A1')).success).toBe(true);
  });
});
