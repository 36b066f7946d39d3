import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { renderCard } from '../cards/renderCard.js';
import type { BotCredentials } from '../config.js';
import { errorSummary } from '../errorSummary.js';
import type { IncomingActivity } from '../http/incomingActivity.js';
import type { Logger } from '../logger.js';
import { createMessenger, type Messenger } from './messenger.js';
import { sendCard } from './sendCard.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter, with the authenticated turn runner made reachable so we answer 401 ourselves. */
class MsoAdapter extends CloudAdapter {
  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/** What the HTTP layer sends back for one activity. */
export interface ActivityResult {
  status: number;
  body?: unknown;
}

export interface BotRuntime {
  /** For proactive messages (continueConversation, updateActivity). */
  adapter: CloudAdapter;
  /** Writes to conversations outside a turn. */
  messenger: Messenger;
  /** The bot turns run on; set once, before the server listens. */
  setBot(bot: TurnRunner): void;
  /** Authenticates the request, then runs the turn; an invalid or missing token gives 401. */
  processActivity(activity: IncomingActivity, authorization: string): Promise<ActivityResult>;
}

export interface BotRuntimeOptions {
  /** Undefined in local mode: requests are not authenticated. */
  credentials: BotCredentials | undefined;
  logger: Logger;
}

/** The bot a runtime runs turns on (set once it is made, since making it needs the messenger). */
export interface TurnRunner {
  run(turn: TurnContext): Promise<void>;
}

/**
 * The Bot Framework side of the server. With credentials, every request must carry a valid
 * Bot Framework token; without them (local mode) requests are not authenticated.
 */
export function createBotRuntime({ credentials, logger }: BotRuntimeOptions): BotRuntime {
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
  const adapter = new MsoAdapter(authentication);
  adapter.onTurnError = (turn, error) => apologise(turn, error, logger);
  let bot: TurnRunner | undefined;

  return {
    adapter,
    messenger: createMessenger(adapter, credentials?.appId),
    setBot(runner) {
      bot = runner;
    },
    async processActivity(incoming, authorization) {
      const activity = toSdkActivity(incoming);
      let authenticated: AuthenticateRequestResult;
      try {
        authenticated = await authentication.authenticateRequest(activity, authorization);
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode !== 401) throw error;
        logger.warn({ outcome: 'unauthorized', activityType: activity.type }, 'request refused');
        return { status: 401, body: { error: 'unauthorized', message: 'A valid Bot Framework token is required.' } };
      }
      const runner = bot;
      if (!runner) throw new Error('the bot runtime has no bot yet');
      const response = await adapter.runAuthenticated(authenticated, activity, (turn) => runner.run(turn));
      return { status: response?.status ?? 200, body: response?.body as unknown };
    },
  };
}

/** The SDK expects Date objects where the wire has ISO strings. */
function toSdkActivity(incoming: IncomingActivity): Activity {
  const { timestamp } = incoming;
  return {
    ...incoming,
    ...(timestamp ? { timestamp: new Date(timestamp), rawTimestamp: timestamp } : {}),
  } as unknown as Activity;
}

async function apologise(turn: TurnContext, error: unknown, logger: Logger): Promise<void> {
  const reference = turn.activity.id ?? randomUUID();
  logger.error({ activityId: reference, activityType: turn.activity.type, error: errorSummary(error) }, 'turn failed');
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
    logger.error({ activityId: reference, error: errorSummary(sendError) }, 'apology not delivered');
  }
}
