/**
 * The window's security settings, in one pure module so a unit test can assert every one of them
 * (Electron's security checklist): isolated, sandboxed, no Node in the page, a strict CSP, the app
 * served from its own `agent-desk://app` scheme rather than `file://`, deny-by-default permissions,
 * navigation and new windows.
 */

/** The app's own scheme: the renderer is served from `agent-desk://app/…`, never from `file://`. */
export const APP_SCHEME = 'agent-desk';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-src', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Headers sent with every file of the app scheme. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  devTools: true,
} as const;

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface MainWindowOptionsInput {
  preloadPath: string;
  bounds: Bounds;
  /** Whether to show at once; the host shows the window on `ready-to-show` instead. */
  show?: boolean;
  iconPath?: string;
  /** Packaged builds close devtools to the agent. */
  devTools?: boolean;
}

/** The BrowserWindow options of the main window. Pure. */
export function mainWindowOptions(input: MainWindowOptionsInput) {
  return {
    ...input.bounds,
    minWidth: 360,
    minHeight: 480,
    show: input.show ?? false,
    title: 'Agent Desk',
    autoHideMenuBar: true,
    backgroundColor: '#1f2328',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      ...WEB_PREFERENCES,
      devTools: input.devTools ?? WEB_PREFERENCES.devTools,
      preload: input.preloadPath,
    },
  };
}

/** Whether `raw` is a page of our own app (scheme and host), whatever the path. */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.port === '';
}

/** Permissions the page may have: notifications, from our own app only. Everything else is denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined | null): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}

// ---- Hardening applied to every web contents and to the session ------------------------------

interface PreventableEvent {
  preventDefault(): void;
}

export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
}

export interface SecurityLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Denies (and logs) every navigation, redirect, webview and new window of `contents`. */
export function hardenWebContents(contents: HardenableContents, log: SecurityLog): void {
  const deny = (what: string) => (event: PreventableEvent, url?: string) => {
    event.preventDefault();
    log.warn(`Denied ${what}`, { url: shortUrl(url) });
  };
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-redirect', deny('redirect'));
  contents.on('will-attach-webview', deny('webview'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('Denied new window', { url: shortUrl(url) });
    return { action: 'deny' };
  });
}

/** Permission requests and checks: notifications from our app, nothing else. */
export function hardenSession(session: HardenableSession, log: SecurityLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionAllowed(permission, details?.requestingUrl);
    if (!granted)
      log.warn('Denied permission request', { permission, url: shortUrl(details?.requestingUrl) });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

/** Logged URLs are cut short and lose their query, which may carry a token. */
function shortUrl(url: string | undefined): string {
  if (typeof url !== 'string') return '';
  const base = url.split(/[?#]/, 1)[0] ?? '';
  return base.length > 200 ? base.slice(0, 200) + '…' : base;
}
