/**
 * The settings port in the browser host: `settings.json` in the data folder, in the shape the
 * Electron host's electron-store writes (`main/desk/settings-file.ts`), migrated by the same list
 * of steps, so a settings file means the same thing in both hosts. A file that is not a JSON
 * object is kept aside as `settings.corrupt-<time>.json` and `load()` rejects with a
 * `CorruptFileError`: the desk starts from defaults and tells the agent.
 */
import type { SettingsStore } from '../desk/ports';
import {
  isPlainObject,
  migrateSettingsFile,
  settingsFileFor,
  type SettingsFile,
} from '../desk/settings-file';
import { createJsonFileStore } from '../files/json-file-store';

export interface WebSettingsStoreOptions {
  file: string;
  now: () => number;
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  };
}

export function createWebSettingsStore(
  options: WebSettingsStoreOptions,
): SettingsStore & { readonly path: string } {
  const json = createJsonFileStore({
    ...options,
    check: (value) => (isPlainObject(value) ? null : 'not a JSON object'),
  });
  /** The file as last read or written: its bookkeeping and unknown keys are kept on save. */
  let last: SettingsFile | undefined;
  return {
    path: json.path,
    async load() {
      const raw = await json.load();
      if (raw === undefined) return undefined;
      const migrated = migrateSettingsFile(raw);
      if (!migrated.ok) throw new Error(migrated.detail); // `check` already refused these
      last = migrated.file;
      if (migrated.migrated) {
        await json.save(migrated.file);
        options.logger.info('Settings file migrated', { file: json.path });
      }
      return migrated.settings;
    },
    async save(settings) {
      if (!isPlainObject(settings)) throw new TypeError('settings must be an object');
      last = settingsFileFor(settings, last);
      await json.save(last);
    },
  };
}
