import { signal, type ReadonlySignal } from '@preact/signals';

export interface Ticker {
  /** Epoch ms, refreshed once a second: enough for "time in state" and countdowns. */
  readonly now: ReadonlySignal<number>;
  stop(): void;
}

export function startTicker(
  readClock: () => number = Date.now,
  periodMs = 1000,
  timers: Pick<Window, 'setInterval' | 'clearInterval'> = window,
): Ticker {
  const now = signal(readClock());
  const handle = timers.setInterval(() => {
    now.value = readClock();
  }, periodMs);
  return { now, stop: () => timers.clearInterval(handle) };
}
