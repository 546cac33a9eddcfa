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
import type { DeskPorts, PracticeServerPort, SecretStore, TrayView } from '../desk/ports';
import type { Settings, TrayAction } from '../../preload/contract';
import { XucClient } from '../../xuc/client';
import { nodeSocketFactory } from '../../xuc/transport-node';
import { SCENARIOS, startPracticeServer, type PracticeServer } from '../../sim/index';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { createExternalOpener } from './external-opener';
import { createHostSettings } from './host-settings';
import { openHostState, type HostStateFile } from './host-state';
import { openBridgeIpc, sendEvent } from './ipc';
import { configureLog, createHostDiagnostics, type HostLogger } from './logging';
import { createNotifier } from './notifications';
import { applyStartAtLogin, registerLinkSchemes } from './os-integration';
import { loadAdminPolicy, policyFileCandidates } from './policy-file';
import { onSystemWoke } from './power';
import { createSecretStore } from './secret-store';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, mainWindowOptions } from './security';
import { createSettingsStore } from './settings-store';
import { createJsonFileStore } from '../files/json-file-store';
import { createShortcuts, shortcutCommand } from './shortcuts';
import { claimSingleInstance, hiddenFromArgv, linkFromArgv } from './single-instance';
import { confirmDialogOptions, createTelLinkHandler, dialCommand, informDialogOptions } from './tel-links';
import { languageFor, translator } from '../../shared/i18n';
import { createTray, trayIsDark } from './tray';
import { createUpdater } from './updater';
import { manageWindow, startsHidden, type WindowBehaviour } from './window';
import { restoreBounds, trackWindowState, workAreasOf } from './window-state';

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
      const t = translator(languageFor(app.getLocale()));
      dialog.showErrorBox(t('app.startFailed'), String((error as Error)?.message ?? error));
      app.exit(1);
    });
}

// ---- After `ready` ----------------------------------------------------------------------------

const platform = process.platform;
const executable = process.env['APPIMAGE'] ?? process.execPath;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const logger = configureLog(log, { dir: app.getPath('logs') });
  log.errorHandler.startCatching({ showDialog: false });
  logger.info('Agent Desk starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform,
  });
  harden(logger);

  const { policy, error: policyError } = await loadAdminPolicy(
    policyFileCandidates({ platform, executable, env: process.env }),
    logger,
  );
  const hostState = await openHostState(userData);

  let desk: Desk | null = null;
  const showWindow = () => windowBehaviour?.showAndFocus();
  const tray = createHostTray((action) => void desk?.trayAction(action), showWindow);
  app.on('activate', showWindow); // macOS: a click on the Dock icon shows the window.
  const practice = practiceHost(logger);
  const secrets = createSecretStore({ dir: userData, safeStorage, platform, logger });
  const ports = hostPorts({
    userData,
    logger,
    tray,
    secrets,
    practice: practice.port,
    showWindow,
    screenPop: () =>
      desk ? desk.store.snapshot.settings.screenPop : { trigger: 'off', allowlist: [], allowHttp: false },
  });
  const theDesk = createDesk(ports, {
    createClient: (options) => new XucClient(options),
    policy,
    version: app.getVersion(),
    hostName: `electron ${process.versions.electron} ${platform}`,
  });
  desk = theDesk;
  await theDesk.start();
  // Host findings the agent must see, not only the log.
  if (policyError) theDesk.notice('error', 'admin-policy-ignored', { error: policyError });
  if (secrets.mode() === 'memory-only') theDesk.notice('warning', 'secrets-memory-only', {});

  const { win, saveWindowState } = await openWindow(theDesk, hostState, logger);
  const shortcuts = wireHostSettings(theDesk, logger);
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
  await wireTelLinks(theDesk, win, hostState, logger);

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
    void Promise.allSettled([theDesk.stop(), practice.close()]).then(() => app.quit());
  });
}

/** The tray, drawn from the desk's tray model; its theme follows the OS. */
function createHostTray(onAction: (action: TrayAction) => void, onClick: () => void) {
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
      onAction,
      onClick,
    },
  );
  nativeTheme.on('updated', () => tray.refreshTheme());
  return tray;
}

/** The built-in practice server, started on first use, closed on quit. */
function practiceHost(logger: HostLogger) {
  let server: Promise<PracticeServer> | null = null;
  return {
    port: {
      start: async () => {
        server ??= startPracticeServer({ port: 0, host: '127.0.0.1', scenario: practiceScenario(logger) });
        return { baseUrl: (await server).baseUrl };
      },
    } satisfies PracticeServerPort,
    close: async () => (await server)?.close(),
  };
}

