/**
 * What the app registers with the operating system: start at login (hidden), and the `tel:` and
 * `callto:` protocol handlers. Windows and macOS use Electron's login item; Linux has none, so an
 * XDG autostart entry is written (or removed) instead.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const LINK_SCHEMES = ['tel', 'callto'] as const;
export const HIDDEN_ARG = '--hidden';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface AutostartTarget {
  platform: NodeJS.Platform;
  /** The executable to start: `$APPIMAGE` for an AppImage, else `process.execPath`. */
  exec: string;
  /** `~/.config` (or `$XDG_CONFIG_HOME`). */
  configHome: string;
}

/** The XDG autostart entry for Linux. Pure. */
export function autostartDesktopEntry(exec: string): string {
  const quoted = `"${exec.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Agent Desk',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
}

export async function applyStartAtLogin(
  app: LoginItemApp,
  target: AutostartTarget,
  enabled: boolean,
): Promise<void> {
  if (target.platform === 'linux') {
    const dir = join(target.configHome, 'autostart');
    const file = join(dir, 'agent-desk.desktop');
    if (!enabled) {
      await rm(file, { force: true });
      return;
    }
    await mkdir(dir, { recursive: true });
    await writeFile(file, autostartDesktopEntry(target.exec), { mode: 0o644 });
    return;
  }
  // Windows passes `args`; macOS ignores them, and main.ts starts hidden when `wasOpenedAtLogin`.
  app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
}

export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Registers Agent Desk for `tel:` and `callto:`. In development (`electron main.cjs`) the app path
 * must be passed, or the OS would start bare Electron. Returns the schemes that were refused.
 */
export function registerLinkSchemes(
  app: ProtocolApp,
  process: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
): string[] {
  const refused: string[] = [];
  for (const scheme of LINK_SCHEMES) {
    const ok =
      process.defaultApp && process.argv[1] !== undefined
        ? app.setAsDefaultProtocolClient(scheme, process.execPath, [resolve(process.argv[1])])
        : app.setAsDefaultProtocolClient(scheme);
    if (!ok) refused.push(scheme);
  }
  return refused;
}
