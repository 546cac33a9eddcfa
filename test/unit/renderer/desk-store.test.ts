import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { DeskPatch } from '../../../preload/contract';
import { createDeskStore } from '../../../renderer/store/desk-store';
import { agent, makeSnapshot } from './fixtures';
import { createFakeBridge } from './harness';

function setup() {
  const fake = createFakeBridge(null);
  const frames: Array<() => void> = [];
  const store = createDeskStore(fake.bridge, (callback) => frames.push(callback));
  const runFrames = () => {
    for (const run of frames.splice(0)) run();
  };
  return { fake, store, frames, runFrames };
}

describe('desk store', () => {
  it('a snapshot event replaces the state at once', () => {
    const { fake, store } = setup();
    expect(store.snapshot.value).toBeNull();
    const snapshot = makeSnapshot();
    fake.emit('desk:snapshot', snapshot);
    expect(store.snapshot.value).toBe(snapshot);
  });

  it('applies a burst of patches in one frame, with one update of the state', () => {
    const { fake, store, frames, runFrames } = setup();
    fake.emit('desk:snapshot', makeSnapshot());
    let updates = 0;
    const stop = effect(() => {
      void store.snapshot.value;
      updates += 1;
    });
    updates = 0;
    for (let i = 0; i < 1000; i += 1) {
      fake.emit('desk:patch', [{ path: ['agents', '20'], value: agent(20, { since: i }) }]);
    }
    expect(frames).toHaveLength(1);
    expect(updates).toBe(0);
    expect(store.snapshot.value?.agents['20']?.since).not.toBe(999);
    runFrames();
    expect(updates).toBe(1);
    expect(store.snapshot.value?.agents['20']?.since).toBe(999);
    stop();
  });

  it('asks for a new frame only after the previous one ran', () => {
    const { fake, frames, runFrames } = setup();
    fake.emit('desk:snapshot', makeSnapshot());
    const op: DeskPatch = [{ path: ['call'], value: null }];
    fake.emit('desk:patch', op);
    fake.emit('desk:patch', op);
    expect(frames).toHaveLength(1);
    runFrames();
    fake.emit('desk:patch', op);
    expect(frames).toHaveLength(1);
  });

  it('a snapshot drops the patches queued before it (they are older)', () => {
    const { fake, store, runFrames } = setup();
    fake.emit('desk:snapshot', makeSnapshot());
    fake.emit('desk:patch', [{ path: ['agents', '20'], value: agent(20, { lastName: 'Stale' }) }]);
    const fresh = makeSnapshot();
    fake.emit('desk:snapshot', fresh);
    runFrames();
    expect(store.snapshot.value).toBe(fresh);
  });

  it('ignores patches that arrive before any snapshot, and empty or malformed patches', () => {
    const { fake, store, frames, runFrames } = setup();
    fake.emit('desk:patch', [{ path: ['call'], value: null }]);
    runFrames();
    expect(store.snapshot.value).toBeNull();
    fake.emit('desk:snapshot', makeSnapshot());
    fake.emit('desk:patch', []);
    fake.emit('desk:patch', 'nonsense' as unknown as DeskPatch);
    expect(frames).toHaveLength(0);
  });

  it('deletes a value when an op has no value', () => {
    const { fake, store, runFrames } = setup();
    fake.emit('desk:snapshot', makeSnapshot());
    fake.emit('desk:patch', [{ path: ['agents', '20'] }]);
    runFrames();
    expect(store.snapshot.value?.agents['20']).toBeUndefined();
    expect(store.snapshot.value?.agents['19']).toBeDefined();
  });

  it('asks the desk for the whole snapshot when a patch cannot be replayed', async () => {
    const { fake, store, runFrames } = setup();
    const first = makeSnapshot();
    fake.emit('desk:snapshot', first);
    fake.emit('desk:patch', [{ path: ['pending', '0'], value: 1 }]);
    runFrames();
    expect(store.snapshot.value).toBe(first);
    await expect.poll(() => fake.sent('desk:getSnapshot')).toHaveLength(1);
  });

  it('a slice notifies only when its own part changes', () => {
    const { fake, store, runFrames } = setup();
    fake.emit('desk:snapshot', makeSnapshot());
    let queueUpdates = 0;
    const stop = effect(() => {
      void store.slice('queues').value;
      queueUpdates += 1;
    });
    queueUpdates = 0;
    fake.emit('desk:patch', [{ path: ['agents', '20'], value: agent(20) }]);
    runFrames();
    expect(queueUpdates).toBe(0);
    fake.emit('desk:patch', [
      {
        path: ['queues', '1'],
        value: { id: 1, name: 'sales', displayName: 'Sales', number: null, waitingCalls: 9 },
      },
    ]);
    runFrames();
    expect(queueUpdates).toBe(1);
    expect(store.slice('queues').value?.['1']?.waitingCalls).toBe(9);
    stop();
  });

  it('stops listening when disposed', () => {
    const { fake, store } = setup();
    expect(fake.listenerCount('desk:snapshot')).toBe(1);
    expect(fake.listenerCount('desk:patch')).toBe(1);
    store.dispose();
    expect(fake.listenerCount('desk:snapshot')).toBe(0);
    expect(fake.listenerCount('desk:patch')).toBe(0);
  });
});
