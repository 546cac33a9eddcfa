/**
 * The settings port on disk: `settings.json` in the user-data folder, written by electron-store.
 *
 * The file is `{ "version": N, "settings": { … } }`. Before electron-store opens it, this module
 * reads the raw file itself, because electron-store would either throw on bad JSON or, with
 * `clearInvalidConfig`, silently erase it. An unreadable file is moved aside as
 * `settings.corrupt-<timestamp>.json` and `load()` rejects with a `CorruptFileError`
 * (`code: 'corrupt'`, `backupPath`): the desk then starts from defaults and tells the agent.
 * An older file is migrated step by step; the desk validates the settings it gets.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptFileError, backUpCorrupt, corruptBackupPath, readJsonFile } from '../files/atomic-file';
import type { SettingsStore } from '../desk/ports';

export const SETTINGS_FILE_VERSION = 1;

/** What electron-store offers that we use: the whole object, read and replaced. */
export interface JsonStoreLike {
  store: Record<string, unknown>;
}
export type OpenJsonStore = (options: { cwd: string; name: string }) => JsonStoreLike;

type Envelope = { version: number; settings: Record<string, unknown> };

/**
 * Migrations, indexed by the version they start from. Version 0 is an unversioned file: the flat
 * settings object (as electron-store writes by default), which version 1 wraps in an envelope.
 */
const MIGRATIONS: ReadonlyArray<(file: Record<string, unknown>) => Record<string, unknown>> = [
  (flat) => ({ version: 1, settings: flat }),
];

export type MigrateResult =
  { ok: true; envelope: Envelope; from: number; newer: boolean } | { ok: false; detail: string };

/** Brings a parsed settings file to the current version. Pure. */
export function migrateSettingsFile(raw: unknown, current = SETTINGS_FILE_VERSION): MigrateResult {
  if (!isPlainObject(raw)) return { ok: false, detail: 'not a JSON object' };
  const versionValue = raw['version'];
  const from = versionValue === undefined ? 0 : versionValue;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return { ok: false, detail: 'the version field is not a whole number' };
  }
  let file: Record<string, unknown> = raw;
  for (let version = from; version < current; version += 1) {
    const step = MIGRATIONS[version];
    if (step === undefined) return { ok: false, detail: `no migration from version ${version}` };
    file = step(file);
  }
  const settings = file['settings'];
  if (!isPlainObject(settings)) return { ok: false, detail: 'the settings field is not an object' };
  return { ok: true, envelope: { version: Math.max(from, current), settings }, from, newer: from > current };
}

export interface SettingsStoreOptions {
  dir: string;
  openStore: OpenJsonStore;
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
  let store: JsonStoreLike | null = null;
  const open = () => (store ??= options.openStore({ cwd: options.dir, name }));

  return {
    path: file,
    async load() {
      const read = await readJsonFile(file);
      if (read.kind === 'missing') return undefined;
      const migrated =
        read.kind === 'ok' ? migrateSettingsFile(read.value) : ({ ok: false, detail: read.detail } as const);
      if (!migrated.ok) {
        const backupPath = await backUpCorrupt(file, options.now());
        options.logger.warn('Settings file unreadable; moved aside, starting from defaults', {
          backupPath,
          detail: migrated.detail,
        });
        throw new CorruptFileError(file, backupPath, migrated.detail);
      }
      if (migrated.newer) {
        // Written by a newer Agent Desk: keep a copy, since saving will write this version's shape.
        const copy = corruptBackupPath(file, options.now()).replace('.corrupt-', `.v${migrated.from}-`);
        await copyFile(file, copy);
        options.logger.warn('Settings file from a newer version; a copy was kept', { copy });
      }
      if (migrated.from < SETTINGS_FILE_VERSION) {
        open().store = { version: SETTINGS_FILE_VERSION, settings: migrated.envelope.settings };
        options.logger.info('Settings file migrated', { from: migrated.from, to: SETTINGS_FILE_VERSION });
      }
      return migrated.envelope.settings;
    },
    async save(settings) {
      if (!isPlainObject(settings)) throw new TypeError('settings must be an object');
      open().store = { version: SETTINGS_FILE_VERSION, settings };
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
