/**
 * Frames nobody asked for, from a stand-in xuc over real sockets (the practice server never sends
 * these two): an AgentError while no agent command waits, and PhoneEvents of another line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeXuc, type FakeConnection } from '../xuc/helpers/fake-xuc';
import { deskFor } from './sim-helpers';
import type { Desk } from '../../../main/desk/desk';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function signedIn(): Promise<{ desk: Desk; line: FakeConnection }> {
  const server = await FakeXuc.start({ users: { alice: 'secret' } });
  cleanup.push(() => server.stop());
  // What a real xuc sends a user without an agent after LoggedOn (so sign-in need not wait it out).
  server.onSession = (connection) => {
    connection.send('LoggedOn', {});
    connection.send('RightProfile', { profile: 'NoRight', rights: [] });
    connection.send('UserConfigUpdate', {
      userId: 11,
      agentId: null,
      fullName: 'Alice Martin',
      lineIds: [1],
    });
  };
  const { desk } = deskFor();
  cleanup.push(() => desk.stop());
  await desk.start();
  const signIn = desk.invoke('session:signIn', {
    serverUrl: server.baseUrl,
    login: 'alice',
    password: 'secret',
    phoneNumber: '1001',
    rememberPassword: false,
  });
  const line = await server.connection(1);
  expect(await signIn).toEqual({ ok: true, value: undefined });
  await expect.poll(() => desk.store.snapshot.connection.state).toBe('connected');
  return { desk, line };
}

describe('frames nobody waited for', () => {
  it('an AgentError with no agent command waiting becomes a notice the agent sees', async () => {
    const { desk, line } = await signedIn();
    line.send('AgentError', { Error: 'PhoneNumberUnknown', RequestedNb: '1001' });
    await expect
      .poll(() => desk.store.snapshot.notices.map(({ level, code, params }) => ({ level, code, params })))
      .toContainEqual({ level: 'error', code: 'agent-error', params: { error: 'PhoneNumberUnknown' } });
  });

  it('PhoneEvents of another line are ignored; the own line’s still count', async () => {
    const { desk, line } = await signedIn();
    expect(desk.store.snapshot.call).toBeNull();
    // Another line rings first. Had it counted, there would be a ringing call, and the own line's
    // dialling below could not start a new one; the socket keeps the order, so once the own
    // line's call shows, the other line's event has provably been handled.
    line.send('PhoneEvent', { eventType: 'EventRinging', DN: '1002', otherDN: '0611111111', userData: {} });
    line.send('PhoneEvent', { eventType: 'EventDialing', DN: '1001', otherDN: '0622222222', userData: {} });
    await expect.poll(() => desk.store.snapshot.call?.callerNumber).toBe('0622222222');
    expect(desk.store.snapshot.call).toMatchObject({ phase: 'dialing', callerNumber: '0622222222' });
  });
});
