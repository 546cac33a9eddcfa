/**
 * Browser entry, bundled by the web host and loaded before the renderer: defines
 * `window.agentDesk` over the bridge WebSocket of the page's own origin.
 * Typed against a small slice of the DOM, since this folder is checked with Node's types.
 */
import { BRIDGE_PATH } from '../protocol';
import { createBridgeClient, type SocketLike } from './bridge-client';

interface BrowserWindow {
  location: { host: string };
  agentDesk?: unknown;
  WebSocket: new (url: string) => SocketLike;
  open(url: string, target: string, features: string): unknown;
  focus(): void;
  setTimeout(fn: () => void, ms: number): unknown;
  dispatchEvent(event: unknown): boolean;
  Event: new (type: string) => unknown;
}

const win = globalThis as unknown as BrowserWindow;

win.agentDesk = createBridgeClient({
  url: `ws://${win.location.host}${BRIDGE_PATH}`,
  createSocket: (url) => new win.WebSocket(url),
  // multiTab: a new tab each time; otherwise XiVO's habit of reusing one named pop window.
  openUrl: (url, multiTab) =>
    void win.open(url, multiTab ? '_blank' : 'agentdesk-screenpop', 'noopener,noreferrer'),
  focus: () => win.focus(),
  setTimeout: (fn, ms) => win.setTimeout(fn, ms),
});
win.dispatchEvent(new win.Event('agentdesk:ready'));
