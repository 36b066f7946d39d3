import { randomUUID } from 'node:crypto';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { renderCard } from '../cards/renderCard.js';
import type { BotCredentials } from '../config.js';
import type { Logger } from '../logger.js';
import { errorSummary } from '../errorSummary.js';
import { sendCard } from './sendCard.js';

/**
 * The Bot Framework adapter. With credentials, every request must carry a valid Bot Framework
 * token (401 otherwise); without them (local mode) requests are not authenticated.
 */
export function createAdapter(credentials: BotCredentials | undefined, logger: Logger): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.appPassword,
          MicrosoftAppType: credentials.appType,
          MicrosoftAppTenantId: credentials.appTenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = (turn, error) => apologise(turn, error, logger);
  return adapter;
}

async function apologise(turn: TurnContext, error: unknown, logger: Logger): Promise<void> {
  const reference = turn.activity.id ?? randomUUID();
  logger.error({ activityId: reference, activityType: turn.activity.type, err: errorSummary(error) }, 'turn failed');
  try {
    if (turn.activity.type === 'invoke') {
      await turn.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 500,
          body: {
            statusCode: 500,
            type: 'application/vnd.microsoft.error',
            value: { code: 'InternalError', message: `Sorry, something went wrong on my side. Reference: ${reference}` },
          },
        },
      });
    } else if (turn.activity.type === 'message') {
      await sendCard(turn, renderCard('apology', { reference }));
    }
  } catch (sendError) {
    logger.error({ activityId: reference, err: errorSummary(sendError) }, 'apology not delivered');
  }
}
