/**
 * The preload: exposes exactly `window.agentDesk` (the contract's `AgentDeskBridge`) and nothing
 * else — no `ipcRenderer`, no IPC event objects, no Node. It runs sandboxed, bundled to one file.
 *
 * It imports the contract as types only, so the bundle stays small (no zod in every page load);
 * the command and event lists below are checked against the contract at compile time, and the main
 * process validates every request with the contract's schemas anyway. Unknown names are refused
 * here, before anything crosses. Channel names must match `main/electron/ipc.ts` (a unit test checks).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AgentDeskBridge, CommandName, EventName, Result } from './contract';

/** Every command of the contract: a missing or unknown key is a compile error. */
const COMMANDS: Record<CommandName, true> = {
  'session:signIn': true,
  'session:signOut': true,
  'session:retryNow': true,
  'agent:login': true,
  'agent:logout': true,
  'agent:pause': true,
  'agent:unpause': true,
  'agent:listen': true,
  'queue:set': true,
  'queue:leave': true,
  'call:dial': true,
  'call:dialFromQueue': true,
  'call:answer': true,
  'call:hangup': true,
  'call:reopenScreenPop': true,
  'call:openSheetLink': true,
  'recording:pause': true,
  'recording:resume': true,
  'callback:take': true,
  'callback:release': true,
  'callback:start': true,
  'callback:updateTicket': true,
  'callback:listenMessage': true,
  'settings:update': true,
  'notice:dismiss': true,
  'diagnostics:copy': true,
  'diagnostics:openLogs': true,
  'desk:getSnapshot': true,
};
const EVENTS: Record<EventName, true> = { 'desk:snapshot': true, 'desk:patch': true };

const known = (table: object, name: unknown): boolean =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name);

function refused(message: string): Promise<Result<never>> {
  return Promise.resolve({ ok: false, error: { code: 'invalid-request', message } });
}

const bridge: AgentDeskBridge = {
  invoke(command, request) {
    if (!known(COMMANDS, command)) return refused(`Unknown command ${String(command).slice(0, 64)}`);
    return ipcRenderer.invoke(`agent-desk:invoke:${command}`, request);
  },
  on(event, listener) {
    if (!known(EVENTS, event) || typeof listener !== 'function') {
      throw new TypeError(`Unknown event ${String(event).slice(0, 64)}`);
    }
    const channel = `agent-desk:event:${event}`;
    // Only the payload reaches the page, never the IPC event (which carries the sender).
    const forward = (_event: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('agentDesk', Object.freeze(bridge));
