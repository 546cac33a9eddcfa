import type { XucTimers } from './client-api';

/** The runtime's own clock and timers (Node and browsers alike). */
export const realTimers: XucTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
