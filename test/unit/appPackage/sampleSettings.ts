import type { PackagingSettings } from '../../../src/appPackage/readPackagingSettings.js';

/** Fictional settings for building a package in tests. */
export const SAMPLE_ENV = {
  MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
  MicrosoftAppPassword: 'secret-that-must-never-be-packaged',
  BOT_DOMAIN: 'mso-bot.example.org',
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  APP_VERSION: '1.2.3',
  DEVELOPER_NAME: 'Example NHS Trust',
  DEVELOPER_WEBSITE_URL: 'https://example.org/mso',
  PRIVACY_URL: 'https://example.org/mso/privacy',
  TERMS_URL: 'https://example.org/mso/terms',
} as const;

export const SAMPLE_SETTINGS: PackagingSettings = {
  botId: SAMPLE_ENV.MicrosoftAppId,
  botDomain: SAMPLE_ENV.BOT_DOMAIN,
  teamsAppId: SAMPLE_ENV.TEAMS_APP_ID,
  appVersion: SAMPLE_ENV.APP_VERSION,
  developerName: SAMPLE_ENV.DEVELOPER_NAME,
  developerWebsiteUrl: SAMPLE_ENV.DEVELOPER_WEBSITE_URL,
  privacyUrl: SAMPLE_ENV.PRIVACY_URL,
  termsUrl: SAMPLE_ENV.TERMS_URL,
};
