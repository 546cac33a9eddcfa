import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { AgentDeskBridge, DeskPatch, DeskSnapshot } from '../../preload/contract';
import { applyPatch } from '../../shared/patch';

/** Runs a callback before the next paint; `requestAnimationFrame` in the browser, manual in tests. */
export type FrameScheduler = (callback: () => void) => void;

export interface DeskStore {
  /** The desk's state as last received; null until the first snapshot arrives. */
  readonly snapshot: ReadonlySignal<DeskSnapshot | null>;
  /** One top-level part of the snapshot; notifies only when that part changes. */
  slice<K extends keyof DeskSnapshot>(key: K): ReadonlySignal<DeskSnapshot[K] | undefined>;
  /** Replaces the whole state (a `desk:snapshot` event, or the answer to `desk:getSnapshot`). */
  replace(next: DeskSnapshot): void;
  /** Applies queued patches now (the frame scheduler calls this). */
  flush(): void;
  dispose(): void;
}

/**
 * Mirrors the desk: `desk:snapshot` replaces the state, `desk:patch` changes it. Patches are queued
 * and applied together once per animation frame, so a burst of 1,000 events a second costs one
 * render per frame, not one per event.
 */
export function createDeskStore(bridge: AgentDeskBridge, scheduleFrame: FrameScheduler): DeskStore {
  const snapshot = signal<DeskSnapshot | null>(null);
  let queued: DeskPatch = [];
  let frameRequested = false;

  const flush = () => {
    frameRequested = false;
    if (queued.length === 0) return;
    const ops = queued;
    queued = [];
    // Patches that arrive before the first snapshot have nothing to apply to; the snapshot carries them.
    if (!snapshot.value) return;
    try {
      snapshot.value = applyPatch(snapshot.value, ops);
    } catch {
      // The desk never sends an op the shared rule refuses; if one comes anyway, the mirror can no
      // longer be trusted: fetch the whole truth again.
      void bridge.invoke('desk:getSnapshot', {}).then((result) => {
        if (result.ok) replace(result.value);
      });
    }
  };

  const replace = (next: DeskSnapshot) => {
    // A snapshot is the whole truth: anything queued before it is older.
    queued = [];
    snapshot.value = next;
  };
  const offSnapshot = bridge.on('desk:snapshot', replace);
  const offPatch = bridge.on('desk:patch', (patch) => {
    if (!Array.isArray(patch) || patch.length === 0) return;
    for (const op of patch) queued.push(op);
    if (!frameRequested) {
      frameRequested = true;
      scheduleFrame(flush);
    }
  });

  const slices = new Map<keyof DeskSnapshot, ReadonlySignal<unknown>>();
  const slice = <K extends keyof DeskSnapshot>(key: K) => {
    let found = slices.get(key);
    if (!found) {
      found = computed(() => snapshot.value?.[key]);
      slices.set(key, found);
    }
    return found as ReadonlySignal<DeskSnapshot[K] | undefined>;
  };

  return {
    snapshot,
    slice,
    replace,
    flush,
    dispose() {
      offSnapshot();
      offPatch();
      queued = [];
    },
  };
}
