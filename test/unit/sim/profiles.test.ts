import { describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName } from '../../../xuc/wire/commands';
import { agentReady, CtiClient, loginAgent, placeCall, startSim, testData } from './support';

/** Frontline (group 1) agents: 11–14. Supervisor: queues 1, 2 and group 1. */
const FRONTLINE = [11, 12, 13, 14];

describe('RightProfile', () => {
  it('carries profile and rights; a user with no profile is told Admin', async () => {
    const { baseUrl } = await startSim();
    const expectations: Array<[string, { profile: string; rights: string[] }]> = [
      ['admin', { profile: 'Admin', rights: ['recording', 'dissuasion'] }],
      ['supervisor', { profile: 'Supervisor', rights: ['recording'] }],
      ['alice', { profile: 'NoRight', rights: [] }],
      ['hugo', { profile: 'Admin', rights: [] }],
    ];
    for (const [login, expected] of expectations) {
      const client = await CtiClient.connect(baseUrl, login);
      const right = client.frames.find((f) => f.msgType === 'RightProfile');
      expect(right?.ctiMessage).toEqual(expected);
    }
  });
});

describe('Admin and no profile', () => {
  it.each(['admin', 'hugo'])('%s sees every agent, group and queue', async (login) => {
    const { baseUrl } = await startSim();
    const client = await CtiClient.connect(baseUrl, login);
    client.command('getList', { objectType: 'agent' });
    expect(await client.waitFor('AgentList')).toHaveLength(8);
    client.command('getList', { objectType: 'agentgroup' });
    expect(await client.waitFor('AgentGroupList')).toHaveLength(2);
    client.command('getList', { objectType: 'queue' });
    expect(await client.waitFor('QueueList')).toHaveLength(4);
    client.command('subscribeToQueueStats', {});
    await client.sync();
    expect(client.pending('QueueStatistics').map((s) => s.queueId)).toEqual([1, 2, 3, 4]);
  });

  it('a user with no profile may send Admin commands (setAgentQueue on another agent)', async () => {
    const { baseUrl } = await startSim();
    const hugo = await CtiClient.connect(baseUrl, 'hugo');
    hugo.command('setAgentQueue', { agentId: 12, queueId: 3, penalty: 1 });
    expect(await hugo.waitFor('QueueMember')).toEqual({ agentId: 12, queueId: 3, penalty: 1 });
  });
});

