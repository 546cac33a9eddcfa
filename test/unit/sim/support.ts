/**
 * Test helpers for the practice server, over real sockets on 127.0.0.1: REST login with fetch, the
 * CTI socket with `ws`, every received frame decoded with the client's own decodeFrame (a frame it
 * would reject fails the test), and a ping/pong barrier to prove that something was NOT sent.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { encodeCommand, type CommandArgs, type CommandName } from '../../../xuc/wire/commands';
import { decodeFrame } from '../../../xuc/wire/decode';
import type { AnyIncoming, Incoming, MsgType } from '../../../xuc/wire/events';
import { ManualScheduler, startPracticeServer, type PracticeServer } from '../../../sim/index';
import type { StartOptions } from '../../../sim/index';
import { defaultData } from '../../../sim/data/default';
import { EXTRA_MSG_TYPES } from '../../../sim/server/extra-messages';

export const PASSWORD = 'practice';
const WAIT_MS = 3000;

let syncSeq = 1_000_000;
const openClients = new Set<CtiClient>();
const openServers = new Set<PracticeServer>();

afterEach(async () => {
  const rejected = [...openClients].flatMap((client) => client.rejected.map((r) => `${client.login}: ${r}`));
  for (const client of openClients) client.close();
  openClients.clear();
  await Promise.all([...openServers].map((server) => server.close()));
  openServers.clear();
  if (rejected.length > 0)
    throw new Error(`the server sent frames a xuc client rejects:\n${rejected.join('\n')}`);
});

/** A deep copy of the default data, to adjust per test (short ring/wrap-up times, extra users…). */
export function testData(): typeof defaultData {
  return structuredClone(defaultData);
}

export interface TestSim {
  sim: PracticeServer;
  clock: ManualScheduler;
  baseUrl: string;
}

/** Starts a server on a free port with a manual clock (time moves only with clock.advance). */
export async function startSim(options: StartOptions = {}): Promise<TestSim> {
  const clock = options.scheduler instanceof ManualScheduler ? options.scheduler : new ManualScheduler();
  const sim = await startPracticeServer({ port: 0, host: '127.0.0.1', scheduler: clock, ...options });
  openServers.add(sim);
  return { sim, clock, baseUrl: sim.baseUrl };
}

export async function restLogin(baseUrl: string, login: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/xuc/api/2.0/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (response.status !== 200 || !body.token)
    throw new Error(`login ${login} failed: ${JSON.stringify(body)}`);
  return body.token;
}

