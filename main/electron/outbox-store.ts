/**
 * The outbox port on disk: `outbox.json` holds the callback ticket updates not yet confirmed by the
 * server (the desk owns the content and validates it). Every save is atomic and fsynced before it
 * resolves, so an update the desk was told is "queued" survives a crash or a power cut. A file that
 * is not JSON is moved aside as `outbox.corrupt-<timestamp>.json`, never dropped, and `load()`
 * rejects with a `CorruptFileError`.
 */
import { join } from 'node:path';
import { CorruptFileError, backUpCorrupt, readJsonFile, writeFileAtomic } from '../files/atomic-file';
import type { OutboxStore } from '../desk/ports';

export interface OutboxStoreOptions {
  dir: string;
  now: () => number;
  logger: { warn(message: string, fields?: Record<string, unknown>): void };
}

export function createOutboxStore(options: OutboxStoreOptions): OutboxStore & { readonly path: string } {
  const file = join(options.dir, 'outbox.json');
  return {
    path: file,
    async load() {
      const read = await readJsonFile(file);
      if (read.kind === 'missing') return undefined;
      if (read.kind === 'ok') return read.value;
      const backupPath = await backUpCorrupt(file, options.now());
      options.logger.warn('Outbox file unreadable; moved aside', { backupPath, detail: read.detail });
      throw new CorruptFileError(file, backupPath, read.detail);
    },
    async save(entries) {
      const text = JSON.stringify(entries);
      if (text === undefined) throw new TypeError('the outbox must be JSON');
      await writeFileAtomic(file, text);
    },
  };
}
