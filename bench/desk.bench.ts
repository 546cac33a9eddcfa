/**
 * The desk core under load, driven by the real XucClient over a local replay server (HTTP auth +
 * WebSocket, 127.0.0.1) that plays xuc frames.
 *
 * - Sheet → URL opener: from the moment a Sheet frame arrives on the socket (the socket port's
 *   onMessage) to the URL-opener port being called with the approved address, over CALLS calls.
 * - AgentRinging → notifier: from the moment AgentRinging arrives to the notifier port being called
 *   (the desk waits for the caller's number, which comes in the PhoneEvent right behind it).
 *   Baseline for both: the same frames to a bare `ws` client that JSON.parses them and calls a
 *   no-op handler, arrival → handler.
 * - Memory with AGENTS agents (AgentList + one AgentStateEvent each) and REQUESTS callback requests
 *   (one CallbackLists frame): heap growth of the signed-in core once loaded, after GC. Baseline:
 *   the same frames kept as plain parsed JSON.
 * - Load time of those frames, from the first frame sent to the store holding them all. Baseline:
 *   JSON.parse of the same frames.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket, { WebSocketServer } from 'ws';
import { DEFAULT_SETTINGS, type Settings } from '../preload/contract';
import { createDesk, type Desk } from '../main/desk/desk';
import { systemClock } from '../main/desk/clock';
import type { DeskPorts } from '../main/desk/ports';
import { XucClient } from '../xuc/client';
import { nodeSocketFactory } from '../xuc/transport-node';
import type { SocketFactory } from '../xuc/socket';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const CALLS = 10_000;
const AGENTS = 5_000;
const REQUESTS = 10_000;
const LISTS = 20;
const OWN_AGENT = 1;
const PHONE = '1001';

const frame = (msgType: string, ctiMessage: unknown) => JSON.stringify({ msgType, ctiMessage });
const state = (name: string, agentId = OWN_AGENT, extra: Record<string, unknown> = {}) =>
  frame('AgentStateEvent', { name, agentId, phoneNb: PHONE, since: 0, queues: [1], ...extra });

/** The frames of one incoming call, before and after the agent answers. */
function callFrames(i: number): { ring: string[]; after: string[] } {
  return {
    ring: [
      state('AgentRinging'),
      frame('PhoneEvent', {
        eventType: 'EventRinging',
        DN: PHONE,
        otherDN: `06${String(i).padStart(8, '0')}`,
        otherDName: `Caller ${i}`,
        queueName: 'sales',
        uniqueId: `u${i}`,
        userData: {},
      }),
      frame('Sheet', {
        timenow: i,
        payload: {
          profile: {
            user: {
              sheetInfo: [
                {
                  name: 'popupUrl',
                  value: 'https://crm.example.com/customer?folder=',
                  order: 10,
                  type: 'url',
                },
                { name: 'folderNumber', value: String(100000 + i), order: 20, type: 'text' },
                { name: 'callerName', value: `Caller ${i}`, order: 30, type: 'text' },
              ],
            },
          },
        },
        channel: `SIP/bench-${i}`,
      }),
    ],
    after: [
      state('AgentOnCall', OWN_AGENT, { acd: true, direction: 'Incoming' }),
      state('AgentOnWrapup'),
      state('AgentReady'),
    ],
  };
}

function loadFrames(): string[] {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    id: i + 1,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    number: String(20000 + i),
    context: 'default',
    groupId: (i % 10) + 1,
  }));
  const perList = REQUESTS / LISTS;
  const lists = Array.from({ length: LISTS }, (_, l) => ({
    uuid: `list-${l}`,
    name: `List ${l}`,
    queueId: 1,
    callbacks: Array.from({ length: perList }, (_, r) => ({
      uuid: `req-${l}-${r}`,
      listUuid: `list-${l}`,
      phoneNumber: `02${String(l * perList + r).padStart(8, '0')}`,
      mobilePhoneNumber: null,
      firstName: 'Ann',
      lastName: `Customer ${r}`,
      company: r % 3 === 0 ? 'Company' : null,
      description: r % 2 === 0 ? 'Wants a call back' : null,
      agentId: null,
      dueDate: '2030-01-01',
      preferredPeriod: {
        uuid: 'p1',
        name: 'Morning',
        periodStart: '09:00:00',
        periodEnd: '12:00:00',
        default: true,
      },
    })),
  }));
  return [
    frame('AgentList', agents),
    ...agents.map((a) => state('AgentReady', a.id)),
    frame('CallbackLists', lists),
  ];
}

