import type { Request, Response, Server } from 'restify';
import type { Directory } from '../features/directory/directory.js';
import { errorSummary } from '../platform/errorSummary.js';
import type { Logger } from '../platform/logger.js';
import {
  directoryResponse,
  parseOrganisationQuery,
  searchOrganisations,
  webinarResponse,
  type NextWebinar,
} from './directoryApi.js';
import { loadTabAssets, type TabAssets } from './tabAssets.js';
import type { TabFileName } from './tabBundle.js';

/**
 * The tab's page may only run its own files, and only Teams (and the Microsoft 365 hosts) may
 * frame it. connect-src adds the CDN that @microsoft/teams-js reads its list of valid host
 * origins from at load time; blocked, it falls back to the list it ships with.
 */
export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.skype.com *.office.com *.microsoft365.com *.cloud.microsoft',
].join('; ');

/** The leads edit the directory from Teams: a browser may keep it for a few seconds, no longer. */
const API_CACHE_CONTROL = 'public, max-age=5';

export interface TabRouteDeps {
  directory: Directory;
  logger: Logger;
  /** The next webinar once the schedule exists (a later issue); until then the tab says "coming soon". */
  nextWebinar?: () => Promise<NextWebinar | undefined>;
  /** Defaults to the built tab in dist/tab, or the sources bundled on first request. */
  assets?: TabAssets;
}

/** `/tab` (the personal tab's page, script and styles) and the read-only JSON it reads. */
export function registerTabRoutes(server: Server, deps: TabRouteDeps): void {
  const { directory, logger } = deps;
  const assets = deps.assets ?? loadTabAssets();
  // Built once per directory version (a lead saved), and at start-up, so a contract mistake fails there.
  let published = { network: directory.network, body: directoryResponse(directory) };
  const directoryBody = () => {
    if (published.network !== directory.network)
      published = { network: directory.network, body: directoryResponse(directory) };
    return published.body;
  };

  const sendTabFile = async (name: TabFileName, req: Request, res: Response) => {
    try {
      const file = await assets.get(name);
      const gzip = /\bgzip\b/.test(req.header('accept-encoding', ''));
      const etag = gzip ? file.etag.replace(/"$/, '-gz"') : file.etag;
      const headers: Record<string, string> = {
        'Content-Type': file.contentType,
        // Revalidated each time (a cheap 304), so a deploy never pairs a new page with an old script.
        'Cache-Control': 'no-cache',
        ETag: etag,
        Vary: 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      };
      if (name === 'index.html') headers['Content-Security-Policy'] = TAB_CONTENT_SECURITY_POLICY;
      const body = gzip ? file.gzipped : file.body;
      if (req.header('if-none-match', '') === etag) res.sendRaw(304, '', headers);
      else if (req.method === 'HEAD') res.sendRaw(200, '', { ...headers, 'Content-Length': String(body.length) });
      else res.sendRaw(200, body, headers);
    } catch (error) {
      logger.error({ route: req.getPath(), outcome: 'failed', error: errorSummary(error) }, 'tab file unavailable');
      res.sendRaw(503, 'The tab is not available: run npm run build.', {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
    }
  };

  const tabFiles: [string, TabFileName][] = [
    ['/tab', 'index.html'],
    ['/tab/', 'index.html'],
    ['/tab/tab.js', 'tab.js'],
    ['/tab/tab.css', 'tab.css'],
  ];
  for (const [path, name] of tabFiles) {
    const handler = async (req: Request, res: Response) => {
      await sendTabFile(name, req, res);
    };
    server.get(path, handler);
    server.head(path, handler);
  }

  server.get('/api/directory', (_req: Request, res: Response, next: () => void) => {
    res.header('Cache-Control', API_CACHE_CONTROL);
    res.send(200, directoryBody());
    next();
  });

  server.get('/api/directory/organisations', (req: Request, res: Response, next: () => void) => {
    const query = parseOrganisationQuery(new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('q'));
    if (query.ok) {
      res.header('Cache-Control', API_CACHE_CONTROL);
      res.send(200, searchOrganisations(directory, query.text));
    } else {
      res.header('Cache-Control', 'no-store');
      res.send(400, { error: 'invalid_query', message: query.message });
    }
    next();
  });

  server.get('/api/webinar', async (req: Request, res: Response) => {
    try {
      const body = webinarResponse(directory, await deps.nextWebinar?.());
      res.header('Cache-Control', 'public, max-age=60');
      res.send(200, body);
    } catch (error) {
      logger.error({ route: req.getPath(), outcome: 'failed', error: errorSummary(error) }, 'webinar unavailable');
      res.send(503, { error: 'unavailable', message: 'The webinar details are not available right now.' });
    }
  });
}
