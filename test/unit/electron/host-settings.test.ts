import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../preload/contract';
import { createHostSettings } from '../../../main/electron/host-settings';

function setup(packaged: boolean, loginFails = false) {
  const calls: string[] = [];
  const warnings: string[] = [];
  const apply = createHostSettings({
    shortcuts: { apply: (s) => calls.push(`shortcuts ${s.togglePause}`) },
    updater: { apply: (on) => calls.push(`updates ${on}`) },
    startAtLogin: packaged
      ? async (on) => {
          calls.push(`login ${on}`);
          if (loginFails) throw new Error('read-only');
        }
      : null,
    logger: { warn: (message) => warnings.push(message) },
  });
  return { apply, calls, warnings };
}

describe('settings the Electron host carries out', () => {
  it('applies everything once at start, then only on a new settings object', () => {
    const { apply, calls } = setup(true);
    const first: Settings = DEFAULT_SETTINGS;
    apply(first);
    apply(first);
    expect(calls).toEqual([
      `shortcuts ${first.shortcuts.togglePause}`,
      `updates ${first.autoUpdate}`,
      `login ${first.startAtLogin}`,
    ]);
  });

  it('writes start at login to the OS only when that setting changed, and never unpackaged', () => {
    const packaged = setup(true);
    packaged.apply(DEFAULT_SETTINGS);
    packaged.apply({ ...DEFAULT_SETTINGS, autoUpdate: !DEFAULT_SETTINGS.autoUpdate });
    packaged.apply({ ...DEFAULT_SETTINGS, startAtLogin: !DEFAULT_SETTINGS.startAtLogin });
    expect(packaged.calls.filter((c) => c.startsWith('login'))).toEqual([
      `login ${DEFAULT_SETTINGS.startAtLogin}`,
      `login ${!DEFAULT_SETTINGS.startAtLogin}`,
    ]);

    const dev = setup(false);
    dev.apply({ ...DEFAULT_SETTINGS, startAtLogin: true });
    expect(dev.calls.some((c) => c.startsWith('login'))).toBe(false);
  });

  it('a refused start-at-login change is logged, and the rest still applies', async () => {
    const { apply, calls, warnings } = setup(true, true);
    apply(DEFAULT_SETTINGS);
    await expect.poll(() => warnings).toEqual(['Start at login could not be changed']);
    expect(calls).toHaveLength(3);
  });
});