export function ctiUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/xuc/api/2.0/cti?token=${encodeURIComponent(token)}`;
}

/** Opens a socket and resolves with the HTTP status of a refused upgrade (or 101 when accepted). */
export function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

const isExtra = (msgType: string | undefined): boolean =>
  (EXTRA_MSG_TYPES as readonly string[]).includes(msgType ?? '');

type Matcher<K extends MsgType> = (payload: Incoming[K]) => boolean;

export class CtiClient {
  /** Every decoded frame in arrival order. */
  readonly frames: AnyIncoming[] = [];
  /** Frames decodeFrame rejected: must stay empty. */
  readonly rejected: string[] = [];
  /** Every text frame as JSON, in arrival order, decoded or not (for msgTypes xuc/wire does not know yet). */
  readonly raw: Array<{ msgType: string; ctiMessage: unknown }> = [];
  private readonly rawConsumed = new Set<number>();
  private cursor = 0;
  private readonly consumed = new Set<number>();
  private waiters: Array<() => void> = [];
  closed = false;
  closeCode: number | undefined;

  private constructor(
    readonly login: string,
    readonly ws: WebSocket,
  ) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '<binary>' : data.toString();
      if (!isBinary) {
        try {
          this.raw.push(JSON.parse(text) as { msgType: string; ctiMessage: unknown });
        } catch {
          // Not JSON: decodeFrame below records it as rejected.
        }
      }
      const decoded = decodeFrame(text);
      if (decoded.ok) this.frames.push(decoded.message);
      // The sim's own additions (sim/server/extra-messages.ts) until xuc/wire has their schemas.
      else if (decoded.reason === 'unknown-msgType' && isExtra(decoded.msgType)) return this.wake();
      else
        this.rejected.push(
          `${decoded.reason} ${decoded.msgType ?? ''} ${decoded.detail}: ${text.slice(0, 300)}`,
        );
      this.wake();
    });
    ws.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
      this.wake();
    });
  }

  static async connect(baseUrl: string, login: string, password = PASSWORD): Promise<CtiClient> {
    const token = await restLogin(baseUrl, login, password);
    return CtiClient.open(ctiUrl(baseUrl, token), login);
  }

  static async open(url: string, login = 'client'): Promise<CtiClient> {
    const ws = new WebSocket(url);
    const client = new CtiClient(login, ws);
    openClients.add(client);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.waitFor('UsersStatuses');
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  command<K extends CommandName>(name: K, args: CommandArgs[K]): void {
    this.ws.send(encodeCommand(name, args));
  }

  /** Frames of a type received after the mark and not yet consumed by waitFor, without consuming them. */
  pending<K extends MsgType>(msgType: K, match?: Matcher<K>): Array<Incoming[K]> {
    const out: Array<Incoming[K]> = [];
    for (let i = this.cursor; i < this.frames.length; i++) {
      const frame = this.frames[i]!;
      if (this.consumed.has(i) || frame.msgType !== msgType) continue;
      if (!match || match(frame.ctiMessage as Incoming[K])) out.push(frame.ctiMessage as Incoming[K]);
    }
    return out;
  }

  /** Everything received so far is "seen": later waits and `pending` look only at newer frames. */
  mark(): void {
    this.cursor = this.frames.length;
  }

  /** Resolves with the first frame of `msgType` after the mark that matches and was not consumed yet; consumes it. */
  async waitFor<K extends MsgType>(
    msgType: K,
    match?: Matcher<K>,
    timeoutMs = WAIT_MS,
  ): Promise<Incoming[K]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.rejected.length > 0) throw new Error(`rejected frame: ${this.rejected[0]}`);
      for (let i = this.cursor; i < this.frames.length; i++) {
        const frame = this.frames[i]!;
        if (this.consumed.has(i) || frame.msgType !== msgType) continue;
        if (!match || match(frame.ctiMessage as Incoming[K])) {
          this.consumed.add(i);
          return frame.ctiMessage as Incoming[K];
        }
      }
      if (this.closed) throw new Error(`${this.login}: socket closed while waiting for ${msgType}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.frames
          .slice(-8)
          .map((f) => `${f.msgType} ${JSON.stringify(f.ctiMessage).slice(0, 160)}`);
        throw new Error(
          `${this.login}: no ${msgType} within ${timeoutMs} ms; last frames:\n${seen.join('\n')}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Barrier: the answer to a request with a unique id comes back after every frame the server had
   * already sent this socket, so after `sync()` the absence of a frame is a fact, not a race.
   * (A Pong would not do: heartbeat Pongs carry no id.)
   */
  async sync(): Promise<void> {
    const id = ++syncSeq;
    this.command('findCallbackRequest', { id, request: { filters: [], offset: 0, limit: 1 } });
    await this.waitFor('FindCallbackResponseWithId', (reply) => reply.id === id);
  }

  /** Like waitFor, over the raw frames (any msgType), from the start of the connection. */
  async waitForRaw<T = unknown>(
    msgType: string,
    match?: (payload: T) => boolean,
    timeoutMs = WAIT_MS,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.raw.length; i++) {
        const frame = this.raw[i]!;
        if (this.rawConsumed.has(i) || frame.msgType !== msgType) continue;
        if (!match || match(frame.ctiMessage as T)) {
          this.rawConsumed.add(i);
          return frame.ctiMessage as T;
        }
      }
      if (this.closed) throw new Error(`${this.login}: socket closed while waiting for ${msgType}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.login}: no ${msgType} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every frame received after the mark, consumed or not. */
  sinceMark(): AnyIncoming[] {
    return this.frames.slice(this.cursor);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.terminate();
    openClients.delete(this);
  }
}

/** Logs a client's agent in on its own line and waits for the resulting state. */
export async function loginAgent(client: CtiClient, phone: string): Promise<Incoming['AgentStateEvent']> {
  client.command('agentLogin', { agentphonenumber: phone });
  return client.waitFor('AgentStateEvent', (s) => s.phoneNb === phone && s.name !== 'AgentLoggedOut');
}

export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Places an inbound call through the control API and returns its id. */
export async function placeCall(
  baseUrl: string,
  body: {
    queueId?: number;
    queueName?: string;
    callerNumber: string;
    callerName?: string;
    variables?: Record<string, string>;
  },
): Promise<string> {
  const { status, body: reply } = await postJson(baseUrl, '/sim/calls', body);
  if (status !== 201) throw new Error(`placing a call failed: ${status} ${JSON.stringify(reply)}`);
  return reply.callId as string;
}

/** Default logins by agent id. */
export const AGENT_LOGIN: Record<number, { login: string; line: string }> = {
  11: { login: 'alice', line: '1001' },
  12: { login: 'bruno', line: '1002' },
  13: { login: 'chloe', line: '1003' },
  14: { login: 'david', line: '1004' },
  15: { login: 'emma', line: '1005' },
  16: { login: 'farid', line: '1006' },
  17: { login: 'grace', line: '1007' },
  18: { login: 'hugo', line: '1008' },
};

/** Connects the agent's user and logs the agent in on its own line. */
export async function agentReady(baseUrl: string, agentId: number): Promise<CtiClient> {
  const { login, line } = AGENT_LOGIN[agentId]!;
  const client = await CtiClient.connect(baseUrl, login);
  const state = await loginAgent(client, line);
  if (state.name !== 'AgentReady') throw new Error(`${login} is ${state.name}, not AgentReady`);
  client.mark(); // later waits see only what happens from now on
  return client;
}

/** Runs `tsx sim/cli.ts` (what `npm run sim --` runs) and collects its output. */
export function cli(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', ...args], { cwd: process.cwd() });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}
