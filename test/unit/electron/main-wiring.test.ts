/**
 * The composition root (main/electron/main.ts) run in Node with Electron's modules faked at the
 * edge, against the real desk, the real xuc client and the real practice server on 127.0.0.1. It
 * proves the wiring the Playwright `_electron` specs prove where an Electron binary exists: the
 * window loads the app, the IPC bridge signs in, the tray and notifications follow the agent, the
 * screen pop goes out through the one door, a second launch's tel: link is confirmed and dialled.
 */
import type { EventEmitter as EventEmitterClass } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskSnapshot, Result } from '../../../preload/contract';

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitterClass };
  const paths = new Map<string, string>();
  const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  const windows: FakeWindow[] = [];
  const record = {
    notifications: [] as FakeNotification[],
    opened: [] as string[],
    trayImages: [] as string[],
    tooltips: [] as string[],
    menus: [] as unknown[],
    dialogs: [] as string[],
    sent: [] as Array<{ channel: string; payload: unknown }>,
    shortcuts: [] as string[],
    quits: 0,
  };

  class FakeWindow extends Emitter {
    visible = false;
    destroyed = false;
    readonly webContents = {
      id: 41,
      mainFrame: { url: '', parent: null },
      isDestroyed: () => this.destroyed,
      send: (channel: string, payload: unknown) => record.sent.push({ channel, payload }),
    };
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) {
      this.webContents.mainFrame.url = url;
      this.emit('ready-to-show');
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {}
    restore() {}
    maximize() {}
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1100, height: 760 };
    }
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.destroyed = true;
    }
  }

  class FakeNotification extends Emitter {
    static isSupported() {
      return true;
    }
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      record.notifications.push(this);
    }
    close() {
      this.emit('close');
    }
  }

  class FakeTray {
    constructor(image: string) {
      record.trayImages.push(image);
    }
    setImage(image: string) {
      record.trayImages.push(image);
    }
    setToolTip(text: string) {
      record.tooltips.push(text);
    }
    setContextMenu(menu: unknown) {
      record.menus.push(menu);
    }
    on() {}
    destroy() {}
  }

  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    setPath: (name: string, value: string) => void paths.set(name, value),
    getPath: (name: string) => {
      const userData = paths.get('userData')!;
      return name === 'userData' ? userData : `${userData}/${name}`;
    },
    setAppUserModelId: () => {},
    getVersion: () => '0.1.0-test',
    isPackaged: false,
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: () => {},
    setAsDefaultProtocolClient: () => true,
    quit: () => {
      record.quits += 1;
      app.emit('before-quit', { preventDefault: () => {} });
    },
    exit: () => {},
  });

  const electron = {
    app,
    BrowserWindow: Object.assign(FakeWindow, { getAllWindows: () => windows }),
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (template: unknown) => template },
    Notification: FakeNotification,
    Tray: FakeTray,
    dialog: {
      showMessageBox: async (_win: unknown, options: { message: string }) => {
        record.dialogs.push(options.message);
        return { response: 0, checkboxChecked: false };
      },
      showErrorBox: (title: string, content: string) => record.dialogs.push(`${title}: ${content}`),
    },
    globalShortcut: {
      register: (accelerator: string) => (record.shortcuts.push(accelerator), true),
      unregister: () => {},
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, request: unknown) => Promise<unknown>) =>
        handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
      // electron-store answers its renderer-side helper here; this app never uses that.
      on: () => {},
    },
    nativeImage: { createFromPath: (path: string) => path.split('/').pop()! },
    nativeTheme: Object.assign(new Emitter(), {
      shouldUseDarkColors: false,
      shouldUseDarkColorsForSystemIntegratedUI: false,
    }),
    powerMonitor: new Emitter(),
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        on: () => {},
      },
    },
    shell: {
      ['openExternal']: async (url: string) => void record.opened.push(url),
      openPath: async () => '',
    },
  };
  return { electron, handlers, windows, record, app };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
