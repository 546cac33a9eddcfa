/**
 * Practice server fan-out: 1,000 connected agents and a supervisor subscribed to all agent events.
 *
 * - AgentStateEvent fan-out: every agent pauses and unpauses ROUNDS times; each change goes to the
 *   agent and to the supervisor. Rate = state events delivered per second, until the supervisor has
 *   them all.
 * - Control API → AgentRinging: POST /sim/calls on a queue of 1,000 Ready agents, time until an
 *   agent's socket receives AgentRinging (then the caller hangs up), CALLS times in a row.
 *
 * Baseline, same run, same clients: a bare `ws` server (no auth, no model, no validation) that
 * answers each agent frame with the same AgentStateEvent frame to the agent and the supervisor, and
 * each POST with an AgentRinging frame to the next agent. Both servers run in a child process (the
 * sim through its own CLI), so server and clients do not share one event loop. 127.0.0.1 only.
 *
 * This file is also the bare server's entry point: `tsx bench/sim-fanout.bench.ts --bare-fanout-server`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const AGENTS = 1000;
const ROUNDS = 10;
const CALLS = 200;
const BATCH = 100;
const PASSWORD = 'bench';
const BARE_FLAG = '--bare-fanout-server';
const STATE_PREFIX = '{"msgType":"AgentStateEvent"';
const PHASE_TIMEOUT_MS = 25_000;

// ---- The bench data: one queue, two groups, AGENTS NoRight agents, one Supervisor over both groups.

function benchData() {
  const ids = Array.from({ length: AGENTS }, (_, i) => i + 1);
  return {
    queues: [
      {
        id: 1,
        name: 'bench',
        displayName: 'Bench',
        number: '3000',
        wrapUpSeconds: 0,
        ringTimeoutSeconds: 60,
      },
    ],
    groups: [
      { id: 1, name: 'even' },
      { id: 2, name: 'odd' },
    ],
    lines: [...ids.map((id) => ({ id, number: String(100000 + id) })), { id: AGENTS + 1, number: '999999' }],
    agents: ids.map((id) => ({
      id,
      firstName: 'Agent',
      lastName: String(id),
      number: String(20000 + id),
      groupId: (id % 2) + 1,
    })),
    memberships: ids.map((id) => ({ agentId: id, queueId: 1, penalty: 0 })),
    users: [
      ...ids.map((id) => ({
        id,
        login: `agent${id}`,
        password: PASSWORD,
        firstName: 'Agent',
        lastName: String(id),
        lineNumber: String(100000 + id),
        agentId: id,
        profile: { type: 'NoRight' },
      })),
      {
        id: AGENTS + 1,
        login: 'supervisor',
        password: PASSWORD,
        firstName: 'Bench',
        lastName: 'Supervisor',
        lineNumber: '999999',
        profile: { type: 'Supervisor', queueIds: [1], groupIds: [1, 2] },
      },
    ],
  };
}

// ---- The bare baseline server (runs in the child process) --------------------------------------

function stateFrame(agentId: number, name: string): string {
  return JSON.stringify({
    msgType: 'AgentStateEvent',
    ctiMessage: { name, agentId, phoneNb: String(100000 + agentId), since: 0, queues: [1] },
  });
}

async function serveBare(): Promise<void> {
  const agents = new Map<number, WebSocket>();
  let supervisor: WebSocket | undefined;
  let next = 0;
  let callSeq = 0;
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      JSON.parse(body || '{}');
      const ids = [...agents.keys()];
      if (req.url === '/sim/calls') {
        const agentId = ids[next++ % ids.length]!;
        agents.get(agentId)?.send(stateFrame(agentId, 'AgentRinging'));
        const callId = `${agentId}.${++callSeq}`;
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ callId }));
        return;
      }
      const hangup = /^\/sim\/calls\/(\d+)\.\d+\/hangup$/.exec(req.url ?? '');
      if (hangup) {
        const agentId = Number(hangup[1]);
        agents.get(agentId)?.send(stateFrame(agentId, 'AgentReady'));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(404).end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const agentId = Number(url.searchParams.get('agent'));
      if (agentId > 0) agents.set(agentId, ws);
      else supervisor = ws;
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { command?: string };
        const text = stateFrame(agentId, frame.command === 'pauseAgent' ? 'AgentOnPause' : 'AgentReady');
        ws.send(text);
        supervisor?.send(text);
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

if (process.argv.includes(BARE_FLAG)) void serveBare();

// ---- Clients ------------------------------------------------------------------------------------

class BenchClient {
  stateEvents = 0;
  private waiters: Array<{ test: (text: string) => boolean; resolve: (text: string) => void }> = [];
  private countWaiter: { count: number; resolve: () => void } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith(STATE_PREFIX)) {
        this.stateEvents += 1;
        if (this.countWaiter && this.stateEvents >= this.countWaiter.count) {
          this.countWaiter.resolve();
          this.countWaiter = undefined;
        }
      }
      const index = this.waiters.findIndex((waiter) => waiter.test(text));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(text);
    });
  }

  static open(url: string, firstFrame?: (text: string) => boolean): Promise<BenchClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new BenchClient(ws);
      const ready = firstFrame ? client.next(firstFrame) : Promise.resolve('');
      ws.once('error', reject);
      ws.once('open', () => ready.then(() => resolve(client), reject));
    });
  }

  next(test: (text: string) => boolean): Promise<string> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Resolves once `count` AgentStateEvents have arrived in all. */
  untilStateEvents(count: number): Promise<void> {
    if (this.stateEvents >= count) return Promise.resolve();
    return new Promise((resolve) => (this.countWaiter = { count, resolve }));
  }

  clearWaiters(): void {
    this.waiters = [];
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
}

