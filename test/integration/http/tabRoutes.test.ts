import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directoryResponseSchema,
  organisationSearchResponseSchema,
  webinarResponseSchema,
} from '../../../src/http/directoryApi.js';
import { TAB_CONTENT_SECURITY_POLICY } from '../../../src/http/tabRoutes.js';
import { REGION_CODES } from '../../../src/features/directory/referenceData.js';
import { knowledge, startTestApp, type TestApp } from '../../support/testBot.js';

/** Every key anywhere in a JSON value, as dotted paths without array indexes. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, prefix));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...keyPaths(child, path)];
  });
}

describe('the personal tab and its directory endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  it('serves the tab page with a strict Content-Security-Policy and no inline script', async () => {
    const response = await get('/tab');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(TAB_CONTENT_SECURITY_POLICY);
    expect(TAB_CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(TAB_CONTENT_SECURITY_POLICY).toContain('frame-ancestors teams.microsoft.com *.teams.microsoft.com');
    expect(html).toContain('<script src="/tab/tab.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/style=/);
  });

  it('serves the bundled script and styles, and answers a repeat request with 304', async () => {
    const script = await get('/tab/tab.js');
    const styles = await get('/tab/tab.css');

    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(10_000);
    expect(styles.status).toBe(200);
    expect(styles.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await styles.text()).toMatch(/\[data-theme=.?contrast/);

    const etag = script.headers.get('etag') ?? '';
    const again = await get('/tab/tab.js', { 'if-none-match': etag });
    expect(etag).not.toBe('');
    expect(again.status).toBe(304);
  });

  it('sends the script gzipped to browsers that accept it and plain to those that do not', async () => {
    const gzipped = await get('/tab/tab.js', { 'accept-encoding': 'gzip' });
    const plain = await get('/tab/tab.js', { 'accept-encoding': 'identity' });
    const plainText = await plain.text();

    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gzipped.headers.get('content-length'))).toBeLessThan(plainText.length / 2);
    expect(await gzipped.text()).toBe(plainText);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('etag')).not.toBe(gzipped.headers.get('etag'));
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('answers HEAD for the tab page, as uptime probes send it', async () => {
    const response = await fetch(`${app.url}/tab`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(TAB_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
  });

  it('lists the national lead, the steering group and the seven regional networks with their regions', async () => {
    const response = await get('/api/directory');
    const body = directoryResponseSchema.parse(await response.json());

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=5');
    expect(body.regionalNetworks.map((network) => network.region.code).sort()).toEqual([...REGION_CODES].sort());
    expect(body.regionalNetworks.find((network) => network.region.code === 'Y62')).toMatchObject({
      region: { name: 'North West' },
      name: 'North West MSO network',
      lead: {
        name: 'North West Example Lead',
        email: 'nw.mso.lead@example.org',
        teamsChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=nw.mso.lead%40example.org',
      },
    });
    expect(body.nationalLead.contact.email).toBe('national.mso.lead@example.org');
    expect(body.steeringGroup.members.length).toBeGreaterThan(0);
    expect(body.sample).toBe(true);
  });

  it('gives out published contacts only: no sign-in names, no stored people, nothing beyond the contract', async () => {
    const { directory } = await knowledge();
    const published = new Set([
      directory.network.nationalLead.person.email,
      ...directory.network.regionalNetworks.flatMap((network) => [
        network.lead.email,
        ...(network.deputies ?? []).map((deputy) => deputy.email),
      ]),
    ]);
    const text = await (await get('/api/directory')).text();
    const body: unknown = JSON.parse(text);

    const emails = text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
    for (const email of emails) expect(published).toContain(email);
    const keys = new Set(keyPaths(body).map((path) => path.split('.').at(-1)));
    expect([...keys].filter((key) => /upn|aad|objectId|tenant|profile|phone/i.test(key ?? ''))).toEqual([]);
    expect(directoryResponseSchema.safeParse(body).success).toBe(true);
  });

  it('says the next webinar is not scheduled yet, leaving room for it', async () => {
    const response = await get('/api/webinar');
    const body = webinarResponseSchema.parse(await response.json());

    expect(response.status).toBe(200);
    expect(body.summary).toMatch(/webinar/i);
    expect(body.next).toBeNull();
  });

  describe('organisation search', () => {
    it.each([
      ['RR8', 'RR8', 'Y63'],
      ['Leeds Teaching Hospitals', 'RR8', 'Y63'],
      ['Greater Manchester ICB', undefined, 'Y62'],
    ])('finds "%s" and its region', async (q, code, region) => {
      const response = await get(`/api/directory/organisations?q=${encodeURIComponent(q)}`);
      const body = organisationSearchResponseSchema.parse(await response.json());

      expect(response.status).toBe(200);
      expect(body.matches.length).toBeGreaterThan(0);
      expect(body.matches.length).toBeLessThanOrEqual(5);
      if (code) expect(body.matches[0]?.code).toBe(code);
      expect(body.matches.every((match) => match.region.code === region)).toBe(true);
    });

    it('answers a text that names no organisation with no matches', async () => {
      const response = await get('/api/directory/organisations?q=xyzzy%20plugh');

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ matches: [] });
    });

    it('returns at most five matches for a common word', async () => {
      const response = await get('/api/directory/organisations?q=hospitals');
      const body = organisationSearchResponseSchema.parse(await response.json());

      expect(response.status).toBe(200);
      expect(body.matches.length).toBeLessThanOrEqual(5);
    });

    it.each([
      ['no query', ''],
      ['an empty query', '?q='],
      ['a blank query', '?q=%20%20%20'],
      ['one character', '?q=a'],
      ['10,000 characters', `?q=${'a'.repeat(10_000)}`],
      ['two queries', '?q=Leeds&q=York'],
    ])('refuses %s with a short 400, never a 5xx', async (_name, search) => {
      const response = await get(`/api/directory/organisations${search}`);
      const body = (await response.json()) as { error: string; message: string };

      expect(response.status).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({ error: 'invalid_query', message: expect.any(String) });
      expect(body.message).not.toContain('aaaa');
    });

    it('survives odd characters in the query', async () => {
      for (const q of ['%00%01', '<script>', '"; DROP TABLE', '%F0%9F%92%8A%F0%9F%92%8A', '..%2F..%2Fetc']) {
        const response = await get(`/api/directory/organisations?q=${q}`);
        expect(response.status).toBeLessThan(500);
      }
    });
  });

  it('refuses to change the directory', async () => {
    const response = await fetch(`${app.url}/api/directory`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(405);
  });
});
