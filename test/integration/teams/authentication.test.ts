import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { message, OTHER_TENANT_ID, TEST_TENANT_ID, type Activity } from '../../support/activities.js';
import { freePort } from '../../../bench/processes.js';
import { LoginService, signToken, unsignedToken } from '../../support/loginService.js';
import { startTestBot, type TestBot } from '../../support/testBot.js';

const APP_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const credentials = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANT_IDS: TEST_TENANT_ID,
};

/** An activity that needs no reply, so an accepted one runs a whole turn without writing anywhere. */
function typing(bot: TestBot, tenantId = TEST_TENANT_ID): Activity {
  return { ...message('', { serviceUrl: bot.connector.serviceUrl, tenantId }), type: 'typing', text: undefined };
}

function postWithToken(bot: TestBot, activity: Activity, token: string) {
  return fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
  });
}

describe('authentication, with the login service answering', () => {
  let login: LoginService;
  let bot: TestBot;
  const logs: string[] = [];
  beforeAll(async () => {
    login = await new LoginService().start();
    bot = await startTestBot({ ...credentials, BotOpenIdMetadata: login.metadataUrl, LOG_LEVEL: 'warn' }, { logs });
  });
  afterAll(async () => {
    await bot.close();
    await login.stop();
  });
  beforeEach(() => {
    logs.length = 0;
  });

  const claimsFor = (bot: TestBot) => ({ aud: APP_ID, serviceurl: bot.connector.serviceUrl });

  it('runs the turn of a token the Bot Framework signed', async () => {
    const response = await postWithToken(bot, typing(bot), signToken(login, { claims: claimsFor(bot) }));

    expect(response.status).toBe(200);
  });

  it('checks the tenant only once the caller is authenticated', async () => {
    const signed = await postWithToken(bot, typing(bot, OTHER_TENANT_ID), signToken(login, { claims: claimsFor(bot) }));
    const forged = await postWithToken(bot, typing(bot, OTHER_TENANT_ID), unsignedToken(login, claimsFor(bot)));

    expect(signed.status).toBe(403);
    expect(forged.status).toBe(401);
    expect(JSON.stringify(await forged.json())).not.toContain('tenant');
  });

  const forgeries: { name: string; token: (bot: TestBot) => string }[] = [
    { name: 'an alg=none token', token: (bot) => unsignedToken(login, claimsFor(bot)) },
    {
      name: 'a token signed with somebody else\u2019s key',
      token: (bot) =>
        signToken(login, {
          claims: claimsFor(bot),
          key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
        }),
    },
    {
      name: 'a token naming a key the service does not publish',
      token: (bot) => signToken(login, { claims: claimsFor(bot), header: { kid: 'made-up' } }),
    },
    {
      name: 'an expired token',
      token: (bot) => signToken(login, { claims: { ...claimsFor(bot), exp: Math.floor(Date.now() / 1000) - 3600 } }),
    },
    { name: 'an HS256 token', token: (bot) => signToken(login, { claims: claimsFor(bot), header: { alg: 'HS256' } }) },
    {
      name: 'a token for another bot',
      token: (bot) => signToken(login, { claims: { ...claimsFor(bot), aud: '11111111-2222-4333-8444-555555555555' } }),
    },
    {
      name: 'a token for another service URL',
      token: () => signToken(login, { claims: { aud: APP_ID, serviceurl: 'https://smba.example.org/' } }),
    },
    {
      name: 'a token from another issuer',
      token: (bot) => signToken(login, { claims: { ...claimsFor(bot), iss: 'https://issuer.example.org' } }),
    },
    { name: 'not a token at all', token: () => 'not.a.token' },
  ];

  it.each(forgeries)('refuses $name with 401, logged as a warning without a stack', async ({ token }) => {
    const response = await postWithToken(bot, typing(bot), token(bot));

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    const refusals = logs.filter((line) => line.includes('request refused'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0] ?? '{}')).toMatchObject({ level: 40, status: 401 });
    expect(logs.join('\n')).not.toMatch(/stack|\n\s+at /);
  });

  it('loads the keys once for many tokens', () => {
    // One metadata document and one key set, whatever the number of requests above.
    expect(login.requests).toBeLessThanOrEqual(4);
  });
});

describe('authentication, with the login service unreachable', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // Nothing listens at this port: every connection is refused.
    const closedPort = await freePort();
    bot = await startTestBot({
      ...credentials,
      BotOpenIdMetadata: `http://127.0.0.1:${String(closedPort)}/v1/.well-known/openidconfiguration`,
    });
  });
  afterAll(() => bot.close());

  it('answers 503 with Retry-After, at once, rather than 500', async () => {
    const login = new LoginService();
    const started = Date.now();
    const response = await postWithToken(
      bot,
      typing(bot),
      signToken(login, { claims: { aud: APP_ID, serviceurl: bot.connector.serviceUrl } }),
    );

    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: 'authentication_unavailable', message: expect.any(String) });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('still refuses a token that is not signed at all with 401, not 503: it is refused before keys are needed', async () => {
    const response = await postWithToken(bot, typing(bot), unsignedToken(new LoginService(), { aud: APP_ID }));

    expect(response.status).toBe(401);
  });
});

describe('authentication, with a login service that accepts connections and never answers', () => {
  let login: LoginService;
  let bot: TestBot;
  beforeAll(async () => {
    login = await new LoginService('neverAnswers').start();
    bot = await startTestBot({ ...credentials, BotOpenIdMetadata: login.metadataUrl });
  });
  afterAll(async () => {
    await bot.close();
    await login.stop();
  });

  it('answers 300 forged requests with 503 within the 5 s limit, holding one connection, not one each', async () => {
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 300 }, () =>
        postWithToken(
          bot,
          typing(bot),
          signToken(login, { claims: { aud: APP_ID, serviceurl: bot.connector.serviceUrl } }),
        ),
      ),
    );
    const elapsed = Date.now() - started;

    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([503]));
    expect(responses.every((response) => Number(response.headers.get('retry-after')) > 0)).toBe(true);
    expect(elapsed).toBeLessThan(8000);
    expect(login.connections).toBe(1);
  });

  it('stops waiting on the login service once the limit has passed', async () => {
    await expect.poll(() => login.waitingRequests, { timeout: 3000 }).toBe(0);
  });
});
