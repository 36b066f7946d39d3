// The one identity the bot runs as: Bot Framework auth (MicrosoftAppType=UserAssignedMSI)
// and Table Storage (DefaultAzureCredential with AZURE_CLIENT_ID). No secret exists to rotate.
@description('Name of the user-assigned managed identity.')
param name string

param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
@description('Client (application) id: MicrosoftAppId, AZURE_CLIENT_ID and the Teams manifest bot id.')
output clientId string = identity.properties.clientId
@description('Object id of the service principal, for role assignments.')
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
