/**
 * Power events become one "system woke" signal. After sleep the network stack often comes back
 * before the reconnect backoff ends; the desk reconnects at once and reconciles instead of waiting.
 * `resume` and `unlock-screen` usually arrive together: one signal per `coalesceMs`.
 */
export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export function onSystemWoke(
  powerMonitor: PowerMonitorLike,
  listener: (cause: 'resume' | 'unlock-screen') => void,
  now: () => number,
  coalesceMs = 5_000,
): () => void {
  let last = -Infinity;
  const handlers = (['resume', 'unlock-screen'] as const).map((event) => {
    const handler = () => {
      const at = now();
      if (at - last < coalesceMs) return;
      last = at;
      listener(event);
    };
    powerMonitor.on(event, handler);
    return [event, handler] as const;
  });
  return () => {
    for (const [event, handler] of handlers) powerMonitor.removeListener(event, handler);
  };
}
