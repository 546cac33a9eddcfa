import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../xuc/backoff';

describe('backoffDelay', () => {
  const none = () => 0;
  const most = () => 0.999999;

  it('doubles from the initial delay up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 12, 100].map((n) => backoffDelay(n, DEFAULT_BACKOFF, none));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('jitter only shortens, by at most its share', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, most)).toBe(800);
    expect(backoffDelay(9, DEFAULT_BACKOFF, most)).toBe(24_000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(3600);
  });

  it('spreads clients that reconnect at the same moment', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, DEFAULT_BACKOFF, random)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(6400);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });

  it('treats attempt 0 or less as the first, and clamps a jitter outside 0..1', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, none)).toBe(1000);
    expect(backoffDelay(1, { initialMs: 1000, maxMs: 5000, jitter: 3 }, most)).toBe(0);
    expect(backoffDelay(1, { initialMs: 1000, maxMs: 5000, jitter: -1 }, most)).toBe(1000);
  });
});
