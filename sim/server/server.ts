/**
 * HTTP and WebSocket on one port: REST auth, the CTI socket at /xuc/api/2.0/cti?token=…, and the
 * control API under /sim/. Every client frame is checked with the shared command schemas
 * (xuc/wire/commands.ts) before anything acts on it; a bad frame gets an Error message and the
 * connection stays up.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isCommandName, parseCommand } from '../../xuc/wire/commands';
import type { SimData } from '../data/schema';
import type { z } from 'zod';
import { ContactCentre } from '../model/contact-centre';
import type { Outcome } from '../model/events';
import { RealScheduler, type Scheduler, type TimerHandle } from '../model/scheduler';
import { handleCommand } from './commands';
import type { AddCallbackBody, PlaceCallBody } from './control';
import { addCallback, handleControl, mayUseControl, placeCall } from './control';
import { CorsPolicy } from './cors';
import { sendError } from './http-util';
import { AUTH_CAS_PATH } from './cas';
import { createEnterpriseRoutes, type EnterpriseAuthOptions } from './enterprise-auth';
import { prepareRealLibraryFields } from './real-library';
import { AUTH_CHECK_PATH, AUTH_LOGIN_PATH, handleCheck, handleLogin } from './rest';
import { AUTH_SSO_PATH } from './sso';
import { Router } from './router';
import { Session, type SessionLimits } from './session';
import { TokenStore } from './tokens';
import * as views from './views';
import { viewerOf } from './visibility';

export const CTI_PATH = '/xuc/api/2.0/cti';

export interface PracticeServerOptions extends EnterpriseAuthOptions {
  data: SimData;
  /** Default 8090; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  scheduler?: Scheduler;
  /** Lifetime of a REST token. Default 3600 s. */
  tokenTtlSeconds?: number;
  /**
   * Origins whose pages may call the REST endpoints (CORS, credentials allowed): exact origins or
   * `scheme://host:*`. Default: any loopback origin (http(s)://127.0.0.1, localhost, [::1], any port).
   */
  cors?: { origins?: string[] };
  /** The /sim/ control API: on by default, loopback callers only unless `allowHosts` lists others. */
  control?: { enabled?: boolean; allowHosts?: string[] };
  /** A session that received nothing for this long gets a Pong. Default 5 s (clients give up after 10–15 s). */
  heartbeatSeconds?: number;
  /** A frame larger than this gets an Error (FrameTooLarge). Default 64 KiB. */
  maxFrameBytes?: number;
  /** A frame larger than this closes the socket (1009), protecting memory. Default 1 MiB. */
  maxPayloadBytes?: number;
  rate?: Partial<SessionLimits>;
  maxConnections?: number;
  outboundAnswerSeconds?: number | null;
  messageSeconds?: number;
  /** Operational messages (never tokens or passwords). Default: silent. */
  log?: (line: string) => void;
}

/**
 * The control API for in-process callers; the same checks as over HTTP. Each method throws a
 * ControlError (code + message) when refused.
 */
export interface ControlApi {
  /** Returns the call id. */
  placeCall(input: z.input<typeof PlaceCallBody>): string;
  answerCall(callId: string): void;
  hangupCall(callId: string): void;
  /** Returns the new request's uuid. */
  addCallback(input: z.input<typeof AddCallbackBody>): string;
  state(): ReturnType<ContactCentre['snapshot']> & { sessions: number };
}

export interface PracticeServer {
  baseUrl: string;
  host: string;
  port: number;
  model: ContactCentre;
  control: ControlApi;
  sessionCount(): number;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, error: string, message: string): void {
  const reasons: Record<number, string> = {
    401: 'Unauthorized',
    404: 'Not Found',
    503: 'Service Unavailable',
  };
  const body = JSON.stringify({ error, message });
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

function orThrow<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new ControlError(outcome.error.code, outcome.error.message);
  return outcome.value;
}

