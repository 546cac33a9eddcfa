/**
 * A JSON file behind the desk's settings and outbox ports, for the browser host.
 *
 * Writes go through the hosts' shared atomic writer (temporary file, fsync, rename, one save at a
 * time per file), so a crash leaves either the old or the new file, never half of one. A file that
 * cannot be parsed is kept aside (`<name>.corrupt-<time>`) before the error is reported, so whatever
 * it held can still be recovered by hand. Files are private to the user.
 */
import { rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { readJsonFile, writeFileAtomic } from '../files/atomic-file';
import type { OutboxStore, SettingsStore } from '../desk/ports';

export class JsonFileStore implements SettingsStore, OutboxStore {
  constructor(readonly path: string) {}

  async load(): Promise<unknown> {
    const read = await readJsonFile(this.path);
    if (read.kind === 'missing') return undefined;
    if (read.kind === 'ok') return read.value;
    const aside = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, aside).catch(() => {});
    throw new Error(`${basename(this.path)} is not valid JSON (kept as ${basename(aside)}): ${read.detail}`);
  }

  save(value: unknown): Promise<void> {
    return writeFileAtomic(this.path, JSON.stringify(value, null, 2));
  }
}
