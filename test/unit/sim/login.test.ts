import { describe, expect, it } from 'vitest';
import { CtiClient, loginAgent, startSim } from './support';

describe('agent login (agent-api.md, the five cases)', () => {
  it('logs in on a known line: AgentLoggedOut goes straight to AgentReady', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.mark();
    alice.command('agentLogin', { agentphonenumber: '1001', agentid: 11 });
    const state = await alice.waitFor('AgentStateEvent');
    expect(state).toMatchObject({
      name: 'AgentReady',
      agentId: 11,
      phoneNb: '1001',
      since: 0,
      queues: [1, 4],
    });
    await alice.sync();
    expect(alice.pending('AgentStateEvent', (s) => s.name === 'AgentLogin')).toEqual([]);
  });

  it('refuses an unknown line with AgentError PhoneNumberUnknown', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.mark();
    alice.command('agentLogin', { agentphonenumber: '9999' });
    expect(await alice.waitFor('AgentError')).toEqual({ Error: 'PhoneNumberUnknown' });
    await alice.sync();
    expect(alice.pending('AgentStateEvent')).toEqual([]);
  });

  it('refuses another line while logged: LoggedInOnAnotherPhone, and the agent stays where it was', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    await loginAgent(alice, '1001');
    alice.mark();
    alice.command('agentLogin', { agentphonenumber: '1011' });
    expect(await alice.waitFor('AgentError')).toEqual({
      Error: 'LoggedInOnAnotherPhone',
      phoneNb: '1001',
      RequestedNb: '1011',
    });
    alice.command('getAgentStates', {});
    expect(await alice.waitFor('AgentStateEvent', (s) => s.agentId === 11)).toMatchObject({
      name: 'AgentReady',
      phoneNb: '1001',
    });
  });

  it('keeps an agent already logged on the requested line logged, and confirms its state', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    await loginAgent(alice, '1001');
    clock.advance(42_000);
    alice.mark();
    alice.command('agentLogin', { agentphonenumber: '1001' });
    const state = await alice.waitFor('AgentStateEvent');
    expect(state).toMatchObject({ name: 'AgentReady', phoneNb: '1001', since: 42 });
    await alice.sync();
    expect(alice.pending('AgentError')).toEqual([]);
  });

  it('lets an agent take over a line used by another: the previous agent goes to AgentLoggedOut', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    const bruno = await CtiClient.connect(baseUrl, 'bruno');
    await loginAgent(bruno, '1011');
    alice.mark();
    bruno.mark();
    alice.command('agentLogin', { agentphonenumber: '1011' });
    expect(await bruno.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentLoggedOut',
      agentId: 12,
      phoneNb: '1011',
    });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentReady',
      agentId: 11,
      phoneNb: '1011',
    });
    // Bruno may log in again elsewhere.
    expect((await loginAgent(bruno, '1002')).name).toBe('AgentReady');
  });

  it('acts on the connected user own agent when agentid is left out, and logs out', async () => {
    const { baseUrl } = await startSim();
    const chloe = await CtiClient.connect(baseUrl, 'chloe');
    await loginAgent(chloe, '1003');
    chloe.mark();
    chloe.send({ claz: 'web', command: 'agentLogout' });
    expect(await chloe.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentLoggedOut',
      agentId: 13,
      phoneNb: '1003',
    });
  });

  it('answers agent commands from a user without an agent, and no agentid, with NoAgent', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('agentLogin', { agentphonenumber: '1010' });
    expect(await admin.waitFor('AgentError')).toEqual({ Error: 'NoAgent' });
    admin.command('pauseAgent', {});
    expect(await admin.waitFor('Error')).toMatchObject({ Error: 'NoAgent' });
  });

  it('lets an Admin log in another agent and get its state without subscribing', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('agentLogin', { agentphonenumber: '1005', agentid: 15 });
    expect(await admin.waitFor('AgentStateEvent')).toMatchObject({
      agentId: 15,
      name: 'AgentReady',
      phoneNb: '1005',
    });
  });
});
