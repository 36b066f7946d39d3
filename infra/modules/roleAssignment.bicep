// Grants the identity "Storage Table Data Contributor" on the storage account: read, write and
// delete tables and entities, nothing else (no keys, no account management).
@description('Name of the storage account the role is scoped to.')
param storageAccountName string

@description('Object id of the managed identity\'s service principal.')
param principalId string

// Built-in role "Storage Table Data Contributor" (Azure built-in roles, Storage category).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: principalId
    // Set so that a brand-new identity is not looked up before it has replicated.
    principalType: 'ServicePrincipal'
  }
}

output id string = roleAssignment.id
