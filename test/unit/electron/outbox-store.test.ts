import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox, type NewUpdate } from '../../../main/desk/outbox';
import { CorruptFileError, corruptBackupPath, writeFileAtomic } from '../../../main/files/atomic-file';
import { createJsonFileStore } from '../../../main/files/json-file-store';

const NOW = Date.parse('2026-11-23T21:00:00.000Z');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-outbox-'));
  const logs: string[] = [];
  const store = createJsonFileStore({
    file: join(dir, 'outbox.json'),
    now: () => NOW,
    logger: { warn: (m) => logs.push(m) },
  });
  return { dir, store, logs };
}

const update: NewUpdate = {
  uuid: 'a967da84-bc41-4bf4-a4fc-2bcc54e11606',
  ticketUuid: '8e82de0f-847a-4606-97bf-bef5a18ea8b0',
  listUuid: 'b0849ac0-4f4a-4ed0-9386-53ab2afd94b1',
  status: 'Answered',
  comment: 'Customer called back, all sorted',
  dueDate: null,
  periodUuid: null,
  server: 'practice',
  login: 'alice',
};

describe('the outbox on disk', () => {
  it('keeps what the desk queued across a restart (the real desk outbox, twice)', async () => {
    const { store } = setup();
    let n = 0;
    const first = new Outbox(
      store,
      () => {},
      () => `ob-${(n += 1)}`,
    );
    await first.load();
    await first.add(update, NOW, false, 'offline');
    const second = new Outbox(
      store,
      () => {},
      () => 'unused',
    );
    expect(await second.load()).toEqual({ dropped: 0 });
    expect(second.entries()).toMatchObject([
      { id: 'ob-1', uuid: update.uuid, comment: update.comment, lastError: 'offline' },
    ]);
  });

  it('leaves no temporary file behind, and the file is private to the user', async () => {
    const { dir, store } = setup();
    await store.save({ version: 1, entries: [] });
    expect(readdirSync(dir)).toEqual(['outbox.json']);
    if (process.platform !== 'win32') {
      const { statSync } = await import('node:fs');
      expect(statSync(join(dir, 'outbox.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('of many quick saves, the last one is what stays on disk', async () => {
    const { dir, store } = setup();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ version: 1, entries: [i] })));
    expect(JSON.parse(readFileSync(join(dir, 'outbox.json'), 'utf8'))).toEqual({ version: 1, entries: [19] });
    expect(readdirSync(dir)).toEqual(['outbox.json']);
  });

  it('a file that is not JSON is moved aside (never dropped) and load() rejects with the backup path', async () => {
    const { dir, store, logs } = setup();
    writeFileSync(join(dir, 'outbox.json'), '{"version":1,"entries":[{"uuid":"a96');
    const error = (await store.load().catch((e: unknown) => e)) as CorruptFileError;
    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error.backupPath).toBe(join(dir, 'outbox.corrupt-2026-11-23T21-00-00-000Z.json'));
    expect(readFileSync(error.backupPath, 'utf8')).toContain('"a96');
    expect(logs).toEqual(['File unreadable; moved aside']);
    expect(await store.load()).toBeUndefined();
  });

  it('refuses to save what is not JSON', async () => {
    const { store } = setup();
    await expect(store.save(undefined)).rejects.toThrow(TypeError);
  });
});

describe('atomic writes', () => {
  it('replace the whole file or nothing, creating the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-atomic-'));
    const file = join(dir, 'nested', 'state.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('a failed write leaves the previous content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-atomic-'));
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'good');
    // The target is now a folder's child of a file: the write must fail, the old file stay.
    await expect(writeFileAtomic(join(file, 'child.json'), 'x')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('good');
  });

  it('names backups after the file and the time', () => {
    expect(corruptBackupPath('/u/settings.json', NOW)).toBe(
      '/u/settings.corrupt-2026-11-23T21-00-00-000Z.json',
    );
  });
});
