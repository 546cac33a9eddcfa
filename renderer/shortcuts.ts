import type { Screen } from './store/ui-state';

/**
 * In-window keyboard shortcuts. Alt + a letter is free in browsers and in Electron windows; `code`
 * (not `key`) keeps them working on any keyboard layout and with macOS's Option characters.
 */
export const SHORTCUTS = {
  ready: { code: 'KeyR', label: 'Alt+R', aria: 'Alt+R' },
  pause: { code: 'KeyP', label: 'Alt+P', aria: 'Alt+P' },
} as const;

/** Alt+1 … Alt+6 open the screens in the order of the navigation. */
export function screenForDigit(code: string, screens: readonly Screen[]): Screen | null {
  const match = /^Digit([1-9])$/.exec(code);
  if (!match) return null;
  return screens[Number(match[1]) - 1] ?? null;
}

export type ShortcutIntent = { kind: 'ready' } | { kind: 'pause' } | { kind: 'screen'; screen: Screen };

export function shortcutFor(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
  screens: readonly Screen[],
): ShortcutIntent | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  if (event.code === SHORTCUTS.ready.code) return { kind: 'ready' };
  if (event.code === SHORTCUTS.pause.code) return { kind: 'pause' };
  const screen = screenForDigit(event.code, screens);
  return screen ? { kind: 'screen', screen } : null;
}
