import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { metrics } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/platform/logger.js';
import { recordTurn, scrubUrl, startTelemetry } from '../../../src/platform/telemetry.js';

describe('scrubUrl', () => {
  it('keeps the host and the words of a connector route but not its conversation and activity ids', () => {
    expect(scrubUrl('https://smba.trafficmanager.net/emea/v3/conversations/a:1AbC-xyz_9/activities/1712345678')).toBe(
      'https://smba.trafficmanager.net/emea/v3/conversations/:id/activities/:id',
    );
  });

  it('keeps a table name but not the keys of its entity, nor the query', () => {
    expect(
      scrubUrl(
        "https://acct.table.core.windows.net/Subscriptions(PartitionKey='p',RowKey='aaaaaaaa-0000-4000-8000-000000000001')",
      ),
    ).toBe('https://acct.table.core.windows.net/Subscriptions(:key)');
    expect(scrubUrl("https://acct.table.core.windows.net/Profiles()?$filter=PartitionKey%20eq%20'x'")).toBe(
      'https://acct.table.core.windows.net/Profiles(:key)',
    );
  });

  it('drops user info, emails, GUIDs and search text from a URL or a bare path', () => {
    expect(
      scrubUrl('https://user:secret@host.example/users/sam@example.org/aaaaaaaa-0000-4000-8000-000000000001'),
    ).toBe('https://host.example/users/:id/:id');
    expect(scrubUrl('/api/directory/organisations?q=Sam%20Example#top')).toBe('/api/directory/organisations');
    expect(scrubUrl('/webinar.ics')).toBe('/webinar.ics');
  });
});

