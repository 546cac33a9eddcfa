/**
 * Global shortcuts from the settings: toggle pause, answer, hang up. Each becomes a bridge command,
 * so it goes through the same validation and desk action as a click in the window. A shortcut taken
 * by another application (or malformed) is reported, not fatal. Registered again when settings change.
 */
import type { DeskSnapshot, Settings } from '../../preload/contract';

export type ShortcutName = keyof Settings['shortcuts'];
export const SHORTCUT_NAMES: readonly ShortcutName[] = ['togglePause', 'answer', 'hangup'];

export type ShortcutCommand =
  | { command: 'agent:pause'; request: { reason: null } }
  | { command: 'agent:unpause'; request: Record<string, never> }
  | { command: 'call:answer' | 'call:hangup'; request: Record<string, never> };

/**
 * The command a shortcut stands for now, or null when it has nothing to act on (no agent logged
 * in, no call). Pausing from a shortcut uses no reason. Pure.
 */
export function shortcutCommand(
  name: ShortcutName,
  snapshot: Pick<DeskSnapshot, 'agent' | 'call'>,
): ShortcutCommand | null {
  switch (name) {
    case 'togglePause': {
      const state = snapshot.agent?.state;
      if (state === undefined || state === 'AgentLoggedOut' || state === 'Unknown') return null;
      return state === 'AgentOnPause'
        ? { command: 'agent:unpause', request: {} }
        : { command: 'agent:pause', request: { reason: null } };
    }
    case 'answer':
      return snapshot.call?.phase === 'ringing' ? { command: 'call:answer', request: {} } : null;
    case 'hangup':
      return snapshot.call && snapshot.call.phase !== 'wrapup'
        ? { command: 'call:hangup', request: {} }
        : null;
  }
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutRegistration {
  registered: Array<{ name: ShortcutName; accelerator: string }>;
  failed: Array<{ name: ShortcutName; accelerator: string; reason: string }>;
}

export function createShortcuts(
  globalShortcut: GlobalShortcutLike,
  onShortcut: (name: ShortcutName) => void,
  logger: { warn(message: string, fields?: Record<string, unknown>): void },
) {
  let active: string[] = [];
  let applied: string | null = null;

  const clear = () => {
    for (const accelerator of active) globalShortcut.unregister(accelerator);
    active = [];
  };

  return {
    /** Registers the settings' shortcuts (an empty one is off). A no-op when they did not change. */
    apply(shortcuts: Settings['shortcuts']): ShortcutRegistration | null {
      const key = JSON.stringify(shortcuts);
      if (key === applied) return null;
      applied = key;
      clear();
      const result: ShortcutRegistration = { registered: [], failed: [] };
      const seen = new Set<string>();
      for (const name of SHORTCUT_NAMES) {
        const accelerator = shortcuts[name].trim();
        if (accelerator === '') continue;
        if (seen.has(accelerator.toLowerCase())) {
          result.failed.push({ name, accelerator, reason: 'duplicate' });
          continue;
        }
        seen.add(accelerator.toLowerCase());
        let ok: boolean;
        try {
          ok = globalShortcut.register(accelerator, () => onShortcut(name));
        } catch {
          result.failed.push({ name, accelerator, reason: 'invalid' });
          continue;
        }
        if (ok) {
          active.push(accelerator);
          result.registered.push({ name, accelerator });
        } else {
          result.failed.push({ name, accelerator, reason: 'taken' });
        }
      }
      if (result.failed.length > 0)
        logger.warn('Some global shortcuts could not be registered', { failed: result.failed });
      return result;
    },
    dispose(): void {
      clear();
      applied = null;
    },
  };
}
