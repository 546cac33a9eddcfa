/**
 * What a settings file holds, the same in both hosts. Pure: the hosts do the reading and writing.
 *
 * The shape is electron-store's own, because the Electron host keeps its settings with it: the
 * settings keys at the top level, and electron-store's bookkeeping under `__internal__`, where
 * `migrations.version` records the settings format the file was last migrated to:
 *
 * ```json
 * { "serverUrl": "https://xuc.example.com:8443", "login": "alice", "theme": "dark",
 *   "__internal__": { "migrations": { "version": "2.0.0" } } }
 * ```
 *
 * `SETTINGS_MIGRATIONS` is the one list of steps: electron-store runs them in the Electron host
 * (`migrations`, keyed by the same versions), `migrateSettingsFile` runs them the same way in the
 * browser host. A step runs when its version is above the recorded one (every step, for a file
 * that records none) and not above `SETTINGS_FORMAT_VERSION`. The recorded version never moves
 * back, so a file from a newer Agent Desk is read as it is, and keys this version does not know
 * are kept when it saves. The values themselves are validated by the desk (`settings.ts`).
 */

/** The settings format this build writes (semver, as electron-store's `projectVersion`). */
export const SETTINGS_FORMAT_VERSION = '2.0.0';

/** electron-store's reserved key; the desk never sees it. */
export const INTERNAL_KEY = '__internal__';

export type SettingsFile = Record<string, unknown>;

export interface SettingsMigration {
  /** A concrete `MAJOR.MINOR.PATCH` version: the step brings a file up to it. */
  readonly version: string;
  /**
   * The file's settings keys → the new ones. electron-store adds its `defaults` before the steps
   * run, the browser host does not: a step must give the same answer with or without them.
   */
  readonly migrate: (file: SettingsFile) => SettingsFile;
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  {
    // Agent Desk 0.1's Electron host wrapped the settings as `{ version: 1, settings: {…} }`; its
    // browser host wrote them flat, as every file does from 2.0.0 on.
    version: '2.0.0',
    migrate: (file) => {
      const inner = file['settings'];
      return typeof file['version'] === 'number' && isPlainObject(inner) ? { ...inner } : file;
    },
  },
];

export type MigratedFile =
  | {
      ok: true;
      /** The settings keys, without the bookkeeping. */
      settings: SettingsFile;
      /** The whole file as it should now be on disk. */
      file: SettingsFile;
      /** Whether any step ran (the host then writes `file` back). */
      migrated: boolean;
    }
  | { ok: false; detail: string };

/** A parsed settings file → its settings at the current format. Pure. */
export function migrateSettingsFile(
  raw: unknown,
  migrations: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
  current = SETTINGS_FORMAT_VERSION,
): MigratedFile {
  if (!isPlainObject(raw)) return { ok: false, detail: 'not a JSON object' };
  const { [INTERNAL_KEY]: internal, ...keys } = raw;
  const recorded = recordedVersion(internal);
  const steps = migrations
    .filter(
      (step) =>
        (recorded === null || compareVersions(step.version, recorded) > 0) &&
        compareVersions(step.version, current) <= 0,
    )
    .sort((a, b) => compareVersions(a.version, b.version));
  let settings: SettingsFile = keys;
  for (const step of steps) settings = step.migrate(settings);
  const version = recorded !== null && compareVersions(recorded, current) > 0 ? recorded : current;
  return {
    ok: true,
    settings,
    file: withVersion(settings, internal, version),
    migrated: steps.length > 0,
  };
}

/**
 * The file to write for `settings`, over the file last read: keys this version does not know stay
 * (as electron-store's `set(object)` keeps them), the recorded version never moves back. Pure.
 */
export function settingsFileFor(settings: SettingsFile, previous: SettingsFile | undefined): SettingsFile {
  const { [INTERNAL_KEY]: internal, ...keys } = previous ?? {};
  const recorded = recordedVersion(internal);
  const version =
    recorded !== null && compareVersions(recorded, SETTINGS_FORMAT_VERSION) > 0
      ? recorded
      : SETTINGS_FORMAT_VERSION;
  return withVersion({ ...keys, ...settings }, internal, version);
}

function withVersion(settings: SettingsFile, internal: unknown, version: string): SettingsFile {
  const bookkeeping = isPlainObject(internal) ? internal : {};
  const migrations = isPlainObject(bookkeeping['migrations']) ? bookkeeping['migrations'] : {};
  return { ...settings, [INTERNAL_KEY]: { ...bookkeeping, migrations: { ...migrations, version } } };
}

function recordedVersion(internal: unknown): string | null {
  if (!isPlainObject(internal) || !isPlainObject(internal['migrations'])) return null;
  const version = internal['migrations']['version'];
  return typeof version === 'string' && VERSION.test(version) ? version : null;
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Orders `MAJOR.MINOR.PATCH` versions; anything else sorts first, as no version at all. */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION.exec(a)?.slice(1).map(Number) ?? [-1, -1, -1];
  const pb = VERSION.exec(b)?.slice(1).map(Number) ?? [-1, -1, -1];
  for (let i = 0; i < 3; i += 1) {
    if (pa[i]! !== pb[i]!) return pa[i]! - pb[i]!;
  }
  return 0;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
