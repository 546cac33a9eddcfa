/**
 * xuc-decode: what validating every incoming frame costs. A realistic frame mix goes through the real
 * client path (socket port → Link → decodeFrame → zod → XucClient dispatch to handlers), beside bare
 * `JSON.parse` of the same frames in the same run. Ratio = ours / bare (aim ≥ 0.5: validation at
 * most doubles the cost of parsing).
 */
import type { BenchRow, BenchSuite } from './harness';
import { XucClient } from '../xuc/client';
import type { XucTimers } from '../xuc/client-api';
import type { SocketHandlers } from '../xuc/socket';
import { decodeFrame } from '../xuc/wire/decode';

const SUITE = 'xuc-decode';

// ---- The frames ----------------------------------------------------------------------------

const frame = (msgType: string, ctiMessage: unknown) => JSON.stringify({ msgType, ctiMessage });
const STATES = ['AgentReady', 'AgentOnPause', 'AgentRinging', 'AgentOnCall', 'AgentOnWrapup', 'AgentDialing'];

function agentState(i: number): string {
  const name = STATES[i % STATES.length]!;
  return frame('AgentStateEvent', {
    name,
    agentId: 100 + (i % 40),
    phoneNb: String(1000 + (i % 40)),
    since: i % 300,
    queues: [1, 2, 3, 5, 8].slice(0, 1 + (i % 5)),
    ...(name === 'AgentOnPause' || name === 'AgentReady' ? { cause: 'available' } : {}),
    ...(name === 'AgentOnCall'
      ? { acd: true, direction: 'Incoming', callType: 'External', monitorState: 'ACTIVE' }
      : {}),
  });
}

function sheet(i: number): string {
  return frame('Sheet', {
    timenow: 1425055334 + i,
    compressed: true,
    serial: 'xml',
    payload: {
      profile: {
        user: {
          sheetInfo: [
            { value: `https://crm.example.com/customer?id=${i}`, name: 'popupUrl', order: 10, type: 'url' },
            { value: `&folder=${i}`, name: 'folderNumber', order: 30, type: 'text' },
            { value: 'Alice Martin', name: 'callerName', order: 20, type: 'text' },
            { value: '0601020304', name: 'callerNumber', order: 40, type: 'text' },
          ],
        },
      },
    },
    channel: `SIP/1k4yj2-0000${i}`,
  });
}

function agentStatistics(i: number): string {
  return frame('AgentStatistics', {
    id: 100 + (i % 40),
    statistics: [
      { name: 'AgentPausedTotalTime', value: i * 3 },
      { name: 'AgentWrapupTotalTime', value: i * 2 },
      { name: 'AgentReadyTotalTime', value: i * 7 },
      { name: 'InbCalls', value: i % 50 },
      { name: 'InbAnsCalls', value: i % 45 },
      { name: 'InbAverCallTime', value: 93 },
      { name: 'LoginDateTime', value: '2015-04-27T08:15:01.081+02:00' },
      { name: 'LogoutDateTime', value: '2015-04-27T08:14:49.427+02:00' },
    ],
  });
}

function queueMember(i: number): string {
  return frame('QueueMember', { agentId: 100 + (i % 40), queueId: 1 + (i % 8), penalty: i % 3 });
}

/** 500 requests in 5 lists, each request with every documented field filled. */
function callbackLists(requests = 500): string {
  const lists = Array.from({ length: 5 }, (_, l) => {
    const listUuid = `b0849ac0-4f4a-4ed0-9386-53ab2afd9${String(l).padStart(3, '0')}`;
    return {
      uuid: listUuid,
      name: `Liste ${l}`,
      queueId: l + 1,
      callbacks: Array.from({ length: requests / 5 }, (_, r) => ({
        uuid: `a967da84-bc41-4bf4-a4fc-2bcc54e1${String(l * 1000 + r).padStart(4, '0')}`,
        listUuid,
        phoneNumber: `02302${String(r).padStart(5, '0')}`,
        mobilePhoneNumber: `06${String(r).padStart(8, '0')}`,
        firstName: 'Alice',
        lastName: "O'Neill",
        company: 'YourSociety',
        description: r % 3 === 0 ? null : 'Called about the invoice of last month',
        agentId: r % 7 === 0 ? 100 + (r % 40) : null,
        dueDate: '2016-08-01',
        preferredPeriod: {
          default: false,
          name: 'Afternoon',
          periodStart: '14:00:00',
          periodEnd: '17:00:00',
          uuid: 'd3270038-e20e-498a-af71-3cf69b5cc792',
        },
      })),
    };
  });
  return frame('CallbackLists', lists);
}