// electron-log's main flavour and electron-updater load Electron itself: replace them with their
// Node equivalents (electron-log's node flavour, an idle updater). electron-store is the real one:
// it runs in Node once given an absolute folder (vitest.config.ts lets the fake Electron reach it).
vi.mock('electron-log/main', async () => {
  const nodeLog = (await import('electron-log/node')).default;
  const log = nodeLog.create({ logId: 'main-wiring-test' });
  log.errorHandler.startCatching = () => {};
  return { default: log };
});
vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      logger: null,
      checkForUpdates: async () => null,
    },
  },
}));

const userData = mkdtempSync(join(tmpdir(), 'agent-desk-main-'));
writeFileSync(
  join(userData, 'settings.json'),
  JSON.stringify({
    version: 1,
    settings: { screenPop: { trigger: 'ringing', allowlist: ['crm.example.com'] } },
  }),
);

const APP_URL = 'agent-desk://app/index.html';
const ours = () => ({
  sender: { id: 41, mainFrame: fake.windows[0]!.webContents.mainFrame },
  senderFrame: fake.windows[0]!.webContents.mainFrame,
});

async function invoke(command: string, request: unknown, event: unknown = ours()): Promise<Result<unknown>> {
  const handler = fake.handlers.get(`agent-desk:invoke:${command}`);
  if (!handler) throw new Error(`no handler for ${command}`);
  return (await handler(event, request)) as Result<unknown>;
}

