// MSO Network bot in Azure: one user-assigned managed identity, used both as the bot's Bot Framework
// identity and to reach Table Storage. No passwords, keys, connection strings or secrets anywhere.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Short name the resource names are made from (letters, digits, hyphens).')
@minLength(3)
@maxLength(16)
param baseName string = 'msonetwork'

@description('Region for the identity, storage, plan and web app (the bot itself is global).')
param location string = resourceGroup().location

param tags object = {
  application: 'mso-network-bot'
}

// Names: the storage account, web app and bot handle must be unique across Azure.
param identityName string = 'id-${baseName}'
param storageAccountName string = take('st${toLower(replace(baseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)
param appServicePlanName string = 'asp-${baseName}'
param webAppName string = 'app-${baseName}-${uniqueString(resourceGroup().id)}'
param botName string = 'bot-${baseName}-${uniqueString(resourceGroup().id)}'
param botDisplayName string = 'MSO Network'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('App Service plan SKU; must allow scale-out (Premium v3 or Standard).')
param appServicePlanSku string = 'P0v3'

@description('Instances of the web app; the app is safe on several (Table Storage with ETags, leased scheduled work).')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Entra tenant ids allowed to talk to the bot (ALLOWED_TENANT_IDS). Empty: only the tenant of the bot\'s identity.')
param allowedTenantIds array = []

@description('Entra object ids of the national network lead and deputies (LEAD_AAD_OBJECT_IDS).')
param leadAadObjectIds array

@description('Path of the real network directory JSON inside the deployed package or under /home (DIRECTORY_FILE). Empty: the shipped sample.')
param directoryFile string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

// Webinar settings: passed to the app only when set, so the app's own defaults apply otherwise.
@description('Recurrence rule of the monthly webinar in Europe/London time (WEBINAR_RRULE). Empty: app default.')
param webinarRrule string = ''
@description('First occurrence, local Europe/London date-time (WEBINAR_START). Empty: app default.')
param webinarStart string = ''
@description('Length in minutes (WEBINAR_DURATION_MINUTES). Empty: app default.')
param webinarDurationMinutes string = ''
@description('Joining link (WEBINAR_JOIN_URL). Empty: app default.')
param webinarJoinUrl string = ''
@description('Topic (WEBINAR_TOPIC). Empty: none until the lead sets one on the settings card.')
param webinarTopic string = ''
@description('Reminder offsets before each webinar, such as 7d,1h (REMINDER_OFFSETS). Empty: app default (7d,1h).')
param reminderOffsets string = ''
@description('Reminder sends per second across the tenant, 1 to 50 (BROADCAST_RPS). Empty: app default (48).')
param broadcastRps string = ''
@description('The bot\'s public address for links in cards (PUBLIC_BASE_URL). Set it when the app has a custom domain or a regional default host name.')
param publicBaseUrl string = 'https://${webAppName}.azurewebsites.net'

module identity 'modules/managedIdentity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storageAccount.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
  }
}

module tableDataRole 'modules/roleAssignment.bicep' = {
  name: 'tableDataRole'
  params: {
    storageAccountName: storage.outputs.name
    principalId: identity.outputs.principalId
  }
}

module plan 'modules/appServicePlan.bicep' = {
  name: 'appServicePlan'
  params: {
    name: appServicePlanName
    location: location
    tags: tags
    skuName: appServicePlanSku
    capacity: instanceCount
  }
}

var effectiveAllowedTenantIds = empty(allowedTenantIds) ? [identity.outputs.tenantId] : allowedTenantIds

var requiredAppSettings = [
  // Bot Framework: authenticate as the user-assigned identity, no MicrosoftAppPassword.
  { name: 'MicrosoftAppId', value: identity.outputs.clientId }
  { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'MicrosoftAppTenantId', value: identity.outputs.tenantId }
  // Table Storage through DefaultAzureCredential; AZURE_CLIENT_ID makes it pick this user-assigned identity.
  { name: 'TABLES_ACCOUNT_URL', value: storage.outputs.tableEndpoint }
  { name: 'AZURE_CLIENT_ID', value: identity.outputs.clientId }
  { name: 'ALLOWED_TENANT_IDS', value: join(effectiveAllowedTenantIds, ',') }
  { name: 'LEAD_AAD_OBJECT_IDS', value: join(leadAadObjectIds, ',') }
  { name: 'LOG_LEVEL', value: logLevel }
  // The package is built before deployment (npm ci, build, prune) and run from the zip as is.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
]

var optionalAppSettings = [
  { name: 'DIRECTORY_FILE', value: directoryFile }
  { name: 'WEBINAR_RRULE', value: webinarRrule }
  { name: 'WEBINAR_START', value: webinarStart }
  { name: 'WEBINAR_DURATION_MINUTES', value: webinarDurationMinutes }
  { name: 'WEBINAR_JOIN_URL', value: webinarJoinUrl }
  { name: 'WEBINAR_TOPIC', value: webinarTopic }
  { name: 'REMINDER_OFFSETS', value: reminderOffsets }
  { name: 'BROADCAST_RPS', value: broadcastRps }
  { name: 'PUBLIC_BASE_URL', value: publicBaseUrl }
]

module webApp 'modules/webApp.bicep' = {
  name: 'webApp'
  params: {
    name: webAppName
    location: location
    tags: tags
    appServicePlanId: plan.outputs.id
    identityId: identity.outputs.id
    appSettings: concat(requiredAppSettings, filter(optionalAppSettings, setting => !empty(setting.value)))
  }
  // The app creates its tables at start-up, so it should start with the role already granted.
  dependsOn: [
    tableDataRole
  ]
}

module bot 'modules/botService.bicep' = {
  name: 'bot'
  params: {
    name: botName
    displayName: botDisplayName
    tags: tags
    skuName: botSku
    endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'
    msaAppId: identity.outputs.clientId
    msaAppTenantId: identity.outputs.tenantId
    msaAppMSIResourceId: identity.outputs.id
  }
}

module teamsChannel 'modules/teamsChannel.bicep' = {
  name: 'teamsChannel'
  params: {
    botName: bot.outputs.name
  }
}

@description('MicrosoftAppId: the bot id for the Teams app package.')
output botAppId string = identity.outputs.clientId
@description('BOT_DOMAIN for the Teams app package.')
output botDomain string = webApp.outputs.defaultHostName
output botEndpoint string = 'https://${webApp.outputs.defaultHostName}/api/messages'
output webAppName string = webApp.outputs.name
output appServicePlanName string = plan.outputs.name
output storageAccountName string = storage.outputs.name
output tablesAccountUrl string = storage.outputs.tableEndpoint
output botName string = bot.outputs.name
