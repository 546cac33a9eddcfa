/**
 * The secret store port through Electron's `safeStorage` (Keychain, DPAPI, libsecret/KWallet).
 *
 * Only ciphertext reaches the disk (`secrets.json`: key → base64 of the encrypted bytes). Where the
 * OS offers no real encryption — `isEncryptionAvailable()` false, or Linux falling back to
 * `basic_text`, a hard-coded key — secrets stay in memory for this session only, and the store says
 * so (`mode`, and one warning in the log). Values are never logged; keys may be.
 */
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from '../files/atomic-file';
import type { SecretStore } from '../desk/ports';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export type SecretMode = 'encrypted' | 'memory-only';

export interface SecretStoreOptions {
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  logger: { warn(message: string, fields?: Record<string, unknown>): void };
}

export interface HostSecretStore extends SecretStore {
  /** Where secrets go right now; checked each time, since `safeStorage` is ready only after `ready`. */
  mode(): SecretMode;
  readonly path: string;
}

/** Whether this `safeStorage` really encrypts. Pure. */
export function encryptionUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

export function createSecretStore(options: SecretStoreOptions): HostSecretStore {
  const file = join(options.dir, 'secrets.json');
  const memory = new Map<string, string>();
  let warned = false;

  const mode = (): SecretMode => {
    const usable = encryptionUsable(options.safeStorage, options.platform);
    if (!usable && !warned) {
      warned = true;
      options.logger.warn('OS encryption is not available: secrets are kept in memory for this session only');
    }
    return usable ? 'encrypted' : 'memory-only';
  };

  const readAll = async (): Promise<Record<string, string>> => {
    const read = await readJsonFile(file);
    if (read.kind !== 'ok') return {};
    const entries = (read.value as { entries?: unknown } | null)?.entries;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return {};
    return Object.fromEntries(
      Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  };
  const writeAll = (entries: Record<string, string>) =>
    writeFileAtomic(file, JSON.stringify({ version: 1, entries }, null, 1));
  /** Read-modify-write steps run one at a time, so two quick `set`s never lose one another. */
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step, step);
    chain = next.catch(() => {});
    return next;
  };

  return {
    path: file,
    mode,
    get(key) {
      if (mode() === 'memory-only') return Promise.resolve(memory.get(key));
      return serial(() => decrypt(key));
    },
    set(key, value) {
      if (mode() === 'memory-only') {
        memory.set(key, value);
        return Promise.resolve();
      }
      return serial(async () => {
        const entries = await readAll();
        entries[key] = options.safeStorage.encryptString(value).toString('base64');
        await writeAll(entries);
      });
    },
    delete(key) {
      memory.delete(key);
      return serial(async () => {
        const entries = await readAll();
        if (!(key in entries)) return;
        delete entries[key];
        await writeAll(entries);
      });
    },
  };

  async function decrypt(key: string): Promise<string | undefined> {
    const cipher = (await readAll())[key];
    if (cipher === undefined) return undefined;
    try {
      return options.safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    } catch {
      // The OS key changed (new keyring, other user): the value is lost; forget it cleanly.
      options.logger.warn('A stored secret could not be decrypted and was removed', { key });
      const entries = await readAll();
      delete entries[key];
      await writeAll(entries);
      return undefined;
    }
  }
}
