/** Small helpers for the xuc tests: a manual clock, status and log recorders, raw TCP servers, a TLS cert. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { XucLogger, XucTimers } from '../../../../xuc/client-api';
import { XucError } from '../../../../xuc/errors';
import type { ConnectionStatus } from '../../../../xuc/status';

/** Timers that fire only when the test advances the clock. */
export class ManualTimers implements XucTimers {
  private clock = 1_000_000;
  private seq = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.clock;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.set(id, { at: this.clock + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }

  /** Moves the clock forward, firing due timers in time order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.clock + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.queue) {
        if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      this.queue.delete(next[0]);
      this.clock = next[1].at;
      next[1].fn();
    }
    this.clock = target;
  }

  get pending(): number {
    return this.queue.size;
  }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): { logger: XucLogger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      entries.push({ level, message, ...(fields ? { fields } : {}) });
    };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}

interface StatusSource {
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** Every status the client reports, in order. */
export function recordStatuses(client: StatusSource): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [];
  client.onStatus((status) => seen.push(status));
  return seen;
}

/** Resolves with the first status (current or future) in `state`. */
export function statusReached<S extends ConnectionStatus['state']>(
  client: StatusSource,
  state: S,
): Promise<Extract<ConnectionStatus, { state: S }>> {
  return new Promise((resolve) => {
    if (client.status.state === state)
      return resolve(client.status as Extract<ConnectionStatus, { state: S }>);
    const off = client.onStatus((status) => {
      if (status.state === state) {
        off();
        resolve(status as Extract<ConnectionStatus, { state: S }>);
      }
    });
  });
}

/**
 * A raw TCP server on 127.0.0.1. `misbehave` handles the first `times` connections (say, by never
 * answering, or by closing mid-handshake); later ones are piped to `forwardTo`, when given.
 */
export async function rawServer(options: {
  misbehave: (socket: net.Socket) => void;
  times?: number;
  forwardTo?: number;
}): Promise<{ port: number; url: string; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    count += 1;
    if (count <= (options.times ?? Infinity) || options.forwardTo === undefined)
      return options.misbehave(socket);
    const upstream = net.connect(options.forwardTo, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A self-signed certificate for 127.0.0.1/localhost, made with openssl for this run only. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xuc-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The XucError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<XucError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(XucError);
    return error as XucError;
  }
  throw new Error('expected a failure');
}
