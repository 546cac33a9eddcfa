import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, type AgentDeskBridge, type Result } from '../../../preload/contract';
import {
  commandChannel,
  eventChannel,
  isTrustedSender,
  registerBridgeIpc,
  sendEvent,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../main/electron/ipc';
import { APP_ENTRY_URL } from '../../../main/electron/security';

// ---- Electron's renderer-side modules, faked at the edge, for the real preload -----------------

const exposed = new Map<string, unknown>();
const invoked: Array<{ channel: string; request: unknown }> = [];
const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
let mainHandlers = new Map<string, (event: InvokeEventLike, request: unknown) => Promise<unknown>>();
/** The frame the fake renderer sends from (changed by tests to play a foreign frame). */
let senderEvent: InvokeEventLike;

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ['ipcRenderer']: {
    invoke: (channel: string, request: unknown) => {
      invoked.push({ channel, request });
      const handler = mainHandlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return handler(senderEvent, structuredClone(request));
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  },
}));

let bridge: AgentDeskBridge;
beforeAll(async () => {
  await import('../../../preload/index');
  bridge = exposed.get('agentDesk') as AgentDeskBridge;
});

// ---- Main side -------------------------------------------------------------------------------

const OUR_CONTENTS = 7;
function frame(url: string, parent: FrameLike | null = null): FrameLike {
  return { url, parent };
}
function eventFrom(contentsId: number, url: string, subframe = false): InvokeEventLike {
  const mainFrame = frame(url);
  return { sender: { id: contentsId, mainFrame }, senderFrame: subframe ? frame(url, mainFrame) : mainFrame };
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, request: unknown) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function wire(handle: (command: string, request: unknown) => Promise<Result<unknown>>) {
  const { ipcMain, handlers } = fakeIpcMain();
  const warnings: Array<Record<string, unknown> | undefined> = [];
  const dispose = registerBridgeIpc(ipcMain, {
    handle,
    trustedContentsId: () => OUR_CONTENTS,
    logger: { warn: (_m, fields) => warnings.push(fields), error: () => {} },
  });
  mainHandlers = handlers;
  senderEvent = eventFrom(OUR_CONTENTS, APP_ENTRY_URL);
  return { handlers, warnings, dispose };
}

describe('isTrustedSender', () => {
  it.each([
    ['our window’s top frame', eventFrom(OUR_CONTENTS, APP_ENTRY_URL), true],
    ['our window, another page of the app', eventFrom(OUR_CONTENTS, 'agent-desk://app/other.html'), true],
    ['a sub-frame of our window', eventFrom(OUR_CONTENTS, APP_ENTRY_URL, true), false],
    ['another web contents', eventFrom(99, APP_ENTRY_URL), false],
    ['our window navigated to a foreign page', eventFrom(OUR_CONTENTS, 'https://evil.example/'), false],
    ['a file:// page', eventFrom(OUR_CONTENTS, 'file:///tmp/x.html'), false],
    [
      'a destroyed frame',
      { sender: { id: OUR_CONTENTS, mainFrame: frame(APP_ENTRY_URL) }, senderFrame: null },
      false,
    ],
  ] as const)('%s → %s', (_label, event, expected) => {
    expect(isTrustedSender(event, OUR_CONTENTS)).toBe(expected);
  });

  it('trusts nobody while there is no window', () => {
    expect(isTrustedSender(eventFrom(OUR_CONTENTS, APP_ENTRY_URL), null)).toBe(false);
  });
});

describe('the bridge over IPC (real preload, main handlers)', () => {
  it('registers one channel per contract command, and the preload invokes exactly those channels', async () => {
    const seen: string[] = [];
    const { handlers } = wire(async (command) => {
      seen.push(command);
      return { ok: true, value: null };
    });
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    for (const command of COMMAND_NAMES) {
      expect(await bridge.invoke(command, {} as never)).toEqual({ ok: true, value: null });
    }
    expect(seen).toEqual(COMMAND_NAMES);
  });

  it('passes the request through to the desk handler, which validates it', async () => {
    const requests: unknown[] = [];
    wire(async (_command, request) => {
      requests.push(request);
      return { ok: true, value: undefined };
    });
    await bridge.invoke('agent:pause', { reason: 'lunch' });
    expect(requests).toEqual([{ reason: 'lunch' }]);
  });

  it('refuses a call from a foreign frame before the desk sees it, and logs it', async () => {
    let called = 0;
    const { warnings } = wire(async () => {
      called += 1;
      return { ok: true, value: undefined };
    });
    senderEvent = eventFrom(OUR_CONTENTS, APP_ENTRY_URL, true);
    const result = await bridge.invoke('agent:logout', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    senderEvent = eventFrom(OUR_CONTENTS, 'https://evil.example/x?token=abc');
    expect(await bridge.invoke('call:hangup', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(called).toBe(0);
    expect(warnings).toEqual([
      { command: 'agent:logout', url: APP_ENTRY_URL },
      { command: 'call:hangup', url: 'https://evil.example/x' },
    ]);
  });

  it('answers `internal` when the handler throws', async () => {
    wire(async () => {
      throw new Error('boom');
    });
    expect(await bridge.invoke('desk:getSnapshot', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Internal error' },
    });
  });

  it('the preload refuses an unknown command without crossing to main', async () => {
    wire(async () => ({ ok: true, value: undefined }));
    invoked.length = 0;
    for (const name of ['shell:openExternal', '__proto__', 'constructor', 'toString', 42]) {
      expect(await bridge.invoke(name as never, {} as never)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(invoked).toEqual([]);
  });

  it('delivers events with their payload only, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.on('desk:patch', (patch) => received.push(patch));
    const contents = {
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => {
        for (const listener of rendererListeners.get(channel) ?? [])
          listener({ sender: 'secret ipc event' }, payload);
      },
    };
    sendEvent(contents, 'desk:patch', [{ path: ['call'], value: null }]);
    expect(received).toEqual([[{ path: ['call'], value: null }]]);
    off();
    sendEvent(contents, 'desk:patch', [{ path: ['call'] }]);
    expect(received).toHaveLength(1);
    expect(() => bridge.on('ipc:raw' as never, () => {})).toThrow(TypeError);
    expect(EVENT_NAMES.map(eventChannel)).toEqual([
      'agent-desk:event:desk:snapshot',
      'agent-desk:event:desk:patch',
    ]);
  });

  it('sends nothing to a destroyed window', () => {
    const sent: unknown[] = [];
    sendEvent({ isDestroyed: () => true, send: (...args) => sent.push(args) }, 'desk:patch', []);
    sendEvent(null, 'desk:patch', []);
    expect(sent).toEqual([]);
  });

  it('exposes exactly window.agentDesk with invoke and on, frozen', () => {
    expect([...exposed.keys()]).toEqual(['agentDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('unregisters every handler on dispose', () => {
    const { handlers, dispose } = wire(async () => ({ ok: true, value: undefined }));
    dispose();
    expect(handlers.size).toBe(0);
  });
});
