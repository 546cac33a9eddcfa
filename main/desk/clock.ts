import { realTimers } from '../../xuc/timers';
import type { Clock } from './ports';

/** The runtime's own clock and timers, for both hosts (tests give a manual clock instead). */
export const systemClock: Clock = {
  ...realTimers,
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
};