async function snapshot(): Promise<DeskSnapshot> {
  const result = await invoke('desk:getSnapshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as DeskSnapshot;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const { connection } = await snapshot();
  if (connection.state !== 'connected') throw new Error('not connected');
  const response = await fetch(`${connection.server}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}

beforeAll(async () => {
  process.env['AGENT_DESK_USER_DATA_DIR'] = userData;
  await import('../../../main/electron/main');
  await vi.waitFor(() => expect(fake.windows[0]?.webContents.mainFrame.url).toBe(APP_URL), {
    timeout: 10_000,
  });
});

afterAll(async () => {
  fake.app.quit();
  await vi.waitFor(() => expect(fake.record.quits).toBe(2), { timeout: 10_000 });
  delete process.env['AGENT_DESK_USER_DATA_DIR'];
});

describe('main.ts wiring (Electron faked at the edge, everything else real)', () => {
  it('opens one locked-down window on the app scheme, shown at start; the tray starts offline', () => {
    const win = fake.windows[0]!;
    expect(fake.windows).toHaveLength(1);
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String((win.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(win.visible).toBe(true);
    expect(fake.record.trayImages[0]).toBe('tray-offline-dark.png');
    expect(fake.record.shortcuts).toEqual([
      'CommandOrControl+Alt+P',
      'CommandOrControl+Alt+A',
      'CommandOrControl+Alt+H',
    ]);
  });

  it('tells the agent, not only the log, that passwords stay in memory when the OS cannot encrypt them', async () => {
    const codes = (await snapshot()).notices.map((n) => n.code);
    expect(codes).toContain('secrets-memory-only');
  });

  it('refuses IPC from a foreign frame', async () => {
    const foreign = {
      sender: { id: 41, mainFrame: { url: APP_URL } },
      senderFrame: { url: 'https://evil.example/' },
    };
    expect(await invoke('desk:getSnapshot', {}, foreign)).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it('signs in on the built-in practice server through the bridge; the tray and the window follow', async () => {
    const result = await invoke('session:signIn', {
      serverUrl: '',
      login: 'alice',
      password: 'practice',
      phoneNumber: '1001',
    });
    expect(result).toEqual({ ok: true, value: undefined });
    await vi.waitFor(async () => expect((await snapshot()).agent?.state).toBe('AgentReady'), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(fake.record.trayImages.at(-1)).toBe('tray-ready-dark.png'));
    expect(fake.record.tooltips.at(-1)).toContain('Ready');
    expect(fake.record.sent.some((m) => m.channel === 'agent-desk:event:desk:patch')).toBe(true);
  });

  it('an incoming call: a native notification, the screen pop through the one door, a click shows the window', async () => {
    fake.windows[0]!.hide();
    await control('/sim/calls', {
      queueName: 'sales',
      callerNumber: '0612345678',
      callerName: 'Jeanne Martin',
      variables: { folderNumber: '4711' },
    });
    const incoming = () => fake.record.notifications.filter((n) => n.options.title === 'Incoming call');
    await vi.waitFor(() => expect(incoming()).toHaveLength(1), { timeout: 5_000 });
    expect(incoming()[0]!.options.body).toContain('Jeanne Martin');
    // XiVO's rule: the Sheet's popupUrl with its folderNumber appended.
    await vi.waitFor(() =>
      expect(fake.record.opened).toEqual(['https://crm.example.com/customer?folder=4711']),
    );
    incoming()[0]!.emit('click');
    expect(fake.windows[0]!.visible).toBe(true);
  });

  it('pauses from the tray menu without the window', async () => {
    await control(
      '/sim/calls/' +
        encodeURIComponent(
          String(((await snapshot()).call as { uniqueId?: string } | null)?.uniqueId ?? 'none'),
        ) +
        '/hangup',
      {},
    ).catch(() => {});
    const menu = fake.record.menus.at(-1) as Array<{
      id: string;
      click?: () => void;
      submenu?: Array<{ click?: () => void }>;
    }>;
    const pause = menu.find((item) => item.id === 'pause')!;
    (pause.submenu?.[0]?.click ?? pause.click)!();
    await vi.waitFor(async () => expect((await snapshot()).agent?.state).toBe('AgentOnPause'), {
      timeout: 5_000,
    });
    await vi.waitFor(() => expect(fake.record.trayImages.at(-1)).toBe('tray-paused-dark.png'));
  });

  it('a second launch’s tel: link is confirmed once, then dialled through the command table', async () => {
    const sentBefore = fake.record.sent.length;
    fake.app.emit('second-instance', {}, ['agent-desk', 'tel:06 01 02 03 04']);
    await vi.waitFor(() => expect(fake.record.dialogs).toEqual(['Call 0601020304?']));
    await vi.waitFor(
      async () => expect(JSON.stringify(await control('/sim/state'))).toContain('0601020304'),
      { timeout: 5_000 },
    );
    // Alice (NoRight) dials plainly: the link went through `call:dial`, so the window saw its
    // pending mark like a click's, rather than the host calling the xuc client behind the desk.
    const patches = fake.record.sent
      .slice(sentBefore)
      .filter((m) => m.channel === 'agent-desk:event:desk:patch');
    expect(JSON.stringify(patches)).toContain('"action":"call:dial"');
  });

  it('a later tel: link dials without asking again; a malformed one is refused with a native message', async () => {
    expect(await invoke('call:hangup', {})).toEqual({ ok: true, value: undefined });
    await vi.waitFor(async () => expect((await snapshot()).call).toBeNull(), { timeout: 5_000 });
    fake.app.emit('second-instance', {}, ['agent-desk', 'tel:+33 1 23 45 67 89']);
    await vi.waitFor(
      async () => expect(JSON.stringify(await control('/sim/state'))).toContain('+33123456789'),
      { timeout: 5_000 },
    );
    fake.app.emit('second-instance', {}, ['agent-desk', 'tel:call-me-maybe']);
    await vi.waitFor(() => expect(fake.record.dialogs.at(-1)).toMatch(/cannot be dialled/));
    expect(fake.record.dialogs.filter((d) => d.startsWith('Call '))).toHaveLength(1);
  });

  it('the computer waking restarts the CTI link at once, quietly, and it comes back connected', async () => {
    const notificationsBefore = fake.record.notifications.length;
    fake.electron.powerMonitor.emit('resume');
    await vi.waitFor(
      async () => {
        const log = await invoke('diagnostics:copy', {});
        expect(String((log as { value: string }).value)).toContain('xuc link restarted');
      },
      { timeout: 10_000 },
    );
    await vi.waitFor(async () => expect((await snapshot()).connection.state).toBe('connected'), {
      timeout: 10_000,
    });
    expect(fake.record.notifications.length).toBe(notificationsBefore);
  });

  it('export diagnostics adds the host and the redacted log to the desk summary', async () => {
    const result = await invoke('diagnostics:copy', {});
    expect(result.ok).toBe(true);
    const text = String((result as { value: string }).value);
    expect(text).toContain('## Host');
    expect(text).toContain('## Recent log');
    expect(text).toContain('0.1.0-test');
  });
});
