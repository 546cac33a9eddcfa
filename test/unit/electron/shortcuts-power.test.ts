import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AgentView, type CallView } from '../../../preload/contract';
import { onSystemWoke, type PowerMonitorLike } from '../../../main/electron/power';
import { createShortcuts, shortcutCommand, type GlobalShortcutLike } from '../../../main/electron/shortcuts';

const agent = (state: AgentView['state']) => ({ state }) as AgentView;
const call = (phase: CallView['phase']) => ({ phase }) as CallView;

describe('shortcutCommand: what a shortcut does now', () => {
  it.each([
    [
      'togglePause',
      { agent: agent('AgentReady'), call: null },
      { command: 'agent:pause', request: { reason: null } },
    ],
    ['togglePause', { agent: agent('AgentOnPause'), call: null }, { command: 'agent:unpause', request: {} }],
    [
      'togglePause',
      { agent: agent('AgentOnWrapup'), call: null },
      { command: 'agent:pause', request: { reason: null } },
    ],
    ['togglePause', { agent: agent('AgentLoggedOut'), call: null }, null],
    ['togglePause', { agent: null, call: null }, null],
    ['answer', { agent: null, call: call('ringing') }, { command: 'call:answer', request: {} }],
    ['answer', { agent: null, call: call('on-call') }, null],
    ['answer', { agent: null, call: null }, null],
    ['hangup', { agent: null, call: call('on-call') }, { command: 'call:hangup', request: {} }],
    ['hangup', { agent: null, call: call('ringing') }, { command: 'call:hangup', request: {} }],
    ['hangup', { agent: null, call: call('wrapup') }, null],
  ] as const)('%s with %j', (name, snapshot, expected) => {
    expect(shortcutCommand(name, snapshot)).toEqual(expected);
  });
});

function fakeGlobalShortcut(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  const globalShortcut: GlobalShortcutLike = {
    register: (accelerator, callback) => {
      if (accelerator.includes('Bogus')) throw new Error('conversion failure');
      if (taken.includes(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void registered.delete(accelerator),
  };
  return { globalShortcut, registered };
}

describe('global shortcuts from the settings', () => {
  it('registers each shortcut and runs its action', () => {
    const { globalShortcut, registered } = fakeGlobalShortcut();
    const fired: string[] = [];
    const shortcuts = createShortcuts(globalShortcut, (name) => fired.push(name), { warn: () => {} });
    const result = shortcuts.apply(DEFAULT_SETTINGS.shortcuts);
    expect(result?.registered.map((r) => r.name)).toEqual(['togglePause', 'answer', 'hangup']);
    registered.get('CommandOrControl+Alt+P')!();
    registered.get('CommandOrControl+Alt+H')!();
    expect(fired).toEqual(['togglePause', 'hangup']);
  });

  it('reports a shortcut taken by another app, a malformed or duplicated one, and keeps the others', () => {
    const { globalShortcut, registered } = fakeGlobalShortcut(['CommandOrControl+Alt+A']);
    const warnings: unknown[] = [];
    const shortcuts = createShortcuts(globalShortcut, () => {}, { warn: (_m, f) => warnings.push(f) });
    const result = shortcuts.apply({
      togglePause: 'Bogus+Key',
      answer: 'CommandOrControl+Alt+A',
      hangup: 'F9',
    });
    expect(result).toEqual({
      registered: [{ name: 'hangup', accelerator: 'F9' }],
      failed: [
        { name: 'togglePause', accelerator: 'Bogus+Key', reason: 'invalid' },
        { name: 'answer', accelerator: 'CommandOrControl+Alt+A', reason: 'taken' },
      ],
    });
    expect([...registered.keys()]).toEqual(['F9']);
    expect(warnings).toHaveLength(1);
    const dup = createShortcuts(fakeGlobalShortcut().globalShortcut, () => {}, { warn: () => {} });
    expect(dup.apply({ togglePause: 'F8', answer: 'f8', hangup: '' })?.failed).toEqual([
      { name: 'answer', accelerator: 'f8', reason: 'duplicate' },
    ]);
  });

  it('changing the settings swaps the shortcuts; unchanged settings do nothing; an empty one is off', () => {
    const { globalShortcut, registered } = fakeGlobalShortcut();
    const shortcuts = createShortcuts(globalShortcut, () => {}, { warn: () => {} });
    shortcuts.apply(DEFAULT_SETTINGS.shortcuts);
    expect(shortcuts.apply({ ...DEFAULT_SETTINGS.shortcuts })).toBeNull();
    shortcuts.apply({ togglePause: 'F7', answer: '', hangup: 'F9' });
    expect([...registered.keys()].sort()).toEqual(['F7', 'F9']);
    shortcuts.dispose();
    expect(registered.size).toBe(0);
  });
});

describe('power events become one "system woke" signal', () => {
  function fakePower() {
    const listeners = new Map<string, Set<() => void>>();
    const power: PowerMonitorLike = {
      on: (event, listener) =>
        void (listeners.get(event) ?? listeners.set(event, new Set()).get(event)!).add(listener),
      removeListener: (event, listener) => void listeners.get(event)?.delete(listener),
    };
    const emit = (event: string) => listeners.get(event)?.forEach((l) => l());
    return { power, emit, listeners };
  }

  it('resume then unlock-screen together give one signal; a later wake gives another', () => {
    const { power, emit } = fakePower();
    let now = 1_000;
    const woke: string[] = [];
    onSystemWoke(
      power,
      (cause) => woke.push(cause),
      () => now,
    );
    emit('resume');
    now += 800;
    emit('unlock-screen');
    expect(woke).toEqual(['resume']);
    now += 60_000;
    emit('unlock-screen');
    expect(woke).toEqual(['resume', 'unlock-screen']);
  });

  it('stops listening when disposed', () => {
    const { power, emit, listeners } = fakePower();
    const woke: string[] = [];
    const dispose = onSystemWoke(
      power,
      (cause) => woke.push(cause),
      () => 0,
    );
    dispose();
    emit('resume');
    expect(woke).toEqual([]);
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
