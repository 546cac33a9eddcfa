/**
 * The Electron host's composition root: the one file (with preload/index.ts) that imports
 * `electron` at the top. It creates the adapters (each in its own module, each tested with fakes),
 * hands them to the desk as ports, and wires Electron's events to desk commands. No decisions here:
 * the desk decides, the adapters translate.
 *
 * Environment (for tests and admins): AGENT_DESK_USER_DATA_DIR puts settings, secrets, the outbox
 * and logs in another folder (the end-to-end tests use a temporary one).
 */
import { join, resolve } from 'node:path';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  globalShortcut,
  nativeImage,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import log from 'electron-log/main';
import Store from 'electron-store';
import electronUpdater from 'electron-updater';
import { createDesk, type Desk } from '../desk/desk';
import { handleInvoke } from '../desk/bridge';
import { systemClock } from '../desk/clock';
import type { DeskPorts } from '../desk/ports';
import type { Settings } from '../../preload/contract';
import { XucClient } from '../../xuc/client';
import { nodeSocketFactory } from '../../xuc/transport-node';
import { SCENARIOS, startPracticeServer, type PracticeServer } from '../../sim/index';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { createExternalOpener } from './external-opener';
import { openHostState } from './host-state';
import { openBridgeIpc, sendEvent } from './ipc';
import { configureLog, createHostDiagnostics } from './logging';
import { createNotifier } from './notifications';
import { applyStartAtLogin, registerLinkSchemes } from './os-integration';
import { createOutboxStore } from './outbox-store';
import { loadAdminPolicy, policyFileCandidates } from './policy-file';
import { onSystemWoke } from './power';
import { createSecretStore } from './secret-store';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, mainWindowOptions } from './security';
import { createSettingsStore } from './settings-store';
import { createShortcuts, shortcutCommand } from './shortcuts';
import { claimSingleInstance, hiddenFromArgv, linkFromArgv } from './single-instance';
import { confirmDialogOptions, createTelLinkHandler, dialCommand } from './tel-links';
import { createTray, trayIsDark } from './tray';
import { createUpdater } from './updater';
import { manageWindow, type WindowBehaviour } from './window';
import { restoreBounds, trackWindowState } from './window-state';

const APP_ID = 'solutions.agentdesk.app';

// ---- Before `ready` ---------------------------------------------------------------------------

if (process.env['AGENT_DESK_USER_DATA_DIR']) {
  app.setPath('userData', resolve(process.env['AGENT_DESK_USER_DATA_DIR']));
}
app.setAppUserModelId(APP_ID); // Windows shows notifications only for a known app id.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let windowBehaviour: WindowBehaviour | null = null;
/** Links that arrive before the desk is ready wait here. */
const earlyLinks: string[] = [];
let handleLink: (raw: string) => void = (raw) => earlyLinks.push(raw);

if (
  !claimSingleInstance(app, { focus: () => windowBehaviour?.showAndFocus(), link: (raw) => handleLink(raw) })
) {
  // Electron has handed our command line to the running instance.
  app.quit();
} else {
  const link = linkFromArgv(process.argv.slice(1));
  if (link !== null) earlyLinks.push(link);
  // Stay in the tray when the window is closed; quitting is explicit (tray menu, OS logout).
  app.on('window-all-closed', () => {});
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Agent Desk failed to start', error);
      dialog.showErrorBox('Agent Desk could not start', String((error as Error)?.message ?? error));
      app.exit(1);
    });
}

// ---- After `ready` ----------------------------------------------------------------------------

