import type {
  AgentDeskBridge,
  CommandName,
  CommandRequest,
  CommandResult,
  Result,
} from '../preload/contract';

declare global {
  interface Window {
    agentDesk?: AgentDeskBridge;
  }
}

export type Invoke = <C extends CommandName>(
  command: C,
  request: CommandRequest<C>,
) => Promise<Result<CommandResult<C>>>;

/**
 * Wraps the bridge's invoke so it never rejects: a broken transport becomes an `internal` error the
 * screen can show, instead of an unhandled rejection that leaves a button spinning.
 */
export function safeInvoke(bridge: AgentDeskBridge): Invoke {
  return async (command, request) => {
    try {
      return await bridge.invoke(command, request);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      return { ok: false, error: { code: 'internal', message } };
    }
  };
}

/**
 * The host defines `window.agentDesk` before or just after this bundle runs (the browser host opens
 * its WebSocket first). Resolves with the bridge, or null once `timeoutMs` has passed without one.
 */
export function waitForBridge(win: Window, timeoutMs: number): Promise<AgentDeskBridge | null> {
  if (win.agentDesk) return Promise.resolve(win.agentDesk);
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (win.agentDesk) resolve(win.agentDesk);
      else if (Date.now() - started >= timeoutMs) resolve(null);
      else win.setTimeout(check, 25);
    };
    win.addEventListener('agentdesk:ready', check, { once: true });
    check();
  });
}
