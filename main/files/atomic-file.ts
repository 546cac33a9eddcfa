/**
 * Plain Node file persistence shared by both hosts (the desk itself never touches files).
 * Small files that must never be half-written: write a temporary file beside the target, fsync it,
 * rename it over the target, fsync the folder. A reader sees the old content or the new, never a mix.
 * Unreadable JSON is moved aside (never deleted) so an agent's data can still be recovered by hand.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** Writes of one file run one after the other, so the last `save` is the one on disk. */
const queues = new Map<string, Promise<void>>();

export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => writeNow(file, data, mode));
  queues.set(file, next);
  const forget = () => {
    if (queues.get(file) === next) queues.delete(file);
  };
  next.then(forget, forget);
  return next;
}

async function writeNow(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  const dir = dirname(file);
  // A folder made here holds the agent's data: private to the user.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable. Not possible on Windows, where opening a folder fails. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort only.
  } finally {
    await handle?.close();
  }
}

export type JsonFileRead =
  { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt'; detail: string };

export async function readJsonFile(file: string): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'corrupt', detail: (error as Error).message };
  }
}

/** `settings.json` → `settings.corrupt-2026-11-23T20-45-00-000Z.json`, in the same folder. */
export function corruptBackupPath(file: string, now: number): string {
  const ext = extname(file);
  const stem = basename(file, ext);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return join(dirname(file), `${stem}.corrupt-${stamp}${ext}`);
}

/** Moves an unreadable file aside and returns where it went. */
export async function backUpCorrupt(file: string, now: number): Promise<string> {
  const backup = corruptBackupPath(file, now);
  await rename(file, backup);
  return backup;
}

/**
 * Writes the unreadable `text` of `file` beside it as its corrupt copy and returns where. Sync, for
 * electron-store's `deserialize`, which must keep the text before the store clears the file.
 */
export function keepCorruptCopySync(file: string, text: string, now: number): string {
  const backup = corruptBackupPath(file, now);
  writeFileSync(backup, text, { mode: 0o600 });
  return backup;
}

/** The typed failure of a store whose file could not be read: the desk starts from defaults. */
export class CorruptFileError extends Error {
  override readonly name = 'CorruptFileError';
  readonly code = 'corrupt' as const;
  constructor(
    readonly file: string,
    readonly backupPath: string,
    readonly detail: string,
  ) {
    super(`${basename(file)} could not be read (${detail}); it was moved to ${basename(backupPath)}`);
  }
}
