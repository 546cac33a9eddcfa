/**
 * The desk's ports as the browser host implements them: notifications through node-notifier where
 * a desktop session exists (else a log line), screen pops sent to the page to `window.open`, the
 * tray drawn by the page header from `snapshot.tray`, secrets in memory only, settings and outbox
 * as JSON files in the data dir.
 */
import { Console } from 'node:console';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { systemClock } from '../desk/clock';
import type { DeskNotification, DeskPorts, Logger, Notifier, PracticeServerPort } from '../desk/ports';
import { startPracticeServer, type PracticeServer } from '../../sim/index';
import { createConsoleLogger } from '../../xuc/console-logger';
import { nodeSocketFactory } from '../../xuc/transport-node';
import { createJsonFileStore } from '../files/json-file-store';
import { createWebSettingsStore } from './settings-file-store';
import type { HostMessage } from './protocol';

/** Where the host sends messages for the open pages (the server fills it in). */
export interface PageChannel {
  /** Sends to every open page; returns how many received it. */
  broadcast(message: HostMessage): number;
}

export function hasDesktopSession(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** node-notifier when there is a desktop to show it on; otherwise the notification is logged. */
export function createNotifier(logger: Logger, desktop = hasDesktopSession()): Notifier {
  if (!desktop) {
    return {
      show: (n: DeskNotification) =>
        logger.info('notification (no desktop session)', { kind: n.kind, title: n.title }),
    };
  }
  // node-notifier is CommonJS; loaded lazily so a host without a desktop never touches it.
  const require = createRequire(import.meta.url);
  const notifier = require('node-notifier') as {
    notify(
      options: Record<string, unknown>,
      callback?: (error: Error | null, response: string) => void,
    ): void;
  };
  return {
    show(n: DeskNotification, onClick: () => void) {
      notifier.notify(
        { title: n.title, message: n.body, wait: true, appID: 'Agent Desk' },
        (error, response) => {
          if (error) logger.warn('notification failed', { error: error.message });
          else if (/activate|click/i.test(response ?? '')) onClick();
        },
      );
    },
  };
}

/** Starts the practice server once, on first use (or at start with --practice). */
export function lazyPractice(
  log: Logger,
  scenario?: string,
): PracticeServerPort & { server(): PracticeServer | null; stop(): Promise<void> } {
  let started: Promise<PracticeServer> | null = null;
  let server: PracticeServer | null = null;
  return {
    async start() {
      started ??= startPracticeServer({ port: 0, scenario }).then((s) => {
        server = s;
        log.info('practice server started', { baseUrl: s.baseUrl });
        return s;
      });
      return { baseUrl: (await started).baseUrl };
    },
    server: () => server,
    async stop() {
      if (started) await (await started).close();
    },
  };
}

/** The browser host's log: the one console logger, all on stderr so stdout carries only the URL. */
export function consoleLogger(verbose: boolean): Logger {
  return createConsoleLogger({ verbose, console: new Console(process.stderr) });
}

export interface WebPortsOptions {
  dataDir: string;
  pages: PageChannel;
  logger: Logger;
  practice: PracticeServerPort;
  notifier?: Notifier;
  onQuit: () => void;
}

export function createWebPorts(options: WebPortsOptions): DeskPorts {
  const { pages, logger } = options;
  const secrets = new Map<string, string>();
  return {
    clock: systemClock,
    notifier: options.notifier ?? createNotifier(logger),
    urlOpener: {
      async open(url, opts) {
        // Only ever called with an address the screen-pop policy approved.
        if (pages.broadcast({ host: 'open-url', url, multiTab: opts?.multiTab ?? false }) === 0) {
          throw new Error('no browser page is open to show the customer page');
        }
      },
    },
    tray: { render: () => {} },
    shell: {
      showWindow: () => void pages.broadcast({ host: 'focus' }),
      quit: options.onQuit,
    },
    // Loopback only and never written down: a browser host forgets the password when it stops.
    secrets: {
      get: async (key) => secrets.get(key),
      set: async (key, value) => void secrets.set(key, value),
      delete: async (key) => void secrets.delete(key),
    },
    settings: createWebSettingsStore({ file: join(options.dataDir, 'settings.json'), now: Date.now, logger }),
    outbox: createJsonFileStore({ file: join(options.dataDir, 'outbox.json'), now: Date.now, logger }),
    socketFactory: nodeSocketFactory(),
    practice: options.practice,
    logger,
  };
}
