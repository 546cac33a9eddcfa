/**
 * The real practice server for desk integration tests, with a few helpers to drive it through its
 * HTTP control API (as a trainer or a test would), and a desk wired to the real xuc client.
 */
import { ManualScheduler, startPracticeServer, type PracticeServer } from '../../../sim/index';
import { defaultData } from '../../../sim/data/default';
import { XucClient } from '../../../xuc/client';
import { createDesk, type Desk } from '../../../main/desk/desk';
import type { DeskPorts } from '../../../main/desk/ports';
import { makePorts, MemoryStore, type TestPorts } from './support';
import { DEFAULT_SETTINGS, type Settings } from '../../../preload/contract';

/** The default centre, with XiVO-style Sheets (popupUrl + folderNumber) on the sales queue. */
export function practiceData(): typeof defaultData {
  const data = structuredClone(defaultData);
  const sales = data.queues.find((q) => q.id === 1)!;
  sales.sheetFields = [
    { name: 'popupUrl', value: 'https://crm.example.com/customer?folder=', order: 10, type: 'url' },
    { name: 'contract', value: 'https://crm.example.com/contracts/{folderNumber}', order: 20, type: 'url' },
    { name: 'tracker', value: 'https://tracker.example.org/c/{folderNumber}', order: 30, type: 'url' },
  ];
  return data;
}

export async function startSim(
  options: { port?: number; scheduler?: ManualScheduler } = {},
): Promise<{ sim: PracticeServer; scheduler: ManualScheduler }> {
  const scheduler = options.scheduler ?? new ManualScheduler(Date.now());
  const sim = await startPracticeServer({ port: options.port ?? 0, data: practiceData(), scheduler });
  return { sim, scheduler };
}

export async function control(
  sim: { baseUrl: string },
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface SimAgentState {
  id: number;
  state: string;
  cause: string | null;
  phoneNb: string;
  callId: string | null;
  memberships: Array<{ queueId: number; penalty: number }>;
}

export async function simState(sim: { baseUrl: string }) {
  return (await control(sim, 'GET', '/sim/state')) as unknown as {
    agents: SimAgentState[];
    calls: Array<{ callId: string; state: string; agentId: number | null }>;
    callbackLists: Array<{ uuid: string; requests: Array<{ uuid: string; agentId: number | null }> }>;
  };
}

export const SCREEN_POP_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  screenPop: { trigger: 'ringing', allowlist: ['crm.example.com'], allowHttp: false },
};

/** A desk with recording ports and the real xuc client over real sockets. */
export function deskFor(
  overrides: Partial<DeskPorts> = {},
  settings: Settings = SCREEN_POP_SETTINGS,
): { desk: Desk; ports: TestPorts } {
  const ports = makePorts({ settings: new MemoryStore(settings), ...overrides });
  const desk = createDesk(ports, {
    createClient: (options) => new XucClient(options),
    clientOptions: { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } },
    ackTimeoutMs: 3000,
    callerGraceMs: 300,
  });
  return { desk, ports };
}
