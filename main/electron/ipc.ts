/**
 * The bridge over Electron IPC, main side: one `ipcMain.handle` channel per contract command, and
 * one channel per event sent to the window. Every handler first checks the sender — our window's
 * own top frame, showing our app's URL — and refuses anything else before the desk sees the request.
 * The desk's bridge handler then validates the request against the contract.
 *
 * This is the one door to Electron's `ipcMain` (lint refuses the name anywhere else, as GitHub
 * Desktop does for its ipc-main wrapper): every channel is registered here, behind the sender check.
 *
 * The channel names are repeated in `preload/index.ts` (which may not import from here); a unit test
 * proves the two agree.
 */
import { ipcMain } from 'electron';
import {
  COMMAND_NAMES,
  type CommandName,
  type DeskError,
  type EventName,
  type Events,
  type Result,
} from '../../preload/contract';
import { isAppUrl } from './security';

export const commandChannel = (command: CommandName): string => `agent-desk:invoke:${command}`;
export const eventChannel = (event: EventName): string => `agent-desk:event:${event}`;

export interface FrameLike {
  readonly url: string;
  /** Null for a top-level frame. */
  readonly parent: FrameLike | null;
}
export interface SenderLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
}
export interface InvokeEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, request: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Whether an IPC message comes from our window's top frame showing our app. A sub-frame, another
 * window, a navigated-away page or a destroyed frame are all refused. Pure.
 */
export function isTrustedSender(event: InvokeEventLike, trustedContentsId: number | null): boolean {
  if (trustedContentsId === null || event.sender.id !== trustedContentsId) return false;
  const frame = event.senderFrame;
  // Electron may hand out a new WebFrameMain object for the same frame: test "top-level", not identity.
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export type BridgeHandler = (command: CommandName, request: unknown) => Promise<Result<unknown>>;

const REFUSED: DeskError = {
  code: 'refused',
  message: 'Refused: the request did not come from the Agent Desk window',
};

export interface BridgeIpcOptions {
  handle: BridgeHandler;
  /** The `webContents.id` of our window; null while there is none. */
  trustedContentsId: () => number | null;
  logger: {
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  };
}

/** The bridge on Electron's own `ipcMain`: what the composition root calls. */
export function openBridgeIpc(options: BridgeIpcOptions): () => void {
  return registerBridgeIpc(ipcMain, options);
}

/** The bridge on any `ipcMain`-shaped object (tests hand in a fake). */
export function registerBridgeIpc(ipc: IpcMainLike, options: BridgeIpcOptions): () => void {
  for (const command of COMMAND_NAMES) {
    ipc.handle(commandChannel(command), async (event, request): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, options.trustedContentsId())) {
        options.logger.warn('IPC refused from an untrusted sender', {
          command,
          url: (event.senderFrame?.url ?? '').split(/[?#]/, 1)[0]?.slice(0, 200),
        });
        return { ok: false, error: REFUSED };
      }
      try {
        return await options.handle(command, request);
      } catch (error) {
        options.logger.error('Bridge handler failed', { command, error: String(error) });
        return { ok: false, error: { code: 'internal', message: 'Internal error' } };
      }
    });
  }
  return () => {
    for (const command of COMMAND_NAMES) ipc.removeHandler(commandChannel(command));
  };
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Sends one desk event to the window, if it is still there. */
export function sendEvent<E extends EventName>(
  contents: WebContentsLike | null,
  event: E,
  payload: Events[E],
): void {
  if (contents === null || contents.isDestroyed()) return;
  contents.send(eventChannel(event), payload);
}
