import { describe, expect, it } from 'vitest';
import type { AgentView, DeskPatch, DeskSnapshot } from '../../../preload/contract';
import { DeskStore, type StoreMessage } from '../../../main/desk/store';
import { emptySnapshot } from '../../../main/desk/desk';
import { applyPatch } from '../../../shared/patch';

const agent = (id: number, state: AgentView['state'] = 'AgentReady'): AgentView => ({
  id,
  firstName: `A${id}`,
  lastName: '',
  number: String(2000 + id),
  groupId: 1,
  state,
  since: 0,
  cause: null,
  phoneNb: null,
  queues: [],
});

/** A store whose ticks we flush by hand. */
function manualStore() {
  const ticks: Array<() => void> = [];
  const store = new DeskStore(emptySnapshot(), (flush) => ticks.push(flush));
  const tick = () => ticks.splice(0).forEach((flush) => flush());
  return { store, tick };
}

describe('desk store', () => {
  it('gives a new subscriber the whole snapshot, then only path-level patches', () => {
    const { store, tick } = manualStore();
    const agents: Record<string, AgentView> = {};
    for (let id = 1; id <= 2000; id += 1) agents[String(id)] = agent(id);
    store.set(['agents'], agents);
    tick();

    const messages: StoreMessage[] = [];
    store.subscribe((m) => messages.push(m));
    expect(messages[0]).toMatchObject({ kind: 'snapshot' });
    expect(Object.keys((messages[0] as { snapshot: DeskSnapshot }).snapshot.agents)).toHaveLength(2000);

    store.set(['agents', '12'], agent(12, 'AgentOnPause'));
    tick();
    expect(messages[1]).toEqual({
      kind: 'patch',
      patch: [{ path: ['agents', '12'], value: agent(12, 'AgentOnPause') }],
    });
  });

  it('batches one tick into one patch, keeping only the last op per path', () => {
    const { store, tick } = manualStore();
    const patches: DeskPatch[] = [];
    store.subscribe((m) => m.kind === 'patch' && patches.push(m.patch));
    store.set(['agents', '1'], agent(1, 'AgentReady'));
    store.set(['agents', '1'], agent(1, 'AgentOnCall'));
    store.set(['call'], null);
    tick();
    expect(patches).toHaveLength(1);
    expect(patches[0]!.map((op) => op.path.join('.'))).toEqual(['agents.1', 'call']);
    expect((patches[0]![0]!.value as AgentView).state).toBe('AgentOnCall');
  });

  it('drops queued child ops when the parent is replaced', () => {
    const { store, tick } = manualStore();
    const patches: DeskPatch[] = [];
    store.subscribe((m) => m.kind === 'patch' && patches.push(m.patch));
    store.set(['agents', '1'], agent(1));
    store.set(['agents'], { '2': agent(2) });
    tick();
    expect(patches[0]!.map((op) => op.path.join('.'))).toEqual(['agents']);
  });

  it('deletes a key when the value is undefined', () => {
    const { store, tick } = manualStore();
    store.set(['memberships', '11:1'], { agentId: 11, queueId: 1, penalty: 0 });
    store.set(['memberships', '11:1'], undefined);
    tick();
    expect(store.snapshot.memberships).toEqual({});
  });

  it('never mutates a published snapshot', () => {
    const { store } = manualStore();
    const before = store.snapshot;
    store.set(['agents', '1'], agent(1));
    expect(before.agents).toEqual({});
    expect(store.snapshot.agents['1']).toEqual(agent(1));
  });

  it('keeps a published snapshot intact while the next tick changes the same branch many times', () => {
    const { store, tick } = manualStore();
    store.set(['agents', '1'], agent(1));
    store.set(['agents', '2'], agent(2));
    tick();
    const published = store.snapshot;
    const publishedAgents = published.agents;
    store.set(['agents', '1'], agent(1, 'AgentOnPause'));
    store.set(['agents', '3'], agent(3));
    expect(published.agents).toBe(publishedAgents);
    expect(publishedAgents).toEqual({ '1': agent(1), '2': agent(2) });
    tick();
    const second = store.snapshot.agents;
    store.set(['agents', '2'], agent(2, 'AgentOnCall'));
    expect(second['2']?.state).toBe('AgentReady');
    expect(Object.keys(store.snapshot.agents)).toEqual(['1', '2', '3']);
  });

  it("patches replayed with the shared applyPatch (the renderer's mirror) rebuild the same snapshot", () => {
    const { store, tick } = manualStore();
    let mirror: DeskSnapshot | null = null;
    store.subscribe((m) => {
      mirror = m.kind === 'snapshot' ? m.snapshot : applyPatch(mirror!, m.patch);
    });
    store.set(['agents', '1'], agent(1));
    store.set(['queues'], { '3': { id: 3, name: 'q', displayName: 'Q', number: null, waitingCalls: 2 } });
    tick();
    store.set(['agents', '1'], undefined);
    store.set(['connection'], { state: 'connecting', server: 'x' });
    tick();
    expect(mirror).toEqual(store.snapshot);
  });

  it('refuses a path the shared patch rule refuses, before publishing anything', () => {
    const { store, tick } = manualStore();
    const published: unknown[] = [];
    store.subscribe((m) => published.push(m));
    expect(() => store.set(['pending', '0'], 1)).toThrow(/array/);
    tick();
    expect(published).toHaveLength(1);
  });
});
