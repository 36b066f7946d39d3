// Linux web app running the built bot (Node 20 LTS) as the user-assigned identity.
// Deployed as a zip of the built app, run from the package (read-only, identical on every instance).
param name string
param location string
param tags object = {}

@description('Resource id of the App Service plan.')
param appServicePlanId string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('App settings as { name, value } pairs: names, ids and URLs only (the managed identity needs nothing else).')
param appSettings array

param linuxFxVersion string = 'NODE|20-lts'

@description('Started in the package root. node directly (not npm) so SIGTERM reaches the server and it drains in-flight turns.')
param startupCommand string = 'node --disable-warning=DEP0111 dist/index.js'

resource webApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    // No sticky sessions: any instance can serve any request, state is in Table Storage.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: startupCommand
      alwaysOn: true
      healthCheckPath: '/api/health'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: appSettings
    }
  }
}

// No FTP or Kudu basic-auth passwords: deployment authenticates with Entra ID (az webapp deploy).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = webApp.id
output name string = webApp.name
@description('The web app\'s host name: the bot endpoint\'s host and the app package\'s BOT_DOMAIN.')
output defaultHostName string = webApp.properties.defaultHostName
