import { createPublicKey, verify } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import { z } from 'zod';
// Not exported from the package index: its cache of key sources is the SDK's only seam for where
// signing keys come from. botbuilder 4.23.3 is the last release, so this does not move.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';

/** A signing key as the SDK's token check wants it. */
interface SdkSigningKey {
  key: string;
  endorsements?: string[];
}

/** What the SDK asks of a key source (its own OpenIdMetadata has the same shape). */
interface KeySource {
  getKey(keyId: string): Promise<SdkSigningKey | null>;
}

/** The signing keys could not be had: the request is answered 503, never 500, and tried again later. */
export class SigningKeysUnavailable extends Error {
  override name = 'SigningKeysUnavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** After a failed load, requests are answered 503 at once for this long before the next try. */
export const KEYS_RETRY_AFTER_SECONDS = 10;
/** Keys are reloaded this often, as the SDK does. */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;
/** A token naming a key we do not hold reloads the keys at most this often, as the SDK does. */
const UNKNOWN_KEY_REFRESH_MS = 60 * 60 * 1000;

const metadataSchema = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const keySetSchema = z.object({
  keys: z.array(
    z.looseObject({
      kid: z.string().optional(),
      kty: z.string().optional(),
      n: z.string().optional(),
      e: z.string().optional(),
      endorsements: z.array(z.string()).optional(),
    }),
  ),
});

/**
 * The Bot Framework's signing keys from one OpenID metadata address, loaded with a timeout and
 * one load at a time. The SDK's own loader has neither: with the key service slow, every request
 * waited minutes and held a socket of its own.
 */
class SigningKeys implements KeySource {
  private keys = new Map<string, SdkSigningKey>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;
  private readonly retryAfterMs = KEYS_RETRY_AFTER_SECONDS * 1000;

  constructor(
    private readonly metadataUrl: string,
    /** Each fetch of the metadata or the key set; the socket is closed when it runs out. */
    private readonly timeoutMs: number,
  ) {}

  async getKey(keyId: string): Promise<SdkSigningKey | null> {
    const age = Date.now() - this.loadedAt;
    if (age >= REFRESH_AFTER_MS || (!this.keys.has(keyId) && age >= UNKNOWN_KEY_REFRESH_MS)) await this.reload();
    return this.keys.get(keyId) ?? null;
  }

  /** Reloads the keys; when that fails, the keys held already (if any) go on serving. */
  private async reload(): Promise<void> {
    const sinceFailure = Date.now() - this.failedAt;
    if (sinceFailure < this.retryAfterMs) {
      if (this.keys.size > 0) return;
      throw new SigningKeysUnavailable(
        'the signing keys could not be loaded recently',
        Math.ceil((this.retryAfterMs - sinceFailure) / 1000),
      );
    }
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    try {
      await this.loading;
    } catch (error) {
      if (this.keys.size > 0) return;
      throw error;
    }
  }

  private async load(): Promise<void> {
    try {
      const { jwks_uri: keySetUrl } = metadataSchema.parse(await this.fetchJson(this.metadataUrl));
      const { keys } = keySetSchema.parse(await this.fetchJson(keySetUrl));
      const loaded = new Map<string, SdkSigningKey>();
      for (const { kid, kty, n, e, endorsements } of keys) {
        // Only RSA keys sign Bot Framework tokens (RS256, RS384, RS512).
        if (!kid || (kty !== undefined && kty !== 'RSA') || !n || !e) continue;
        const key = createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        loaded.set(kid, { key, ...(endorsements ? { endorsements } : {}) });
      }
      this.keys = loaded;
      this.loadedAt = Date.now();
    } catch (error) {
      this.failedAt = Date.now();
      const reason = error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : 'unknown';
      throw new SigningKeysUnavailable(`the signing keys could not be loaded (${reason})`, KEYS_RETRY_AFTER_SECONDS);
    }
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${url} answered ${String(response.status)}`);
    }
    return response.json();
  }
}

/** The algorithms the Bot Framework signs with, and the hash each uses. */
const HASHES: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
/** The SDK's own allowance for clocks that differ. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/** Says whether a request's `Authorization` header carries a token signed by a current Bot Framework key. */
export type SignatureCheck = (authorization: string) => Promise<boolean>;

/**
 * Makes the SDK take its signing keys from `SigningKeys` (timeouts, one load at a time) instead of
 * its own loader, and returns a first check that uses the same keys: the token is a JWT from the
 * channel service, signed with RS256/384/512 by a key the service publishes, and in date. Tokens that fail it never reach
 * the SDK, whose own check then does the rest (issuer, audience, service URL, endorsements) and
 * would otherwise print forged tokens' errors, with stacks, to the console. Throws
 * SigningKeysUnavailable when the keys cannot be had.
 */
export function useSigningKeys(channelMetadataUrl: string, timeoutMs: number): SignatureCheck {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  // An upgrade that dropped this seam must fail loudly, not bring the old loader back unseen.
  if (!(cache instanceof Map))
    throw new Error(
      'botframework-connector no longer keeps JwtTokenExtractor.openIdMetadataCache: see src/teams/signingKeys.ts',
    );
  const channelKeys = new SigningKeys(channelMetadataUrl, timeoutMs);
  (cache as Map<string, KeySource>).set(channelMetadataUrl, channelKeys);

  return async (authorization) => {
    const token = parseToken(authorization);
    if (!token) return false;
    const hash = HASHES[token.header.alg];
    if (!hash || !token.header.kid) return false;
    // Teams' tokens come from the channel service; no other issuer (Emulator, skills) is served.
    if (token.claims.iss !== AuthenticationConstants.ToBotFromChannelTokenIssuer) return false;
    const key = await channelKeys.getKey(token.header.kid);
    if (!key || !verify(hash, Buffer.from(token.signed), key.key, token.signature)) return false;
    const seconds = Date.now() / 1000;
    const { exp, nbf } = token.claims;
    return (
      typeof exp === 'number' &&
      exp + CLOCK_TOLERANCE_SECONDS > seconds &&
      (typeof nbf !== 'number' || nbf - CLOCK_TOLERANCE_SECONDS <= seconds)
    );
  };
}

interface ParsedToken {
  header: { alg: string; kid?: string | undefined };
  claims: Record<string, unknown>;
  /** The header and claims as sent, which the signature covers. */
  signed: string;
  signature: Buffer;
}

const headerSchema = z.object({ alg: z.string(), kid: z.string().optional() });

/** `Bearer <header>.<claims>.<signature>`, each part base64url; anything else is undefined. */
function parseToken(authorization: string): ParsedToken | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization);
  if (!match) return undefined;
  const [, head = '', body = '', signature = ''] = match;
  try {
    const header = headerSchema.safeParse(JSON.parse(Buffer.from(head, 'base64url').toString('utf8')));
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!header.success || typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
    return {
      header: header.data,
      claims: claims as Record<string, unknown>,
      signed: `${head}.${body}`,
      signature: Buffer.from(signature, 'base64url'),
    };
  } catch {
    return undefined;
  }
}
