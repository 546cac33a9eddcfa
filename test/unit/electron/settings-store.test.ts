import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import { loadSettings } from '../../../main/desk/settings';
import { CorruptFileError } from '../../../main/files/atomic-file';
import {
  SETTINGS_FILE_VERSION,
  createSettingsStore,
  migrateSettingsFile,
  type JsonStoreLike,
} from '../../../main/electron/settings-store';

/** electron-store as it behaves on disk: reads the file when opened (throws on bad JSON), writes on set. */
function fakeElectronStore(options: { cwd: string; name: string }): JsonStoreLike {
  const file = join(options.cwd, `${options.name}.json`);
  let data: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return {
    get store() {
      return data;
    },
    set store(value) {
      data = value;
      writeFileSync(file, JSON.stringify(value, null, '\t'));
    },
  };
}

const NOW = Date.parse('2026-11-23T20:45:00.000Z');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-settings-'));
  const logs: string[] = [];
  let opened = 0;
  const store = createSettingsStore({
    dir,
    openStore: (options) => {
      opened += 1;
      return fakeElectronStore(options);
    },
    now: () => NOW,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
  });
  return { dir, store, logs, file: join(dir, 'settings.json'), opened: () => opened };
}

describe('settings on disk', () => {
  it('has nothing to load on first run, then saves and loads a versioned file', async () => {
    const { store, file } = setup();
    expect(await store.load()).toBeUndefined();
    const settings = { ...DEFAULT_SETTINGS, login: 'alice', language: 'fr' as const };
    await store.save(settings);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: SETTINGS_FILE_VERSION, settings });
    expect(await store.load()).toEqual(settings);
  });

  it('refuses to save something that is not a settings object', async () => {
    const { store } = setup();
    await expect(store.save([1, 2])).rejects.toThrow(TypeError);
  });
});

describe('a corrupt settings file', () => {
  it.each([
    ['truncated JSON', '{"version":1,"settings":{"login":"ali'],
    ['not JSON at all', '\u0000\u0000\u0000garbage'],
    ['an array', '[1,2,3]'],
    ['no settings object', '{"version":1,"settings":"oops"}'],
    ['a broken version field', '{"version":"one","settings":{}}'],
  ])('%s: moved aside, never lost, and load() says so', async (_label, content) => {
    const { dir, store, file, logs, opened } = setup();
    writeFileSync(file, content);
    const error = await store.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    const corrupt = error as CorruptFileError;
    expect(corrupt.code).toBe('corrupt');
    expect(corrupt.backupPath).toBe(join(dir, 'settings.corrupt-2026-11-23T20-45-00-000Z.json'));
    expect(readFileSync(corrupt.backupPath, 'utf8')).toBe(content);
    expect(existsSync(file)).toBe(false);
    expect(logs.join('\n')).toContain('moved aside');
    // electron-store never opened the bad file (it would throw, or erase it).
    expect(opened()).toBe(0);
  });

  it('the desk then starts from defaults and flags the reset; saving writes a fresh file', async () => {
    const { store, file, dir } = setup();
    writeFileSync(file, '{{{');
    const loaded = await loadSettings(store);
    expect(loaded).toEqual({ settings: DEFAULT_SETTINGS, reset: ['*'] });
    await store.save(loaded.settings);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir).sort()).toEqual([
      'settings.corrupt-2026-11-23T20-45-00-000Z.json',
      'settings.json',
    ]);
  });
});

describe('migrations', () => {
  it('an unversioned file (version 0: the flat settings object) is wrapped and written back', async () => {
    const { store, file, logs } = setup();
    writeFileSync(file, JSON.stringify({ login: 'bob', theme: 'dark' }));
    expect(await store.load()).toEqual({ login: 'bob', theme: 'dark' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      settings: { login: 'bob', theme: 'dark' },
    });
    expect(logs).toContain('Settings file migrated');
    // Loaded again: already current, nothing rewritten.
    expect(await store.load()).toEqual({ login: 'bob', theme: 'dark' });
  });

  it('a file from a newer version is read, and a copy kept before this version writes its own shape', async () => {
    const { store, file, dir } = setup();
    const newer = JSON.stringify({ version: 7, settings: { login: 'bob', futureKey: true } });
    writeFileSync(file, newer);
    expect(await store.load()).toEqual({ login: 'bob', futureKey: true });
    const copy = join(dir, 'settings.v7-2026-11-23T20-45-00-000Z.json');
    expect(readFileSync(copy, 'utf8')).toBe(newer);
  });

  it('migrateSettingsFile is pure and stepwise', () => {
    expect(migrateSettingsFile({ a: 1 })).toEqual({
      ok: true,
      envelope: { version: 1, settings: { a: 1 } },
      from: 0,
      newer: false,
    });
    expect(migrateSettingsFile({ version: 1, settings: { a: 1 } })).toMatchObject({ ok: true, from: 1 });
    expect(migrateSettingsFile({ version: -1, settings: {} })).toMatchObject({ ok: false });
    expect(migrateSettingsFile({ version: 0, settings: {} }, 2)).toEqual({
      ok: false,
      detail: 'no migration from version 1',
    });
    expect(migrateSettingsFile(null)).toEqual({ ok: false, detail: 'not a JSON object' });
  });
});