// The two blocks share one process's OpenTelemetry globals, so "off" runs before "on".
describe('telemetry with no connection string', () => {
  it('starts nothing, loads no Azure Monitor code and says telemetry is off', async () => {
    const logs = captureLogs();

    expect(await startTelemetry(undefined, logs.logger)).toBeUndefined();

    expect(metrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    // @azure/monitor-opentelemetry sets this variable as it is loaded.
    expect(process.env.AZURE_MONITOR_DISTRO_VERSION).toBeUndefined();
    expect(logs.text()).toContain('"telemetry":"off"');
    expect(() => recordTurn({ activityType: 'message', status: 200, durationMs: 5 })).not.toThrow();
  });
});

describe('telemetry with a connection string', () => {
  const AAD_OBJECT_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
  let network: NetworkGuard;
  let ingestion: Ingestion;

  beforeAll(async () => {
    network = guardNetwork();
    ingestion = await startIngestion();
    // The exporter only speaks https; the stand-in ingestion endpoint has a certificate made just now.
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await ingestion.stop();
    network.restore();
  });

  it('exports a request with its URL scrubbed, and the turn metrics, to the ingestion endpoint on shutdown', async () => {
    const logs = captureLogs();
    const telemetry = await startTelemetry(
      `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${ingestion.port}/`,
      logs.logger,
    );
    expect(telemetry).toBeDefined();

    // Required (not imported) after start, as restify requires it, so that the instrumentation patches it.
    const nodeHttp = createRequire(import.meta.url)('node:http') as typeof import('node:http');
    const app = nodeHttp.createServer((_request, response) => response.end('ok'));
    const appPort = await listen(app);
    const reply = await fetch(`http://127.0.0.1:${appPort}/api/people/${AAD_OBJECT_ID}?email=sam@example.org`, {
      headers: { 'user-agent': 'Sam Example browser' },
    });
    expect(await reply.text()).toBe('ok');
    recordTurn({ activityType: 'message', status: 200, durationMs: 12 });
    recordTurn({ activityType: 'someNewType', status: 500, durationMs: 40 });

    await telemetry?.shutdown();
    await new Promise((resolve) => app.close(resolve));

    expect(ingestion.paths()).toContain('POST /v2.1/track');
    const request = ingestion.envelopes().find((envelope) => envelope.data.baseType === 'RequestData');
    expect(request?.data.baseData.url).toBe(`http://127.0.0.1:${appPort}/api/people/:id`);
    expect(request?.tags['ai.location.ip']).toBeUndefined();
    expect(request?.tags['ai.user.userAgent']).toBeUndefined();
    expect(turnMetrics(ingestion.envelopes())).toEqual(
      expect.arrayContaining([
        { name: 'bot.turns', properties: { 'activity.type': 'message', outcome: 'ok' } },
        { name: 'bot.turns', properties: { 'activity.type': 'other', outcome: 'failed' } },
        { name: 'bot.turn.duration', properties: { 'activity.type': 'message', outcome: 'ok' } },
      ]),
    );
    const exported = JSON.stringify(ingestion.envelopes());
    for (const personal of [AAD_OBJECT_ID, 'sam@example.org', 'Sam Example']) expect(exported).not.toContain(personal);
    expect(logs.text()).toContain('"telemetry":"azure-monitor"');
    expect(logs.text()).not.toContain('InstrumentationKey');
    // No VM metadata probe, no usage reports to Microsoft: nothing left this machine.
    expect(network.attempts).toEqual([]);
  });
});

interface Envelope {
  tags: Record<string, string | undefined>;
  data: {
    baseType: string;
    baseData: { url?: string; metrics?: { name: string }[]; properties?: Record<string, string> };
  };
}

function turnMetrics(envelopes: Envelope[]): { name: string; properties: Record<string, string> | undefined }[] {
  return envelopes
    .filter((envelope) => envelope.data.baseType === 'MetricData')
    .flatMap(({ data }) =>
      (data.baseData.metrics ?? []).map(({ name }) => ({ name, properties: data.baseData.properties })),
    )
    .filter(({ name }) => name.startsWith('bot.'));
}

interface Ingestion {
  port: number;
  paths(): string[];
  envelopes(): Envelope[];
  stop(): Promise<void>;
}

/** An Application Insights ingestion endpoint on loopback that accepts everything it is sent. */
async function startIngestion(): Promise<Ingestion> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ingestion-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  const tls = { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  rmSync(dir, { recursive: true, force: true });

  const paths: string[] = [];
  const envelopes: Envelope[] = [];
  const server = createHttpsServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString();
      const batch = JSON.parse(text) as Envelope[];
      paths.push(`${request.method ?? ''} ${request.url ?? ''}`);
      envelopes.push(...batch);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ itemsReceived: batch.length, itemsAccepted: batch.length, errors: [] }));
    });
  });
  const port = await listen(server);
  return {
    port,
    paths: () => paths,
    envelopes: () => envelopes,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

interface NetworkGuard {
  /** host:port of every connection refused. */
  attempts: string[];
  restore(): void;
}

/** Refuses, and notes, any TCP connection from this process to a host other than loopback. */
function guardNetwork(): NetworkGuard {
  const prototype = net.Socket.prototype;
  // Reflect.get, not a plain read: the method is only ever re-applied to its own socket.
  const connect = Reflect.get(prototype, 'connect');
  const attempts: string[] = [];
  function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = targetOf(args);
    if (target && !/^(127\.|::1$|localhost$)/.test(target.host)) {
      attempts.push(`${target.host}:${String(target.port)}`);
      process.nextTick(() => this.destroy(new Error(`test refused a connection to ${target.host}`)));
      return this;
    }
    return Reflect.apply(connect, this, args) as net.Socket;
  }
  prototype.connect = guardedConnect;
  return {
    attempts,
    restore: () => {
      prototype.connect = connect;
    },
  };
}

/** Where a Socket#connect call goes; undefined for a local (path) socket. net.connect passes [options, callback]. */
function targetOf(args: unknown[]): { host: string; port: unknown } | undefined {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, port, path: socketPath } = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof socketPath === 'string') return undefined;
    return { host: typeof host === 'string' ? host : 'localhost', port };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
  }
  return undefined;
}

function captureLogs() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });
  return { logger, text: () => lines.join('') };
}
