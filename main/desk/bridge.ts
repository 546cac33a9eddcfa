/**
 * The server side of the bridge, shared by both hosts (Electron IPC, the web host's WebSocket):
 * a raw command name and request from the renderer → validated with the contract's schemas → the
 * desk → a typed Result. A malformed call gets `invalid-request` and changes nothing.
 */
import { parseRequest, type CommandName, type DeskError, type Result } from '../../preload/contract';
import type { Desk } from './desk';

export async function handleInvoke(
  desk: Desk,
  command: unknown,
  rawRequest: unknown,
): Promise<Result<unknown>> {
  if (typeof command !== 'string') {
    return { ok: false, error: { code: 'invalid-request', message: 'command must be a string' } };
  }
  const parsed = parseRequest<CommandName>(command, rawRequest);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    return await desk.invoke(parsed.command, parsed.request);
  } catch (error) {
    // invoke never throws by design; a bug must still answer the renderer.
    const internal: DeskError = { code: 'internal', message: (error as Error)?.message ?? String(error) };
    return { ok: false, error: internal };
  }
}
