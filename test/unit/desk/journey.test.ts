/**
 * The agent's day against the real practice server over real sockets: sign in, an incoming call,
 * wrap-up, a pause from the tray, a callback; and the two agent-login errors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualScheduler, PracticeServer } from '../../../sim/index';
import type { Desk } from '../../../main/desk/desk';
import { control, deskFor, simState, startSim } from './sim-helpers';
import { type TestPorts } from './support';

let sim: PracticeServer;
let scheduler: ManualScheduler;
const desks: Desk[] = [];

beforeEach(async () => {
  ({ sim, scheduler } = await startSim());
});

afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.stop();
  await sim.close();
});

async function signedInDesk(login: string, phoneNumber: string): Promise<{ desk: Desk; ports: TestPorts }> {
  const made = deskFor({ practice: { start: async () => ({ baseUrl: sim.baseUrl }) } });
  desks.push(made.desk);
  await made.desk.start();
  const result = await made.desk.invoke('session:signIn', {
    serverUrl: '',
    login,
    password: 'practice',
    phoneNumber,
    rememberPassword: false,
  });
  expect(result).toEqual({ ok: true, value: undefined });
  return made;
}

describe('the agent journey against the practice server', () => {
  it('sign in, ready, one call with one notification and one screen pop, wrap-up, ready', async () => {
    const { desk, ports } = await signedInDesk('alice', '1001');
    const s = () => desk.store.snapshot;
    expect(s().connection.state).toBe('connected');
    expect(s().user).toMatchObject({ login: 'alice', profile: 'NoRight', agentId: 11 });
    await expect.poll(() => s().agent?.state, { message: 'agent ready' }).toBe('AgentReady');
    await expect
      .poll(() => s().pauseReasons.length > 0 && Object.keys(s().queues).length > 0, { message: 'lists' })
      .toBe(true);
    expect(ports.tray.last?.icon).toBe('ready');

    const placed = await control(sim, 'POST', '/sim/calls', {
      queueId: 1,
      callerNumber: '0601020304',
      callerName: 'Jean & Fils',
      variables: { folderNumber: '4242' },
    });
    await expect
      .poll(() => s().call?.phase === 'ringing' && ports.notifier.of('incoming-call').length === 1, {
        message: 'ring',
      })
      .toBe(true);
    await expect.poll(() => ports.urlOpener.opened, { message: 'screen pop' }).toHaveLength(1);
    expect(ports.urlOpener.opened).toEqual([
      { url: 'https://crm.example.com/customer?folder=4242', multiTab: false },
    ]);
    expect(ports.notifier.of('incoming-call')[0]).toMatchObject({
      title: 'Incoming call',
      body: 'Jean & Fils 0601020304 — queue Sales',
    });
    expect(s().call).toMatchObject({
      callerNumber: '0601020304',
      queueName: 'sales',
      screenPop: { status: 'opened', url: 'https://crm.example.com/customer?folder=4242' },
    });
    await expect.poll(() => ports.tray.last?.icon, { message: 'ringing tray' }).toBe('ringing');

    expect(await desk.invoke('call:answer', {})).toEqual({ ok: true, value: undefined });
    await expect.poll(() => s().call?.phase, { message: 'on call' }).toBe('on-call');
    expect(s().agent?.state).toBe('AgentOnCall');

    await control(sim, 'POST', `/sim/calls/${placed.callId as string}/hangup`);
    await expect
      .poll(() => s().call?.phase === 'wrapup' && s().agent?.state === 'AgentOnWrapup', {
        message: 'wrap-up',
      })
      .toBe(true);
    scheduler.advance(60_000); // the queue's wrap-up time passes on the server
    await expect
      .poll(() => s().agent?.state === 'AgentReady' && s().call === null, { message: 'ready again' })
      .toBe(true);

    // Exactly one of each for the whole call, even with more events after the ring.
    expect(ports.notifier.of('incoming-call')).toHaveLength(1);
    expect(ports.urlOpener.opened).toHaveLength(1);
  });

  it('call data naming {xuc-token} or {xuc-username} is opened as a value, never as the secret', async () => {
    const { desk, ports } = await signedInDesk('alice', '1001');
    const s = () => desk.store.snapshot;
    await expect.poll(() => s().agent?.state, { message: 'agent ready' }).toBe('AgentReady');
    await control(sim, 'POST', '/sim/calls', {
      queueId: 1,
      callerNumber: '0601020304',
      variables: { folderNumber: '{xuc-token}' },
    });
    await expect.poll(() => ports.urlOpener.opened, { message: 'screen pop' }).toHaveLength(1);
    expect(ports.urlOpener.opened[0]!.url).toBe('https://crm.example.com/customer?folder=%7Bxuc-token%7D');
    const token = desk.client?.token;
    expect(token).toBeTruthy();
    expect(ports.urlOpener.opened[0]!.url).not.toContain(token!);
    expect(ports.urlOpener.opened[0]!.url).not.toContain('alice');
  });

  it('pauses with a reason chosen in the tray menu, and the server agrees', async () => {
    const { desk } = await signedInDesk('alice', '1001');
    const s = () => desk.store.snapshot;
    await expect
      .poll(() => s().agent?.state === 'AgentReady' && s().pauseReasons.length > 0, { message: 'ready' })
      .toBe(true);
    await expect
      .poll(() => s().tray.menu.find((i) => i.id === 'pause')?.enabled, { message: 'pause enabled' })
      .toBeTruthy();

    const lunch = s()
      .tray.menu.find((i) => i.id === 'pause')!
      .submenu.find((i) => i.label === 'Lunch')!;
    const result = await desk.trayAction(lunch.action!);
    expect(result.ok).toBe(true);
    expect(s().agent).toMatchObject({ state: 'AgentOnPause', cause: 'lunch' });
    expect(s().tray.icon).toBe('paused');
    const server = await simState(sim);
    expect(server.agents.find((a) => a.id === 11)).toMatchObject({ state: 'AgentOnPause', cause: 'lunch' });

    const unpause = s().tray.menu.find((i) => i.id === 'unpause')!;
    expect(unpause.enabled).toBe(true);
    expect((await desk.trayAction(unpause.action!)).ok).toBe(true);
    expect(s().agent?.state).toBe('AgentReady');
  });

  it('takes, starts and closes a callback', async () => {
    const { desk } = await signedInDesk('alice', '1001');
    const s = () => desk.store.snapshot;
    await expect
      .poll(() => Object.keys(s().callbackLists).length > 0 && s().agent?.state === 'AgentReady', {
        message: 'lists',
      })
      .toBe(true);
    const list = Object.values(s().callbackLists).find((l) => l.name === 'Sales callbacks')!;
    const request = list.requests.find((r) => r.agentId === null)!;

    expect(await desk.invoke('callback:take', { uuid: request.uuid })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(s().callbackLists[list.uuid]!.requests.find((r) => r.uuid === request.uuid)?.agentId).toBe(11);

    expect(
      await desk.invoke('callback:start', { uuid: request.uuid, phoneNumber: request.phoneNumber! }),
    ).toEqual({ ok: true, value: undefined });
    const started = s().callbackLists[list.uuid]!.requests.find((r) => r.uuid === request.uuid)!;
    expect(started.ticketUuid).toEqual(expect.any(String));
    await expect.poll(() => s().call?.phase, { message: 'dialing the customer' }).toBe('dialing');
    expect(await desk.invoke('call:hangup', {})).toEqual({ ok: true, value: undefined });

    const closed = await desk.invoke('callback:updateTicket', {
      uuid: request.uuid,
      status: 'Answered',
      comment: 'Quote sent',
    });
    expect(closed).toEqual({ ok: true, value: { delivery: 'confirmed' } });
    expect(s().callbackLists[list.uuid]!.requests.some((r) => r.uuid === request.uuid)).toBe(false);
    expect(s().outbox).toEqual([]);
    const server = await simState(sim);
    expect(
      server.callbackLists.find((l) => l.uuid === list.uuid)!.requests.some((r) => r.uuid === request.uuid),
    ).toBe(false);
  });

  it('a server refusal comes back readable and changes nothing', async () => {
    const { desk } = await signedInDesk('alice', '1001');
    const result = await desk.invoke('callback:release', { uuid: 'no-such-callback' });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(result.ok || result.error.message).toContain('CallbackNotFound');
  });
});

describe('agent login errors reach the user', () => {
  it('LoggedInOnAnotherPhone names both numbers and what to do', async () => {
    const first = await signedInDesk('alice', '1001');
    await expect
      .poll(() => first.desk.store.snapshot.agent?.state, { message: 'first desk ready' })
      .toBe('AgentReady');

    const second = deskFor({ practice: { start: async () => ({ baseUrl: sim.baseUrl }) } });
    desks.push(second.desk);
    await second.desk.start();
    const result = await second.desk.invoke('session:signIn', {
      serverUrl: '',
      login: 'alice',
      password: 'practice',
      phoneNumber: '1002',
      rememberPassword: false,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'agent-error',
        message:
          'Your agent is already logged in on phone 1001, not on 1002. Log the agent out there, or sign in with phone number 1001.',
        key: 'error.loggedInOnAnotherPhone',
        params: { phoneNb: '1001', requestedNb: '1002' },
        details: { error: 'LoggedInOnAnotherPhone', phoneNb: '1001', requestedNb: '1002' },
      },
    });
    // Still signed in, the agent where it was, and the error stays on screen as a notice.
    const s = second.desk.store.snapshot;
    expect(s.connection.state).toBe('connected');
    expect(s.notices.at(-1)).toMatchObject({ code: 'agent-login-failed' });
    expect((await simState(sim)).agents.find((a) => a.id === 11)).toMatchObject({ phoneNb: '1001' });
  });

  it('PhoneNumberUnknown names the number', async () => {
    const { desk } = deskFor({ practice: { start: async () => ({ baseUrl: sim.baseUrl }) } });
    desks.push(desk);
    await desk.start();
    const result = await desk.invoke('session:signIn', {
      serverUrl: '',
      login: 'bruno',
      password: 'practice',
      phoneNumber: '9999',
      rememberPassword: false,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'agent-error',
        message:
          'The server does not know the phone number 9999. Check the number of your line and try again.',
        key: 'error.phoneNumberUnknown',
        params: { requestedNb: '9999' },
        details: { error: 'PhoneNumberUnknown', requestedNb: '9999' },
      },
    });
  });

  it('wrong credentials are a readable error and leave the desk signed out', async () => {
    const { desk } = deskFor();
    desks.push(desk);
    await desk.start();
    const result = await desk.invoke('session:signIn', {
      serverUrl: sim.baseUrl,
      login: 'alice',
      password: 'wrong',
      phoneNumber: '1001',
      rememberPassword: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-credentials' } });
    expect(desk.store.snapshot.connection).toEqual({ state: 'signed-out' });
  });
});