async function start(): Promise<void> {
  const platform = process.platform;
  const userData = app.getPath('userData');
  const logger = configureLog(log, { dir: app.getPath('logs') });
  log.errorHandler.startCatching({ showDialog: false });
  logger.info('Agent Desk starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform,
  });

  // Security: every web contents (present and future) and the session, before any page loads.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  hardenSession(session.defaultSession, logger);
  session.defaultSession.on('will-download', (event) => event.preventDefault());
  protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '..', 'renderer')));
  if (platform !== 'darwin') Menu.setApplicationMenu(null);

  const executable = process.env['APPIMAGE'] ?? process.execPath;
  const { policy, error: policyError } = await loadAdminPolicy(
    policyFileCandidates({ platform, executable, env: process.env }),
    logger,
  );
  const hostState = await openHostState(userData);

  let desk: Desk | null = null;
  let practice: Promise<PracticeServer> | null = null;
  const showWindow = () => windowBehaviour?.showAndFocus();
  const tray = createTray(
    { Tray, Menu, nativeImage },
    {
      iconDir: join(__dirname, 'tray'),
      platform,
      isDark: () =>
        trayIsDark(
          platform,
          nativeTheme.shouldUseDarkColors,
          nativeTheme.shouldUseDarkColorsForSystemIntegratedUI,
        ),
      onAction: (action) => void desk?.trayAction(action),
      onClick: showWindow,
    },
  );
  nativeTheme.on('updated', () => tray.refreshTheme());
  // macOS: a click on the Dock icon shows the window.
  app.on('activate', showWindow);

  const secrets = createSecretStore({ dir: userData, safeStorage, platform, logger });
  const ports: DeskPorts = {
    clock: systemClock,
    notifier: createNotifier({ Notification }, { iconPath: join(__dirname, 'icon.png'), logger }),
    urlOpener: createExternalOpener(
      { shell },
      {
        screenPop: () =>
          desk ? desk.store.snapshot.settings.screenPop : { trigger: 'off', allowlist: [], allowHttp: false },
        logger,
      },
    ),
    tray,
    shell: { showWindow, quit: () => app.quit() },
    secrets,
    settings: createSettingsStore({
      dir: userData,
      openStore: (options) => new Store<Record<string, unknown>>(options),
      now: Date.now,
      logger,
    }),
    outbox: createOutboxStore({ dir: userData, now: Date.now, logger }),
    socketFactory: nodeSocketFactory(),
    practice: {
      start: async () => {
        practice ??= startPracticeServer({ port: 0, host: '127.0.0.1', scenario: practiceScenario(logger) });
        return { baseUrl: (await practice).baseUrl };
      },
    },
    logs: {
      open: async () => {
        const error = await shell.openPath(logger.dir);
        if (error) throw new Error(error);
      },
    },
    diagnostics: createHostDiagnostics(
      () => ({ app: app.getVersion(), electron: process.versions.electron, platform, arch: process.arch }),
      logger,
    ),
    logger,
  };
  desk = createDesk(ports, {
    createClient: (options) => new XucClient(options),
    policy,
    version: app.getVersion(),
    hostName: `electron ${process.versions.electron} ${platform}`,
  });
  const theDesk = desk;
  await theDesk.start();
  // Host findings the agent must see, not only the log.
  if (policyError) theDesk.notice('error', 'admin-policy-ignored', { error: policyError });
  if (secrets.mode() === 'memory-only') theDesk.notice('warning', 'secrets-memory-only', {});
  const settings = () => theDesk.store.snapshot.settings;

  // The window.
  const startHidden =
    settings().startHidden ||
    hiddenFromArgv(process.argv) ||
    (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map(
    (d) => d.workArea,
  );
  const bounds = restoreBounds(hostState.get().window, workAreas);
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(__dirname, 'preload.cjs'),
      bounds,
      iconPath: join(__dirname, 'icon.png'),
      devTools: !app.isPackaged,
    }),
  );
  windowBehaviour = manageWindow(win, {
    startHidden,
    closeToTray: () => true,
    maximize: () => {
      if (bounds.maximized) win.maximize();
    },
  });
  const saveWindowState = trackWindowState(
    win,
    (state) => void hostState.update({ window: state }),
    systemClock,
  );

  // The bridge: commands in (sender checked), events out.
  openBridgeIpc({
    trustedContentsId: () => (win.isDestroyed() ? null : win.webContents.id),
    logger,
    handle: (command, request) => handleInvoke(theDesk, command, request),
  });
  theDesk.store.subscribe((message) => {
    const contents = win.isDestroyed() ? null : win.webContents;
    if (message.kind === 'snapshot') sendEvent(contents, 'desk:snapshot', message.snapshot);
    else sendEvent(contents, 'desk:patch', message.patch);
  });
  await win.loadURL(APP_ENTRY_URL);

  // Settings that the host carries out: shortcuts, start at login, updates.
  const shortcuts = createShortcuts(
    globalShortcut,
    (name) => {
      const command = shortcutCommand(name, theDesk.store.snapshot);
      if (command !== null) void handleInvoke(theDesk, command.command, command.request);
    },
    logger,
  );
  const updater = createUpdater(electronUpdater.autoUpdater, {
    isPackaged: app.isPackaged,
    logger,
    timers: systemClock,
  });
  let applied: Settings | null = null;
  const applySettings = () => {
    const next = settings();
    if (next === applied) return;
    shortcuts.apply(next.shortcuts);
    updater.apply(next.autoUpdate);
    if (app.isPackaged && applied?.startAtLogin !== next.startAtLogin) {
      const configHome = process.env['XDG_CONFIG_HOME'] ?? join(app.getPath('home'), '.config');
      applyStartAtLogin(app, { platform, exec: executable, configHome }, next.startAtLogin).catch(
        (error: unknown) => logger.warn('Start at login could not be changed', { error: String(error) }),
      );
    }
    applied = next;
  };
  applySettings();
  theDesk.store.subscribe(applySettings);

  if (app.isPackaged) {
    const refused = registerLinkSchemes(app, process);
    if (refused.length > 0) logger.warn('Not registered as a phone link handler', { schemes: refused });
  }

  // Power: after sleep or unlock, reconnect at once and reconcile instead of waiting for the backoff.
  onSystemWoke(
    powerMonitor,
    (cause) => {
      logger.info('System woke', { cause });
      void theDesk.systemWoke();
    },
    Date.now,
  );

  // tel:/callto: links.
  const telLink = createTelLinkHandler({
    snapshot: () => theDesk.store.snapshot,
    confirm: async (number) =>
      (await dialog.showMessageBox(win, confirmDialogOptions(number))).response === 0,
    inform: (message) =>
      void dialog.showMessageBox(win, { type: 'warning', title: 'Agent Desk', message, buttons: ['OK'] }),
    isConfirmed: () => hostState.get().telLinksConfirmed,
    rememberConfirmed: () => hostState.update({ telLinksConfirmed: true }),
    // Through the command table, like a click: validated, marked pending, errors as sentences.
    dial: async (plan) => {
      const { command, request } = dialCommand(plan);
      const result = await handleInvoke(theDesk, command, request);
      return result.ok ? null : result.error.message;
    },
    logger,
  });
  handleLink = (raw) => {
    showWindow();
    void telLink(raw);
  };
  if (earlyLinks.length > 0) {
    // A link that started the app waits (briefly) for the automatic sign-in.
    await whenConnected(theDesk, 20_000);
    for (const raw of earlyLinks.splice(0)) handleLink(raw);
  }

  // Quitting: stop the desk (the outbox stays on disk), the practice server, the shortcuts.
  let stopping = false;
  app.on('before-quit', (event) => {
    windowBehaviour?.allowClose();
    saveWindowState();
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    shortcuts.dispose();
    tray.destroy();
    void Promise.allSettled([theDesk.stop(), practice?.then((server) => server.close())]).then(() =>
      app.quit(),
    );
  });
}

/** Resolves once the desk is connected, or after `timeoutMs`. */
/** `npm start` asks for practice calls on a timer; an unknown name is logged and ignored. */
function practiceScenario(logger: { warn(message: string, fields?: Record<string, unknown>): void }) {
  const name = process.env['AGENT_DESK_PRACTICE_SCENARIO'];
  if (name === undefined || name === '') return undefined;
  if (Object.prototype.hasOwnProperty.call(SCENARIOS, name)) return name;
  logger.warn('Unknown practice scenario ignored', { scenario: name, known: Object.keys(SCENARIOS) });
  return undefined;
}

function whenConnected(desk: Desk, timeoutMs: number): Promise<void> {
  return new Promise((done) => {
    let unsubscribe = () => {};
    const timer = setTimeout(finish, timeoutMs);
    function finish() {
      clearTimeout(timer);
      unsubscribe();
      done();
    }
    unsubscribe = desk.store.subscribe(() => {
      if (desk.store.snapshot.connection.state === 'connected') queueMicrotask(finish);
    });
  });
}
