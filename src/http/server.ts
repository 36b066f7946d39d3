import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../platform/logger.js';
import { errorSummary } from '../platform/errorSummary.js';
import { withCorrelationId } from '../platform/logContext.js';
import { recordTurn } from '../platform/telemetry.js';
import { describeProblems, incomingActivitySchema, tenantIdOf, type IncomingActivity } from './incomingActivity.js';

/** Teams' own limit for a message with a card is about 100 KB; anything far beyond is not an activity. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A request's token checked: a turn to run, or the refusal to send instead. */
export type AuthenticatedActivity =
  | { ok: true; run(): Promise<{ status: number; body?: unknown }> }
  | { ok: false; status: number; body: { error: string; message: string }; retryAfterSeconds?: number };

export interface ServerDeps {
  /** Checks the activity's token (the Bot Framework lives behind this); never throws. */
  authenticate(activity: IncomingActivity, authorization: string): Promise<AuthenticatedActivity>;
  /** Resolves when storage answers, rejects when it does not. */
  checkStorage: () => Promise<void>;
  logger: Logger;
  /** Undefined lets every tenant in (local mode). */
  allowedTenantIds: ReadonlySet<string> | undefined;
  /** How long a client may take to send its headers, and its whole request; slower ones are cut. */
  timeouts?: { headersMs: number; requestMs: number };
}

/** Teams sends an activity in well under a second; a client this slow is holding a connection open. */
const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000 };

export interface AppServer {
  server: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting requests, waits for turns in flight (up to the timeout), then closes. */
  close(timeoutMs?: number): Promise<void>;
}

/** Builds the HTTP server without listening, so tests can start it on port 0. */
export function createServer(deps: ServerDeps): AppServer {
  const server = restify.createServer({ name: 'mso-network-bot', handleUncaughtExceptions: false });
  cutSlowClients(server, deps.timeouts ?? DEFAULT_TIMEOUTS);
  // Every answer is what its Content-Type says, never sniffed as something else.
  server.pre((_req: Request, res: Response, next: () => void) => {
    res.header('X-Content-Type-Options', 'nosniff');
    next();
  });
  const turns = { inFlight: new Set<Promise<unknown>>(), closing: false };
  const handleActivity = activityHandler(deps, turns);
  // One correlation id per turn, on every log line the turn writes.
  server.post('/api/messages', ...jsonBodyParsers(deps.logger), async (req: Request, res: Response) =>
    withCorrelationId(() => handleActivity(req, res)),
  );
  // The Agents Playground probes the endpoint with HEAD before it connects.
  server.head('/api/messages', (_req: Request, res: Response, next: () => void) => {
    res.send(204);
    next();
  });
  server.get('/api/health', healthHandler(deps));
  keepRefusalsShort(server, deps.logger);

  return {
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address()));
      }),
    async close(timeoutMs = 10_000) {
      turns.closing = true;
      const stopped = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await Promise.race([Promise.allSettled([...turns.inFlight]), delay(timeoutMs)]);
      server.server.closeIdleConnections();
      await Promise.race([stopped, delay(1000)]);
    },
  };
}

/**
 * JSON only: restify's general bodyParser would also accept multipart uploads (written to disk,
 * outside the size limit) and forms. Teams does not compress activities; a compressed body would
 * be inflated past the size limit (and restify's gunzip throws, uncaught, on a bad one).
 */
function jsonBodyParsers(logger: Logger) {
  const refuse = (res: Response, reason: string, error: string, message: string) => {
    logger.warn({ route: '/api/messages', outcome: 'rejected', status: 415, reason }, 'request refused');
    sendError(res, 415, error, message);
  };
  const onlyJson = (req: Request, res: Response, next: (error?: false) => void) => {
    const encoding = req.header('content-encoding', '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      refuse(res, 'ContentEncoding', 'unsupported_content_encoding', 'Send the activity uncompressed.');
      next(false);
      return;
    }
    const type = req.contentType();
    if (type === 'application/json' || (type === 'application/octet-stream' && req.contentLength() === 0)) {
      next();
      return;
    }
    refuse(res, 'UnsupportedMediaType', 'unsupported_media_type', 'Send the activity as application/json.');
    next(false);
  };
  return [
    onlyJson,
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    restify.plugins.jsonBodyParser({ mapParams: false }),
  ];
}

