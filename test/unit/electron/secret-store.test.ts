import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSecretStore,
  encryptionUsable,
  type SafeStorageLike,
} from '../../../main/electron/secret-store';
import { passwordKey, recallPassword, rememberPassword } from '../../../main/desk/settings';
import { DEFAULT_SETTINGS } from '../../../preload/contract';

/** Stands in for the OS keychain: a reversible transform whose output never contains the input. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const state = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
    key: 0x5a,
  };
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (plain) =>
      Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ state.key)]),
    decryptString: (cipher) => {
      if (cipher.subarray(0, 3).toString() !== 'v10' || state.key !== 0x5a)
        throw new Error('Error while decrypting');
      return Buffer.from(cipher.subarray(3).map((b) => b ^ state.key)).toString('utf8');
    },
  };
  return { safeStorage, state };
}

function setup(options: { available?: boolean; backend?: string; platform?: NodeJS.Platform } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-secrets-'));
  const fake = fakeSafeStorage(options);
  const logs: string[] = [];
  const store = createSecretStore({
    dir,
    safeStorage: fake.safeStorage,
    platform: options.platform ?? 'linux',
    logger: { warn: (message, fields) => logs.push(message + JSON.stringify(fields ?? {})) },
  });
  return { dir, store, logs, fake };
}

const PASSWORD = 'correct horse battery staple';

describe('secrets with OS encryption', () => {
  it('round-trips, and only ciphertext is on disk', async () => {
    const { dir, store } = setup();
    await store.set('password:practice:alice', PASSWORD);
    expect(await store.get('password:practice:alice')).toBe(PASSWORD);
    expect(store.mode()).toBe('encrypted');
    const onDisk = readFileSync(join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain(PASSWORD);
    expect(onDisk).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.parse(onDisk).entries['password:practice:alice']).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('a second store on the same folder (the next run) reads it back', async () => {
    const { dir, store, fake } = setup();
    await store.set('k', PASSWORD);
    const again = createSecretStore({
      dir,
      safeStorage: fake.safeStorage,
      platform: 'linux',
      logger: { warn: () => {} },
    });
    expect(await again.get('k')).toBe(PASSWORD);
  });

  it('delete removes it from disk', async () => {
    const { dir, store } = setup();
    await store.set('a', 'one');
    await store.set('b', 'two');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).entries)).toEqual(['b']);
  });

  it('keeps both of two quick writes', async () => {
    const { store } = setup();
    await Promise.all([store.set('a', 'one'), store.set('b', 'two'), store.set('c', 'three')]);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('a value the OS can no longer decrypt is dropped cleanly, and the value never logged', async () => {
    const { store, fake, logs } = setup();
    await store.set('k', PASSWORD);
    fake.state.key = 0x33; // a new keyring
    expect(await store.get('k')).toBeUndefined();
    expect(await store.get('k')).toBeUndefined();
    expect(logs.join('\n')).toContain('could not be decrypted');
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });

  it('ignores a damaged secrets file rather than crashing', async () => {
    const { dir, store } = setup();
    writeFileSync(join(dir, 'secrets.json'), '{not json');
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });

  it('works with the desk’s remember-password rule', async () => {
    const { store } = setup();
    await rememberPassword(store, '', 'alice', PASSWORD, true);
    const settings = { ...DEFAULT_SETTINGS, login: 'alice', rememberPassword: true };
    expect(await recallPassword(store, settings)).toBe(PASSWORD);
    await rememberPassword(store, '', 'alice', PASSWORD, false);
    expect(await store.get(passwordKey('', 'alice'))).toBeUndefined();
  });
});

describe('without real encryption', () => {
  it.each([
    ['encryption unavailable', { available: false }],
    ['Linux basic_text (a hard-coded key)', { backend: 'basic_text' }],
  ])('%s: keeps secrets in memory only, writes nothing, and says so once', async (_label, options) => {
    const { dir, store, logs } = setup(options);
    await store.set('k', PASSWORD);
    await store.set('k2', PASSWORD);
    expect(await store.get('k')).toBe(PASSWORD);
    expect(store.mode()).toBe('memory-only');
    expect(readdirSync(dir)).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('memory');
    expect(logs[0]).not.toContain(PASSWORD);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('basic_text only matters on Linux', () => {
    const { safeStorage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(encryptionUsable(safeStorage, 'linux')).toBe(false);
    expect(encryptionUsable(safeStorage, 'win32')).toBe(true);
  });
});
