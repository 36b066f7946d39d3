import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, LOCAL_LEAD_AAD_OBJECT_ID } from '../../src/config.js';

const production = {
  MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
  MicrosoftAppPassword: 'secret-from-key-vault',
};

describe('loadConfig', () => {
  it('runs in local mode with defaults when nothing is set', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3978,
      logLevel: 'info',
      localMode: true,
      botCredentials: undefined,
      storage: { kind: 'embedded', dataDir: '.data' },
      allowedTenantIds: undefined,
    });
    expect([...config.leadAadObjectIds]).toEqual([LOCAL_LEAD_AAD_OBJECT_ID]);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '  ', TABLES_CONNECTION_STRING: '' })).toMatchObject({
      port: 3978,
      localMode: true,
      storage: { kind: 'embedded' },
    });
  });

  it('turns authentication on when an app id and password are set', () => {
    const config = loadConfig(production);

    expect(config.localMode).toBe(false);
    expect(config.botCredentials).toEqual({
      appId: production.MicrosoftAppId,
      appPassword: production.MicrosoftAppPassword,
      appType: 'MultiTenant',
      appTenantId: undefined,
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    });
  });

  it('has no default lead outside local mode', () => {
    expect(loadConfig(production).leadAadObjectIds.size).toBe(0);
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadConfig({
      MicrosoftAppId: production.MicrosoftAppId,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '12345678-1234-4234-8234-123456789012',
    });

    expect(config.botCredentials?.appType).toBe('UserAssignedMSI');
  });

  it('reads comma lists of tenant and lead ids, trimmed and lower-cased', () => {
    const config = loadConfig({
      ALLOWED_TENANT_IDS: ' 11111111-2222-3333-4444-555555555555 ,AAAAAAAA-2222-3333-4444-555555555555',
      LEAD_AAD_OBJECT_IDS: 'bbbbbbbb-2222-3333-4444-555555555555',
    });

    expect([...(config.allowedTenantIds ?? [])]).toEqual([
      '11111111-2222-3333-4444-555555555555',
      'aaaaaaaa-2222-3333-4444-555555555555',
    ]);
    expect([...config.leadAadObjectIds]).toEqual(['bbbbbbbb-2222-3333-4444-555555555555']);
  });

  it('refuses configured storage without an app id, unless told this is a local test', () => {
    expect(() => loadConfig({ TABLES_ACCOUNT_URL: 'https://msobot.table.core.windows.net' })).toThrow(
      /MicrosoftAppId is required when table storage is configured/,
    );
    expect(
      loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', ALLOW_UNAUTHENTICATED: 'true' }),
    ).toMatchObject({
      localMode: false,
      botCredentials: undefined,
      // Nothing is authenticated, so nothing but this machine may reach it.
      host: '127.0.0.1',
      unauthenticatedTest: true,
    });
    expect(
      loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', ALLOW_UNAUTHENTICATED: 'true' })
        .leadAadObjectIds.size,
    ).toBe(0);
  });

  it('listens on this machine only in local mode', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(production).host).toBe('0.0.0.0');
  });

  it('uses a connection string or an account URL for storage', () => {
    expect(loadConfig({ ...production, TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage).toEqual({
      kind: 'connectionString',
      connectionString: 'UseDevelopmentStorage=true',
    });
    expect(loadConfig({ ...production, TABLES_ACCOUNT_URL: 'https://msobot.table.core.windows.net' }).storage).toEqual({
      kind: 'accountUrl',
      accountUrl: 'https://msobot.table.core.windows.net',
    });
  });

  describe('fails at start-up naming the bad variable', () => {
    const cases: { env: Record<string, string>; names: string }[] = [
      { env: { PORT: 'eighty' }, names: 'PORT' },
      { env: { PORT: '70000' }, names: 'PORT' },
      { env: { LOG_LEVEL: 'loud' }, names: 'LOG_LEVEL' },
      { env: { MicrosoftAppType: 'Personal' }, names: 'MicrosoftAppType' },
      { env: { MicrosoftAppId: production.MicrosoftAppId }, names: 'MicrosoftAppPassword' },
      { env: { ...production, MicrosoftAppType: 'SingleTenant' }, names: 'MicrosoftAppTenantId' },
      { env: { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x' }, names: 'MicrosoftAppId' },
      { env: { ALLOWED_TENANT_IDS: 'contoso' }, names: 'ALLOWED_TENANT_IDS' },
      { env: { LEAD_AAD_OBJECT_IDS: 'lead@example.org' }, names: 'LEAD_AAD_OBJECT_IDS' },
      { env: { TABLES_ACCOUNT_URL: 'not a url' }, names: 'TABLES_ACCOUNT_URL' },
      {
        env: {
          ...production,
          TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
          TABLES_ACCOUNT_URL: 'https://a.table.core.windows.net',
        },
        names: 'TABLES_ACCOUNT_URL',
      },
      { env: { BROADCAST_RPS: '51' }, names: 'BROADCAST_RPS' },
      { env: { BROADCAST_RPS: 'fast' }, names: 'BROADCAST_RPS' },
      { env: { REMINDER_OFFSETS: '7 days' }, names: 'REMINDER_OFFSETS' },
      { env: { REMINDER_JOB_SECRET: 'short' }, names: 'REMINDER_JOB_SECRET' },
      { env: { INSTANCE_ID: 'has spaces' }, names: 'INSTANCE_ID' },
    ];

    it.each(cases)('$names in $env', ({ env, names }) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${names} `));
    });
  });

  it("sends reminders a week and an hour before, below Teams' 50 a second, with the job route off, unless told otherwise", () => {
    expect(loadConfig({ PORT: '4000' }).reminders).toEqual({
      broadcastRps: 48,
      offsets: [7 * 24 * 60, 60],
      tickSeconds: 60,
      jobSecret: undefined,
      instanceId: expect.stringMatching(/:4000$/) as string,
    });
    expect(
      loadConfig({ REMINDER_OFFSETS: '2d, 15m', BROADCAST_RPS: '20', INSTANCE_ID: 'web-1', WEBSITE_INSTANCE_ID: 'abc' })
        .reminders,
    ).toMatchObject({
      broadcastRps: 20,
      offsets: [2 * 24 * 60, 15],
      instanceId: 'web-1',
    });
    expect(loadConfig({ WEBSITE_INSTANCE_ID: 'app-service-instance' }).reminders.instanceId).toBe(
      'app-service-instance',
    );
  });

  it('never repeats the reminder job secret in its error', () => {
    expect(() => loadConfig({ REMINDER_JOB_SECRET: 'tooshort' })).toThrow(/^(?!.*tooshort).*$/s);
  });

  it('never repeats a password or connection string in its error', () => {
    expect(() =>
      loadConfig({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'hunter2', MicrosoftAppType: 'Nope' }),
    ).toThrow(/^(?!.*hunter2).*$/s);
  });
});
