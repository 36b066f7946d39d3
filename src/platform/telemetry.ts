import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { metrics, type Attributes, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { errorSummary } from './errorSummary.js';
import type { Logger } from './logger.js';

export interface Telemetry {
  /** Sends what is still buffered and stops. Never rejects; gives up after SHUTDOWN_TIMEOUT_MS. */
  shutdown(): Promise<void>;
}

const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * Traces and metrics to Azure Monitor when a connection string is given. Without one nothing is
 * loaded and undefined comes back. Call it before restify, botbuilder or the Azure SDK are
 * imported: the HTTP instrumentation patches `http` when they first require it.
 */
export async function startTelemetry(
  connectionString: string | undefined,
  logger: Logger,
): Promise<Telemetry | undefined> {
  if (!connectionString) {
    logger.info(
      { telemetry: 'off' },
      'APPLICATIONINSIGHTS_CONNECTION_STRING is not set: no traces or metrics are sent',
    );
    return undefined;
  }
  // The exporter's own usage reports ("statsbeat") go to a Microsoft endpoint, not ours, and probe the
  // VM metadata service first; this variable is their only off switch and must be set before the import.
  // eslint-disable-next-line no-restricted-properties -- a switch for a library, not configuration read here
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  const [{ useAzureMonitor, shutdownAzureMonitor }, { azureVmDetector }] = await Promise.all([
    import('@azure/monitor-opentelemetry'),
    import('@opentelemetry/resource-detector-azure'),
  ]);
  // 1.18 asks the VM metadata service (169.254.169.254) on every start, wherever it runs (fixed in
  // later releases, which need Node 22). The bot runs on App Service, never on a VM.
  azureVmDetector.detect = () => ({ attributes: {} });
  useAzureMonitor(azureMonitorOptions(connectionString));
  logger.info({ telemetry: 'azure-monitor' }, 'telemetry on: traces and metrics go to Azure Monitor');
  return {
    async shutdown() {
      try {
        await Promise.race([shutdownAzureMonitor(), delay(SHUTDOWN_TIMEOUT_MS)]);
      } catch (error) {
        logger.warn(
          { telemetry: 'azure-monitor', outcome: 'not_flushed', error: errorSummary(error) },
          'telemetry shutdown failed',
        );
      }
    },
  };
}

function azureMonitorOptions(connectionString: string): AzureMonitorOpenTelemetryOptions {
  return {
    azureMonitorExporterOptions: { connectionString },
    // Live Metrics streams request details to a second endpoint as they happen; the bot has no need.
    enableLiveMetrics: false,
    enableStandardMetrics: true,
    enablePerformanceCounters: true,
    // Every trace: the bot's traffic is small, and the default rate-limited sampler (5 a second over a
    // 0.1 s window) drops spans from any burst, such as a reminder tick's few table calls.
    samplingRatio: 1,
    tracesPerSecond: 0,
    // Never inject Microsoft's browser script into the tab's pages.
    browserSdkLoaderOptions: { enabled: false },
    instrumentationOptions: {
      http: { enabled: true },
      // One span per HTTP call: the Azure SDK's own spans add two more to every table operation.
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    spanProcessors: [privacySpanProcessor],
  };
}

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];

/** Who made a request: dropped. Its route is kept for its fixed words only (see scrubUrl). */
const PERSONAL_ATTRIBUTES = [
  'client.address',
  'http.client_ip',
  'microsoft.client.ip',
  'network.peer.address',
  'net.peer.ip',
  'net.sock.peer.addr',
  'user_agent.original',
  'http.user_agent',
  'url.query',
];
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target', 'url.path'];

/**
 * Runs as each span ends, before the batch is exported. Request and response bodies and headers are
 * never recorded by the HTTP instrumentation; what remains to remove is the caller's address and
 * browser, and ids in URLs (table keys are Entra object ids, connector paths hold conversation ids).
 */
const privacySpanProcessor: SpanProcessor = {
  onStart: () => undefined,
  onEnd(span) {
    const attributes = span.attributes;
    for (const key of PERSONAL_ATTRIBUTES) Reflect.deleteProperty(attributes, key);
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string') attributes[key] = scrubUrl(value);
    }
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** A path segment kept as it is: a word, perhaps a version number or a file extension. */
const FIXED_SEGMENT = /^[A-Za-z]+\d{0,2}(?:\.[A-Za-z0-9]{1,8})?$/;
/** An Azure Table entity or query: `Subscriptions(PartitionKey='…',RowKey='…')`. */
const TABLE_SEGMENT = /^([A-Za-z][A-Za-z0-9]{0,62})\(.*\)$/;

/**
 * A URL or path reduced to what names the route: scheme, host and fixed words stay; ids, keys,
 * user info and the query go. `https://h/v3/conversations/a:1xyz/activities?x=1` becomes
 * `https://h/v3/conversations/:id/activities`.
 */
export function scrubUrl(url: string): string {
  const withoutQuery = url.split(/[?#]/, 1)[0] ?? '';
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(withoutQuery)?.[0] ?? '';
  const path = withoutQuery.slice(origin.length);
  return origin.replace(/\/\/[^/@]*@/, '//') + path.split('/').map(scrubSegment).join('/');
}

function scrubSegment(segment: string): string {
  if (segment === '' || (segment.length <= 40 && FIXED_SEGMENT.test(segment))) return segment;
  const table = TABLE_SEGMENT.exec(segment);
  return table ? `${table[1] ?? ''}(:key)` : ':id';
}

/** Bot Framework activity types; anything else is counted as 'other' to keep the metric small. */
const ACTIVITY_TYPES = new Set([
  'message',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
  'event',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'typing',
  'endOfConversation',
]);

export type TurnOutcome = 'ok' | 'refused' | 'failed';

export interface TurnRecord {
  activityType: string;
  /** The HTTP status the turn answered with; 500 when it threw. */
  status: number;
  durationMs: number;
}

interface TurnInstruments {
  turns: Counter;
  duration: Histogram;
}

// A meter taken before telemetry starts stays a no-op for good, so instruments are made per provider.
const instrumentsByProvider = new WeakMap<MeterProvider, TurnInstruments>();

function turnInstruments(): TurnInstruments {
  const provider = metrics.getMeterProvider();
  let instruments = instrumentsByProvider.get(provider);
  if (!instruments) {
    const meter = provider.getMeter('mso-network-bot');
    instruments = {
      turns: meter.createCounter('bot.turns', {
        description: 'Bot turns by activity type and outcome',
        unit: '{turn}',
      }),
      duration: meter.createHistogram('bot.turn.duration', { description: 'Time to run one bot turn', unit: 'ms' }),
    };
    instrumentsByProvider.set(provider, instruments);
  }
  return instruments;
}

/** Counts one turn and its duration, by activity type and outcome only; a no-op while telemetry is off. */
export function recordTurn({ activityType, status, durationMs }: TurnRecord): void {
  const attributes: Attributes = {
    'activity.type': ACTIVITY_TYPES.has(activityType) ? activityType : 'other',
    outcome: outcomeOf(status),
  };
  const { turns, duration } = turnInstruments();
  turns.add(1, attributes);
  duration.record(durationMs, attributes);
}

function outcomeOf(status: number): TurnOutcome {
  if (status < 400) return 'ok';
  return status < 500 ? 'refused' : 'failed';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
