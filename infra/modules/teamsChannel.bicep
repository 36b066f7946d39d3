// Connects the bot to Microsoft Teams. The Teams app package (manifest bot id = MicrosoftAppId)
// is uploaded separately, in the Teams admin centre or the Developer Portal.
@description('Name of the Azure Bot resource.')
param botName string

resource bot 'Microsoft.BotService/botServices@2022-09-15' existing = {
  name: botName
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output id string = teamsChannel.id
