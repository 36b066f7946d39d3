import { randomUUID } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { renderCard } from '../platform/cards/renderCard.js';
import type { BotCredentials } from '../config.js';
import { errorSummary } from '../platform/errorSummary.js';
import type { IncomingActivity } from '../http/incomingActivity.js';
import type { AuthenticatedActivity } from '../http/server.js';
import type { Logger } from '../platform/logger.js';
import type { Messenger } from '../features/messenger.js';
import { createMessenger } from './messenger.js';
import { sendCard } from './sendCard.js';
import {
  KEYS_RETRY_AFTER_SECONDS,
  SigningKeysUnavailable,
  useSigningKeys,
  type SignatureCheck,
} from './signingKeys.js';

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

export interface BotRuntime {
  /** For proactive messages (continueConversation, updateActivity). */
  adapter: CloudAdapter;
  /** Writes to conversations outside a turn. */
  messenger: Messenger;
  /** The bot turns run on; set once, before the server listens. */
  setBot(bot: TurnRunner): void;
  /**
   * Checks the request's Bot Framework token. A bad or missing token is 401; signing keys that
   * cannot be had, or a check slower than its limit, 503 with Retry-After. Never throws.
   */
  authenticate(activity: IncomingActivity, authorization: string): Promise<AuthenticatedActivity>;
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

/** Errors of the token library the SDK uses: the token itself is bad. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
/** The whole token check, key loading included. */
const AUTHENTICATION_TIMEOUT_MS = 5_000;

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
          ...keysElsewhere(credentials.openIdMetadataUrl),
        }
      : {},
  );
  const isSigned: SignatureCheck | undefined =
    credentials && useSigningKeys(credentials.openIdMetadataUrl, AUTHENTICATION_TIMEOUT_MS);
  const adapter = new MsoAdapter(authentication);
  adapter.onTurnError = (turn, error) => apologise(turn, error, logger);
  let bot: TurnRunner | undefined;

  const refuse = (
    status: 401 | 503,
    reason: string,
    error?: unknown,
    retryAfterSeconds?: number,
  ): AuthenticatedActivity => {
    const detail = error === undefined ? {} : { error: errorSummary(error) };
    logger.warn(
      { outcome: status === 401 ? 'unauthorized' : 'authentication_unavailable', status, reason, ...detail },
      'request refused',
    );
    return status === 401
      ? { ok: false, status, body: { error: 'unauthorized', message: 'A valid Bot Framework token is required.' } }
      : {
          ok: false,
          status,
          retryAfterSeconds: retryAfterSeconds ?? KEYS_RETRY_AFTER_SECONDS,
          body: {
            error: 'authentication_unavailable',
            message: 'The Bot Framework\u2019s signing keys cannot be checked right now; try again shortly.',
          },
        };
  };

  return {
    adapter,
    messenger: createMessenger(adapter, credentials?.appId),
    setBot(runner) {
      bot = runner;
    },
    async authenticate(incoming, authorization) {
      const activity = toSdkActivity(incoming);
      let authenticated: AuthenticateRequestResult;
      try {
        authenticated = await withinTime(
          (async () => {
            if (isSigned && !(await isSigned(authorization))) throw new UnsignedToken();
            return authentication.authenticateRequest(activity, authorization);
          })(),
          AUTHENTICATION_TIMEOUT_MS,
        );
      } catch (error) {
        if (error instanceof UnsignedToken) return refuse(401, 'not_signed_by_the_bot_framework');
        if (error instanceof TimeoutError) return refuse(503, 'timeout');
        if (error instanceof SigningKeysUnavailable)
          return refuse(503, 'signing_keys_unavailable', error, error.retryAfterSeconds);
        const { statusCode, name } = error as { statusCode?: unknown; name?: unknown };
        if (statusCode === 401 || (typeof name === 'string' && TOKEN_ERRORS.has(name)))
          return refuse(401, 'token_refused', error);
        // Anything else is the check failing, not the caller: they may try again.
        return refuse(503, 'check_failed', error);
      }
      return {
        ok: true,
        run: async () => {
          const runner = bot;
          if (!runner) throw new Error('the bot runtime has no bot yet');
          const response = await adapter.runAuthenticated(authenticated, activity, (turn) => runner.run(turn));
          return { status: response?.status ?? 200, body: response?.body as unknown };
        },
      };
    },
  };
}

/**
 * The public cloud's settings with the signing keys read from another address (a stand-in in
 * tests). The SDK takes one changed setting as "all settings given", so each is named.
 */
function keysElsewhere(openIdMetadataUrl: string): Record<string, string | boolean> {
  if (openIdMetadataUrl === AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** The token is not a JWT signed by a current Bot Framework key, or is out of date. */
class UnsignedToken extends Error {
  override name = 'UnsignedToken';
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${String(ms)} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
            value: {
              code: 'InternalError',
              message: `Sorry, something went wrong on my side. Reference: ${reference}`,
            },
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
