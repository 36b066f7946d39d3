import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { createTableClientFactory } from '../../../../src/platform/storage/tableClientFactory.js';

describe('createTableClientFactory', () => {
  it('builds a client for the account URL and table with a managed-identity credential, no key and no network call', () => {
    const tableFor = createTableClientFactory({
      kind: 'accountUrl',
      accountUrl: 'https://msobot.table.core.windows.net',
    });

    const client = tableFor('Profiles');

    expect(client.url).toBe('https://msobot.table.core.windows.net');
    expect(client.tableName).toBe('Profiles');
    // Nothing was asked of the network: building a client only records where the table is.
  });

  it('allows plain http for an Azurite-style connection string', () => {
    const azurite =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

    const client = createTableClientFactory({ kind: 'connectionString', connectionString: azurite })('Profiles');

    expect(client.url).toBe('http://127.0.0.1:10002/devstoreaccount1');
    expect(client.tableName).toBe('Profiles');
  });

  it('refuses plain http for a connection string that is not an Azurite-style endpoint, before any request leaves', async () => {
    // Built from AccountName and EndpointSuffix, not a TableEndpoint=http: override; the suffix keeps it on loopback.
    const insecure = 'DefaultEndpointsProtocol=http;AccountName=msobot;AccountKey=a2V5;EndpointSuffix=localhost';

    const client = createTableClientFactory({ kind: 'connectionString', connectionString: insecure })('Profiles');

    expect(client.url).toBe('http://msobot.table.localhost');
    await expect(client.createTable()).rejects.toThrow(/allowInsecureConnection/);
  });
});

describe('loadConfig with TABLES_ACCOUNT_URL', () => {
  it('selects the managed-identity account URL path', () => {
    const config = loadConfig({
      TABLES_ACCOUNT_URL: 'https://msobot.table.core.windows.net',
      ALLOW_UNAUTHENTICATED: 'true',
    });

    expect(config.storage).toEqual({ kind: 'accountUrl', accountUrl: 'https://msobot.table.core.windows.net' });
  });

  it('selects it in production too, with the bot on a user-assigned managed identity and no password', () => {
    const config = loadConfig({
      MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-0000000000a1',
      TABLES_ACCOUNT_URL: 'https://msobot.table.core.windows.net',
      AZURE_CLIENT_ID: '0f0e0d0c-0b0a-4908-8706-050403020100',
    });

    expect(config.storage.kind).toBe('accountUrl');
    expect(config.botCredentials).toMatchObject({ appType: 'UserAssignedMSI', appPassword: undefined });
  });
});
