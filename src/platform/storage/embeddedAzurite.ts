import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const DB_FILE = '__azurite_db_table__.json';

interface TableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  httpServer?: { closeAllConnections?(): void };
}
type TableConfigurationCtor = new (...args: unknown[]) => object;
type TableServerCtor = new (configuration: object) => TableServer;

export interface EmbeddedAzurite {
  connectionString: string;
  port: number;
  close(): Promise<void>;
}

export interface EmbeddedAzuriteOptions {
  /** Folder for the table data; omitted means in memory (tests). */
  location?: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/**
 * Starts Azurite's Table service inside this process. Azurite's package entry needs VS Code,
 * so the server classes are loaded from their files.
 */
export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const require = createRequire(import.meta.url);
  const TableConfiguration = (
    require('azurite/dist/src/table/TableConfiguration.js') as { default: TableConfigurationCtor }
  ).default;
  const TableServer = (require('azurite/dist/src/table/TableServer.js') as { default: TableServerCtor }).default;

  const host = options.host ?? '127.0.0.1';
  const inMemory = options.location === undefined;
  if (options.location !== undefined) await mkdir(options.location, { recursive: true });
  const dbPath = inMemory ? DB_FILE : path.join(options.location ?? '', DB_FILE);
  // Positional arguments: host, port, keep-alive, db path, debug log, access log, access stream,
  // debug file, loose, skip API version check, cert, key, pwd, oauth, product-style URLs, in memory.
  const configuration = new TableConfiguration(
    host,
    options.port ?? 0,
    undefined,
    dbPath,
    false,
    false,
    undefined,
    undefined,
    false,
    true,
    '',
    '',
    '',
    undefined,
    false,
    inMemory,
  );
  const server = new TableServer(configuration);
  await server.start();
  const port = Number(server.getHttpServerAddress().split(':').pop());
  return {
    port,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      `TableEndpoint=http://${host}:${port}/${ACCOUNT};`,
    close: async () => {
      await server.close();
      // Azurite stops listening but leaves kept-alive sockets open, unanswered: cut them, so a
      // client sees the store gone at once (and never reaches a closed store through an old socket).
      server.httpServer?.closeAllConnections?.();
    },
  };
}