describe('Supervisor', () => {
  it('gets QueueList, QueueMemberList and QueueStatistics for its queues only', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('getList', { objectType: 'queue' });
    expect((await sup.waitFor('QueueList')).map((q) => q.id)).toEqual([1, 2]);
    sup.command('getList', { objectType: 'queuemember' });
    const members = await sup.waitFor('QueueMemberList');
    expect(new Set(members.map((m) => m.queueId))).toEqual(new Set([1, 2]));
    expect(members).toHaveLength(8);
    sup.mark();
    sup.command('subscribeToQueueStats', {});
    await sup.sync();
    expect(sup.pending('QueueStatistics').map((s) => s.queueId)).toEqual([1, 2]);
    sup.command('getQueueStatistics', { queueId: 3, window: 3600, xqos: 30 });
    expect(await sup.waitFor('Error')).toMatchObject({ Error: 'Forbidden' });
  });

  it('gets AgentList, AgentGroupList, AgentStateEvent and AgentStatistics for its groups only', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('getList', { objectType: 'agent' });
    expect((await sup.waitFor('AgentList')).map((a) => a.id)).toEqual(FRONTLINE);
    sup.command('getList', { objectType: 'agentgroup' });
    expect(await sup.waitFor('AgentGroupList')).toEqual([
      { id: 1, name: 'frontline', displayName: 'Front line' },
    ]);
    sup.mark();
    sup.command('getAgentStates', {});
    sup.command('subscribeToAgentStats', {});
    await sup.sync();
    expect(sup.pending('AgentStateEvent').map((s) => s.agentId)).toEqual(FRONTLINE);
    expect(sup.pending('AgentStatistics').map((s) => s.id)).toEqual(FRONTLINE);
    sup.command('getAgentDirectory', {});
    expect((await sup.waitFor('AgentDirectory')).directory.map((e) => e.agent.id)).toEqual(FRONTLINE);
  });

  it('receives state and statistics changes of its groups and nothing of other agents', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('subscribeToAgentEvents', {});
    sup.command('subscribeToAgentStats', {});
    await sup.sync();
    sup.mark();
    const emma = await agentReady(baseUrl, 15); // experts: not the supervisor's
    emma.command('pauseAgent', { reason: 'lunch' });
    await emma.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnPause');
    await agentReady(baseUrl, 12); // frontline
    await sup.waitFor('AgentStateEvent', (s) => s.agentId === 12 && s.name === 'AgentReady');
    await sup.sync();
    expect(sup.pending('AgentStateEvent', (s) => s.agentId === 15)).toEqual([]);
    expect(sup.pending('AgentStatistics', (s) => s.id === 15)).toEqual([]);
    expect(sup.pending('AgentStatistics', (s) => s.id === 12).length).toBeGreaterThan(0);
  });

  it('may not act on agents outside its groups or queues outside its list', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    const forbidden: Array<{ [K in CommandName]: [K, CommandArgs[K]] }[CommandName]> = [
      ['pauseAgent', { agentid: 15 }],
      ['listenAgent', { agentid: 16 }],
      ['setAgentQueue', { agentId: 11, queueId: 3, penalty: 0 }],
      ['setAgentQueue', { agentId: 15, queueId: 1, penalty: 0 }],
      ['removeAgentFromQueue', { agentId: 15, queueId: 1 }],
      ['setAgentGroup', { agentId: 11, groupId: 2 }],
      ['dialFromQueue', { destination: '0600000000', queueId: 4 }],
    ];
    for (const [name, args] of forbidden) {
      sup.mark();
      sup.command(name, args as never);
      expect(await sup.waitFor('Error'), name).toMatchObject({ Error: 'Forbidden' });
    }
    sup.command('setAgentQueue', { agentId: 11, queueId: 2, penalty: 3 });
    expect(await sup.waitFor('QueueMember')).toEqual({ agentId: 11, queueId: 2, penalty: 3 });
  });

  it('logs in one of its agents on demand', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('agentLogin', { agentphonenumber: '1004', agentid: 14 });
    expect(await sup.waitFor('AgentStateEvent')).toMatchObject({ agentId: 14, name: 'AgentReady' });
    sup.command('agentLogin', { agentphonenumber: '1005', agentid: 15 });
    expect(await sup.waitFor('AgentError')).toEqual({ Error: 'Forbidden' });
  });
});

