import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import { Outbox } from '../../../main/desk/outbox';
import { loadSettings, mergeSettings, passwordKey, rememberPassword } from '../../../main/desk/settings';
import { createDesk } from '../../../main/desk/desk';
import { XucClient } from '../../../xuc/client';
import { makePorts, MemorySecrets, MemoryStore } from './support';

describe('settings', () => {
  it('defaults when nothing is stored', async () => {
    expect(await loadSettings(new MemoryStore())).toEqual({ settings: DEFAULT_SETTINGS, reset: [] });
  });

  it('keeps the valid keys of an invalid file and names the ones reset', async () => {
    const stored = new MemoryStore({
      login: 'alice',
      language: 'klingon',
      phoneNumber: 'abc',
      theme: 'dark',
    });
    const loaded = await loadSettings(stored);
    expect(loaded.settings).toMatchObject({ login: 'alice', theme: 'dark', language: 'en', phoneNumber: '' });
    expect(loaded.reset.sort()).toEqual(['language', 'phoneNumber']);
  });

  it('never crashes on a corrupt store', async () => {
    const broken = { load: async () => JSON.parse('{not json'), save: async () => {} };
    expect(await loadSettings(broken)).toEqual({ settings: DEFAULT_SETTINGS, reset: ['*'] });
    expect((await loadSettings(new MemoryStore([1, 2]))).reset).toEqual(['*']);
  });

  it('a file the host could not read and kept aside: defaults, and the agent is told where it went', async () => {
    const kept = Object.assign(new Error('settings.json could not be read'), {
      code: 'corrupt',
      backupPath: '/data/settings.corrupt-2026-11-23T20-45-00-000Z.json',
    });
    const desk = createDesk(
      makePorts({ settings: { load: () => Promise.reject(kept), save: async () => {} } }),
      { createClient: (o) => new XucClient(o) },
    );
    await desk.start();
    expect(desk.store.snapshot.settings).toEqual(DEFAULT_SETTINGS);
    expect(desk.store.snapshot.notices).toMatchObject([
      {
        level: 'warning',
        code: 'settings-unreadable',
        params: { file: 'settings.corrupt-2026-11-23T20-45-00-000Z.json' },
      },
    ]);
    await desk.stop();
  });

  it('merges a patch group by group and refuses an invalid one', () => {
    const merged = mergeSettings(DEFAULT_SETTINGS, { screenPop: { allowlist: ['CRM.example.com'] } });
    expect(merged).toMatchObject({
      ok: true,
      settings: { screenPop: { allowlist: ['crm.example.com'], trigger: 'ringing', allowHttp: false } },
    });
    expect(
      mergeSettings(DEFAULT_SETTINGS, { screenPop: { allowlist: ['https://evil.com/'] } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('screenPop.allowlist.0'),
    });
    expect(mergeSettings(DEFAULT_SETTINGS, { theme: 'neon' }).ok).toBe(false);
  });

  it('keeps a password only when asked to remember it', async () => {
    const secrets = new MemorySecrets();
    await rememberPassword(secrets, '', 'alice', 'pw', true);
    expect(secrets.values.get(passwordKey('', 'alice'))).toBe('pw');
    await rememberPassword(secrets, '', 'alice', 'pw', false);
    expect(secrets.values.size).toBe(0);
  });
});

describe('outbox', () => {
  const update = {
    uuid: 'r1',
    ticketUuid: 't1',
    listUuid: 'L1',
    status: 'Callback' as const,
    comment: 'call back after 5',
    dueDate: '2026-01-06',
    periodUuid: null,
    server: '',
    login: 'alice',
  };

  it('is on the store before add() resolves, and hidden while its first attempt runs', async () => {
    const store = new MemoryStore();
    const views: unknown[] = [];
    const outbox = new Outbox(
      store,
      (v) => views.push(v),
      () => 'e1',
    );
    await outbox.add(update, 5, false);
    expect(JSON.parse(store.text!).entries[0]).toMatchObject({
      id: 'e1',
      uuid: 'r1',
      comment: 'call back after 5',
    });
    expect(outbox.views()).toEqual([]);
    await outbox.failed('e1', 'offline');
    expect(outbox.views()).toMatchObject([{ id: 'e1', attempts: 1, lastError: 'offline' }]);
    await outbox.remove('e1');
    expect(JSON.parse(store.text!).entries).toEqual([]);
  });

  it('reloads what a previous run left, all visible, dropping unreadable entries', async () => {
    const first = new MemoryStore();
    const outbox = new Outbox(
      first,
      () => {},
      () => 'e1',
    );
    await outbox.add(update, 5, false);
    const saved = JSON.parse(first.text!);
    saved.entries.push({ id: 'bad', uuid: 42 });
    const again = new Outbox(
      new MemoryStore(saved),
      () => {},
      () => 'x',
    );
    expect(await again.load()).toEqual({ dropped: 1 });
    expect(again.views()).toMatchObject([{ id: 'e1', uuid: 'r1' }]);
  });

  it('treats a file of the wrong shape as unreadable', async () => {
    const outbox = new Outbox(
      new MemoryStore({ version: 9 }),
      () => {},
      () => 'x',
    );
    expect(await outbox.load()).toEqual({ dropped: 1 });
    expect(outbox.entries()).toEqual([]);
  });
});