const isState = (name: string) => (text: string) =>
  text.startsWith(STATE_PREFIX) && text.includes(`"name":"${name}"`);

interface Target {
  baseUrl: string;
  /** Opens the agent's socket, logged in and Ready. */
  agent(id: number): Promise<BenchClient>;
  supervisor(): Promise<BenchClient>;
}

async function restToken(baseUrl: string, login: string): Promise<string> {
  const response = await fetch(`${baseUrl}/xuc/api/2.0/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${login}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function simTarget(baseUrl: string): Target {
  const ws = baseUrl.replace(/^http/, 'ws');
  return {
    baseUrl,
    async agent(id) {
      const token = await restToken(baseUrl, `agent${id}`);
      const client = await BenchClient.open(`${ws}/xuc/api/2.0/cti?token=${token}`, (t) =>
        t.includes('"UsersStatuses"'),
      );
      const ready = client.next(isState('AgentReady'));
      client.send({ claz: 'web', command: 'agentLogin', agentphonenumber: String(100000 + id) });
      await ready;
      return client;
    },
    async supervisor() {
      const token = await restToken(baseUrl, 'supervisor');
      const client = await BenchClient.open(`${ws}/xuc/api/2.0/cti?token=${token}`, (t) =>
        t.includes('"UsersStatuses"'),
      );
      client.send({ claz: 'web', command: 'subscribeToAgentEvents' });
      // A round trip proves the subscription is in place before measuring.
      const pong = client.next((t) => t.includes('"Pong"'));
      client.send({ claz: 'ping' });
      await pong;
      return client;
    },
  };
}

function bareTarget(baseUrl: string): Target {
  const ws = baseUrl.replace(/^http/, 'ws');
  return {
    baseUrl,
    agent: (id) => BenchClient.open(`${ws}/cti?agent=${id}`),
    supervisor: () => BenchClient.open(`${ws}/cti?agent=0`),
  };
}

// ---- Child processes ----------------------------------------------------------------------------

async function startChild(args: string[]): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { baseUrl, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: over ${PHASE_TIMEOUT_MS} ms`)), PHASE_TIMEOUT_MS).unref(),
    ),
  ]);
}

// ---- Measurement --------------------------------------------------------------------------------

interface Measured {
  eventsPerSecond: number;
  ringingMs: number[];
}

