import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind =
  'reply' | 'send' | 'update' | 'delete' | 'createConversation' | 'getMember' | 'getMembers';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  conversationId: string | undefined;
  activityId: string | undefined;
  memberId: string | undefined;
  /** The parsed JSON body, for calls that carry one. */
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
  /** When the call arrived (ms since the epoch). */
  at: number;
  /** The status the connector answered with. */
  status: number;
}

export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  /** Only calls of this kind fail; any kind when omitted. */
  kind?: ConnectorCallKind;
  /** Only calls to this conversation fail; any when omitted. */
  conversationId?: string;
}

/** A scripted pause before the connector answers, to hold a turn in flight. */
export interface ScriptedDelay {
  ms: number;
  kind?: ConnectorCallKind;
}

export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * Plays the Bot Framework Connector (the service at the activity's serviceUrl): records what the
 * bot sends and answers as the real service does, including scripted failures (429, 403, 5xx).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly delays: ScriptedDelay[] = [];
  private readonly members = new Map<string, FakeMember>();
  private server: Server | undefined;
  private baseUrl = '';
  /** Teams' message ids in a chat are numbers that grow with time (read receipts compare them). */
  private lastActivityId = Date.now();

  get serviceUrl(): string {
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        reply(res, 400, { error: { code: 'BadRequest', message: String(error) } }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next matching call(s) get this failure instead of success, in order. */
  failNext(failure: ScriptedFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** The next matching call waits this long before it is answered. */
  delayNext(delay: ScriptedDelay): void {
    this.delays.push(delay);
  }

  addMember(member: FakeMember): void {
    this.members.set(member.id, member);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Activities the bot posted (replies and new messages) and the connector accepted, optionally to one conversation. */
  sentActivities(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((call) => (call.kind === 'reply' || call.kind === 'send') && call.body && call.status < 300)
      .filter((call) => conversationId === undefined || call.conversationId === conversationId)
      .map((call) => call.body as Record<string, unknown>);
  }

  /** Adaptive Cards the bot posted, in order. */
  sentCards(conversationId?: string): Record<string, unknown>[] {
    return this.sentActivities(conversationId).flatMap((activity) => cardsIn(activity));
  }

  private newActivityId(): string {
    this.lastActivityId += 1;
    return String(this.lastActivityId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const call = classify(req.method ?? 'GET', new URL(req.url ?? '/', 'http://localhost').pathname, body);
    call.authorization = req.headers.authorization;
    this.calls.push(call);

    const delayIndex = this.delays.findIndex((delay) => !delay.kind || delay.kind === call.kind);
    if (delayIndex >= 0) {
      const [delay] = this.delays.splice(delayIndex, 1);
      await new Promise((resolve) => setTimeout(resolve, delay?.ms ?? 0));
    }

    const failureIndex = this.failures.findIndex(
      (failure) =>
        (!failure.kind || failure.kind === call.kind) &&
        (!failure.conversationId || failure.conversationId === call.conversationId),
    );
    if (failureIndex >= 0) {
      const [failure] = this.failures.splice(failureIndex, 1);
      if (failure) {
        call.status = failure.status;
        return reply(
          res,
          failure.status,
          { error: { code: 'ScriptedFailure', message: `status ${failure.status}` } },
          failure.headers,
        );
      }
    }

    switch (call.kind) {
      case 'reply':
      case 'send':
        return reply(res, 200, { id: this.newActivityId() });
      case 'update':
        return reply(res, 200, { id: call.activityId });
      case 'delete':
        return reply(res, 200, {});
      case 'createConversation':
        return reply(res, 201, { id: `a:conversation-${randomUUID()}`, activityId: this.newActivityId() });
      case 'getMember': {
        const member = call.memberId ? this.members.get(call.memberId) : undefined;
        return member
          ? reply(res, 200, member)
          : reply(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } });
      }
      case 'getMembers':
        return reply(res, 200, [...this.members.values()]);
    }
  }
}

function classify(method: string, path: string, body: Record<string, unknown> | undefined): ConnectorCall {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const base = {
    conversationId: parts[2],
    activityId: undefined,
    memberId: undefined,
    body,
    authorization: undefined,
    at: Date.now(),
    status: 200,
  };
  // /v3/conversations[/{conversationId}[/activities[/{activityId}] | /members[/{memberId}]]]
  if (parts.length === 2 && method === 'POST') return { ...base, kind: 'createConversation' };
  if (parts[3] === 'activities') {
    if (parts.length === 4 && method === 'POST') return { ...base, kind: 'send' };
    const activityId = parts[4];
    if (method === 'POST') return { ...base, kind: 'reply', activityId };
    if (method === 'PUT') return { ...base, kind: 'update', activityId };
    if (method === 'DELETE') return { ...base, kind: 'delete', activityId };
  }
  if (parts[3] === 'members' && method === 'GET') {
    return parts[4] ? { ...base, kind: 'getMember', memberId: parts[4] } : { ...base, kind: 'getMembers' };
  }
  throw new Error(`FakeConnector: unexpected ${method} ${path}`);
}

/** The Adaptive Cards attached to an activity the bot posted. */
export function cardsIn(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as Record<string, unknown>[]) : [];
  return attachments
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content as Record<string, unknown>);
}

/** The request's JSON body, or undefined when there is none. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/** Answers as the connector does: JSON, with any headers (such as Retry-After). */
export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
