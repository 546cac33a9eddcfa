import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_RESPONSE_HEADERS,
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isPermissionAllowed,
  mainWindowOptions,
  type HardenableContents,
  type HardenableSession,
} from '../../../main/electron/security';

function recordingLog() {
  const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  return {
    lines,
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
  };
}

describe('main window options', () => {
  const options = mainWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    bounds: { x: 10, y: 20, width: 900, height: 700 },
  });

  it('locks the page down as Electron’s security checklist asks', () => {
    const prefs = options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('has no other web preference that could loosen it', () => {
    expect(Object.keys(options.webPreferences).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('starts hidden (shown on ready-to-show) at the restored bounds; devtools can be closed for packaged builds', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false });
    expect(
      mainWindowOptions({ preloadPath: 'p', bounds: { width: 1, height: 1 }, devTools: false }).webPreferences
        .devTools,
    ).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ])('%s %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows inline or evaluated script, nor remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('is sent with every app response, with nosniff', () => {
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('what counts as our app', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['agent-desk://app/', true],
    ['agent-desk://app', true],
    ['agent-desk://other/index.html', false],
    ['agent-desk://app:8080/index.html', false],
    ['agent-desk://user@app/index.html', false],
    ['file:///app/index.html', false],
    ['https://app/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['about:blank', false],
    ['', false],
    [null, false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('grants notifications to our app only, and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example')).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'midi',
      'fullscreen',
    ]) {
      expect(isPermissionAllowed(permission, APP_ENTRY_URL)).toBe(false);
    }
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  fire(event: string, url?: string) {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('hardening every web contents', () => {
  it('denies and logs navigation, redirects, webviews and new windows (query stripped from the log)', () => {
    const contents = new FakeContents();
    const log = recordingLog();
    hardenWebContents(contents as unknown as HardenableContents, log);
    expect(contents.fire('will-navigate', 'https://evil.example/page?token=abc')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/r')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openHandler!({ url: 'https://evil.example/popup?token=abc' })).toEqual({
      action: 'deny',
    });
    expect(log.lines.map((l) => l.message)).toEqual([
      'Denied navigation',
      'Denied redirect',
      'Denied webview',
      'Denied new window',
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('token=abc');
  });

  it('answers permission requests and checks: notifications from the app only', () => {
    let request: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | null = null;
    const log = recordingLog();
    hardenSession(
      {
        setPermissionRequestHandler: (handler) => (request = handler),
        setPermissionCheckHandler: (handler) => (check = handler),
      },
      log,
    );
    const answers: boolean[] = [];
    request!(null, 'notifications', (granted) => answers.push(granted), { requestingUrl: APP_ENTRY_URL });
    request!(null, 'media', (granted) => answers.push(granted), { requestingUrl: APP_ENTRY_URL });
    request!(null, 'notifications', (granted) => answers.push(granted), {
      requestingUrl: 'https://x.example',
    });
    expect(answers).toEqual([true, false, false]);
    expect(log.lines).toHaveLength(2);
    expect(check!(null, 'notifications', 'agent-desk://app')).toBe(true);
    expect(check!(null, 'geolocation', 'agent-desk://app')).toBe(false);
  });
});
