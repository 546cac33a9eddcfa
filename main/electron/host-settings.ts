/**
 * The settings the Electron host carries out itself: global shortcuts, automatic updates and
 * start at login. Applied at start and on every new settings object from the desk (the store
 * replaces the object on change, so identity says "changed"). Start at login writes to the OS:
 * only in a packaged app, and only when that setting itself changed.
 */
import type { Settings } from '../../preload/contract';

export interface HostSettingsTargets {
  shortcuts: { apply(shortcuts: Settings['shortcuts']): unknown };
  updater: { apply(enabled: boolean): unknown };
  /** Null where the app must not register itself (not packaged). */
  startAtLogin: ((enabled: boolean) => Promise<void>) | null;
  logger: { warn(message: string, fields?: Record<string, unknown>): void };
}

export function createHostSettings(targets: HostSettingsTargets): (next: Settings) => void {
  let applied: Settings | null = null;
  return (next) => {
    if (next === applied) return;
    targets.shortcuts.apply(next.shortcuts);
    targets.updater.apply(next.autoUpdate);
    if (targets.startAtLogin !== null && applied?.startAtLogin !== next.startAtLogin) {
      targets
        .startAtLogin(next.startAtLogin)
        .catch((error: unknown) =>
          targets.logger.warn('Start at login could not be changed', { error: String(error) }),
        );
    }
    applied = next;
  };
}
