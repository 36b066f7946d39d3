import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createServer, MAX_BODY_BYTES } from '../../../src/http/server.js';
import { startEmbeddedAzurite } from '../../../src/platform/storage/embeddedAzurite.js';
import { openStorage } from '../../../src/storage.js';
import { message, MSO, OTHER_TENANT_ID, personalChatId, TEST_TENANT_ID } from '../../support/activities.js';
import { knowledge, startTestBot, type TestBot } from '../../support/testBot.js';

describe('the HTTP server', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  it('says it is healthy when storage answers', async () => {
    const response = await fetch(`${bot.url}/api/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', storage: 'ok' });
  });

  describe('refuses bad bodies with a short JSON 4xx and stays up', () => {
    const cases: { name: string; body: string; headers?: Record<string, string>; status: number }[] = [
      { name: 'text that is not JSON', body: '{"type": "message", ', status: 400 },
      { name: 'an empty body', body: '', status: 400 },
      { name: 'JSON that is not an object', body: '[1, 2, 3]', status: 400 },
      { name: 'JSON null', body: 'null', status: 400 },
      { name: 'an object that is not an activity', body: '{"hello": "world"}', status: 400 },
      {
        name: 'an activity without a conversation',
        body: JSON.stringify({
          type: 'message',
          channelId: 'msteams',
          serviceUrl: 'http://127.0.0.1:1/',
          from: { id: 'x' },
          recipient: { id: 'y' },
        }),
        status: 400,
      },
      {
        name: 'an activity whose text is not a string',
        body: JSON.stringify({ ...message('x', { serviceUrl: 'http://127.0.0.1:1/' }), text: { nested: true } }),
        status: 400,
      },
      {
        name: 'a serviceUrl that is not a web address',
        body: JSON.stringify(message('x', { serviceUrl: 'file:///etc/passwd' })),
        status: 400,
      },
      {
        name: 'a body larger than the limit',
        body: JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) }),
        status: 413,
      },
      {
        name: 'a body that is not sent as JSON',
        body: '<activity/>',
        headers: { 'content-type': 'application/xml' },
        status: 415,
      },
      {
        name: 'a form',
        body: 'type=message&text=hi',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
      },
      {
        name: 'a gzip-encoded body that is not gzip (it used to crash the process)',
        body: '{',
        headers: { 'content-encoding': 'gzip' },
        status: 415,
      },
      {
        name: 'a compressed body, which could inflate past the limit',
        body: '{}',
        headers: { 'content-encoding': 'deflate' },
        status: 415,
      },
      {
        name: 'a conversation id that could not go back out in a header',
        body: JSON.stringify({
          ...message('x', { serviceUrl: 'http://127.0.0.1:1/' }),
          conversation: { id: '\u4e2d' },
        }),
        status: 400,
      },
      {
        name: 'a conversation id too long for a table key',
        body: JSON.stringify({
          ...message('x', { serviceUrl: 'http://127.0.0.1:1/' }),
          conversation: { id: 'a'.repeat(385) },
        }),
        status: 400,
      },
      {
        name: 'a locale that is not text (the reply could not be sent)',
        body: JSON.stringify({ ...message('x', { serviceUrl: 'http://127.0.0.1:1/' }), locale: false }),
        status: 400,
      },
      {
        name: 'a multipart upload (never written to disk)',
        body: `--b\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n${'x'.repeat(300_000)}\r\n--b--\r\n`,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        status: 415,
      },
    ];

    it.each(cases)('$name gets $status', async ({ body, headers, status }) => {
      const response = await bot.post(body, headers);

      expect(response.status).toBe(status);
      expect(response.body).toEqual({ error: expect.any(String), message: expect.any(String) });
      expect(bot.connector.calls).toHaveLength(0);
      expect((await fetch(`${bot.url}/api/health`)).status).toBe(200);
    });
  });

  it('does not echo what was sent in its error', async () => {
    const secret = 'patient NHS number 943 476 5919';
    const response = await bot.post({ type: 'message', text: secret });

    expect(JSON.stringify(response.body)).not.toContain('943');
  });

  it('tells browsers never to sniff any answer as another type', async () => {
    const answers = await Promise.all([
      fetch(`${bot.url}/api/health`),
      fetch(`${bot.url}/api/nothing-here`),
      fetch(`${bot.url}/api/directory`),
      fetch(`${bot.url}/api/webinar`),
      fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('help', { serviceUrl: bot.connector.serviceUrl })),
      }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 200, 200, 400, 200]);
    for (const answer of answers) expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
  });

  it('answers an unknown address with 404 JSON', async () => {
    const response = await fetch(`${bot.url}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.any(String) });
  });

  it('finishes a turn in flight before it shuts down', async () => {
    const slow = await startTestBot();
    slow.connector.delayNext({ ms: 400, kind: 'reply' });
    const turn = slow.post(message('help', { serviceUrl: slow.connector.serviceUrl }));
    await expect.poll(() => slow.connector.calls.length).toBe(1);

    await slow.close();

    expect((await turn).status).toBe(200);
    expect(slow.connector.sentCards()).toHaveLength(1);
  });
});

