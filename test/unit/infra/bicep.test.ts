import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  BicepExpression,
  bicepFilePaths,
  INFRA_DIR,
  readBicepFile,
  readParametersFile,
  type BicepFile,
  type BicepResource,
  type BicepValue,
} from './bicepModel.js';

// API versions confirmed against the Azure resource reference and the Bicep type definitions.
const API_VERSIONS: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2024-11-30',
  'Microsoft.Storage/storageAccounts': '2025-06-01',
  'Microsoft.Storage/storageAccounts/tableServices': '2025-06-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.Web/serverfarms': '2025-03-01',
  'Microsoft.Web/sites': '2025-03-01',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies': '2025-03-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

// Built-in role "Storage Table Data Contributor".
const STORAGE_TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';

const EXPECTED_MODULES = [
  'modules/appServicePlan.bicep',
  'modules/botService.bicep',
  'modules/managedIdentity.bicep',
  'modules/roleAssignment.bicep',
  'modules/storageAccount.bicep',
  'modules/teamsChannel.bicep',
  'modules/webApp.bicep',
];

const files = new Map<string, BicepFile>();

beforeAll(async () => {
  for (const path of bicepFilePaths()) files.set(path, await readBicepFile(path));
});

function file(path: string): BicepFile {
  const found = files.get(path);
  if (!found) throw new Error(`${path} was not read`);
  return found;
}

function deployedResource(path: string, type: string): BicepResource {
  const found = file(path).resources.find((resource) => resource.type === type && !resource.existing);
  if (!found) throw new Error(`${path} declares no ${type}`);
  return found;
}

function appSettingNames(): string[] {
  const main = file('main.bicep');
  return ['requiredAppSettings', 'optionalAppSettings'].flatMap((name) => {
    const settings = main.variables.get(name);
    if (!Array.isArray(settings)) throw new Error(`main.bicep has no array ${name}`);
    return settings.map((setting) => {
      const name = at(setting, 'name');
      if (typeof name !== 'string') throw new Error('an app setting without a plain name');
      return name;
    });
  });
}

function literal(value: BicepValue | undefined): unknown {
  return value instanceof BicepExpression ? `<${value.text}>` : value;
}

