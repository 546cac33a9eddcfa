// The one patch rule (shared/patch.ts), which the desk's store writes with and the renderer's
// mirror and the browser bridge replay with. Tested here once; the store's tests cover batching.
import { describe, expect, it } from 'vitest';
import { applyPatch, PatchPathError, writeOp } from '../../../shared/patch';

describe('applyPatch', () => {
  it('sets and deletes along paths without touching the input, sharing what did not change', () => {
    const input = { agents: { '1': { state: 'A' }, '2': { state: 'B' } }, queues: { '1': { n: 1 } } };
    const frozen = JSON.stringify(input);
    const out = applyPatch(input, [
      { path: ['agents', '1'], value: { state: 'C' } },
      { path: ['agents', '2'] },
      { path: ['call'], value: null },
    ]);
    expect(out).toEqual({ agents: { '1': { state: 'C' } }, queues: { '1': { n: 1 } }, call: null });
    expect(JSON.stringify(input)).toBe(frozen);
    expect(out.queues).toBe(input.queues);
  });

  it('an undefined value deletes the key, as an absent one does (structured clone keeps undefined)', () => {
    const out = applyPatch({ call: { id: 'c1' }, user: { login: 'a' } } as Record<string, unknown>, [
      { path: ['call'], value: undefined },
    ]);
    expect(out).toEqual({ user: { login: 'a' } });
    expect('call' in out).toBe(false);
  });

  it('never writes into a value an earlier op of the same batch put in place', () => {
    const settings = { theme: 'light', language: 'en' };
    const out = applyPatch({ settings: { theme: 'dark' } }, [
      { path: ['settings'], value: settings },
      { path: ['settings', 'theme'], value: 'system' },
    ]) as { settings: typeof settings };
    expect(out.settings).toEqual({ theme: 'system', language: 'en' });
    expect(settings.theme).toBe('light');
  });

  it('creates missing containers as objects', () => {
    const out = applyPatch({} as Record<string, unknown>, [
      { path: ['stats', '7'], value: { readyTime: 1 } },
    ]);
    expect(out).toEqual({ stats: { '7': { readyTime: 1 } } });
  });

  it('later ops of a batch see earlier ones', () => {
    const out = applyPatch({ agents: {} as Record<string, unknown> }, [
      { path: ['agents', '1'], value: { id: 1 } },
      { path: ['agents', '2'], value: { id: 2 } },
      { path: ['agents', '1'] },
    ]);
    expect(out.agents).toEqual({ '2': { id: 2 } });
  });

  it.each([
    [['pending', '0'], /array/],
    [['agents', '__proto__'], /bad patch path/],
    [['constructor'], /bad patch path/],
    [[], /bad patch path/],
  ])('refuses the path %j and leaves the input as it was', (path, message) => {
    const input = { pending: [{ id: 'p' }], agents: {} };
    const frozen = JSON.stringify(input);
    expect(() => applyPatch(input, [{ path, value: 1 }])).toThrow(PatchPathError);
    expect(() => applyPatch(input, [{ path, value: 1 }])).toThrow(message);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writeOp copies a container once per batch, then changes the copy in place', () => {
    const agents = { '1': { id: 1 } };
    const root: Record<string, unknown> = { agents };
    const owned = new WeakSet<object>();
    writeOp(root, { path: ['agents', '2'], value: { id: 2 } }, owned);
    const copy = root.agents;
    writeOp(root, { path: ['agents', '3'], value: { id: 3 } }, owned);
    expect(root.agents).toBe(copy);
    expect(copy).not.toBe(agents);
    expect(agents).toEqual({ '1': { id: 1 } });
    expect(Object.keys(copy as object)).toEqual(['1', '2', '3']);
  });
});
