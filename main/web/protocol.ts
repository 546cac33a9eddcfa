/**
 * The messages of the browser host's bridge WebSocket, both directions. JSON text frames.
 *
 *   page → host   {id, command, request}           one bridge invoke
 *   host → page   {id, result}                     its Result (contract.ts)
 *   host → page   {event, payload}                 desk:snapshot / desk:patch
 *   host → page   {host: 'open-url', url, multiTab} a screen pop the policy approved
 *   host → page   {host: 'focus'}                  a notification was clicked
 *
 * This file holds types only (and no zod), so the small browser script can import it.
 */
import type { EventName, Events, Result } from '../../preload/contract';

export type RequestId = string | number;

export interface InvokeMessage {
  id: RequestId;
  command: string;
  request?: unknown;
}

export type HostMessage =
  | { id: RequestId | null; result: Result<unknown> }
  | { [E in EventName]: { event: E; payload: Events[E] } }[EventName]
  | { host: 'open-url'; url: string; multiTab: boolean }
  | { host: 'focus' };

/** The bridge socket's path; the page connects to `ws://127.0.0.1:PORT/bridge`. */
export const BRIDGE_PATH = '/bridge';
/** Largest page → host message accepted (a settings patch or a ticket comment fits easily). */
export const MAX_MESSAGE_BYTES = 256 * 1024;