describe('NoRight: its own agent only', () => {
  it('sees only its own agent, group, memberships and the queues its agent belongs to', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice'); // agent 11, queues 1 and 4, group 1
    alice.command('getList', { objectType: 'agent' });
    expect((await alice.waitFor('AgentList')).map((a) => a.id)).toEqual([11]);
    alice.command('getList', { objectType: 'agentgroup' });
    expect((await alice.waitFor('AgentGroupList')).map((g) => g.id)).toEqual([1]);
    alice.command('getList', { objectType: 'queue' });
    expect((await alice.waitFor('QueueList')).map((q) => q.id)).toEqual([1, 4]);
    alice.command('getList', { objectType: 'queuemember' });
    expect(await alice.waitFor('QueueMemberList')).toEqual([
      { agentId: 11, queueId: 1, penalty: 0 },
      { agentId: 11, queueId: 4, penalty: 2 },
    ]);
    alice.mark();
    alice.command('getAgentStates', {});
    alice.command('subscribeToAgentStats', {});
    alice.command('subscribeToQueueStats', {});
    alice.command('getCallbackLists', {});
    await alice.sync();
    expect(alice.pending('AgentStateEvent').map((s) => s.agentId)).toEqual([11]);
    expect(alice.pending('AgentStatistics').map((s) => s.id)).toEqual([11]);
    expect(alice.pending('QueueStatistics').map((s) => s.queueId)).toEqual([1, 4]);
    // Callback lists are on queues 1 (sales: hers) and 2 (support: not hers).
    expect(alice.pending('CallbackLists')[0]!.map((l) => l.queueId)).toEqual([1]);
  });

  it('is refused every command on another agent, memberships, groups, listening and dialFromQueue', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    const forbidden: Array<{ [K in CommandName]: [K, CommandArgs[K]] }[CommandName]> = [
      ['agentLogout', { agentid: 12 }],
      ['pauseAgent', { agentid: 12, reason: 'lunch' }],
      ['unpauseAgent', { agentid: 12 }],
      ['monitorPause', { agentid: 12 }],
      ['listenAgent', { agentid: 12 }],
      ['listenAgent', { agentid: 11 }],
      ['setAgentQueue', { agentId: 11, queueId: 2, penalty: 0 }],
      ['removeAgentFromQueue', { agentId: 11, queueId: 1 }],
      ['setAgentGroup', { agentId: 11, groupId: 2 }],
      ['dialFromQueue', { destination: '0600000000', queueId: 1 }],
      ['getQueueStatistics', { queueId: 2, window: 3600, xqos: 30 }],
      ['subscribeToQueueCalls', { queueId: 3 }],
      ['getUserDefaultMembership', { userId: 11 }],
    ];
    for (const [name, args] of forbidden) {
      alice.mark();
      alice.command(name, args as never);
      expect(await alice.waitFor('Error'), name).toMatchObject({ Error: 'Forbidden' });
    }
    alice.command('agentLogin', { agentphonenumber: '1002', agentid: 12 });
    expect(await alice.waitFor('AgentError')).toEqual({ Error: 'Forbidden' });
  });

  it('drives its own agent: login, pause, unpause, statistics', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    await loginAgent(alice, '1001');
    alice.command('pauseAgent', { agentid: 11, reason: 'break' });
    expect(await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnPause')).toMatchObject({
      cause: 'break',
    });
    alice.command('unpauseAgent', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
  });

  it('never receives events about other agents or queues, even when it subscribes to everything', async () => {
    const data = testData();
    data.queues[1]!.ringTimeoutSeconds = 5;
    const { baseUrl, clock } = await startSim({ data });
    const alice = await agentReady(baseUrl, 11);
    alice.command('pauseAgent', { reason: 'lunch' }); // so that no call rings her
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnPause');
    alice.command('subscribeToAgentEvents', {});
    alice.command('subscribeToAgentStats', {});
    alice.command('subscribeToQueueStats', {});
    alice.command('getList', { objectType: 'agent' });
    alice.command('getList', { objectType: 'queuemember' });
    alice.command('getCallbackLists', {});
    await alice.sync();
    alice.mark();

    const admin = await CtiClient.connect(baseUrl, 'admin');
    const bruno = await agentReady(baseUrl, 12);
    const david = await agentReady(baseUrl, 14);
    admin.command('setAgentQueue', { agentId: 12, queueId: 2, penalty: 1 });
    admin.command('setAgentGroup', { agentId: 14, groupId: 2 });
    await admin.waitFor('AgentConfig');
    await placeCall(baseUrl, { queueId: 2, callerNumber: '0611111111' });
    await david.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    // Bruno is now in support (queue 2): he may take a support callback; Alice may not see that list.
    bruno.command('takeCallback', { uuid: 'a967da84-bc41-4bf4-a4fc-000000000009' });
    await bruno.waitFor('CallbackTaken');
    clock.advance(5000); // the ring times out on David: more state and statistics changes
    await david.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
    await alice.sync();

    const foreign = alice.sinceMark().filter((frame) => {
      const m = frame.ctiMessage as Record<string, unknown>;
      switch (frame.msgType) {
        case 'AgentStateEvent':
          return m.agentId !== 11;
        case 'AgentStatistics':
        case 'AgentConfig':
          return m.id !== 11;
        case 'QueueMember':
          return m.agentId !== 11;
        case 'QueueStatistics':
          return m.queueId !== 1 && m.queueId !== 4;
        case 'Sheet':
        case 'PhoneEvent':
        case 'CallbackTaken':
        case 'CallbackLists':
        case 'AgentListen':
        case 'AgentList':
        case 'QueueMemberList':
          return true;
        default:
          return false;
      }
    });
    expect(foreign).toEqual([]);
    // …while her own queue's statistics do arrive (the call on queue 2 is not hers; a call on 1 is).
    alice.mark();
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0622222222' });
    expect(await alice.waitFor('QueueStatistics')).toMatchObject({ queueId: 1 });
  });
});
