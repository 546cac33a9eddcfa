import { describe, expect, it } from 'vitest';
import { agentReady, CtiClient, loginAgent, placeCall, startSim } from './support';

describe('agent commands', () => {
  it('pauses with a reason (returned as cause), unpauses, and counts `since` in the current state', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    alice.command('pauseAgent', { reason: 'lunch' });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnPause',
      cause: 'lunch',
      since: 0,
    });
    clock.advance(30_000);
    alice.command('getAgentStates', {});
    expect(await alice.waitFor('AgentStateEvent', (s) => s.agentId === 11)).toMatchObject({
      name: 'AgentOnPause',
      since: 30,
    });
    alice.command('unpauseAgent', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady', since: 0 });
  });

  it('refuses to pause a logged-out agent with an Error', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.mark();
    alice.command('pauseAgent', { agentid: 11, reason: 'break' });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'AgentNotLoggedIn' });
  });

  it('pauses and unpauses through a user status with queuepause_all / queueunpause_all', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    alice.command('userStatusUpdate', { status: 'training' });
    expect(await alice.waitFor('UserStatusUpdate')).toEqual({ status: 'training' });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentOnPause', cause: 'training' });
    alice.command('userStatusUpdate', { status: 'available' });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' });
    alice.command('userStatusUpdate', { status: 'holiday' });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'UnknownStatus' });
  });

  it('listens to an agent: AgentListen started then stopped, to the listened agent and the listener', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const supervisor = await CtiClient.connect(baseUrl, 'supervisor');
    alice.mark();
    supervisor.command('listenAgent', { agentid: 11 });
    const started = { started: true, phoneNumber: '1001', agentId: 11 };
    expect(await alice.waitFor('AgentListen')).toEqual(started);
    expect(await supervisor.waitFor('AgentListen')).toEqual(started);
    supervisor.command('hangup', {});
    const stopped = { started: false, phoneNumber: '1001', agentId: 11 };
    expect(await alice.waitFor('AgentListen')).toEqual(stopped);
    expect(await supervisor.waitFor('AgentListen')).toEqual(stopped);
  });

  it('stops a listen when the listened agent logs out', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('listenAgent', { agentid: 11 });
    await admin.waitFor('AgentListen', (l) => l.started);
    alice.command('agentLogout', {});
    expect(await admin.waitFor('AgentListen')).toMatchObject({ started: false, agentId: 11 });
  });

  it('setAgentQueue adds or changes a membership with a QueueMember event; removal sends penalty -1', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    admin.mark();
    admin.command('setAgentQueue', { agentId: 11, queueId: 3, penalty: 4 });
    expect(await admin.waitFor('QueueMember')).toEqual({ agentId: 11, queueId: 3, penalty: 4 });
    expect(await alice.waitFor('QueueMember')).toEqual({ agentId: 11, queueId: 3, penalty: 4 });
    // The agent's queues change: its state and its configuration say so.
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady', queues: [1, 3, 4] });
    const config = await alice.waitFor('AgentConfig');
    expect(config.member?.map((m) => [m.queue_id, m.penalty])).toEqual([
      [1, 0],
      [3, 4],
      [4, 2],
    ]);
    admin.command('setAgentQueue', { agentId: 11, queueId: 3, penalty: 1 });
    expect(await admin.waitFor('QueueMember')).toEqual({ agentId: 11, queueId: 3, penalty: 1 });
    admin.command('removeAgentFromQueue', { agentId: 11, queueId: 3 });
    expect(await admin.waitFor('QueueMember')).toEqual({ agentId: 11, queueId: 3, penalty: -1 });
    expect(await alice.waitFor('AgentStateEvent', (s) => s.queues.length === 2)).toMatchObject({
      queues: [1, 4],
    });
  });

  it('sends nothing when setAgentQueue or removeAgentFromQueue fails', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('setAgentQueue', { agentId: 999, queueId: 1, penalty: 0 });
    admin.command('setAgentQueue', { agentId: 11, queueId: 999, penalty: 0 });
    admin.command('removeAgentFromQueue', { agentId: 11, queueId: 3 });
    await admin.sync();
    expect(admin.pending('QueueMember')).toEqual([]);
    expect(admin.pending('Error')).toEqual([]);
  });

  it('setAgentGroup moves an agent and sends AgentConfig', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('setAgentGroup', { agentId: 14, groupId: 2 });
    expect(await admin.waitFor('AgentConfig')).toMatchObject({ id: 14, groupId: 2, numgroup: 2 });
    admin.command('getList', { objectType: 'agent' });
    const list = await admin.waitFor('AgentList');
    expect(list.find((a) => a.id === 14)?.groupId).toBe(2);
    admin.command('setAgentGroup', { agentId: 14, groupId: 77 });
    expect(await admin.waitFor('Error')).toMatchObject({ Error: 'UnknownGroup' });
  });

  it('answers the lists: AgentList, AgentGroupList, QueueList, QueueMemberList, AgentDirectory', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    await agentReady(baseUrl, 12);
    admin.command('getList', { objectType: 'agent' });
    const agents = await admin.waitFor('AgentList');
    expect(agents).toHaveLength(8);
    expect(agents[0]).toEqual({
      id: 11,
      firstName: 'Alice',
      lastName: 'Martin',
      number: '2001',
      context: 'default',
      groupId: 1,
      userId: 11,
    });
    admin.command('getList', { objectType: 'agentgroup' });
    expect(await admin.waitFor('AgentGroupList')).toEqual([
      { id: 1, name: 'frontline', displayName: 'Front line' },
      { id: 2, name: 'experts', displayName: 'Experts' },
    ]);
    admin.command('getList', { objectType: 'queue' });
    const queues = await admin.waitFor('QueueList');
    expect(queues.map((q) => q.name)).toEqual(['sales', 'support', 'billing', 'vip']);
    expect(queues[0]).toEqual({ id: 1, name: 'sales', displayName: 'Sales', number: '3001' });
    admin.command('getList', { objectType: 'queuemember' });
    const members = await admin.waitFor('QueueMemberList');
    expect(members).toHaveLength(14);
    expect(members).toContainEqual({ agentId: 15, queueId: 1, penalty: 2 });
    admin.command('getAgentDirectory', {});
    const directory = await admin.waitFor('AgentDirectory');
    expect(directory.directory).toHaveLength(8);
    expect(directory.directory.find((e) => e.agent.id === 12)).toEqual({
      agent: {
        context: 'default',
        firstName: 'Bruno',
        groupId: 1,
        id: 12,
        lastName: 'Lefèvre',
        number: '2002',
      },
      agentState: {
        name: 'AgentReady',
        agentId: 12,
        phoneNb: '1002',
        since: 0,
        queues: [1],
        cause: 'available',
      },
    });
    admin.command('getList', { objectType: 'phonebook' });
    expect(await admin.waitFor('Error')).toMatchObject({ Error: 'UnsupportedObjectType' });
  });

  it('getAgentStates answers one AgentStateEvent per agent; subscribeToAgentEvents streams later changes', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    const emma = await CtiClient.connect(baseUrl, 'emma');
    admin.mark();
    admin.command('getAgentStates', {});
    await admin.sync();
    const states = admin.pending('AgentStateEvent');
    expect(states.map((s) => s.agentId).sort()).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    for (const state of states) expect(state).toMatchObject({ name: 'AgentLoggedOut', phoneNb: '' });

    admin.mark();
    await loginAgent(emma, '1005');
    await admin.sync();
    expect(admin.pending('AgentStateEvent')).toEqual([]); // not subscribed yet
    admin.command('subscribeToAgentEvents', {});
    await admin.sync();
    emma.command('pauseAgent', { reason: 'break' });
    expect(await admin.waitFor('AgentStateEvent')).toMatchObject({
      agentId: 15,
      name: 'AgentOnPause',
      cause: 'break',
    });
  });

  it('sends the current state to the requester when an unpause changes nothing', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    alice.command('unpauseAgent', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady', agentId: 11 });
  });
});

