import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the stand-in answers: with its keys, or never (it accepts the connection and stays silent). */
export type LoginServiceMode = 'answers' | 'neverAnswers';

export const TOKEN_ISSUER = 'https://api.botframework.com';

/**
 * Plays the Bot Framework's login service on this machine: an OpenID metadata document whose
 * `jwks_uri` leads to the public key of a key pair made here, so tests can sign real tokens.
 * Counts connections and requests, so a test can see how hard the bot leans on it.
 */
export class LoginService {
  readonly keyId = 'stand-in-key-1';
  readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<ServerResponse>();
  private base = '';
  connections = 0;
  requests = 0;

  constructor(public mode: LoginServiceMode = 'answers') {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests += 1;
      if (this.mode === 'neverAnswers') {
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      }
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? { issuer: TOKEN_ISSUER, jwks_uri: `${this.base}/v1/.well-known/keys` }
          : {
              keys: [
                { ...this.publicKey.export({ format: 'jwk' }), kid: this.keyId, use: 'sig', endorsements: ['msteams'] },
              ],
            };
      // Not writeHead(...).end(): restify, loaded in the same process, patches writeHead and returns nothing.
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
    return this;
  }

  /** Requests it is holding unanswered whose caller is still waiting (has not closed the connection). */
  get waitingRequests(): number {
    return this.held.size;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export interface TokenParts {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Signs with this key instead of the service's own. */
  key?: KeyObject;
}

/** A JWT as the Bot Framework signs them (RS256), from these claims, signed with the stand-in's key unless told otherwise. */
export function signToken(
  service: LoginService,
  { header = {}, claims = {}, key = service.privateKey }: TokenParts = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = encode({ alg: 'RS256', typ: 'JWT', kid: service.keyId, ...header });
  const body = encode({ iss: TOKEN_ISSUER, nbf: now - 60, exp: now + 3600, ...claims });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** `alg: none`: a token anyone can write, with no signature at all. */
export function unsignedToken(service: LoginService, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT', kid: service.keyId })}.${encode({ iss: TOKEN_ISSUER, exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.`;
}
