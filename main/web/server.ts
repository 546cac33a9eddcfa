/**
 * The browser host: the desk core served to a browser on 127.0.0.1 only.
 *
 * Guarded by a one-time token: the printed URL carries it, the first request exchanges it for an
 * HttpOnly SameSite=Strict session cookie and redirects to a clean URL; the token is then spent.
 * Every request must carry the session cookie and the exact `Host` (no DNS rebinding); the bridge
 * WebSocket also checks `Origin`. Anything else gets 403. A strict CSP goes with every response.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { PracticeServer } from '../../sim/index';
import { XucClient } from '../../xuc/client';
import { handleInvoke } from '../desk/bridge';
import { createDesk, type Desk } from '../desk/desk';
import type { DeskPorts, Logger, Notifier } from '../desk/ports';
import { loadAssets, type AssetOptions } from './assets';
import { consoleLogger, createWebPorts, lazyPractice, type PageChannel } from './ports';
import { BRIDGE_PATH, MAX_MESSAGE_BYTES, type HostMessage, type RequestId } from './protocol';

export const SESSION_COOKIE = 'agentdesk_session';
/** A page that cannot keep up (a frozen tab) is dropped; it reconnects and gets a fresh snapshot. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export interface WebHostOptions {
  /** 0 = any free port. */
  port?: number;
  dataDir: string;
  /** Start the practice server now (it is otherwise started on first use). */
  practice?: boolean;
  /** A practice scenario (sim/scenario.ts) placing calls on a timer, so a practising agent gets calls. */
  practiceScenario?: string;
  assets?: AssetOptions;
  logger?: Logger;
  /** Tests replace the desktop notifier with a recording one. */
  notifier?: Notifier;
  /** Sign in at start when a password is remembered (it never is after a restart here). */
  autoSignIn?: boolean;
  onQuit?: () => void;
  /** Tests may wrap the ports (e.g. record screen pops). */
  wrapPorts?: (ports: DeskPorts) => DeskPorts;
}

export interface WebHost {
  /** The URL to open, with the one-time token. */
  url: string;
  origin: string;
  port: number;
  desk: Desk;
  /** The in-process practice server, once started. */
  practice(): PracticeServer | null;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const logger = options.logger ?? consoleLogger(false);
  const assets = await loadAssets(options.assets);
  const token = randomBytes(32).toString('base64url');
  let tokenSpent = false;
  const sessions = new Set<string>();
  const pages = new Set<WebSocket>();
  let origin = '';
  let hostHeader = '';

  const channel: PageChannel = {
    broadcast(message) {
      let reached = 0;
      for (const ws of pages) if (send(ws, message)) reached += 1;
      return reached;
    },
  };
  const practice = lazyPractice(logger, options.practiceScenario);
  let ports = createWebPorts({
    dataDir: options.dataDir,
    pages: channel,
    logger,
    practice,
    ...(options.notifier ? { notifier: options.notifier } : {}),
    onQuit: () => options.onQuit?.(),
  });
  if (options.wrapPorts) ports = options.wrapPorts(ports);
  const desk = createDesk(ports, {
    createClient: (clientOptions) => new XucClient(clientOptions),
    autoSignIn: options.autoSignIn ?? true,
    hostName: 'web',
  });

  const server = createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (error) {
      logger.error('web request failed', { error: (error as Error).message });
      if (!res.headersSent) forbid(res, 500);
      else res.destroy();
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => onUpgrade(req, socket, head));
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  await desk.start();
  if (options.practice) await practice.start();

  function securityHeaders(res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  }

  function forbid(res: ServerResponse, status = 403): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(status === 403 ? 'Forbidden: open the URL printed by `npm run web`.\n' : 'Error\n');
  }

  function hasSession(req: IncomingMessage): boolean {
    const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return id !== undefined && sessions.has(id);
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    securityHeaders(res);
    req.resume();
    if (req.headers.host !== hostHeader || req.method !== 'GET') return forbid(res);
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/' && url.searchParams.has('token')) {
      if (tokenSpent || !sameSecret(url.searchParams.get('token') ?? '', token)) return forbid(res);
      tokenSpent = true;
      const session = randomBytes(32).toString('base64url');
      sessions.add(session);
      res.writeHead(303, {
        Location: '/',
        // A shift long; HttpOnly so page script never sees it, Strict so no other site sends it.
        'Set-Cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`,
      });
      res.end();
      return;
    }
    if (!hasSession(req)) return forbid(res);
    const asset = assets.get(url.pathname);
    if (!asset && url.pathname === '/favicon.ico') {
      // Browsers ask for it on their own; the page has none.
      res.writeHead(204);
      res.end();
      return;
    }
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': asset.body.length });
    res.end(asset.body);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://invalid');
    const allowed =
      url.pathname === BRIDGE_PATH &&
      req.headers.host === hostHeader &&
      req.headers.origin === origin &&
      hasSession(req);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  }

  function attach(ws: WebSocket): void {
    pages.add(ws);
    const unsubscribe = desk.store.subscribe((message) =>
      send(
        ws,
        message.kind === 'snapshot'
          ? { event: 'desk:snapshot', payload: message.snapshot }
          : { event: 'desk:patch', payload: message.patch },
      ),
    );
    ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      pages.delete(ws);
      unsubscribe();
    });
  }

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const parsed = isBinary ? null : parseInvoke(rawText(data));
    if (!parsed || 'problem' in parsed) {
      send(ws, {
        id: parsed?.id ?? null,
        result: {
          ok: false,
          error: { code: 'invalid-request', message: parsed?.problem ?? 'expected a JSON text message' },
        },
      });
      return;
    }
    const result = await handleInvoke(desk, parsed.command, parsed.request);
    send(ws, { id: parsed.id, result });
  }

  function send(ws: WebSocket, message: HostMessage): boolean {
    if (ws.readyState !== ws.OPEN) return false;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('page too slow, dropping its connection', { buffered: ws.bufferedAmount });
      ws.terminate();
      return false;
    }
    ws.send(JSON.stringify(message));
    return true;
  }

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    desk,
    practice: () => practice.server(),
    close() {
      closing ??= (async () => {
        await desk.stop();
        for (const ws of pages) ws.close(1001, 'host stopping');
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await practice.stop();
      })();
      return closing;
    },
  };
}

type ParsedInvoke =
  { id: RequestId; command: string; request: unknown } | { id?: RequestId; problem: string };

/** Checks one page → host message: a JSON object with an id and a command name. Never throws. */
export function parseInvoke(text: string): ParsedInvoke {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'message is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'message is not a JSON object' };
  }
  const { id, command, request } = value as Record<string, unknown>;
  const validId =
    (typeof id === 'string' && id.length > 0 && id.length <= 64) ||
    (typeof id === 'number' && Number.isSafeInteger(id));
  if (!validId) return { problem: 'message has no valid id' };
  if (typeof command !== 'string' || command.length === 0 || command.length > 64) {
    return { id: id as RequestId, problem: 'message has no valid command' };
  }
  return { id: id as RequestId, command, request };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
