/**
 * Auto-update through electron-updater, from the feed in `electron-builder.yml` (`publish`). The
 * `autoUpdate` setting (which an admin policy may lock) turns it off; unpackaged runs never update.
 * Updates download in the background and install when the app quits; failures are only logged.
 */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  checkForUpdates(): Promise<unknown>;
}

export interface UpdaterOptions {
  isPackaged: boolean;
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  };
  timers: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  intervalMs?: number;
}

export function createUpdater(autoUpdater: AutoUpdaterLike, options: UpdaterOptions) {
  autoUpdater.logger = options.logger;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  let timer: unknown = null;

  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => {
      options.logger.warn('Update check failed', { error: String(error) });
    });
  };

  return {
    /** Turns checking on or off; returns whether it is on. */
    apply(enabled: boolean): boolean {
      const on = enabled && options.isPackaged;
      autoUpdater.autoDownload = on;
      autoUpdater.autoInstallOnAppQuit = on;
      if (on && timer === null) {
        options.logger.info('Automatic updates on');
        check();
        timer = options.timers.setInterval(check, options.intervalMs ?? 4 * 60 * 60 * 1000);
      } else if (!on && timer !== null) {
        options.logger.info('Automatic updates off');
        options.timers.clearInterval(timer);
        timer = null;
      }
      return on;
    },
  };
}