/** Weighted like a busy supervisor session: mostly state events, a few stats and members, one big list. */
function frameMix(): string[] {
  const frames: string[] = [];
  for (let i = 0; i < 400; i++) frames.push(agentState(i));
  for (let i = 0; i < 40; i++) frames.push(agentStatistics(i));
  for (let i = 0; i < 40; i++) frames.push(queueMember(i));
  for (let i = 0; i < 10; i++) frames.push(sheet(i));
  frames.push(callbackLists());
  // Spread the rare frames through the stream instead of bunching them at the end.
  return frames
    .map((text, i) => ({ text, key: (i * 7919) % frames.length }))
    .sort((a, b) => a.key - b.key)
    .map((f) => f.text);
}

// ---- The two paths -------------------------------------------------------------------------

/** Timers that never fire: the bench drives the link by hand, and no heartbeat must interfere. */
const stillTimers: XucTimers = { now: () => Date.now(), setTimeout: () => 0, clearTimeout: () => {} };

/** A connected XucClient over an in-memory socket; returns the function that feeds it a frame. */
async function connectedClient(): Promise<{
  feed: (text: string) => void;
  client: XucClient;
  handled: () => number;
}> {
  let handlers: SocketHandlers | undefined;
  const client = new XucClient({
    baseUrl: 'http://bench.invalid:8090',
    login: 'bench',
    password: 'bench',
    fetch: (async () => new Response('{"login":"bench","token":"t"}', { status: 200 })) as typeof fetch,
    socketFactory: (_url, h) => {
      handlers = h;
      queueMicrotask(() => {
        h.onOpen();
        h.onMessage('{"msgType":"LoggedOn","ctiMessage":{}}');
      });
      return { send: () => {}, close: () => {} };
    },
    timers: stillTimers,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  await client.connect();
  let handled = 0;
  // A handler per msgType, touching the payload as a consumer would.
  client.on('AgentStateEvent', (state) => (handled += state.agentId > 0 ? 1 : 0));
  client.on('AgentStatistics', (stats) => (handled += stats.statistics.length > 0 ? 1 : 0));
  client.on('QueueMember', (member) => (handled += member.penalty >= 0 ? 1 : 1));
  client.on('Sheet', (sheet) => (handled += sheet.payload.profile.user.sheetInfo.length > 0 ? 1 : 0));
  client.on('CallbackLists', (lists) => (handled += lists.length > 0 ? 1 : 0));
  return { feed: (text) => handlers!.onMessage(text), client, handled: () => handled };
}

/** Runs `work` over `frames` repeatedly for about `ms`; returns frames per second. */
function throughput(frames: string[], ms: number, work: (text: string) => void): number {
  let count = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (const text of frames) work(text);
    count += frames.length;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (count / elapsed) * 1000;
}

/**
 * Alternates ours and bare in short rounds so that both see the same machine load (the 2 cores are
 * shared); reports the round whose ours/bare ratio is the median, so the three figures agree.
 */
function compare(
  frames: string[],
  rounds: number,
  msPerSample: number,
  ours: (text: string) => void,
): { ours: number; bare: number; ratio: number } {
  let sink = 0;
  const bare = (text: string) => {
    sink += (JSON.parse(text) as { msgType: string }).msgType.length;
  };
  // Warm-up: let the JIT settle both paths.
  throughput(frames, msPerSample, ours);
  throughput(frames, msPerSample, bare);
  const runs: Array<{ ours: number; bare: number; ratio: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const o = throughput(frames, msPerSample, ours);
    const b = throughput(frames, msPerSample, bare);
    runs.push({ ours: o, bare: b, ratio: o / b });
  }
  if (sink < 0) console.log(sink);
  runs.sort((x, y) => x.ratio - y.ratio);
  return runs[Math.floor(runs.length / 2)]!;
}

function row(label: string, result: { ours: number; bare: number; ratio: number }): BenchRow {
  return {
    suite: SUITE,
    case: label,
    value: result.ours,
    unit: 'frames/s',
    baseline: { label: 'bare JSON.parse', value: result.bare },
    ratio: result.ratio,
    aim: '≥ 0.50',
  };
}

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const mix = frameMix();
    const big = [callbackLists()];
    const { feed, client, handled } = await connectedClient();

    // Sanity: every frame of the mix is valid and reaches its handler (a bench of drops would lie).
    for (const text of mix) feed(text);
    const dropped = Object.values(client.stats.dropped).reduce((a, b) => a + b, 0);
    if (dropped > 0 || handled() !== mix.length) {
      throw new Error(`xuc-decode: ${dropped} frames dropped, ${handled()} of ${mix.length} handled`);
    }

    const mixBytes = mix.reduce((sum, text) => sum + text.length, 0);
    const rows = [
      row(
        `mix of ${mix.length} frames (${Math.round(mixBytes / 1024)} KiB), client decode+validate+dispatch`,
        compare(mix, 9, 300, feed),
      ),
      row(
        `mix, decodeFrame alone (no client)`,
        compare(mix, 5, 300, (text) => void decodeFrame(text)),
      ),
      row(
        `CallbackLists of 500 requests (${Math.round(big[0]!.length / 1024)} KiB), client path`,
        compare(big, 9, 300, feed),
      ),
    ];
    client.close();
    return rows;
  },
};