describe('when storage does not answer', () => {
  it('says so on /api/health with a 503', async () => {
    const azurite = await startEmbeddedAzurite();
    const storage = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const app = createApp(config, { storage, ...(await knowledge()) }, createLogger('silent'));
    const { port } = await app.listen(0, '127.0.0.1');
    await azurite.close();

    const response = await fetch(`http://127.0.0.1:${port}/api/health`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', storage: 'unreachable' });
    await app.close(500);
  });
});

describe('with a tenant allow-list', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ ALLOWED_TENANT_IDS: TEST_TENANT_ID });
  });
  afterAll(() => bot.close());

  it('refuses an activity from another tenant before any handler runs', async () => {
    const response = await bot.post(
      message('help', { serviceUrl: bot.connector.serviceUrl, tenantId: OTHER_TENANT_ID }),
    );

    expect(response.status).toBe(403);
    expect(bot.connector.calls).toHaveLength(0);
    expect(await bot.storage.conversations.get(personalChatId(MSO))).toBeUndefined();
  });

  it('refuses an activity that names no tenant', async () => {
    const { channelData: _channelData, ...activity } = message('help', { serviceUrl: bot.connector.serviceUrl });
    const response = await bot.post({
      ...activity,
      conversation: { id: personalChatId(MSO), conversationType: 'personal' },
    });

    expect(response.status).toBe(403);
    expect(bot.connector.calls).toHaveLength(0);
  });

  it('serves its own tenant', async () => {
    const response = await bot.post(message('help', { serviceUrl: bot.connector.serviceUrl }));

    expect(response.status).toBe(200);
    expect(bot.connector.sentCards()).toHaveLength(1);
  });
});

describe('with a Microsoft app id configured', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      MicrosoftAppId: '0f0e0d0c-0b0a-4908-8706-050403020100',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(() => bot.close());

  it('refuses an unsigned request with 401 and does nothing', async () => {
    const response = await bot.post(message('help', { serviceUrl: bot.connector.serviceUrl }));

    expect(response.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
    expect(await bot.storage.conversations.get(personalChatId(MSO))).toBeUndefined();
  });

  it('refuses a request whose bearer token is not a Bot Framework token with 401', async () => {
    const response = await bot.post(message('help', { serviceUrl: bot.connector.serviceUrl }), {
      authorization: 'Bearer not.a.token',
    });

    expect(response.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });
});

describe('a client that sends its request slowly', () => {
  const server = createServer({
    authenticate: () => Promise.resolve({ ok: true, run: () => Promise.resolve({ status: 200 }) }),
    checkStorage: () => Promise.resolve(),
    logger: createLogger('silent'),
    allowedTenantIds: undefined,
    timeouts: { headersMs: 500, requestMs: 1500 },
  });
  let port: number;
  beforeAll(async () => {
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(() => server.close(100));

  /** Opens a connection, writes `first`, then one more line every 100 ms; resolves with when the server cut it and what it said. */
  function dribble(first: string, line: string): Promise<{ afterMs: number; answer: string }> {
    return new Promise((resolve) => {
      const started = Date.now();
      let answer = '';
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(first));
      const drip = setInterval(() => socket.writable && socket.write(line), 100);
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ afterMs: Date.now() - started, answer });
      });
    });
  }

  it('is cut once its headers take longer than the headers limit', async () => {
    const { afterMs, answer } = await dribble('POST /api/messages HTTP/1.1\r\nHost: bot\r\n', 'X-Slow: 1\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(3000);
  });

  it('is cut once its body takes longer than the request limit', async () => {
    const headers =
      'POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const { afterMs, answer } = await dribble(headers, ' ');

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(4000);
  });
});
