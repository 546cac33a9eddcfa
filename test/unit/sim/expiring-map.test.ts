import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../../sim/server/expiring-map';

describe('the capped store of expiring sign-in tokens and tickets', () => {
  it('drops expired entries when a new one is added, and keeps live ones', () => {
    let now = 0;
    const map = new ExpiringMap<{ expiresAt: number }>(() => now, 10);
    map.add('old', { expiresAt: 100 });
    map.add('live', { expiresAt: 1_000 });
    now = 500;
    map.add('new', { expiresAt: 2_000 });
    expect(map.get('old')).toBeUndefined();
    expect(map.get('live')).toEqual({ expiresAt: 1_000 });
  });

  it('drops the oldest entry when full, so repeated sign-ins cannot grow it without bound', () => {
    const map = new ExpiringMap<{ expiresAt: number }>(() => 0, 2);
    map.add('a', { expiresAt: 10 });
    map.add('b', { expiresAt: 10 });
    map.add('c', { expiresAt: 10 });
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBeDefined();
    expect(map.get('c')).toBeDefined();
  });

  it('take() hands an entry out once', () => {
    const map = new ExpiringMap<{ expiresAt: number }>(() => 0, 2);
    map.add('t', { expiresAt: 10 });
    expect(map.take('t')).toEqual({ expiresAt: 10 });
    expect(map.take('t')).toBeUndefined();
  });
});
