/**
 * A JSON file behind the desk's settings and outbox ports, for the browser host.
 *
 * Writes are atomic: the new text goes to a temporary file in the same folder, is flushed to disk,
 * then renamed over the old one, so a crash leaves either the old or the new file, never half of
 * one. A file that cannot be parsed is kept aside (`<name>.corrupt-<time>`) before the error is
 * reported, so whatever it held can still be recovered by hand. Files are private to the user.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutboxStore, SettingsStore } from '../desk/ports';

export class JsonFileStore implements SettingsStore, OutboxStore {
  /** Saves run one at a time, in call order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async load(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const aside = `${this.path}.corrupt-${Date.now()}`;
      await rename(this.path, aside).catch(() => {});
      throw new Error(
        `${basename(this.path)} is not valid JSON (kept as ${basename(aside)}): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  save(value: unknown): Promise<void> {
    const next = this.queue.catch(() => {}).then(() => this.write(JSON.stringify(value, null, 2)));
    this.queue = next;
    return next;
  }

  private async write(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
