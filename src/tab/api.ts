import type { DirectoryResponse, OrganisationSearchResponse, WebinarResponse } from '../http/directoryApi.js';

/** How long the tab waits for the server before it offers to try again. */
const REQUEST_TIMEOUT_MS = 10_000;

export class ApiError extends Error {
  override name = 'ApiError';
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok) throw new ApiError(`${path} answered ${response.status}`);
  return response.json();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// The server checks its answers against the contract (src/http/directoryApi.ts); the tab only
// guards against something else answering (a proxy's HTML page, an old server).

export async function fetchDirectory(): Promise<DirectoryResponse> {
  const body = await getJson('/api/directory');
  if (!isObject(body) || !Array.isArray(body.regionalNetworks) || !isObject(body.nationalLead)) {
    throw new ApiError('/api/directory answered something that is not the directory');
  }
  return body as unknown as DirectoryResponse;
}

export async function fetchWebinar(): Promise<WebinarResponse> {
  const body = await getJson('/api/webinar');
  if (!isObject(body) || typeof body.summary !== 'string')
    throw new ApiError('/api/webinar answered something unexpected');
  return body as unknown as WebinarResponse;
}

export async function searchOrganisations(text: string, signal: AbortSignal): Promise<OrganisationSearchResponse> {
  const body = await getJson(`/api/directory/organisations?q=${encodeURIComponent(text)}`, signal);
  if (!isObject(body) || !Array.isArray(body.matches))
    throw new ApiError('organisation search answered something unexpected');
  return body as unknown as OrganisationSearchResponse;
}
