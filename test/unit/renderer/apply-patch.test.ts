import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../renderer/store/apply-patch';

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

  it('never writes into a value an earlier op of the same batch put in place', () => {
    const settings = { theme: 'light', language: 'en' };
    const out = applyPatch({ settings: { theme: 'dark' } }, [
      { path: ['settings'], value: settings },
      { path: ['settings', 'theme'], value: 'system' },
    ]) as { settings: typeof settings };
    expect(out.settings).toEqual({ theme: 'system', language: 'en' });
    expect(settings.theme).toBe('light');
  });

  it('creates missing containers, and ignores prototype keys', () => {
    const out = applyPatch({} as Record<string, unknown>, [
      { path: ['stats', '7'], value: { readyTime: 1 } },
      { path: ['__proto__', 'polluted'], value: true },
      { path: ['agents', 'constructor'], value: 1 },
    ]);
    expect(out).toEqual({ stats: { '7': { readyTime: 1 } }, agents: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('later ops of a batch see earlier ones', () => {
    const out = applyPatch({ agents: {} as Record<string, unknown> }, [
      { path: ['agents', '1'], value: { id: 1 } },
      { path: ['agents', '2'], value: { id: 2 } },
      { path: ['agents', '1'] },
    ]);
    expect(out.agents).toEqual({ '2': { id: 2 } });
  });
});