async function measure(target: Target): Promise<Measured> {
  const agents: BenchClient[] = [];
  for (let start = 1; start <= AGENTS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, AGENTS - start + 1) }, (_, i) =>
      target.agent(start + i),
    );
    agents.push(...(await withTimeout(Promise.all(batch), 'connecting agents')));
  }
  const supervisor = await target.supervisor();
  try {
    // Fan-out: every agent toggles pause/unpause ROUNDS times.
    const ownBefore = agents.reduce((sum, a) => sum + a.stateEvents, 0);
    const supervisorBefore = supervisor.stateEvents;
    const expected = AGENTS * ROUNDS * 2;
    const started = performance.now();
    const supervisorDone = supervisor.untilStateEvents(supervisorBefore + expected);
    await withTimeout(
      Promise.all([
        ...agents.map(async (agent) => {
          for (let round = 0; round < ROUNDS; round++) {
            const paused = agent.next(isState('AgentOnPause'));
            agent.send({ claz: 'web', command: 'pauseAgent', reason: 'bench' });
            await paused;
            const ready = agent.next(isState('AgentReady'));
            agent.send({ claz: 'web', command: 'unpauseAgent' });
            await ready;
          }
        }),
        supervisorDone,
      ]),
      'fan-out',
    );
    const elapsed = (performance.now() - started) / 1000;
    const delivered =
      agents.reduce((sum, a) => sum + a.stateEvents, 0) -
      ownBefore +
      (supervisor.stateEvents - supervisorBefore);
    const eventsPerSecond = delivered / elapsed;

    // Control API → AgentRinging, one call at a time.
    const ringingMs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const rang = Promise.race(agents.map((agent) => agent.next(isState('AgentRinging')).then(() => agent)));
      const t0 = performance.now();
      const response = await fetch(`${target.baseUrl}/sim/calls`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ queueId: 1, callerNumber: `0600${String(i).padStart(6, '0')}` }),
      });
      const { callId } = (await response.json()) as { callId: string };
      const agent = await withTimeout(rang, 'ringing');
      ringingMs.push(performance.now() - t0);
      const ready = agent.next(isState('AgentReady'));
      await fetch(`${target.baseUrl}/sim/calls/${callId}/hangup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      await withTimeout(ready, 'back to ready');
      // Drop the waiters left on the other agents for this round.
      for (const other of agents) other.clearWaiters();
    }
    return { eventsPerSecond, ringingMs };
  } finally {
    for (const client of [...agents, supervisor]) client.ws.terminate();
  }
}

async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sim-fanout-'));
  const dataFile = join(dir, 'bench.json');
  await writeFile(dataFile, JSON.stringify(benchData()));
  const self = fileURLToPath(import.meta.url);
  let bare: Measured;
  let sim: Measured;
  const bareChild = await startChild([self, BARE_FLAG]);
  try {
    bare = await measure(bareTarget(bareChild.baseUrl));
  } finally {
    await stopChild(bareChild.child);
  }
  const simChild = await startChild(['sim/cli.ts', '--port', '0', '--data', dataFile]);
  try {
    sim = await measure(simTarget(simChild.baseUrl));
  } finally {
    await stopChild(simChild.child);
    await rm(dir, { recursive: true, force: true });
  }
  const suite = 'sim-fanout';
  const p = (values: number[], n: number) => percentile(values, n);
  return [
    {
      suite,
      case: `AgentStateEvent fan-out, ${AGENTS} agents + supervisor`,
      value: sim.eventsPerSecond,
      unit: 'events/s',
      baseline: { label: 'bare ws', value: bare.eventsPerSecond },
      ratio: sim.eventsPerSecond / bare.eventsPerSecond,
      aim: '≥ 0.5 of bare ws',
    },
    {
      suite,
      case: 'control API → AgentRinging p50',
      value: p(sim.ringingMs, 50),
      unit: 'ms',
      baseline: { label: 'bare ws', value: p(bare.ringingMs, 50) },
      ratio: p(bare.ringingMs, 50) / p(sim.ringingMs, 50),
      aim: 'p50 < 5 ms',
    },
    {
      suite,
      case: 'control API → AgentRinging p99',
      value: p(sim.ringingMs, 99),
      unit: 'ms',
      baseline: { label: 'bare ws', value: p(bare.ringingMs, 99) },
      ratio: p(bare.ringingMs, 99) / p(sim.ringingMs, 99),
      aim: 'p99 < 25 ms',
    },
  ];
}

export const suite: BenchSuite = { name: 'sim-fanout', run };
