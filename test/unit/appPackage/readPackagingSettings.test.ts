import { describe, expect, it } from 'vitest';
import { PackagingError } from '../../../src/appPackage/packagingError.js';
import { readPackagingSettings, STAND_IN_DEVELOPER } from '../../../src/appPackage/readPackagingSettings.js';
import { SAMPLE_ENV, SAMPLE_SETTINGS } from './sampleSettings.js';

const defaults = { appVersion: '0.1.0' };
const botOnly = { MicrosoftAppId: SAMPLE_ENV.MicrosoftAppId, BOT_DOMAIN: SAMPLE_ENV.BOT_DOMAIN };

function refusal(env: Record<string, string | undefined>): string {
  try {
    readPackagingSettings(env, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(PackagingError);
    return (error as PackagingError).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('readPackagingSettings', () => {
  it('reads every setting and keeps no secret', () => {
    const { settings, warnings } = readPackagingSettings(SAMPLE_ENV, defaults);

    expect(settings).toEqual(SAMPLE_SETTINGS);
    expect(warnings).toEqual([]);
    expect(JSON.stringify(settings)).not.toContain(SAMPLE_ENV.MicrosoftAppPassword);
  });

  it("uses the bot id as the Teams app id and package.json's version by default", () => {
    const { settings } = readPackagingSettings(botOnly, defaults);

    expect(settings.teamsAppId).toBe(SAMPLE_ENV.MicrosoftAppId);
    expect(settings.appVersion).toBe('0.1.0');
  });

  it('falls back to marked stand-ins for the publisher and warns about each one', () => {
    const { settings, warnings } = readPackagingSettings(botOnly, defaults);

    expect(settings.privacyUrl).toBe(STAND_IN_DEVELOPER.PRIVACY_URL);
    expect(warnings).toHaveLength(4);
    for (const name of Object.keys(STAND_IN_DEVELOPER)) {
      expect(warnings.some((warning) => warning.startsWith(`${name} is not set`))).toBe(true);
    }
  });

  it('treats blank settings as unset', () => {
    expect(readPackagingSettings({ ...botOnly, TEAMS_APP_ID: ' ', PRIVACY_URL: '' }, defaults).settings).toMatchObject({
      teamsAppId: SAMPLE_ENV.MicrosoftAppId,
      privacyUrl: STAND_IN_DEVELOPER.PRIVACY_URL,
    });
  });

  it('refuses to package without the bot id, naming MicrosoftAppId', () => {
    expect(refusal({ BOT_DOMAIN: SAMPLE_ENV.BOT_DOMAIN })).toMatch(/MicrosoftAppId is required/);
  });

  it('refuses to package without the domain, naming BOT_DOMAIN', () => {
    expect(refusal({ MicrosoftAppId: SAMPLE_ENV.MicrosoftAppId })).toMatch(/BOT_DOMAIN is required/);
  });

  it.each([
    ['MicrosoftAppId', 'not-a-guid', /MicrosoftAppId must be a GUID/],
    ['BOT_DOMAIN', 'https://mso-bot.example.org', /BOT_DOMAIN must be a host name/],
    ['BOT_DOMAIN', 'mso-bot.example.org/tab', /BOT_DOMAIN must be a host name/],
    ['BOT_DOMAIN', 'localhost', /BOT_DOMAIN must be a host name/],
    ['TEAMS_APP_ID', '1234', /TEAMS_APP_ID must be a GUID/],
    ['APP_VERSION', '1.0', /APP_VERSION must be MAJOR\.MINOR\.PATCH/],
    ['DEVELOPER_NAME', 'x'.repeat(33), /DEVELOPER_NAME must be at most 32 characters/],
    ['DEVELOPER_WEBSITE_URL', 'http://example.org', /DEVELOPER_WEBSITE_URL must be an https:\/\/ URL/],
    ['PRIVACY_URL', 'example.org/privacy', /PRIVACY_URL must be an https:\/\/ URL/],
    ['TERMS_URL', 'https://', /TERMS_URL must be an https:\/\/ URL/],
  ])('refuses %s set to %j, naming it', (name, value, message) => {
    const text = refusal({ ...SAMPLE_ENV, [name]: value });

    expect(text).toMatch(message);
    expect(text).toContain(`(got "${value}")`);
  });

  it('names every bad setting at once', () => {
    expect(refusal({ TEAMS_APP_ID: 'x' })).toMatch(/MicrosoftAppId.*BOT_DOMAIN.*TEAMS_APP_ID/);
  });

  it('refuses a package.json version Teams cannot use when APP_VERSION is unset', () => {
    expect(() => readPackagingSettings(botOnly, { appVersion: '1.0.0-beta.1' })).toThrow(/APP_VERSION is not set/);
  });
});