/** The desk's ports, each an Electron adapter. */
function hostPorts(deps: {
  userData: string;
  logger: HostLogger;
  tray: TrayView;
  secrets: SecretStore;
  practice: PracticeServerPort;
  showWindow: () => void;
  screenPop: () => Settings['screenPop'];
}): DeskPorts {
  const { userData, logger } = deps;
  return {
    clock: systemClock,
    notifier: createNotifier({ Notification }, { iconPath: join(__dirname, 'icon.png'), logger }),
    urlOpener: createExternalOpener({ shell }, { screenPop: deps.screenPop, logger }),
    tray: deps.tray,
    shell: { showWindow: deps.showWindow, quit: () => app.quit() },
    secrets: deps.secrets,
    settings: createSettingsStore({
      dir: userData,
      openStore: (options) => new Store<Record<string, unknown>>(options),
      now: Date.now,
      logger,
    }),
    outbox: createJsonFileStore({ file: join(userData, 'outbox.json'), now: Date.now, logger }),
    socketFactory: nodeSocketFactory(),
    practice: deps.practice,
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
}

/** Every web contents (present and future) and the session, before any page loads. */
function harden(logger: HostLogger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  hardenSession(session.defaultSession, logger);
  session.defaultSession.on('will-download', (event) => event.preventDefault());
  protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '..', 'renderer')));
  if (platform !== 'darwin') Menu.setApplicationMenu(null);
}

/** The window, its saved bounds, and the bridge: commands in (sender checked), events out. */
async function openWindow(desk: Desk, hostState: HostStateFile, logger: HostLogger) {
  const bounds = restoreBounds(
    hostState.get().window,
    workAreasOf(screen.getPrimaryDisplay(), screen.getAllDisplays()),
  );
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(__dirname, 'preload.cjs'),
      bounds,
      iconPath: join(__dirname, 'icon.png'),
      devTools: !app.isPackaged,
    }),
  );
  windowBehaviour = manageWindow(win, {
    startHidden: startsHidden({
      setting: desk.store.snapshot.settings.startHidden,
      argvHidden: hiddenFromArgv(process.argv),
      platform,
      openedAtLogin: () => app.getLoginItemSettings().wasOpenedAtLogin,
    }),
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
  openBridgeIpc({
    trustedContentsId: () => (win.isDestroyed() ? null : win.webContents.id),
    logger,
    handle: (command, request) => handleInvoke(desk, command, request),
  });
  desk.store.subscribe((message) => {
    const contents = win.isDestroyed() ? null : win.webContents;
    if (message.kind === 'snapshot') sendEvent(contents, 'desk:snapshot', message.snapshot);
    else sendEvent(contents, 'desk:patch', message.patch);
  });
  await win.loadURL(APP_ENTRY_URL);
  return { win, saveWindowState };
}

/** Shortcuts, updates and start at login follow the desk's settings. */
function wireHostSettings(desk: Desk, logger: HostLogger) {
  const shortcuts = createShortcuts(
    globalShortcut,
    (name) => {
      const command = shortcutCommand(name, desk.store.snapshot);
      if (command !== null) void handleInvoke(desk, command.command, command.request);
    },
    logger,
  );
  const configHome = process.env['XDG_CONFIG_HOME'] ?? join(app.getPath('home'), '.config');
  const apply = createHostSettings({
    shortcuts,
    updater: createUpdater(electronUpdater.autoUpdater, {
      isPackaged: app.isPackaged,
      logger,
      timers: systemClock,
    }),
    startAtLogin: app.isPackaged
      ? (enabled) => applyStartAtLogin(app, { platform, exec: executable, configHome }, enabled)
      : null,
    logger,
  });
  apply(desk.store.snapshot.settings);
  desk.store.subscribe(() => apply(desk.store.snapshot.settings));
  return shortcuts;
}

/** tel:/callto: links: confirmed once with a native dialog, then dialled through the desk. */
async function wireTelLinks(desk: Desk, win: BrowserWindow, hostState: HostStateFile, logger: HostLogger) {
  /** The host's own dialogs speak the agent's language, as the window does. */
  const words = () => translator(desk.store.snapshot.settings.language);
  const telLink = createTelLinkHandler({
    snapshot: () => desk.store.snapshot,
    confirm: async (number) =>
      (await dialog.showMessageBox(win, confirmDialogOptions(number, words()))).response === 0,
    inform: (message) => void dialog.showMessageBox(win, informDialogOptions(message, words())),
    t: words,
    isConfirmed: () => hostState.get().telLinksConfirmed,
    rememberConfirmed: () => hostState.update({ telLinksConfirmed: true }),
    // Through the command table, like a click: validated, marked pending, errors as sentences.
    dial: async (plan) => {
      const { command, request } = dialCommand(plan);
      const result = await handleInvoke(desk, command, request);
      return result.ok ? null : result.error.message;
    },
    logger,
  });
  handleLink = (raw) => {
    windowBehaviour?.showAndFocus();
    void telLink(raw);
  };
  if (earlyLinks.length > 0) {
    // A link that started the app waits (briefly) for the automatic sign-in.
    await whenConnected(desk, 20_000);
    for (const raw of earlyLinks.splice(0)) handleLink(raw);
  }
}

/** `npm start` asks for practice calls on a timer; an unknown name is logged and ignored. */
function practiceScenario(logger: { warn(message: string, fields?: Record<string, unknown>): void }) {
  const name = process.env['AGENT_DESK_PRACTICE_SCENARIO'];
  if (name === undefined || name === '') return undefined;
  if (Object.prototype.hasOwnProperty.call(SCENARIOS, name)) return name;
  logger.warn('Unknown practice scenario ignored', { scenario: name, known: Object.keys(SCENARIOS) });
  return undefined;
}

/** Resolves once the desk is connected, or after `timeoutMs`. */
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
