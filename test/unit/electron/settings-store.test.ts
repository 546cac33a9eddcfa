/**
 * Settings on disk in both hosts: the Electron host's real electron-store (Electron faked at the
 * edge, so it runs in Node) and the browser host's JSON file, against the same files. A settings
 * file means the same thing in both, and a corrupt one is kept aside and reported by both.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../preload/contract';
import type { SettingsStore } from '../../../main/desk/ports';
import { INTERNAL_KEY, SETTINGS_FORMAT_VERSION } from '../../../main/desk/settings-file';
import { loadSettings } from '../../../main/desk/settings';
import { CorruptFileError } from '../../../main/files/atomic-file';
import { createSettingsStore, type OpenElectronStore } from '../../../main/electron/settings-store';
import { createWebSettingsStore } from '../../../main/web/settings-file-store';

// electron-store asks Electron for the user-data folder only when no absolute `cwd` is given.
vi.mock('electron', () => ({ default: {} }));
const { default: ElectronStore } = await import('electron-store');

const NOW = Date.parse('2026-11-23T20:45:00.000Z');
const BACKUP = 'settings.corrupt-2026-11-23T20-45-00-000Z.json';

type Host = 'electron' | 'web';
const HOSTS: Host[] = ['electron', 'web'];

function open(host: Host, dir: string, logs: string[] = []): SettingsStore {
  const logger = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
  if (host === 'web')
    return createWebSettingsStore({ file: join(dir, 'settings.json'), now: () => NOW, logger });
  const openStore: OpenElectronStore = (options) => new ElectronStore<Record<string, unknown>>(options);
  return createSettingsStore({ dir, openStore, now: () => NOW, logger });
}

function folderWith(content?: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-settings-'));
  const file = join(dir, 'settings.json');
  if (content !== undefined) writeFileSync(file, content);
  return { dir, file };
}

const onDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const CHOSEN: Settings = {
  ...DEFAULT_SETTINGS,
  login: 'alice',
  serverUrl: 'https://xuc.example.com',
  theme: 'dark',
};

describe.each(HOSTS)('settings on disk, %s host', (host) => {
  it('first run: the defaults; a save writes the settings at the top level with the format version', async () => {
    const { dir, file } = folderWith();
    const store = open(host, dir);
    expect((await loadSettings(store)).settings).toEqual(DEFAULT_SETTINGS);
    await store.save(CHOSEN);
    expect(onDisk(file)).toEqual({
      ...CHOSEN,
      [INTERNAL_KEY]: { migrations: { version: SETTINGS_FORMAT_VERSION } },
    });
    expect((await loadSettings(open(host, dir))).settings).toEqual(CHOSEN);
  });

  it.each([
    ['the 0.1 Electron envelope', JSON.stringify({ version: 1, settings: { login: 'bob', theme: 'dark' } })],
    ['the 0.1 browser-host flat file', JSON.stringify({ login: 'bob', theme: 'dark' })],
  ])('%s is migrated and written back in the current shape', async (_label, content) => {
    const { dir, file } = folderWith(content);
    const logs: string[] = [];
    const loaded = await loadSettings(open(host, dir, logs));
    expect(loaded).toEqual({ settings: { ...DEFAULT_SETTINGS, login: 'bob', theme: 'dark' }, reset: [] });
    expect(onDisk(file)).toMatchObject({
      login: 'bob',
      theme: 'dark',
      [INTERNAL_KEY]: { migrations: { version: SETTINGS_FORMAT_VERSION } },
    });
    expect(onDisk(file)).not.toHaveProperty('settings');
    expect(logs).toContain('Settings file migrated');
  });

  it('a file from a newer version keeps its version and the keys this one does not know', async () => {
    const newer = { login: 'bob', futureKey: { a: 1 }, [INTERNAL_KEY]: { migrations: { version: '9.0.0' } } };
    const { dir, file } = folderWith(JSON.stringify(newer));
    const store = open(host, dir);
    expect((await loadSettings(store)).settings.login).toBe('bob');
    await store.save({ ...DEFAULT_SETTINGS, login: 'carol' });
    expect(onDisk(file)).toMatchObject({
      login: 'carol',
      futureKey: { a: 1 },
      [INTERNAL_KEY]: { migrations: { version: '9.0.0' } },
    });
  });

  it('refuses to save something that is not a settings object', async () => {
    await expect(open(host, folderWith().dir).save([1, 2])).rejects.toThrow(TypeError);
  });

  it.each([
    ['truncated JSON', '{"login":"ali'],
    ['not JSON at all', '\u0000\u0000\u0000garbage'],
    ['an array', '[1,2,3]'],
    ['a string', '"settings"'],
  ])(
    '%s: kept aside, never lost, the agent told; the next save writes a good file',
    async (_label, content) => {
      const { dir } = folderWith(content);
      const logs: string[] = [];
      const store = open(host, dir, logs);
      const error = await store.load().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptFileError);
      expect(error).toMatchObject({ code: 'corrupt', backupPath: join(dir, BACKUP) });
      expect(readFileSync(join(dir, BACKUP), 'utf8')).toBe(content);
      expect(logs.join('\n')).toMatch(/unreadable/);
      // Reported once; the store now holds the defaults.
      expect(await loadSettings(store)).toEqual({ settings: DEFAULT_SETTINGS, reset: [] });
      await store.save(CHOSEN);
      expect((await loadSettings(open(host, dir))).settings).toEqual(CHOSEN);
      expect(readdirSync(dir).sort()).toEqual([BACKUP, 'settings.json']);
    },
  );

  it('the desk is given the name of the copy, to tell the agent', async () => {
    const { dir } = folderWith('{{{');
    expect(await loadSettings(open(host, dir))).toEqual({
      settings: DEFAULT_SETTINGS,
      reset: ['*'],
      keptAs: BACKUP,
    });
  });
});

describe('one file, one meaning', () => {
  it.each([
    ['written by the Electron host', 'electron', 'web'],
    ['written by the browser host', 'web', 'electron'],
  ] as const)('%s, read by the other', async (_label, writer, reader) => {
    const { dir, file } = folderWith();
    await open(writer, dir).save(CHOSEN);
    const written = onDisk(file);
    expect((await loadSettings(open(reader, dir))).settings).toEqual(CHOSEN);
    await open(reader, dir).save(CHOSEN);
    expect(onDisk(file)).toEqual(written);
  });
});