/** A xuc look-alike that authenticates anyone and lets the bench push frames to the session. */
class ReplayServer {
  private server!: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  session: WebSocket | null = null;
  private sessionListeners: Array<(ws: WebSocket) => void> = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      if (req.method === 'POST' && req.url === '/xuc/api/2.0/auth/login') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ login: 'bench', token: 'bench-token', TTL: 3600 }));
      } else {
        res.writeHead(404).end();
      }
    });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req.url ?? ''));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private accept(ws: WebSocket, url: string): void {
    if (url.startsWith('/xuc/api/2.0/cti')) {
      ws.send(frame('LoggedOn', {}));
      ws.send(frame('RightProfile', { profile: 'NoRight', rights: [] }));
      ws.send(frame('UserConfigUpdate', { userId: 1, agentId: OWN_AGENT, fullName: 'Bench Agent' }));
      ws.send(frame('UsersStatuses', []));
      ws.on('message', (data) => {
        const text = String(data);
        if (text.includes('"claz":"ping"')) ws.send(frame('Pong', {}));
        if (text.includes('"command":"agentLogin"')) ws.send(state('AgentReady'));
      });
    }
    this.session = ws;
    for (const listener of this.sessionListeners.splice(0)) listener(ws);
  }

  nextSession(): Promise<WebSocket> {
    return new Promise((resolve) => this.sessionListeners.push(resolve));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  screenPop: { trigger: 'ringing', allowlist: ['crm.example.com'], allowHttp: false },
};

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

function deskPorts(overrides: Partial<DeskPorts>, socketFactory: SocketFactory): DeskPorts {
  let saved: unknown = SETTINGS;
  let outbox: unknown;
  return {
    clock: systemClock,
    notifier: { show() {} },
    urlOpener: { async open() {} },
    tray: { render() {} },
    shell: { showWindow() {}, quit() {} },
    secrets: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    settings: { load: async () => saved, save: async (s) => void (saved = s) },
    outbox: { load: async () => outbox, save: async (o) => void (outbox = o) },
    socketFactory,
    logger: quietLogger,
    ...overrides,
  };
}

async function signedInDesk(
  replay: ReplayServer,
  overrides: Partial<DeskPorts>,
  socketFactory: SocketFactory,
) {
  const desk = createDesk(deskPorts(overrides, socketFactory), {
    createClient: (options) => new XucClient(options),
    autoSignIn: false,
  });
  await desk.start();
  const result = await desk.invoke('session:signIn', {
    serverUrl: replay.baseUrl,
    login: 'bench',
    password: 'bench',
    phoneNumber: PHONE,
    rememberPassword: false,
  });
  if (!result.ok) throw new Error(`bench sign-in failed: ${result.error.message}`);
  return desk;
}

/** Arrival times of the last AgentRinging and Sheet frames, stamped where the socket delivers them. */
function stampingFactory(stamps: { ring: number; sheet: number }): SocketFactory {
  const inner = nodeSocketFactory();
  return (url, handlers, options) =>
    inner(
      url,
      {
        ...handlers,
        onMessage(text) {
          if (text.startsWith('{"msgType":"AgentStateEvent"') && text.includes('"AgentRinging"')) {
            stamps.ring = performance.now();
          } else if (text.startsWith('{"msgType":"Sheet"')) stamps.sheet = performance.now();
          handlers.onMessage(text);
        },
      },
      options,
    );
}

async function measureDesk(replay: ReplayServer): Promise<{ pop: number[]; ring: number[] }> {
  const stamps = { ring: 0, sheet: 0 };
  let popped: (() => void) | null = null;
  let notified: (() => void) | null = null;
  const pop: number[] = [];
  const ring: number[] = [];
  const sessionReady = replay.nextSession();
  const desk = await signedInDesk(
    replay,
    {
      urlOpener: {
        async open() {
          pop.push(performance.now() - stamps.sheet);
          popped?.();
        },
      },
      notifier: {
        show() {
          ring.push(performance.now() - stamps.ring);
          notified?.();
        },
      },
    },
    stampingFactory(stamps),
  );
  const ws = await sessionReady;
  for (let i = 0; i < CALLS; i += 1) {
    const { ring: ringFrames, after } = callFrames(i);
    const done = Promise.all([
      new Promise<void>((resolve) => (popped = resolve)),
      new Promise<void>((resolve) => (notified = resolve)),
    ]);
    for (const text of ringFrames) ws.send(text);
    await done;
    for (const text of after) ws.send(text);
  }
  await desk.stop();
  if (pop.length !== CALLS || ring.length !== CALLS) {
    throw new Error(`expected ${CALLS} pops and notifications, got ${pop.length} and ${ring.length}`);
  }
  return { pop, ring };
}