export async function createPracticeServer(options: PracticeServerOptions): Promise<PracticeServer> {
  const ownScheduler = options.scheduler ? undefined : new RealScheduler();
  const scheduler = options.scheduler ?? ownScheduler!;
  const now = () => scheduler.now();
  const log = options.log ?? (() => {});
  const model = new ContactCentre(options.data, scheduler, {
    outboundAnswerSeconds: options.outboundAnswerSeconds,
    messageSeconds: options.messageSeconds,
  });
  const router = new Router(model);
  model.onEvent((event) => router.deliver(event));
  const tokens = new TokenStore(now, options.tokenTtlSeconds ?? 3600);
  const limits: SessionLimits = {
    burst: 200,
    perSecond: 100,
    maxBufferedBytes: 16 * 1024 * 1024,
    ...options.rate,
  };
  const maxFrameBytes = options.maxFrameBytes ?? 64 * 1024;
  const maxConnections = options.maxConnections ?? 5000;
  const controlEnabled = options.control?.enabled ?? true;
  const controlHosts = new Set(options.control?.allowHosts ?? []);
  const heartbeatMs = (options.heartbeatSeconds ?? 5) * 1000;
  const cors = new CorsPolicy(options.cors?.origins);
  /** The xuc REST routes a page of another origin may call, with the method each takes. */
  const corsRoutes = new Map<string, string>([
    [AUTH_LOGIN_PATH, 'POST'],
    [AUTH_CHECK_PATH, 'GET'],
  ]);
  if (options.sso) corsRoutes.set(AUTH_SSO_PATH, 'GET');
  if (options.cas) corsRoutes.set(AUTH_CAS_PATH, 'GET');

  let enterpriseRoutes: ReturnType<typeof createEnterpriseRoutes>;
  try {
    enterpriseRoutes = createEnterpriseRoutes(options, model, tokens, now, log);
  } catch (error) {
    ownScheduler?.clearAll();
    throw error;
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const corsMethod = corsRoutes.get(pathname);
    if (corsMethod !== undefined) {
      if (req.method === 'OPTIONS') return cors.preflight(req, res, corsMethod);
      cors.decorate(req, res);
    }
    if (pathname === AUTH_LOGIN_PATH || pathname === AUTH_CHECK_PATH) {
      const method = corsMethod!;
      if (req.method !== method) return methodNotAllowed(req, res, `${method}, OPTIONS`);
      if (method === 'POST') return handleLogin(req, res, model, tokens);
      req.resume();
      return handleCheck(req, res, tokens);
    }
    if (await enterpriseRoutes(req, res, pathname)) return;
    if (controlEnabled && (pathname === '/sim' || pathname.startsWith('/sim/'))) {
      if (!mayUseControl(req.socket.remoteAddress, controlHosts)) {
        req.resume();
        return sendError(res, 403, 'Forbidden', 'the control API answers loopback callers only');
      }
      return handleControl(req, res, pathname, model, () => ({ sessions: router.size }));
    }
    req.resume();
    sendError(res, 404, 'NotFound', `no route ${pathname}`);
  }

  function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
    req.resume();
    res.setHeader('Allow', allow);
    sendError(res, 405, 'MethodNotAllowed', `use ${allow}`);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== CTI_PATH)
      return refuseUpgrade(socket, 404, 'NotFound', `no socket at ${url.pathname}`);
    if (router.size >= maxConnections) {
      return refuseUpgrade(socket, 503, 'TooManyConnections', 'the server is full');
    }
    const token = url.searchParams.get('token');
    if (!token) return refuseUpgrade(socket, 401, 'InvalidToken', 'the token query parameter is required');
    const checked = tokens.check(token);
    if (!checked.ok) {
      const message = checked.reason === 'expired' ? 'the token has expired' : 'the token is not known';
      return refuseUpgrade(socket, 401, 'TokenExpired', message);
    }
    const user = model.users.get(checked.entry.userId);
    if (!user) return refuseUpgrade(socket, 401, 'TokenExpired', 'the token is not known');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, user.id));
  }

  function accept(ws: WebSocket, userId: number): void {
    const user = model.users.get(userId)!;
    const viewer = viewerOf(user);
    const session = new Session(ws, user, viewer, now, limits);
    sockets.add(ws);
    router.add(session);
    (ws as WebSocket & { alive?: boolean }).alive = true;
    ws.on('pong', () => ((ws as WebSocket & { alive?: boolean }).alive = true));
    ws.on('message', (data, isBinary) => onFrame(session, data, isBinary));
    ws.on('close', () => {
      sockets.delete(ws);
      router.remove(session);
    });
    ws.on('error', (error) => log(`socket error for user ${user.login}: ${error.message}`));
    // Clients register some handlers inside their LoggedOn handler: LoggedOn goes first.
    session.send('LoggedOn', {});
    session.send('RightProfile', views.rightProfile(viewer));
    session.send('UserConfigUpdate', views.userConfig(user, model));
    session.send('UsersStatuses', views.usersStatuses(model));
    const line = model.lineOfUser(user.id);
    if (line !== null) session.send('PhoneStatusUpdate', { status: 0 });
    if (user.agentId !== null) {
      const state = model.agentState(user.agentId);
      if (state) session.send('AgentStateEvent', views.agentStateEvent(state, now(), state.queues));
    }
  }

  function onFrame(session: Session, data: RawData, isBinary: boolean): void {
    if (!session.admit()) return;
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data as ArrayBuffer);
    if (isBinary) return session.error('InvalidFrame', 'binary frames are not accepted; send JSON text');
    if (bytes.length > maxFrameBytes) {
      return session.error('FrameTooLarge', `frames are limited to ${maxFrameBytes} bytes`);
    }
    const parsed = parseCommand(bytes.toString('utf8'), maxFrameBytes, prepareRealLibraryFields);
    if (!parsed.ok) {
      const code =
        parsed.command === undefined
          ? 'InvalidFrame'
          : isCommandName(parsed.command)
            ? 'InvalidCommand'
            : 'UnknownCommand';
      return session.error(code, parsed.reason);
    }
    if ('ping' in parsed) return session.send('Pong', {});
    try {
      handleCommand({ model, router }, session, parsed.frame);
    } catch (error) {
      log(`command ${parsed.frame.command} failed: ${(error as Error).stack ?? String(error)}`);
      session.error('InternalError', `${parsed.frame.command} failed on the server`);
    }
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log(`request ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'UnhandledError', 'the server failed to answer');
      else res.destroy();
    });
  });
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      ownScheduler?.clearAll();
      reject(error);
    });
    server.listen(options.port ?? 8090, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  // Traffic at least every heartbeat: v2019 clients drop a link silent for 15 s (xuc-protocol.md §2.3).
  let heartbeat: TimerHandle | undefined;
  const beat = () => {
    const at = now();
    for (const session of router.all()) if (at - session.lastSentAt >= heartbeatMs) session.send('Pong', {});
    heartbeat = scheduler.setTimeout(beat, heartbeatMs);
  };
  heartbeat = scheduler.setTimeout(beat, heartbeatMs);

  // Dead peers (no TCP close) are found with protocol pings on real time, whatever the model clock.
  const reaper = setInterval(() => {
    for (const ws of sockets) {
      const tracked = ws as WebSocket & { alive?: boolean };
      if (tracked.alive === false) {
        ws.terminate();
        continue;
      }
      tracked.alive = false;
      ws.ping();
    }
  }, 30_000);
  reaper.unref();

  const urlHost = host.includes(':') ? `[${host}]` : host;

  const control: ControlApi = {
    placeCall: (input) => orThrow(placeCall(model, input)).callId,
    answerCall: (callId) => orThrow(model.answerCall(callId)),
    hangupCall: (callId) => orThrow(model.hangupCall(callId)),
    addCallback: (input) => orThrow(addCallback(model, input)).uuid,
    state: () => ({ ...model.snapshot(), sessions: router.size }),
  };

  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${urlHost}:${port}`,
    host,
    port,
    model,
    control,
    sessionCount: () => router.size,
    close() {
      closing ??= (async () => {
        scheduler.clearTimeout(heartbeat);
        clearInterval(reaper);
        ownScheduler?.clearAll();
        for (const ws of sockets) ws.close(1001, 'server stopping');
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          // Sockets that did not finish their closing handshake in time are cut.
          setTimeout(() => {
            for (const ws of sockets) ws.terminate();
          }, 1000).unref();
        });
      })();
      return closing;
    },
  };
}