describe('configuration, queue calls and default memberships', () => {
  it('getConfig answers QueueConfig per queue and AgentConfig per agent the user may see', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.mark();
    sup.command('getConfig', { objectType: 'queue' });
    sup.command('getConfig', { objectType: 'agent' });
    await sup.sync();
    expect(sup.pending('QueueConfig')).toEqual([
      { id: 1, name: 'sales', displayName: 'Sales', number: '3001' },
      { id: 2, name: 'support', displayName: 'Support', number: '3002' },
    ]);
    const configs = sup.pending('AgentConfig');
    expect(configs.map((c) => c.id)).toEqual([11, 12, 13, 14]);
    expect(configs[0]).toMatchObject({ firstname: 'Alice', firstName: 'Alice', userId: 11, groupId: 1 });
    sup.command('getConfig', { objectType: 'meetme' });
    expect(await sup.waitFor('Error')).toMatchObject({ Error: 'UnsupportedObjectType' });
  });

  it('subscribeToQueueCalls lists the waiting calls now and on each change, until unsubscribed', async () => {
    const { baseUrl, clock } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('subscribeToQueueCalls', { queueId: 3 });
    expect(await admin.waitFor('QueueCalls')).toEqual({ queueId: 3, calls: [] });
    await placeCall(baseUrl, { queueId: 3, callerNumber: '0601020304', callerName: 'Ann' });
    expect(await admin.waitFor('QueueCalls')).toEqual({
      queueId: 3,
      calls: [{ position: 1, name: 'Ann', number: '0601020304', queueTime: 0 }],
    });
    clock.advance(300_000); // billing's maxWait: the call leaves the queue
    expect(await admin.waitFor('QueueCalls')).toEqual({ queueId: 3, calls: [] });
    admin.command('unSubscribeToQueueCalls', { queueId: 3 });
    await admin.sync();
    await placeCall(baseUrl, { queueId: 3, callerNumber: '0601020305' });
    await admin.sync();
    expect(admin.pending('QueueCalls')).toEqual([]);
  });

  it('gets, sets and applies a user default membership (QueueMember events on apply)', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('getUserDefaultMembership', { userId: 11 });
    expect(await admin.waitFor('UserQueueDefaultMembership')).toEqual({
      userId: 11,
      membership: [
        { queueId: 1, penalty: 0 },
        { queueId: 4, penalty: 2 },
      ],
    });
    admin.command('setUserDefaultMembership', { userId: 11, membership: [{ queueId: 2, penalty: 1 }] });
    expect(await admin.waitFor('UserQueueDefaultMembership')).toEqual({
      userId: 11,
      membership: [{ queueId: 2, penalty: 1 }],
    });
    admin.mark();
    admin.command('applyUsersDefaultMembership', { userIds: [11] });
    const first = await admin.waitFor('QueueMember');
    const second = await admin.waitFor('QueueMember');
    const third = await admin.waitFor('QueueMember');
    expect([first, second, third]).toEqual([
      { agentId: 11, queueId: 1, penalty: -1 },
      { agentId: 11, queueId: 4, penalty: -1 },
      { agentId: 11, queueId: 2, penalty: 1 },
    ]);
    admin.command('setUsersDefaultMembership', {
      userIds: [12, 13],
      membership: [{ queueId: 3, penalty: 0 }],
    });
    expect((await admin.waitFor('UsersQueueDefaultMembership')).memberships).toEqual([
      { userId: 12, membership: [{ queueId: 3, penalty: 0 }] },
      { userId: 13, membership: [{ queueId: 3, penalty: 0 }] },
    ]);
    admin.command('setUserDefaultMembership', { userId: 11, membership: [{ queueId: 42, penalty: 0 }] });
    expect(await admin.waitFor('Error')).toMatchObject({ Error: 'UnknownQueue' });
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('setUserDefaultMembership', { userId: 15, membership: [] }); // emma: experts group
    expect(await sup.waitFor('Error')).toMatchObject({ Error: 'Forbidden' });
    sup.command('setUserDefaultMembership', { userId: 11, membership: [{ queueId: 3, penalty: 0 }] }); // not its queue
    expect(await sup.waitFor('Error')).toMatchObject({ Error: 'Forbidden' });
  });
});