/** `POST /api/messages`: checked, authenticated, tenant-checked, then the turn (tracked so close can wait for it). */
function activityHandler(deps: ServerDeps, turns: { inFlight: Set<Promise<unknown>>; closing: boolean }) {
  const { logger } = deps;
  return async (req: Request, res: Response): Promise<void> => {
    if (turns.closing) return sendError(res, 503, 'shutting_down', 'The bot is restarting; try again shortly.');
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ route: '/api/messages', outcome: 'rejected', reason: 'invalid_activity' }, 'request refused');
      return sendError(res, 400, 'invalid_activity', describeProblems(parsed.error));
    }
    const activity = parsed.data;
    const started = performance.now();
    const record = (status: number) =>
      recordTurn({ activityType: activity.type, status, durationMs: performance.now() - started });
    // Authentication first: an unauthenticated caller learns nothing, not even which tenant is allowed.
    const authenticated = await deps.authenticate(activity, req.header('authorization', ''));
    if (!authenticated.ok) {
      record(authenticated.status);
      if (authenticated.retryAfterSeconds !== undefined)
        res.header('Retry-After', String(authenticated.retryAfterSeconds));
      res.send(authenticated.status, authenticated.body);
      return;
    }
    const tenantId = tenantIdOf(activity);
    if (deps.allowedTenantIds && (!tenantId || !deps.allowedTenantIds.has(tenantId.toLowerCase()))) {
      logger.warn(
        { route: '/api/messages', outcome: 'refused', reason: 'tenant_not_allowed', tenantId: tenantId ?? null },
        'request refused',
      );
      return sendError(res, 403, 'tenant_not_allowed', 'This bot serves its own organisation only.');
    }
    const turn = authenticated.run();
    turns.inFlight.add(turn);
    try {
      const { status, body } = await turn;
      record(status);
      // How long the turn took on the server, for monitoring and the benchmarks.
      res.header('Server-Timing', `turn;dur=${(performance.now() - started).toFixed(2)}`);
      if (body === undefined) res.send(status);
      else res.send(status, body);
    } catch (error) {
      record(500);
      logger.error({ route: '/api/messages', outcome: 'failed', error: errorSummary(error) }, 'turn failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Something went wrong.');
    } finally {
      turns.inFlight.delete(turn);
    }
  };
}

/** `GET /api/health`: 200 when storage answers, 503 when it does not. */
function healthHandler({ checkStorage, logger }: ServerDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    try {
      await checkStorage();
      res.send(200, { status: 'ok', storage: 'ok' });
    } catch (error) {
      logger.warn({ route: '/api/health', outcome: 'unhealthy', error: errorSummary(error) }, 'storage did not answer');
      res.send(503, { status: 'unavailable', storage: 'unreachable' });
    }
  };
}

/** Body parser refusals (bad JSON, too large, wrong media type): a short reply, free of input. */
function keepRefusalsShort(server: Server, logger: Logger): void {
  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      error: Error & { statusCode?: number; toJSON?: () => unknown },
      done: () => void,
    ) => {
      logger.warn(
        { route: req.getPath(), outcome: 'rejected', status: error.statusCode, reason: error.name },
        'request refused',
      );
      error.toJSON = () => ({ error: errorCode(error.name), message: shortMessage(error) });
      done();
    },
  );
}

/** Node checks these timeouts every 30 s by default; checked each second, a slow client is cut on time. */
function cutSlowClients(server: Server, { headersMs, requestMs }: { headersMs: number; requestMs: number }): void {
  const http = server.server;
  http.headersTimeout = headersMs;
  http.requestTimeout = requestMs;
  (http as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.min(1000, headersMs);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}

function sendError(res: Response, status: number, error: string, message: string): void {
  res.send(status, { error, message });
}

function errorCode(name: string): string {
  return (
    name
      .replace(/Error$/, '')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase() || 'bad_request'
  );
}

function shortMessage(error: Error & { statusCode?: number }): string {
  switch (error.statusCode) {
    case 413:
      return `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
    case 400:
      return 'The request body is not valid JSON.';
    case 404:
      return 'There is nothing at this address.';
    case 405:
      return 'This address does not accept that method.';
    default:
      return 'The request could not be handled.';
  }
}
