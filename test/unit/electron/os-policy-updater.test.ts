import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_POLICY } from '../../../main/desk/admin-policy';
import {
  applyStartAtLogin,
  autostartDesktopEntry,
  registerLinkSchemes,
} from '../../../main/electron/os-integration';
import { loadAdminPolicy, policyFileCandidates } from '../../../main/electron/policy-file';
import { createUpdater, type AutoUpdaterLike } from '../../../main/electron/updater';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('start at login', () => {
  it('Windows and macOS: the login item, started hidden', async () => {
    const calls: unknown[] = [];
    const app = { setLoginItemSettings: (s: unknown) => void calls.push(s) };
    await applyStartAtLogin(app, { platform: 'win32', exec: 'C:\\x\\Agent Desk.exe', configHome: '' }, true);
    await applyStartAtLogin(
      app,
      { platform: 'darwin', exec: '/Applications/Agent Desk.app', configHome: '' },
      false,
    );
    expect(calls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('Linux: an XDG autostart entry, written and removed', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'agent-desk-xdg-'));
    const app = { setLoginItemSettings: () => expect.unreachable('no login item on Linux') };
    const target = { platform: 'linux' as const, exec: '/home/bob/Apps/Agent Desk.AppImage', configHome };
    await applyStartAtLogin(app, target, true);
    const file = join(configHome, 'autostart', 'agent-desk.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/bob/Apps/Agent Desk.AppImage" --hidden');
    await applyStartAtLogin(app, target, false);
    expect(existsSync(file)).toBe(false);
  });

  it('quotes the executable path so it cannot inject into the Exec line', () => {
    expect(autostartDesktopEntry('/opt/a"b$c`d\\e')).toContain('Exec="/opt/a\\"b\\$c\\`d\\\\e" --hidden');
  });
});

describe('protocol registration', () => {
  it('registers tel and callto; in development passes the app path so the OS does not start bare Electron', () => {
    const calls: unknown[][] = [];
    const app = {
      setAsDefaultProtocolClient: (...args: unknown[]) => {
        calls.push(args);
        return args[0] !== 'callto';
      },
    };
    expect(registerLinkSchemes(app, { execPath: '/opt/agent-desk', argv: ['/opt/agent-desk'] })).toEqual([
      'callto',
    ]);
    expect(calls).toEqual([['tel'], ['callto']]);
    calls.length = 0;
    registerLinkSchemes(app, {
      defaultApp: true,
      execPath: '/usr/bin/electron',
      argv: ['/usr/bin/electron', '/app/main.cjs'],
    });
    expect(calls[0]).toEqual(['tel', '/usr/bin/electron', ['/app/main.cjs']]);
  });
});

describe('admin policy file location', () => {
  it.each([
    [
      'linux',
      '/opt/Agent Desk/agent-desk',
      {},
      ['/etc/agent-desk/policy.json', '/opt/Agent Desk/policy.json'],
    ],
    [
      'win32',
      'C:\\Program Files\\Agent Desk\\Agent Desk.exe',
      { ProgramData: 'D:\\ProgramData' },
      ['D:\\ProgramData\\AgentDesk\\policy.json', 'C:\\Program Files\\Agent Desk\\policy.json'],
    ],
    [
      'darwin',
      '/Applications/Agent Desk.app/Contents/MacOS/Agent Desk',
      {},
      [
        '/Library/Application Support/AgentDesk/policy.json',
        '/Applications/Agent Desk.app/Contents/MacOS/policy.json',
      ],
    ],
  ] as const)('%s', (platform, executable, env, expected) => {
    expect(policyFileCandidates({ platform, executable, env })).toEqual(expected);
  });
});

describe('loading the admin policy', () => {
  function files(contents: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-policy-'));
    return Object.keys(contents).map((name) => {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, contents[name]!);
      return path;
    });
  }

  it('uses the first file found', async () => {
    const [system, beside] = files({
      'etc/policy.json': '{"settings":{"autoUpdate":false}}',
      'opt/policy.json': '{"settings":{"serverUrl":"https://x.example.com"}}',
    });
    const loaded = await loadAdminPolicy(['/nonexistent/policy.json', system!, beside!], quiet);
    expect(loaded).toEqual({
      policy: { settingsOverrides: { autoUpdate: false }, locked: ['autoUpdate'] },
      source: system,
      error: null,
    });
  });

  it('an invalid file is ignored as a whole (not skipped to the next), and logged with the entry named', async () => {
    const [system, beside] = files({
      'etc/policy.json': '{"settings":{"autoUpdate":"no"}}',
      'opt/policy.json': '{"settings":{"serverUrl":"https://x.example.com"}}',
    });
    const errors: unknown[] = [];
    const loaded = await loadAdminPolicy([system!, beside!], { ...quiet, error: (_m, f) => errors.push(f) });
    expect(loaded.policy).toEqual(NO_POLICY);
    expect(loaded.error).toContain('settings.autoUpdate');
    expect(errors).toEqual([{ error: loaded.error }]);
  });

  it('no file: no policy', async () => {
    expect(await loadAdminPolicy(['/nonexistent/a.json'], quiet)).toEqual({
      policy: NO_POLICY,
      source: null,
      error: null,
    });
  });

  it('an unreadable file is reported, not fatal', async () => {
    const loaded = await loadAdminPolicy(['/x/policy.json'], quiet, async () => {
      throw Object.assign(new Error('denied'), { code: 'EACCES' });
    });
    expect(loaded.error).toContain('EACCES');
    expect(loaded.policy).toEqual(NO_POLICY);
  });
});

describe('auto-update', () => {
  function setup(isPackaged = true, fail = false) {
    let checks = 0;
    const intervals = new Set<number>();
    const updater: AutoUpdaterLike = {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      logger: null,
      checkForUpdates: async () => {
        checks += 1;
        if (fail) throw new Error('ENOTFOUND updates.example.invalid');
      },
    };
    const warnings: unknown[] = [];
    let next = 1;
    const control = createUpdater(updater, {
      isPackaged,
      logger: { info: () => {}, warn: (_m, f) => warnings.push(f) },
      timers: {
        setInterval: () => (intervals.add(next), next++),
        clearInterval: (h) => void intervals.delete(h as number),
      },
    });
    return { control, updater, checks: () => checks, intervals, warnings };
  }

  it('checks at once and periodically when on; stops when the setting turns it off', () => {
    const { control, updater, checks, intervals } = setup();
    expect(updater.autoDownload).toBe(false);
    expect(control.apply(true)).toBe(true);
    expect(checks()).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(intervals.size).toBe(1);
    control.apply(true);
    expect(checks()).toBe(1);
    expect(control.apply(false)).toBe(false);
    expect(intervals.size).toBe(0);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('never runs from a development build', () => {
    const { control, checks } = setup(false);
    expect(control.apply(true)).toBe(false);
    expect(checks()).toBe(0);
  });

  it('a failed check is only logged', async () => {
    const { control, warnings } = setup(true, true);
    control.apply(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([{ error: 'Error: ENOTFOUND updates.example.invalid' }]);
  });
});
