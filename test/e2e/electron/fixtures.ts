/**
 * Electron end-to-end fixtures: the real app (dist/electron/main.cjs, built once per worker) launched
 * through Playwright's `_electron` with a temporary user-data folder, signed in on its own built-in
 * practice server. Electron's native surfaces (tray, notifications, the external browser, dialogs)
 * cannot be seen by Playwright, so `recordNativeCalls` wraps them in the main process and records
 * what the app asked of them. Every spec skips itself where no Electron binary is installed.
 */
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgentDeskBridge, DeskSnapshot } from '../../../preload/contract';
import { build } from '../../../scripts/build.mjs';
import { electronBinaryPath } from '../../../scripts/electron-binary.mjs';
import { Control } from '../web/fixtures';
import { HomePage } from '../web/pages/home-page';
import { SignInPage, type Credentials } from '../web/pages/sign-in-page';

export { expect, Control };
export const ELECTRON = electronBinaryPath();
export const MAIN = resolve('dist', 'electron', 'main.cjs');
/** Alice: a NoRight agent on line 1001, in the Sales queue (practice data). */
export const ALICE: Credentials = { login: 'alice', password: 'practice', phone: '1001' };

/** Arguments and environment for one app instance on `userDataDir`. */
export function launchSpec(userDataDir: string, extraArgs: string[] = []) {
  // Chromium refuses its sandbox as root (CI containers); the page stays sandboxed by Electron's own settings.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  return {
    args: [...rootArgs, MAIN, ...extraArgs],
    env: { ...env, AGENT_DESK_USER_DATA_DIR: userDataDir } as Record<string, string>,
  };
}

export interface Recorded {
  notifications: Array<{ title: string; body: string }>;
  opened: string[];
  trayIcons: string[];
  tooltips: string[];
  dialogs: Array<{ message: string }>;
}

/**
 * Wraps the native calls in the main process (the wrappers still call through, except the external
 * browser and the tel: confirmation dialog, which answer "opened" and "Call").
 */
export async function recordNativeCalls(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Notification, Tray, dialog, nativeImage, shell }) => {
    const g = globalThis as unknown as { __e2e: Recorded & { lastNotification: unknown; trayMenu: unknown } };
    g.__e2e = {
      notifications: [],
      opened: [],
      trayIcons: [],
      tooltips: [],
      dialogs: [],
      lastNotification: null,
      trayMenu: null,
    };
    const show = Notification.prototype.show;
    Notification.prototype.show = function (this: Electron.Notification) {
      g.__e2e.notifications.push({ title: this.title, body: this.body });
      g.__e2e.lastNotification = this;
      return show.call(this);
    };
    // eslint-disable-next-line no-restricted-syntax -- recording the one door's calls, not opening anything
    shell.openExternal = async (url: string) => {
      g.__e2e.opened.push(url);
    };
    const createFromPath = nativeImage.createFromPath;
    nativeImage.createFromPath = (path: string) => {
      g.__e2e.trayIcons.push(path.split(/[\\/]/).pop() ?? path);
      return createFromPath(path);
    };
    const setToolTip = Tray.prototype.setToolTip;
    Tray.prototype.setToolTip = function (this: Electron.Tray, text: string) {
      g.__e2e.tooltips.push(text);
      return setToolTip.call(this, text);
    };
    const setContextMenu = Tray.prototype.setContextMenu;
    Tray.prototype.setContextMenu = function (this: Electron.Tray, menu: Electron.Menu | null) {
      g.__e2e.trayMenu = menu;
      return setContextMenu.call(this, menu);
    };
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as { message: string };
      g.__e2e.dialogs.push({ message: options.message });
      return { response: 0, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  });
}

export async function recorded(app: ElectronApplication): Promise<Recorded> {
  return app.evaluate(() => {
    const r = (globalThis as unknown as { __e2e: Recorded }).__e2e;
    return {
      notifications: r.notifications,
      opened: r.opened,
      trayIcons: r.trayIcons,
      tooltips: r.tooltips,
      dialogs: r.dialogs,
    };
  });
}

/** The desk's snapshot, through the same bridge the renderer uses. */
export async function snapshot(page: Page): Promise<DeskSnapshot> {
  const result = await page.evaluate(() =>
    (globalThis as unknown as { agentDesk: AgentDeskBridge }).agentDesk.invoke('desk:getSnapshot', {}),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

interface Fixtures {
  userDataDir: string;
  app: ElectronApplication;
  page: Page;
  signIn: SignInPage;
  home: HomePage;
  /** Signs in on the built-in practice server; returns its control API once the agent is Ready. */
  signedIn: (credentials: Credentials) => Promise<Control>;
}

export const test = base.extend<Fixtures, { built: string }>({
  built: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await build();
      await use(MAIN);
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-desk-electron-'));
    // Settings as Agent Desk 0.1 saved them (migrated at start): the practice CRM allowed for pops.
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        settings: { screenPop: { trigger: 'ringing', allowlist: ['crm.example.com'] } },
      }),
    );
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  app: async ({ built, userDataDir }, use) => {
    expect(built).toBe(MAIN);
    const app = await _electron.launch({
      executablePath: ELECTRON!,
      ...launchSpec(userDataDir),
      timeout: 30_000,
    });
    await recordNativeCalls(app);
    await use(app);
    await app.close();
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  home: async ({ page }, use) => use(new HomePage(page)),
  signedIn: async ({ page, signIn, home }, use) => {
    await use(async (credentials) => {
      await signIn.signIn(credentials);
      await expect(home.state).toHaveAttribute('data-state', 'AgentReady', { timeout: 20_000 });
      const connection = (await snapshot(page)).connection;
      if (connection.state !== 'connected') throw new Error(`not connected: ${connection.state}`);
      return new Control(connection.server);
    });
  },
});
