/**
 * One small JSON file behind a port (the outbox in both hosts, the browser host's settings). Every
 * save is atomic and fsynced before it resolves, so what the desk was told is saved survives a
 * crash or a power cut. A file that is not JSON (or that `check` refuses) is moved aside as
 * `<name>.corrupt-<time>.json`, never dropped, and `load()` rejects with a `CorruptFileError`.
 * The content is the caller's to validate.
 */
import { CorruptFileError, backUpCorrupt, readJsonFile, writeFileAtomic } from './atomic-file';

export interface JsonFileStoreOptions {
  file: string;
  now: () => number;
  logger: { warn(message: string, fields?: Record<string, unknown>): void };
  /** Why a parsed value cannot be this file's content, or null when it can. */
  check?: (value: unknown) => string | null;
}

export interface JsonFileStore {
  readonly path: string;
  /** The parsed content, or undefined when there is no file. */
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

export function createJsonFileStore(options: JsonFileStoreOptions): JsonFileStore {
  const { file } = options;
  return {
    path: file,
    async load() {
      const read = await readJsonFile(file);
      if (read.kind === 'missing') return undefined;
      const detail = read.kind === 'ok' ? (options.check?.(read.value) ?? null) : read.detail;
      if (detail === null && read.kind === 'ok') return read.value;
      const backupPath = await backUpCorrupt(file, options.now());
      options.logger.warn('File unreadable; moved aside', { file, backupPath, detail });
      throw new CorruptFileError(file, backupPath, detail ?? 'unreadable');
    },
    async save(value) {
      const text = JSON.stringify(value, null, '\t');
      if (text === undefined) throw new TypeError(`${file} must hold JSON`);
      await writeFileAtomic(file, text);
    },
  };
}
