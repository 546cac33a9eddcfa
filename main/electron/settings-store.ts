/**
 * The settings port in the Electron host: electron-store, doing what it is for. The file is
 * `settings.json` in the user-data folder, in the shape `main/desk/settings-file.ts` describes
 * (the browser host writes the same).
 *
 * - `defaults`: the contract's `DEFAULT_SETTINGS`.
 * - `migrations`: the shared `SETTINGS_MIGRATIONS`, at `projectVersion` = the settings format's
 *   version (not the app's), so both hosts agree on what a version means.
 * - `clearInvalidConfig`: a file that is not a JSON object is cleared. Before electron-store clears
 *   it, our `deserialize` keeps the text aside as `settings.corrupt-<time>.json`; `load()` then
 *   rejects with a `CorruptFileError` naming that copy, and the desk tells the agent.
 * - Not its `schema`: a JSON-schema violation clears the whole file, so one bad value would lose
 *   the remembered server and login. The desk validates key by key instead (`settings.ts`).
 */
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../preload/contract';
import type { SettingsStore } from '../desk/ports';
import {
  SETTINGS_FORMAT_VERSION,
  SETTINGS_MIGRATIONS,
  isPlainObject,
  type SettingsFile,
} from '../desk/settings-file';
import { CorruptFileError, keepCorruptCopySync } from '../files/atomic-file';

/** The part of electron-store this adapter uses. */
export interface ElectronStoreLike {
  readonly path: string;
  store: SettingsFile;
  set(values: SettingsFile): void;
}

/** The options this adapter gives electron-store (a subset of its `Options`). */
export interface ElectronStoreOptions {
  cwd: string;
  name: string;
  projectVersion: string;
  defaults: SettingsFile;
  clearInvalidConfig: true;
  migrations: Record<string, (store: ElectronStoreLike) => void>;
  beforeEachMigration: (
    store: ElectronStoreLike,
    context: { fromVersion: string; toVersion: string },
  ) => void;
  deserialize: (text: string) => SettingsFile;
}
export type OpenElectronStore = (options: ElectronStoreOptions) => ElectronStoreLike;

export interface SettingsStoreOptions {
  dir: string;
  /** `(options) => new Store(options)` in the app; tests pass the real electron-store too. */
  openStore: OpenElectronStore;
  now: () => number;
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  };
  name?: string;
}

export function createSettingsStore(
  options: SettingsStoreOptions,
): SettingsStore & { readonly path: string } {
  const name = options.name ?? 'settings';
  const file = join(options.dir, `${name}.json`);
  let store: ElectronStoreLike | null = null;
  /** Set when the file read at opening was unreadable: reported once, by the first `load()`. */
  let corrupt: CorruptFileError | null = null;

  const deserialize = (text: string): SettingsFile => {
    let value: unknown;
    let detail = 'not a JSON object';
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      detail = (error as Error).message;
    }
    if (isPlainObject(value)) return value;
    // electron-store clears the file after this throw: keep what it held for the agent first.
    if (!corrupt) {
      const backupPath = keepCorruptCopySync(file, text, options.now());
      corrupt = new CorruptFileError(file, backupPath, detail);
      options.logger.warn('Settings file unreadable; kept aside, starting from defaults', {
        backupPath,
        detail,
      });
    }
    throw new SyntaxError(`${name}.json is not a JSON object`);
  };

  const open = (): ElectronStoreLike =>
    (store ??= options.openStore({
      cwd: options.dir,
      name,
      projectVersion: SETTINGS_FORMAT_VERSION,
      defaults: DEFAULT_SETTINGS,
      clearInvalidConfig: true,
      migrations: Object.fromEntries(
        SETTINGS_MIGRATIONS.map((step) => [
          step.version,
          (s: ElectronStoreLike) => void (s.store = step.migrate(s.store)),
        ]),
      ),
      beforeEachMigration: (_store, context) =>
        options.logger.info('Settings file migrated', { from: context.fromVersion, to: context.toVersion }),
      deserialize,
    }));

  return {
    path: file,
    async load() {
      const current = open().store;
      if (corrupt) {
        const error = corrupt;
        corrupt = null;
        throw error;
      }
      return { ...current };
    },
    async save(settings) {
      if (!isPlainObject(settings)) throw new TypeError('settings must be an object');
      // `set(object)` writes these keys and keeps the others (a newer version's, say).
      open().set(settings);
    },
  };
}