describe('the Bicep in infra/', () => {
  it('has main.bicep and one module per resource', () => {
    expect(bicepFilePaths()).toEqual(['main.bicep', ...EXPECTED_MODULES]);
    expect(file('main.bicep').modules.map((module) => module.path).sort()).toEqual(EXPECTED_MODULES);
  });

  it('parses without a syntax error', () => {
    expect([...files.values()].flatMap((bicep) => bicep.syntaxErrors)).toEqual([]);
  });

  it('passes every module exactly the params it declares, and reads only outputs it has', () => {
    const main = file('main.bicep');
    const problems: string[] = [];
    for (const module of main.modules) {
      expect(existsSync(join(INFRA_DIR, module.path)), module.path).toBe(true);
      const target = file(module.path);
      const passed = Object.keys((at(module.body, 'params') ?? {}) as object);
      for (const name of passed) if (!target.params.has(name)) problems.push(`${module.symbol} passes unknown param ${name}`);
      for (const [name, param] of target.params) {
        if (!param.hasDefault && !passed.includes(name)) problems.push(`${module.symbol} misses required param ${name}`);
      }
      const source = JSON.stringify(Object.fromEntries(main.variables));
      const everything = [source, ...main.modules.map((other) => JSON.stringify(other.body)), JSON.stringify(Object.fromEntries(main.outputs))].join('\n');
      for (const match of everything.matchAll(new RegExp(`\\b${module.symbol}\\.outputs\\.(\\w+)`, 'g'))) {
        if (match[1] && !target.outputs.has(match[1])) problems.push(`${module.symbol}.outputs.${match[1]} does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses the confirmed stable API version of every resource type', () => {
    const used = [...files.values()].flatMap((bicep) => bicep.resources.map((resource) => [resource.type, resource.apiVersion]));
    expect(used.length).toBeGreaterThan(0);
    for (const [type, apiVersion] of used) {
      expect(apiVersion, type).toBe(API_VERSIONS[type ?? '']);
      expect(apiVersion).not.toMatch(/preview/);
    }
  });

  it('holds no password, key, connection string or secure parameter', () => {
    for (const bicep of files.values()) {
      expect(bicep.calls.filter((call) => /^list/i.test(call)), bicep.path).toEqual([]);
      for (const param of bicep.params.values()) expect(param.decorators, bicep.path).not.toContain('@secure()');
      expect(bicep.strings.filter((text) => /password|secret|AccountKey|SharedAccessSignature|connection_?string/i.test(text)), bicep.path).toEqual([]);
      expect(bicep.names.filter((name) => /password|secret|connectionString|accountKey|^keys?$/i.test(name)), bicep.path).toEqual([]);
    }
    expect(appSettingNames()).not.toContain('MicrosoftAppPassword');
    expect(appSettingNames()).not.toContain('TABLES_CONNECTION_STRING');
  });

  it('makes a storage account that only Entra ID can reach, over HTTPS with TLS 1.2', () => {
    const storage = deployedResource('modules/storageAccount.bicep', 'Microsoft.Storage/storageAccounts');
    expect(literal(storage.body.kind)).toBe('StorageV2');
    expect(literal(at(storage.body, 'properties.allowSharedKeyAccess'))).toBe(false);
    expect(literal(at(storage.body, 'properties.supportsHttpsTrafficOnly'))).toBe(true);
    expect(literal(at(storage.body, 'properties.minimumTlsVersion'))).toBe('TLS1_2');
    expect(literal(at(storage.body, 'properties.allowBlobPublicAccess'))).toBe(false);
    expect(literal(deployedResource('modules/storageAccount.bicep', 'Microsoft.Storage/storageAccounts/tableServices').body.name)).toBe('default');
  });

  it('grants the identity Storage Table Data Contributor on the storage account', () => {
    const role = file('modules/roleAssignment.bicep');
    const assignment = deployedResource('modules/roleAssignment.bicep', 'Microsoft.Authorization/roleAssignments');
    expect(role.variables.get('storageTableDataContributorRoleId')).toBe(STORAGE_TABLE_DATA_CONTRIBUTOR);
    expect(literal(at(assignment.body, 'properties.roleDefinitionId'))).toContain('storageTableDataContributorRoleId');
    expect(literal(at(assignment.body, 'properties.principalType'))).toBe('ServicePrincipal');
    expect(literal(assignment.body.scope)).toBe('<storageAccount>');
  });

  it('runs the web app on Linux Node 20 behind HTTPS with a health check, on a plan that scales out', () => {
    const site = deployedResource('modules/webApp.bicep', 'Microsoft.Web/sites');
    const webApp = file('modules/webApp.bicep');
    expect(literal(site.body.kind)).toBe('app,linux');
    expect(literal(at(site.body, 'identity.type'))).toBe('UserAssigned');
    expect(literal(at(site.body, 'properties.httpsOnly'))).toBe(true);
    expect(literal(at(site.body, 'properties.clientAffinityEnabled'))).toBe(false);
    expect(literal(at(site.body, 'properties.siteConfig.healthCheckPath'))).toBe('/api/health');
    expect(literal(at(site.body, 'properties.siteConfig.alwaysOn'))).toBe(true);
    expect(literal(at(site.body, 'properties.siteConfig.ftpsState'))).toBe('Disabled');
    expect(literal(at(site.body, 'properties.siteConfig.minTlsVersion'))).toBe('1.2');
    expect(webApp.params.get('linuxFxVersion')?.defaultValue).toBe('NODE|20-lts');
    expect(webApp.params.get('startupCommand')?.defaultValue).toMatch(/dist\/index\.js$/);
    const basicAuth = webApp.resources.filter((resource) => resource.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(basicAuth.map((policy) => [literal(policy.body.name), literal(at(policy.body, 'properties.allow'))])).toEqual([
      ['ftp', false],
      ['scm', false],
    ]);

    const plan = deployedResource('modules/appServicePlan.bicep', 'Microsoft.Web/serverfarms');
    expect(literal(at(plan.body, 'properties.reserved'))).toBe(true);
    expect(literal(at(plan.body, 'sku.capacity'))).toBe('<capacity>');
    expect(file('main.bicep').params.get('instanceCount')?.defaultValue).toBeGreaterThanOrEqual(2);
  });

  it('wires every setting the app reads from the identity, the storage account and the parameters', () => {
    expect(appSettingNames()).toEqual(
      expect.arrayContaining([
        'MicrosoftAppId',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'TABLES_ACCOUNT_URL',
        'AZURE_CLIENT_ID',
        'ALLOWED_TENANT_IDS',
        'LEAD_AAD_OBJECT_IDS',
        'LOG_LEVEL',
        'DIRECTORY_FILE',
        'WEBINAR_RRULE',
        'WEBINAR_START',
        'WEBINAR_DURATION_MINUTES',
        'WEBINAR_JOIN_URL',
      ]),
    );
    const required = file('main.bicep').variables.get('requiredAppSettings') as BicepValue[];
    const value = (name: string): unknown => literal(at(required.find((setting) => at(setting, 'name') === name), 'value'));
    expect(value('MicrosoftAppType')).toBe('UserAssignedMSI');
    expect(value('MicrosoftAppId')).toBe('<identity.outputs.clientId>');
    expect(value('AZURE_CLIENT_ID')).toBe('<identity.outputs.clientId>');
    expect(value('MicrosoftAppTenantId')).toBe('<identity.outputs.tenantId>');
    expect(value('TABLES_ACCOUNT_URL')).toBe('<storage.outputs.tableEndpoint>');
  });

  it('registers the bot with the user-assigned identity and the Teams channel', () => {
    const bot = deployedResource('modules/botService.bicep', 'Microsoft.BotService/botServices');
    expect(literal(bot.body.kind)).toBe('azurebot');
    expect(literal(at(bot.body, 'properties.msaAppType'))).toBe('UserAssignedMSI');
    for (const property of ['msaAppId', 'msaAppTenantId', 'msaAppMSIResourceId', 'endpoint']) {
      expect(literal(at(bot.body, `properties.${property}`))).toBe(`<${property}>`);
    }
    const botModule = file('main.bicep').modules.find((module) => module.path === 'modules/botService.bicep');
    expect(literal(at(botModule?.body, 'params.endpoint'))).toBe("<'https://${webApp.outputs.defaultHostName}/api/messages'>");
    expect(literal(at(botModule?.body, 'params.msaAppId'))).toBe('<identity.outputs.clientId>');

    const channel = deployedResource('modules/teamsChannel.bicep', 'Microsoft.BotService/botServices/channels');
    expect(literal(channel.body.name)).toBe('MsTeamsChannel');
    expect(literal(at(channel.body, 'properties.channelName'))).toBe('MsTeamsChannel');
    expect(literal(at(channel.body, 'properties.properties.isEnabled'))).toBe(true);
  });

  it('has a parameters file that sets only declared params and every required one', () => {
    const main = file('main.bicep');
    const parameters = readParametersFile();
    expect(Object.keys(parameters).filter((name) => !main.params.has(name))).toEqual([]);
    const required = [...main.params].filter(([, param]) => !param.hasDefault).map(([name]) => name);
    expect(required.filter((name) => !(name in parameters))).toEqual([]);
    const leads = parameters.leadAadObjectIds?.value;
    expect(Array.isArray(leads) && leads.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(id)))).toBe(true);
  });
});
