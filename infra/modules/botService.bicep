// Azure Bot registration whose app identity is the user-assigned managed identity:
// the Bot Framework issues and checks tokens for that identity, so there is no app password.
@description('Globally unique bot handle, 2-64 characters.')
param name string

param displayName string
param tags object = {}

@allowed([
  'F0'
  'S1'
])
@description('F0 is enough for Microsoft Teams (a standard channel); S1 only matters for premium channels.')
param skuName string = 'F0'

@description('https://<web app host>/api/messages')
param endpoint string

@description('Client id of the user-assigned managed identity (the bot\'s MicrosoftAppId).')
param msaAppId string

@description('Tenant of the managed identity (the bot\'s MicrosoftAppTenantId).')
param msaAppTenantId string

@description('Resource id of the user-assigned managed identity.')
param msaAppMSIResourceId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: msaAppId
    msaAppType: 'UserAssignedMSI'
    msaAppTenantId: msaAppTenantId
    msaAppMSIResourceId: msaAppMSIResourceId
    // Only Entra ID tokens: no channel keys (Direct Line / Web Chat secrets) accepted.
    disableLocalAuth: true
  }
}

output id string = bot.id
output name string = bot.name
