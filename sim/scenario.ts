/**
 * Scenario mode: callers arrive on a timer so that an agent practising sees calls come in.
 * A caller hangs up after a talk time once answered, or gives up after its patience while waiting.
 * Deterministic for a given seed.
 */
import type { ContactCentre } from './model/contact-centre';
import type { TimerHandle } from './model/scheduler';

export interface Scenario {
  /** Mean seconds between two calls (each gap is drawn between half and one and a half times it). */
  intervalSeconds: number;
  talkSeconds: [number, number];
  patienceSeconds: number;
}

export const SCENARIOS: Record<string, Scenario> = {
  /** A call about every 20 s: time to practise each step. */
  steady: { intervalSeconds: 20, talkSeconds: [20, 60], patienceSeconds: 180 },
  /** Monday morning: a call every 4 s, queues fill up, callers give up. */
  rush: { intervalSeconds: 4, talkSeconds: [15, 45], patienceSeconds: 60 },
};

const CALLERS = [
  ['0230210082', 'Léa Bernard'],
  ['0145789632', 'Marc Dubois'],
  ['0478963214', 'Nadia Haddad'],
  ['0556321478', 'Olivier Petit'],
  ['0387456321', 'Paula Moreau'],
  ['0299887766', 'Quentin Roux'],
  ['0611223344', 'Rita Fontaine'],
  ['0240506070', 'Simon Garnier'],
  ['0320304050', 'Tina Lambert'],
  ['0491929394', 'Ugo Marchand'],
] as const;
const PRODUCTS = ['fibre', 'mobile', 'tv', 'cloud'];

/** mulberry32: a tiny seeded generator, so a scenario replays the same way. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startScenario(name: string, model: ContactCentre, seed = 1): () => void {
  const found = SCENARIOS[name];
  if (!found) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const scenario: Scenario = found;
  const random = seededRandom(seed);
  const scheduler = model.scheduler;
  const queues = [...model.queues.keys()];
  const timers = new Set<TimerHandle>();
  const ours = new Set<string>();
  let stopped = false;
  let serial = 0;

  const later = (ms: number, fn: () => void) => {
    const handle = scheduler.setTimeout(() => {
      timers.delete(handle);
      if (!stopped) fn();
    }, ms);
    timers.add(handle);
  };
  const between = (low: number, high: number) => low + random() * (high - low);

  const unsubscribe = model.onEvent((event) => {
    if (event.type === 'phone' && event.eventType === 'EventEstablished' && ours.has(event.callId)) {
      const callId = event.callId;
      later(between(...scenario.talkSeconds) * 1000, () => hangup(callId));
    }
  });

  function hangup(callId: string) {
    if (model.call(callId)?.state !== 'ended') model.hangupCall(callId);
    ours.delete(callId);
  }

  function placeOne() {
    const [callerNumber, callerName] = CALLERS[Math.floor(random() * CALLERS.length)]!;
    const queueId = queues[Math.floor(random() * queues.length)]!;
    serial += 1;
    const placed = model.placeInboundCall({
      queueId,
      callerNumber,
      callerName,
      variables: {
        folderNumber: String(40000 + serial),
        product: PRODUCTS[Math.floor(random() * PRODUCTS.length)]!,
        accountManager: 'Jeanne Morel',
      },
    });
    if (placed.ok) {
      const callId = placed.value.callId;
      ours.add(callId);
      later(scenario.patienceSeconds * 1000, () => {
        const call = model.call(callId);
        if (call && (call.state === 'queued' || call.state === 'ringing')) hangup(callId);
      });
    }
    later(between(0.5, 1.5) * scenario.intervalSeconds * 1000, placeOne);
  }

  later(between(0.2, 1) * scenario.intervalSeconds * 1000, placeOne);
  return () => {
    stopped = true;
    unsubscribe();
    for (const handle of timers) scheduler.clearTimeout(handle);
    timers.clear();
  };
}
