// The settings file both hosts share (main/desk/settings-file.ts): its shape, the one migration
// list and how it runs. The hosts' adapters are tested on disk in test/unit/{electron,web}.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import {
  INTERNAL_KEY,
  SETTINGS_FORMAT_VERSION,
  SETTINGS_MIGRATIONS,
  compareVersions,
  migrateSettingsFile,
  settingsFileFor,
} from '../../../main/desk/settings-file';

const at = (version: string) => ({ [INTERNAL_KEY]: { migrations: { version } } });

describe('the settings file', () => {
  it('0.1 Electron envelope → the settings at the top level, at the current version', () => {
    expect(migrateSettingsFile({ version: 1, settings: { login: 'bob', theme: 'dark' } })).toEqual({
      ok: true,
      settings: { login: 'bob', theme: 'dark' },
      file: { login: 'bob', theme: 'dark', ...at(SETTINGS_FORMAT_VERSION) },
      migrated: true,
    });
  });

  it('0.1 browser-host file (flat, no version) keeps its keys and gets the version', () => {
    expect(migrateSettingsFile({ login: 'bob' })).toEqual({
      ok: true,
      settings: { login: 'bob' },
      file: { login: 'bob', ...at(SETTINGS_FORMAT_VERSION) },
      migrated: true,
    });
  });

  it('a current file is read as it is, with nothing to write back', () => {
    const file = { login: 'bob', ...at(SETTINGS_FORMAT_VERSION) };
    expect(migrateSettingsFile(file)).toEqual({
      ok: true,
      settings: { login: 'bob' },
      file,
      migrated: false,
    });
  });

  it('a file from a newer Agent Desk is read as it is and keeps its version', () => {
    const file = { login: 'bob', futureKey: 1, ...at('9.0.0') };
    expect(migrateSettingsFile(file)).toEqual({
      ok: true,
      settings: { login: 'bob', futureKey: 1 },
      file,
      migrated: false,
    });
  });

  it('runs the steps above the recorded version and up to the current one, in order', () => {
    const ran: string[] = [];
    const step = (version: string) => ({
      version,
      migrate: (f: Record<string, unknown>) => (ran.push(version), f),
    });
    const steps = [step('3.0.0'), step('1.0.0'), step('2.0.0'), step('4.0.0')];
    migrateSettingsFile({ ...at('1.0.0') }, steps, '3.0.0');
    expect(ran).toEqual(['2.0.0', '3.0.0']);
    ran.length = 0;
    migrateSettingsFile({}, steps, '3.0.0');
    expect(ran).toEqual(['1.0.0', '2.0.0', '3.0.0']);
  });

  it('refuses what is not a JSON object', () => {
    for (const raw of [null, [1], 'x', 3]) expect(migrateSettingsFile(raw)).toMatchObject({ ok: false });
  });

  it('saving keeps keys this version does not know and never lowers the version', () => {
    expect(settingsFileFor({ login: 'al' }, { login: 'bob', futureKey: 1, ...at('9.0.0') })).toEqual({
      login: 'al',
      futureKey: 1,
      ...at('9.0.0'),
    });
    expect(settingsFileFor({ login: 'al' }, undefined)).toEqual({
      login: 'al',
      ...at(SETTINGS_FORMAT_VERSION),
    });
  });

  it('the migration list: concrete ascending versions up to the current one', () => {
    const versions = SETTINGS_MIGRATIONS.map((step) => step.version);
    for (const version of versions) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect([...versions].sort(compareVersions)).toEqual(versions);
    expect(compareVersions(versions.at(-1)!, SETTINGS_FORMAT_VERSION)).toBeLessThanOrEqual(0);
  });

  it('each step gives the same answer with or without the defaults electron-store adds first', () => {
    const files = [{ version: 1, settings: { login: 'bob' } }, { login: 'bob' }, {}];
    for (const step of SETTINGS_MIGRATIONS) {
      for (const file of files) {
        const bare = step.migrate({ ...file });
        const withDefaults = step.migrate({ ...DEFAULT_SETTINGS, ...file });
        expect({ ...DEFAULT_SETTINGS, ...bare }).toEqual({ ...DEFAULT_SETTINGS, ...withDefaults });
      }
    }
  });
});
