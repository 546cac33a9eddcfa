/** Reconnect delays: capped exponential backoff with jitter, so a fleet of desks does not reconnect in step. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of the delay taken off at random. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, jitter: 0.2 };

/**
 * Delay before reconnect attempt `attempt` (1-based): initial·2^(attempt-1), capped at maxMs, then
 * shortened by up to `jitter` of itself. Never above the cap, never below (1-jitter)·base.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  const jitter = Math.min(Math.max(policy.jitter, 0), 1);
  return Math.round(base * (1 - jitter * random()));
}
