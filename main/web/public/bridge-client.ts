/**
 * The page side of the browser host's bridge: an `AgentDeskBridge` over the bridge WebSocket.
 * `bridge-entry.ts` installs it as `window.agentDesk` before the renderer bundle runs.
 *
 * It keeps the latest snapshot (applying patches as they come), so a view that subscribes late
 * still gets the whole state at once; after a lost socket it reconnects and the host sends a fresh
 * snapshot. Invokes made while the first connection opens wait for it; invokes while the socket is
 * down fail at once with `offline`, so no button spins forever.
 */
import type {
  AgentDeskBridge,
  CommandName,
  CommandRequest,
  CommandResult,
  DeskPatch,
  DeskSnapshot,
  EventName,
  Events,
  Result,
} from '../../../preload/contract';
import { applyPatch } from '../../../shared/patch';
import type { HostMessage, InvokeMessage } from '../protocol';

/** The bits of a browser WebSocket this client uses (the DOM's, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface BridgeEnv {
  url: string;
  createSocket(url: string): SocketLike;
  /** Opens an approved screen-pop address in a new browsing context without an opener. */
  openUrl(url: string, multiTab: boolean): void;
  focus(): void;
  setTimeout(fn: () => void, ms: number): unknown;
}

const OPEN = 1;

export interface BridgeClient extends AgentDeskBridge {
  /** Stops reconnecting and closes the socket. */
  close(): void;
  readonly connected: boolean;
}

type Listener = (payload: unknown) => void;

export function createBridgeClient(env: BridgeEnv): BridgeClient {
  let socket: SocketLike | null = null;
  let everOpened = false;
  let closed = false;
  let retryMs = 250;
  let nextId = 1;
  let snapshot: DeskSnapshot | null = null;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const beforeOpen: string[] = [];
  const listeners: Record<EventName, Set<Listener>> = { 'desk:snapshot': new Set(), 'desk:patch': new Set() };

  const offline = (message: string): Result<never> => ({ ok: false, error: { code: 'offline', message } });

  function connect(): void {
    const ws = env.createSocket(env.url);
    socket = ws;
    ws.onopen = () => {
      everOpened = true;
      retryMs = 250;
      for (const text of beforeOpen.splice(0)) ws.send(text);
    };
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') receive(event.data);
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket === ws) socket = null;
      // Their callers get "offline" below: never send them later behind their back.
      beforeOpen.length = 0;
      for (const [id, resolve] of waiting) {
        waiting.delete(id);
        resolve(offline('The connection to Agent Desk was lost before it answered.'));
      }
      if (!closed) {
        env.setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      }
    };
  }

  function receive(text: string): void {
    let message: HostMessage;
    try {
      message = JSON.parse(text) as HostMessage;
    } catch {
      return;
    }
    if ('result' in message) {
      if (typeof message.id !== 'number') return;
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      resolve?.(message.result);
    } else if ('event' in message) {
      if (message.event === 'desk:snapshot') snapshot = message.payload;
      else if (snapshot) snapshot = patched(snapshot, message.payload as DeskPatch);
      for (const listener of [...listeners[message.event]]) listener(message.payload);
    } else if (message.host === 'open-url') {
      env.openUrl(message.url, message.multiTab);
    } else if (message.host === 'focus') {
      env.focus();
    }
  }

  /** A patch the shared rule refuses cannot be replayed: forget the copy rather than keep a wrong one. */
  function patched(current: DeskSnapshot, patch: DeskPatch): DeskSnapshot | null {
    try {
      return applyPatch(current, patch);
    } catch {
      return null;
    }
  }

  connect();

  return {
    invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>> {
      const id = nextId++;
      const text = JSON.stringify({ id, command, request } satisfies InvokeMessage);
      return new Promise((resolve) => {
        const done = resolve as (result: Result<unknown>) => void;
        if (socket && socket.readyState === OPEN) {
          waiting.set(id, done);
          socket.send(text);
        } else if (!everOpened && !closed) {
          waiting.set(id, done);
          beforeOpen.push(text);
        } else {
          done(offline('Agent Desk is not reachable; it reconnects by itself.'));
        }
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const set = listeners[event];
      const stored = listener as Listener;
      set.add(stored);
      // A late subscriber gets the state it missed.
      if (event === 'desk:snapshot' && snapshot) {
        const current = snapshot;
        queueMicrotask(() => {
          if (set.has(stored)) stored(current);
        });
      }
      return () => {
        set.delete(stored);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
    get connected() {
      return socket !== null && socket.readyState === OPEN;
    },
  };
}
