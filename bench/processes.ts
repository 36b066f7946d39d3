import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free loopback port, for Azurite's command line (which does not report a port of its own choosing). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Peak resident set size of a process so far (Linux VmHWM). */
export function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/**
 * Azurite's Table service as its own process, as storage is in production (not competing with
 * what is measured): the node arguments, the line that says it is ready, and its connection string.
 */
export function azuriteProcess(port: number): { args: string[]; ready: RegExp; connectionString: string } {
  return {
    args: [
      'node_modules/azurite/dist/src/table/main.js',
      '--inMemoryPersistence',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(port),
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    ready: /successfully started on 127\.0\.0\.1:(\d+)/,
    connectionString:
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      `TableEndpoint=http://127.0.0.1:${String(port)}/devstoreaccount1;`,
  };
}
