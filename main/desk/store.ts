/**
 * The desk store: the single source of truth, holding one immutable `DeskSnapshot`.
 *
 * It changes only through `apply(ops)`, fed by the named reducers in `reducers.ts`. A subscriber
 * gets the whole snapshot once, then path-level patches (`['agents','12']`, `['call']`), batched per
 * tick: a supervisor view with 2,000 agents receives one small op per changed agent, not the world.
 * Published values (those a batch's patch went out with) are never mutated, so a subscriber may
 * keep what it was given; within a tick, branches already copied are changed in place (a snapshot
 * handed out mid-tick may still change until its patch follows). An op without a value deletes its
 * key; a path through an array or naming a prototype key throws (`shared/patch.ts`).
 */
import type { DeskPatch, DeskSnapshot, PatchOp } from '../../preload/contract';
import { writeOp, type OwnedContainers } from '../../shared/patch';

export type StoreMessage = { kind: 'snapshot'; snapshot: DeskSnapshot } | { kind: 'patch'; patch: DeskPatch };
export type StoreListener = (message: StoreMessage) => void;

export class DeskStore {
  private current: DeskSnapshot;
  /** Ops waiting for the end of the tick, keyed by path; a later op on a path replaces the earlier. */
  private queued = new Map<string, PatchOp>();
  /** The longest path among the queued ops. */
  private queuedDepth = 0;
  /**
   * Branches copied in the current batch, not yet published: safe to change in place. The rule for
   * applying an op (`shared/patch.ts`) is the one the renderer's mirror replays patches with.
   */
  private owned: OwnedContainers = new WeakSet();
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
    const root = { ...(this.current as unknown as Record<string, unknown>) };
    for (const op of ops) {
      writeOp(root, op, this.owned);
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
    // From here on, everything in the snapshot is published: copy again before any change.
    this.owned = new WeakSet();
    if (this.queued.size === 0) return;
    const patch = [...this.queued.values()];
    this.queued = new Map();
    this.queuedDepth = 0;
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
    // Only a path shorter than the deepest queued one can have queued ops below it.
    if (op.path.length < this.queuedDepth) {
      const prefix = key + '\u0000';
      for (const queuedKey of this.queued.keys()) {
        if (queuedKey.startsWith(prefix)) this.queued.delete(queuedKey);
      }
    }
    this.queued.delete(key);
    this.queued.set(key, op);
    this.queuedDepth = Math.max(this.queuedDepth, op.path.length);
  }
}
