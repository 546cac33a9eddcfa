/**
 * A small xuc stand-in for the client tests: the REST auth endpoints and the CTI WebSocket on
 * 127.0.0.1, real sockets, with knobs to misbehave. The practice server (sim/) is the full one.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeXucOptions {
  tls?: { key: string; cert: string };
  users?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  connection?: string;
  body: string;
}

/** Replaces the normal answer of an auth endpoint; return true when handled. */
export type AuthOverride = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => boolean;

export class FakeConnection extends EventEmitter {
  /** Command frames, as text, in arrival order (pings are counted apart). */
  readonly frames: string[] = [];
  pings = 0;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly token: string,
  ) {
    super();
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === '{"claz":"ping"}') {
        this.pings += 1;
        this.emit('ping');
      } else {
        this.frames.push(text);
        this.emit('frame', text);
      }
    });
    ws.on('close', () => {
      this.closed = true;
      this.emit('closed');
    });
  }

  send(msgType: string, ctiMessage: unknown): void {
    this.ws.send(JSON.stringify({ msgType, ctiMessage }));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** Resolves with the `count`-th command frame (1-based), now or when it arrives. */
  frame(count: number): Promise<string> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.frames.length >= count) {
          this.off('frame', check);
          resolve(this.frames[count - 1]!);
        }
      };
      this.on('frame', check);
      check();
    });
  }

  /** Resolves once `count` pings arrived in total. */
  pingCount(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.pings >= count) {
          this.off('ping', check);
          resolve();
        }
      };
      this.on('ping', check);
      check();
    });
  }

  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.once('closed', () => resolve()));
  }
}

export class FakeXuc {
  readonly requests: RecordedRequest[] = [];
  readonly connections: FakeConnection[] = [];
  readonly users: Map<string, string>;
  readonly validTokens = new Set<string>();
  /** auth/check answers TokenExpired for these (and for unknown tokens). */
  readonly expiredTokens = new Set<string>();
  loginOverride: AuthOverride | undefined;
  checkOverride: AuthOverride | undefined;
  /** When set, the WebSocket upgrade is answered with this HTTP status instead of 101. */
  refuseUpgradeWith: number | undefined;
  /** What a new CTI session gets; by default LoggedOn at once. */
  onSession: (connection: FakeConnection) => void = (connection) => connection.send('LoggedOn', {});
  baseUrl = '';
  private tokenSeq = 0;
  private readonly emitter = new EventEmitter();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly server: http.Server;

  private constructor(options: FakeXucOptions) {
    this.users = new Map(Object.entries(options.users ?? { alice: 'correct horse' }));
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handleHttp(req, res);
    this.server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
      this.handleUpgrade(req, socket, head),
    );
  }

  static async start(options: FakeXucOptions = {}): Promise<FakeXuc> {
    const fake = new FakeXuc(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the `count`-th CTI connection (1-based), now or when it arrives. */
  connection(count: number): Promise<FakeConnection> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.connections.length >= count) {
          this.emitter.off('connection', check);
          resolve(this.connections[count - 1]!);
        }
      };
      this.emitter.on('connection', check);
      check();
    });
  }

  expireAllTokens(): void {
    for (const token of this.validTokens) this.expiredTokens.add(token);
    this.validTokens.clear();
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private issueToken(): string {
    // Characters that must be percent-encoded in a query string prove the client encodes it.
    const token = `tok+${++this.tokenSeq}/${Math.random().toString(36).slice(2)}=`;
    this.validTokens.add(token);
    return token;
  }

  private handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      this.requests.push({
        method: req.method ?? '',
        path,
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(req.headers.connection ? { connection: req.headers.connection } : {}),
      });
      if (req.method === 'POST' && path === '/xuc/api/2.0/auth/login') {
        if (this.loginOverride?.(req, res, body)) return;
        return this.login(res, body);
      }
      if (req.method === 'GET' && path === '/xuc/api/2.0/auth/check') {
        if (this.checkOverride?.(req, res, body)) return;
        return this.check(req, res);
      }
      json(res, 404, { error: 'NotFound', message: 'no such endpoint' });
    });
  }

  private login(res: http.ServerResponse, body: string): void {
    let parsed: { login?: unknown; password?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return json(res, 400, { error: 'InvalidJson', message: 'Invalid Json' });
    }
    const login = String(parsed.login);
    if (this.users.get(login) !== parsed.password) {
      return json(res, 401, { error: 'InvalidCredentials', message: 'Invalid credentials' });
    }
    json(res, 200, { login, token: this.issueToken(), TTL: 3600 });
  }

  private check(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.validTokens.has(token)) {
      return json(res, 401, { error: 'TokenExpired', message: 'Token expired' });
    }
    json(res, 200, { login: 'alice', token: this.issueToken(), TTL: 3600 });
  }

  private handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = url.searchParams.get('token') ?? '';
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/xuc/api/2.0/cti') return refuse(404, 'Not Found');
    if (this.refuseUpgradeWith !== undefined) return refuse(this.refuseUpgradeWith, 'Refused');
    if (!this.validTokens.has(token)) return refuse(401, 'Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new FakeConnection(ws, token);
      this.connections.push(connection);
      this.emitter.emit('connection');
      this.onSession(connection);
    });
  }
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
