/**
 * The desk store: the single source of truth, holding one immutable `DeskSnapshot`.
 *
 * It changes only through `apply(ops)`, fed by the named reducers in `reducers.ts`. A subscriber
 * gets the whole snapshot once, then path-level patches (`['agents','12']`, `['call']`), batched per
 * tick: a supervisor view with 2,000 agents receives one small op per changed agent, not the world.
 * Values are never mutated after being published, so a subscriber may keep what it was given.
 */
import type { DeskPatch, DeskSnapshot, PatchOp } from '../../preload/contract';

export type StoreMessage = { kind: 'snapshot'; snapshot: DeskSnapshot } | { kind: 'patch'; patch: DeskPatch };
export type StoreListener = (message: StoreMessage) => void;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class DeskStore {
  private current: DeskSnapshot;
  /** Ops waiting for the end of the tick, keyed by path; a later op on a path replaces the earlier. */
  private queued = new Map<string, PatchOp>();
  private scheduled = false;
  private readonly listeners = new Set<StoreListener>();
  /** Runs once per batch, before the patch goes out (the desk refreshes the tray model there). */
  beforeFlush: (() => void) | null = null;

  constructor(
    initial: DeskSnapshot,
    private readonly schedule: (flush: () => void) => void = queueMicrotask,
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {
    this.current = initial;
  }

  get snapshot(): DeskSnapshot {
    return this.current;
  }

  /** Applies ops at once to the snapshot; subscribers hear about them at the end of the tick. */
  apply(ops: readonly PatchOp[]): void {
    if (ops.length === 0) return;
    let root = this.current as unknown as Record<string, unknown>;
    for (const op of ops) {
      root = setAtPath(root, op.path, op, 0);
      this.enqueue(op);
    }
    this.current = root as unknown as DeskSnapshot;
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Convenience: one op. `undefined` deletes the key. */
  set(path: string[], value: unknown): void {
    this.apply([value === undefined ? { path } : { path, value }]);
  }

  /** The whole snapshot now, then every batch of patches. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    this.deliver(listener, { kind: 'snapshot', snapshot: this.current });
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Sends the queued ops now (normally called at the end of the tick). */
  flush(): void {
    // `scheduled` stays true while the hook runs, so ops it applies join this batch.
    if (this.queued.size > 0 && this.beforeFlush) this.beforeFlush();
    this.scheduled = false;
    if (this.queued.size === 0) return;
    const patch = [...this.queued.values()];
    this.queued = new Map();
    for (const listener of this.listeners) this.deliver(listener, { kind: 'patch', patch });
  }

  private deliver(listener: StoreListener, message: StoreMessage): void {
    try {
      listener(message);
    } catch (error) {
      this.onListenerError(error);
    }
  }

  private enqueue(op: PatchOp): void {
    const key = op.path.join('\u0000');
    // An op on a path makes queued ops below it redundant: the new value already holds them.
    const prefix = key + '\u0000';
    for (const queuedKey of this.queued.keys()) {
      if (queuedKey === key || queuedKey.startsWith(prefix)) this.queued.delete(queuedKey);
    }
    this.queued.set(key, op);
  }
}

/** Copies along `path` only; every untouched branch is shared with the previous snapshot. */
function setAtPath(
  node: Record<string, unknown>,
  path: string[],
  op: PatchOp,
  depth: number,
): Record<string, unknown> {
  const key = path[depth];
  if (key === undefined || UNSAFE_KEYS.has(key)) throw new Error(`bad patch path ${path.join('.')}`);
  if (Array.isArray(node)) throw new Error(`patch path goes through an array: ${path.join('.')}`);
  const copy: Record<string, unknown> = { ...node };
  if (depth === path.length - 1) {
    if ('value' in op && op.value !== undefined) copy[key] = op.value;
    else delete copy[key];
    return copy;
  }
  const child = node[key];
  const base = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
  copy[key] = setAtPath(base, path, op, depth + 1);
  return copy;
}
