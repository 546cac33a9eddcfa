/**
 * The desk's decisions as the agent sees them, against the practice server: screen-pop triggers and
 * refusals, do-not-disturb, pending marks without optimistic state, the bridge's validation,
 * admin locks, and diagnostics without secrets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../preload/contract';
import type { PracticeServer } from '../../../sim/index';
import { handleInvoke } from '../../../main/desk/bridge';
import { createDesk, type Desk } from '../../../main/desk/desk';
import { XucClient } from '../../../xuc/client';
import { control, deskFor, SCREEN_POP_SETTINGS, startSim } from './sim-helpers';
import { makePorts, MemoryStore, type TestPorts } from './support';

let sim: PracticeServer;
const desks: Desk[] = [];

beforeEach(async () => {
  ({ sim } = await startSim());
});
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.stop();
  await sim.close();
});

async function aliceWith(settings: Settings): Promise<{ desk: Desk; ports: TestPorts }> {
  const made = deskFor({}, settings);
  desks.push(made.desk);
  await made.desk.start();
  const result = await made.desk.invoke('session:signIn', {
    serverUrl: sim.baseUrl,
    login: 'alice',
    password: 'practice',
    phoneNumber: '1001',
    rememberPassword: false,
  });
  expect(result.ok).toBe(true);
  await expect.poll(() => made.desk.store.snapshot.agent?.state, { message: 'ready' }).toBe('AgentReady');
  return made;
}

const ring = (folderNumber = '55') =>
  control(sim, 'POST', '/sim/calls', {
    queueId: 1,
    callerNumber: '0600000001',
    callerName: 'Ana',
    variables: { folderNumber },
  });

describe('screen pops and alerts', () => {
  it('with the trigger on answer, waits while ringing and opens once answered', async () => {
    const { desk, ports } = await aliceWith({
      ...SCREEN_POP_SETTINGS,
      screenPop: { ...SCREEN_POP_SETTINGS.screenPop, trigger: 'answered' },
    });
    await ring();
    await expect
      .poll(() => desk.store.snapshot.call?.screenPop.status, { message: 'waiting pop' })
      .toBe('waiting');
    expect(ports.urlOpener.opened).toEqual([]);
    expect((await desk.invoke('call:answer', {})).ok).toBe(true);
    await expect.poll(() => ports.urlOpener.opened, { message: 'opened on answer' }).toHaveLength(1);
    expect(ports.urlOpener.opened[0]!.url).toBe('https://crm.example.com/customer?folder=55');
    // The agent may open it again by hand; the policy's once-per-call is about automatic pops.
    expect((await desk.invoke('call:reopenScreenPop', {})).ok).toBe(true);
    expect(ports.urlOpener.opened).toHaveLength(2);
  });

  it('refuses a host not on the allowlist: logged, shown, notified, never opened', async () => {
    const logs: string[] = [];
    const { desk, ports } = await aliceWith({
      ...SCREEN_POP_SETTINGS,
      screenPop: { ...SCREEN_POP_SETTINGS.screenPop, allowlist: ['intranet.example.net'] },
    });
    ports.logger.warn = (message, fields) => logs.push(`${message} ${JSON.stringify(fields)}`);
    await ring();
    await expect
      .poll(() => desk.store.snapshot.call?.screenPop.status, { message: 'refused' })
      .toBe('refused');
    expect(desk.store.snapshot.call?.screenPop).toMatchObject({
      status: 'refused',
      reason: 'host-not-allowed',
      url: 'https://crm.example.com/customer?folder=55',
    });
    expect(desk.store.snapshot.notices.at(-1)).toMatchObject({ code: 'screen-pop-refused' });
    expect(ports.notifier.of('screen-pop-refused')[0]?.body).toBe(
      'the site is not on the allowed list: https://crm.example.com/customer?folder=55',
    );
    expect(
      logs.some((line) => line.startsWith('screen pop refused') && line.includes('host-not-allowed')),
    ).toBe(true);
    expect(ports.urlOpener.opened).toEqual([]);
    expect(await desk.invoke('call:reopenScreenPop', {})).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: 'The customer page was not opened: the site is not on the allowed list.',
        key: 'error.popRefused',
        details: { reason: 'host-not-allowed' },
      },
    });
    expect(ports.urlOpener.opened).toEqual([]);
  });

  it('opens a Sheet link only where the allowlist allows, by its name, never a URL from the page', async () => {
    const { desk, ports } = await aliceWith(SCREEN_POP_SETTINGS);
    await ring('A 7');
    await expect.poll(() => ports.urlOpener.opened, { message: 'the automatic pop' }).toHaveLength(1);

    expect(await desk.invoke('call:openSheetLink', { name: 'contract' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(ports.urlOpener.opened[1]).toEqual({
      url: 'https://crm.example.com/contracts/A%207',
      multiTab: true,
    });

    const refused = await desk.invoke('call:openSheetLink', { name: 'tracker' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', details: { reason: 'host-not-allowed' } },
    });
    expect(!refused.ok && refused.error.message).toBe(
      'This link was not opened: the site is not on the allowed list.',
    );

    const missing = await desk.invoke('call:openSheetLink', { name: 'folderNumber' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(ports.urlOpener.opened).toHaveLength(2);
  });

  it('under do-not-disturb pops the page but shows no notification', async () => {
    const { desk, ports } = await aliceWith({
      ...SCREEN_POP_SETTINGS,
      notifications: { enabled: true, doNotDisturb: true },
    });
    await ring();
    await expect.poll(() => ports.urlOpener.opened, { message: 'pop' }).toHaveLength(1);
    await expect
      .poll(() => desk.store.snapshot.call?.callerNumber, { message: 'caller known' })
      .toBe('0600000001');
    expect(ports.notifier.shown).toEqual([]);
  });

  it('clicking the call notification shows the window', async () => {
    const { ports } = await aliceWith(SCREEN_POP_SETTINGS);
    await ring();
    await expect.poll(() => ports.notifier.of('incoming-call'), { message: 'notification' }).toHaveLength(1);
    ports.notifier.shown.find((s) => s.notification.kind === 'incoming-call')!.click();
    expect(ports.shell.shows).toBe(1);
  });
});

describe('actions', () => {
  it('shows a pending mark and leaves the state to the server', async () => {
    const { desk } = await aliceWith(SCREEN_POP_SETTINGS);
    const pausing = desk.invoke('agent:pause', { reason: 'break' });
    // Sent, not yet confirmed: the state is still the server's last word.
    expect(desk.store.snapshot.agent?.state).toBe('AgentReady');
    expect(desk.store.snapshot.pending.map((p) => p.action)).toEqual(['agent:pause']);
    expect(await pausing).toEqual({ ok: true, value: undefined });
    expect(desk.store.snapshot.agent).toMatchObject({ state: 'AgentOnPause', cause: 'break' });
    expect(desk.store.snapshot.pending).toEqual([]);
  });

  it('joins a queue and changes nothing when the bridge request is malformed', async () => {
    const { desk } = await aliceWith(SCREEN_POP_SETTINGS);
    const before = desk.store.snapshot;
    expect(await handleInvoke(desk, 'queue:set', { queueId: 'two', penalty: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('queueId') },
    });
    expect(await handleInvoke(desk, 42, {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(desk.store.snapshot).toBe(before);
  });

  it('fails at once with "offline" when the link is down, and sends nothing', async () => {
    const { desk } = await aliceWith(SCREEN_POP_SETTINGS);
    await sim.close();
    await expect
      .poll(() => desk.store.snapshot.connection.state, { message: 'offline' })
      .not.toBe('connected');
    expect(await desk.invoke('agent:unpause', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    ({ sim } = await startSim()); // for afterEach
  });

  it('copies diagnostics without the password or the token', async () => {
    const { desk } = await aliceWith(SCREEN_POP_SETTINGS);
    const result = await desk.invoke('diagnostics:copy', {});
    expect(result.ok).toBe(true);
    const text = result.ok ? result.value : '';
    expect(text).toContain('login: alice');
    expect(text).toContain('"state":"connected"');
    expect(text).not.toContain('practice');
    expect(text).not.toContain(desk.client!.token!);
  });
});

describe('settings', () => {
  it('refuses to change a setting the admin policy locked', async () => {
    const ports = makePorts({ settings: new MemoryStore(DEFAULT_SETTINGS) });
    const desk = createDesk(ports, {
      createClient: (o) => new XucClient(o),
      policy: {
        settingsOverrides: { screenPop: { allowlist: ['crm.example.com'] } },
        locked: ['screenPop.allowlist'],
      },
    });
    desks.push(desk);
    await desk.start();
    expect(desk.store.snapshot.settings.screenPop.allowlist).toEqual(['crm.example.com']);
    expect(desk.store.snapshot.lockedSettings).toEqual(['screenPop.allowlist']);
    const result = await desk.invoke('settings:update', { screenPop: { allowlist: ['evil.com'] } });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((await desk.invoke('settings:update', { theme: 'dark' })).ok).toBe(true);
    expect(desk.store.snapshot.settings).toMatchObject({
      theme: 'dark',
      screenPop: { allowlist: ['crm.example.com'] },
    });
  });

  it('starts with defaults and a notice when the stored settings are invalid', async () => {
    const ports = makePorts({ settings: new MemoryStore({ language: 'tlh', login: 'bob' }) });
    const desk = createDesk(ports, { createClient: (o) => new XucClient(o) });
    desks.push(desk);
    await desk.start();
    expect(desk.store.snapshot.settings).toMatchObject({ language: 'en', login: 'bob' });
    expect(desk.store.snapshot.notices).toMatchObject([
      { code: 'settings-reset', params: { keys: 'language' } },
    ]);
  });

  it('remembers the password only when asked, and signs in by itself on the next start', async () => {
    const first = deskFor({}, SCREEN_POP_SETTINGS);
    desks.push(first.desk);
    await first.desk.start();
    const result = await first.desk.invoke('session:signIn', {
      serverUrl: sim.baseUrl,
      login: 'alice',
      password: 'practice',
      phoneNumber: '1001',
      rememberPassword: true,
    });
    expect(result.ok).toBe(true);
    expect([...first.ports.secrets.values.values()]).toEqual(['practice']);
    expect(first.ports.settings instanceof MemoryStore && first.ports.settings.text).not.toContain(
      'practice',
    );
    await first.desk.stop();

    const again = createDesk(
      { ...first.ports, tray: first.ports.tray },
      { createClient: (o) => new XucClient(o) },
    );
    desks.push(again);
    await again.start();
    await expect
      .poll(() => again.store.snapshot.connection.state, { message: 'auto sign-in' })
      .toBe('connected');
  });
});