/** The same frames to a bare ws client: arrival → JSON.parse → a no-op handler. */
async function measureBare(replay: ReplayServer): Promise<{ pop: number[]; ring: number[] }> {
  const pop: number[] = [];
  const ring: number[] = [];
  const sessionReady = replay.nextSession();
  const client = new WebSocket(`ws://127.0.0.1:${replay.port}/bare`);
  await new Promise((resolve) => client.once('open', resolve));
  const ws = await sessionReady;
  let handled: (() => void) | null = null;
  const noop = (message: unknown) => message;
  client.on('message', (data) => {
    const arrived = performance.now();
    const message = JSON.parse(String(data)) as { msgType: string; ctiMessage: { name?: string } };
    noop(message);
    if (message.msgType === 'AgentStateEvent' && message.ctiMessage.name === 'AgentRinging') {
      ring.push(performance.now() - arrived);
    } else if (message.msgType === 'Sheet') {
      pop.push(performance.now() - arrived);
      handled?.();
    }
  });
  for (let i = 0; i < CALLS; i += 1) {
    const { ring: ringFrames, after } = callFrames(i);
    const done = new Promise<void>((resolve) => (handled = resolve));
    for (const text of ringFrames) ws.send(text);
    await done;
    for (const text of after) ws.send(text);
  }
  client.close();
  return { pop, ring };
}

function gcFunction(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

function settle(gc: () => void): number {
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

async function measureMemory(
  replay: ReplayServer,
): Promise<{ ours: number; baseline: number; loadMs: number; parseMs: number }> {
  const gc = gcFunction();
  const frames = loadFrames();

  // Baseline: the same data as plain parsed JSON, kept alive.
  const before = settle(gc);
  const started = performance.now();
  const parsed = frames.map((text) => JSON.parse(text) as unknown);
  const parseMs = performance.now() - started;
  const baseline = settle(gc) - before;
  if (parsed.length !== frames.length) throw new Error('unreachable');
  parsed.length = 0;
  settle(gc);

  const start = settle(gc);
  const sessionReady = replay.nextSession();
  const desk: Desk = await signedInDesk(replay, {}, nodeSocketFactory());
  const ws = await sessionReady;
  const loadStarted = performance.now();
  for (const text of frames) ws.send(text);
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error('the core did not load the bench data in 60 s')),
      60_000,
    );
    const check = () => {
      const s = desk.store.snapshot;
      const requests = Object.values(s.callbackLists).reduce((n, list) => n + list.requests.length, 0);
      const ready = Object.values(s.agents).filter((a) => a.state === 'AgentReady').length;
      if (requests === REQUESTS && ready === AGENTS) {
        clearTimeout(timeout);
        resolve();
      } else setTimeout(check, 5);
    };
    check();
  });
  const loadMs = performance.now() - loadStarted;
  const ours = settle(gc) - start;
  await desk.stop();
  return { ours, baseline, loadMs, parseMs };
}

export const suite: BenchSuite = {
  name: 'desk',
  async run(): Promise<BenchRow[]> {
    const replay = new ReplayServer();
    await replay.start();
    try {
      const bare = await measureBare(replay);
      const desk = await measureDesk(replay);
      const memory = await measureMemory(replay);
      const latency = (label: string, ours: number[], base: number[], p: number): BenchRow => {
        const value = percentile(ours, p);
        const baselineValue = percentile(base, p);
        return {
          suite: 'desk',
          case: `${label} p${p} (${CALLS.toLocaleString('en-US')} calls)`,
          value: value * 1000,
          unit: 'µs',
          baseline: { label: 'bare ws + JSON.parse', value: baselineValue * 1000 },
          ratio: baselineValue / value,
          aim: 'p99 under 5 ms',
        };
      };
      const mb = (bytes: number) => bytes / (1024 * 1024);
      return [
        latency('Sheet arrives → URL opener', desk.pop, bare.pop, 50),
        latency('Sheet arrives → URL opener', desk.pop, bare.pop, 99),
        latency('AgentRinging arrives → notifier', desk.ring, bare.ring, 50),
        latency('AgentRinging arrives → notifier', desk.ring, bare.ring, 99),
        {
          suite: 'desk',
          case: `heap, ${AGENTS.toLocaleString('en-US')} agents + ${REQUESTS.toLocaleString('en-US')} callbacks loaded`,
          value: mb(memory.ours),
          unit: 'MiB',
          baseline: { label: 'same frames as parsed JSON', value: mb(memory.baseline) },
          ratio: memory.baseline / memory.ours,
          aim: 'within 3× of parsed JSON',
        },
        {
          suite: 'desk',
          case: `load time of the same frames`,
          value: memory.loadMs,
          unit: 'ms',
          baseline: { label: 'JSON.parse of the frames', value: memory.parseMs },
          ratio: memory.parseMs / memory.loadMs,
          aim: 'under 2 s',
        },
      ];
    } finally {
      await replay.close();
    }
  },
};
