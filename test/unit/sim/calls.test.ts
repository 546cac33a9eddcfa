import { describe, expect, it } from 'vitest';
import { agentReady, CtiClient, getJson, placeCall, postJson, startSim, testData } from './support';

const ringing = (s: { name: string }) => s.name === 'AgentRinging';
type Stat = { name: string; value: number | string };
const stat = (stats: { statistics: Stat[] }, name: string) =>
  stats.statistics.find((s) => s.name === name)?.value;

describe('inbound calls to a queue', () => {
  it('go to the Ready member with the lowest penalty, then the one idle the longest', async () => {
    const { baseUrl, clock } = await startSim();
    // Sales members: 11 and 12 penalty 0, 13 penalty 1, 15 penalty 2. Log in the highest penalty first.
    const emma = await agentReady(baseUrl, 15);
    clock.advance(1000);
    const chloe = await agentReady(baseUrl, 13);
    clock.advance(1000);
    const bruno = await agentReady(baseUrl, 12);
    clock.advance(1000);
    const alice = await agentReady(baseUrl, 11);

    const order: number[] = [];
    for (const client of [bruno, alice, chloe, emma]) {
      await placeCall(baseUrl, { queueName: 'sales', callerNumber: '0601020304' });
      const state = await client.waitFor('AgentStateEvent', ringing);
      order.push(state.agentId);
      client.command('answer', {});
      await client.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    }
    expect(order).toEqual([12, 11, 13, 15]);

    // Alice ends first, Bruno 5 s later: after wrap-up Alice has been idle longer and gets the next call.
    const wrapup = (st: { name: string }) => st.name === 'AgentOnWrapup';
    alice.command('hangup', {});
    await alice.waitFor('AgentStateEvent', wrapup);
    clock.advance(5000);
    bruno.command('hangup', {});
    await bruno.waitFor('AgentStateEvent', wrapup);
    clock.advance(20_000);
    await bruno.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020305' });
    expect(await alice.waitFor('AgentStateEvent', ringing)).toMatchObject({ agentId: 11 });
  });

  it('ring the next agent when one does not answer in time, and come back round', async () => {
    const data = testData();
    data.queues[0]!.ringTimeoutSeconds = 10;
    const { baseUrl, clock } = await startSim({ data });
    const bruno = await agentReady(baseUrl, 12);
    clock.advance(1000);
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await bruno.waitFor('AgentStateEvent', ringing);
    clock.advance(9_999);
    await alice.sync();
    expect(alice.pending('AgentStateEvent', ringing)).toEqual([]);
    clock.advance(1);
    expect(await bruno.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' });
    expect(await bruno.waitFor('PhoneEvent')).toMatchObject({ eventType: 'EventRinging' });
    expect(await bruno.waitFor('PhoneEvent')).toMatchObject({ eventType: 'EventReleased' });
    await alice.waitFor('AgentStateEvent', ringing);
    clock.advance(10_000);
    await bruno.waitFor('AgentStateEvent', ringing);
  });

  it('go to wrap-up for the queue wrap-up time after the call, then Ready', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    alice.command('answer', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnCall',
      acd: true,
      direction: 'Incoming',
      callType: 'External',
      monitorState: 'ACTIVE',
    });
    clock.advance(60_000);
    alice.command('hangup', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentOnWrapup', since: 0 });
    clock.advance(14_999); // sales wrap-up: 15 s
    await alice.sync();
    expect(alice.pending('AgentStateEvent')).toEqual([]);
    clock.advance(1);
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' });
  });

  it('send a Sheet built from the queue sheet fields and the call data, and PhoneEvents with USR_ variables', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const callId = await placeCall(baseUrl, {
      queueId: 1,
      callerNumber: '0601020304',
      callerName: 'Jeanne & Co',
      variables: { folderNumber: 'F 77/B', product: 'fibre' },
    });
    const sheet = await alice.waitFor('Sheet');
    const fields = Object.fromEntries(sheet.payload.profile.user.sheetInfo.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      // XiVO's shape: the client appends folderNumber to popupUrl.
      popupUrl: 'https://crm.example.com/customer?folder=',
      product: 'fibre',
      folderNumber: 'F 77/B',
      callerNumber: '0601020304',
      callerName: 'Jeanne & Co',
      queueName: 'sales',
      USR_product: 'fibre',
    });
    expect(sheet.payload.profile.user.sheetInfo.find((f) => f.name === 'popupUrl')).toMatchObject({
      type: 'url',
      order: 10,
    });
    const rang = await alice.waitFor('PhoneEvent');
    expect(rang).toMatchObject({
      eventType: 'EventRinging',
      DN: '1001',
      otherDN: '0601020304',
      otherDName: 'Jeanne & Co',
      uniqueId: callId,
      queueName: 'sales',
      userData: { USR_folderNumber: 'F 77/B', USR_product: 'fibre' },
    });
    alice.command('answer', { uniqueId: callId });
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({
      eventType: 'EventEstablished',
      userData: { USR_product: 'fibre' },
    });
    alice.command('hangup', {});
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({ eventType: 'EventReleased', uniqueId: callId });
  });

  it('wait in the queue while no agent is ready, and ring the first agent that becomes Ready', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('subscribeToQueueStats', {});
    await admin.sync();
    const hugo = await agentReady(baseUrl, 18);
    hugo.command('pauseAgent', { reason: 'lunch' });
    await hugo.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnPause');
    admin.mark();
    await placeCall(baseUrl, { queueName: 'billing', callerNumber: '0601020304' });
    const waiting = await admin.waitFor('QueueStatistics', (s) =>
      s.counters.some((c) => c.statName === 'WaitingCalls' && c.value === 1),
    );
    expect(waiting.queueId).toBe(3);
    await hugo.sync();
    expect(hugo.pending('AgentStateEvent', ringing)).toEqual([]);
    hugo.command('unpauseAgent', {});
    await hugo.waitFor('AgentStateEvent', ringing);
    const taken = await admin.waitFor('QueueStatistics', (s) =>
      s.counters.some((c) => c.statName === 'WaitingCalls' && c.value === 0),
    );
    expect(taken.queueId).toBe(3);
  });

  it('answer and hangup act on the caller own phone; with no call they get an Error', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    alice.command('answer', {});
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'NoCall' });
    alice.command('hangup', {});
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'NoCall' });
  });

  it('are answered and hung up through the control API, and a caller that hangs up while waiting is counted abandoned', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const callId = await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    expect((await postJson(baseUrl, `/sim/calls/${callId}/answer`, {})).status).toBe(200);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    expect((await postJson(baseUrl, `/sim/calls/${callId}/hangup`, {})).status).toBe(200);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');

    const waiting = await placeCall(baseUrl, { queueId: 1, callerNumber: '0609090909' });
    expect((await postJson(baseUrl, `/sim/calls/${waiting}/hangup`, {})).status).toBe(200);
    const state = await getJson(baseUrl, '/sim/state');
    const sales = (state.body.queues as Array<{ id: number; counters: Record<string, number> }>).find(
      (q) => q.id === 1,
    )!;
    expect(sales.counters).toMatchObject({
      TotalNumberCallsEntered: 2,
      TotalNumberCallsAnswered: 1,
      TotalNumberCallsAbandonned: 1,
    });
  });

  it('go back to the queue and on to another agent when the ringing agent logs out', async () => {
    const sim = await startSim();
    const { baseUrl } = sim;
    const { clock } = sim;
    const bruno = await agentReady(baseUrl, 12);
    clock.advance(1000);
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await bruno.waitFor('AgentStateEvent', ringing);
    bruno.command('agentLogout', {});
    await bruno.waitFor('AgentStateEvent', (s) => s.name === 'AgentLoggedOut');
    await alice.waitFor('AgentStateEvent', ringing);
  });
});

describe('monitorPause / monitorUnpause', () => {
  it('pause and resume recording on a call answered through a queue', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    alice.command('answer', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    alice.command('monitorPause', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnCall',
      monitorState: 'PAUSED',
    });
    alice.command('monitorUnpause', { agentid: 11 });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnCall',
      monitorState: 'ACTIVE',
    });
  });

  it('are refused off a call, and on a call that did not come through a queue', async () => {
    const { baseUrl, clock } = await startSim({ outboundAnswerSeconds: 2 });
    const alice = await agentReady(baseUrl, 11);
    alice.mark();
    alice.command('monitorPause', {});
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'NoCall' });
    alice.command('dial', { destination: '0611223344' });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentDialing' });
    clock.advance(2000);
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnCall',
      acd: false,
      direction: 'Outgoing',
      monitorState: 'DISABLED',
    });
    alice.command('monitorPause', {});
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'NotQueueCall' });
    alice.command('hangup', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' }); // no wrap-up
  });
});

describe('dialFromQueue', () => {
  it('calls out from a free member with the caller id on the agent side and USR_ variables', async () => {
    const { baseUrl, clock } = await startSim({ outboundAnswerSeconds: 3 });
    const admin = await CtiClient.connect(baseUrl, 'admin');
    const alice = await agentReady(baseUrl, 11);
    admin.command('dialFromQueue', {
      destination: '0611223344',
      queueId: 1,
      callerIdName: 'Sales desk',
      callerIdNumber: '3001',
      variables: { campaign: 'spring' },
    });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentDialing', agentId: 11 });
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({
      eventType: 'EventDialing',
      DN: '1001',
      otherDN: '3001',
      otherDName: 'Sales desk',
      userData: { USR_campaign: 'spring', XIVO_DSTNUM: '0611223344' },
    });
    clock.advance(3000);
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      name: 'AgentOnCall',
      acd: true,
      direction: 'Outgoing',
    });
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({
      eventType: 'EventEstablished',
      userData: { USR_campaign: 'spring' },
    });
    const state = await getJson(baseUrl, '/sim/state');
    expect(state.body.calls).toEqual([
      expect.objectContaining({
        kind: 'dialFromQueue',
        remoteNumber: '0611223344',
        agentId: 11,
        state: 'up',
      }),
    ]);
    alice.command('hangup', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentOnWrapup' });
  });

  it('with no free agent: nothing is sent back, the call waits in the queue, then goes to no-answer', async () => {
    const { baseUrl, clock } = await startSim({ outboundAnswerSeconds: null });
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('dialFromQueue', { destination: '0611223344', queueId: 3, callerIdNumber: '3003' });
    await admin.sync();
    expect(admin.pending('Error')).toEqual([]);
    const waiting = await getJson(baseUrl, '/sim/state');
    expect(waiting.body.calls).toEqual([
      expect.objectContaining({ kind: 'dialFromQueue', state: 'queued', queueId: 3 }),
    ]);
    // A member becoming free takes it.
    const hugo = await CtiClient.connect(baseUrl, 'hugo');
    hugo.command('agentLogin', { agentphonenumber: '1008' });
    await hugo.waitFor('AgentStateEvent', (s) => s.name === 'AgentDialing');
    hugo.command('hangup', {});
    await hugo.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
    // Nobody free this time (Hugo paused): billing's maxWait (300 s) sends it to no-answer.
    hugo.command('pauseAgent', {});
    await hugo.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnPause');
    admin.command('dialFromQueue', { destination: '0699999999', queueId: 3 });
    await admin.sync();
    clock.advance(300_000);
    const after = await getJson(baseUrl, '/sim/state');
    expect(after.body.calls).toEqual([]);
    expect((after.body.recentCalls as Array<{ outcome: string; remoteNumber: string }>)[0]).toMatchObject({
      remoteNumber: '0699999999',
      outcome: 'no-answer',
    });
  });
});

describe('statistics', () => {
  it('subscribeToAgentStats sends the current statistics at once, then an update on each change', async () => {
    const data = testData();
    data.queues[0]!.ringTimeoutSeconds = 10;
    const { baseUrl, clock } = await startSim({ data });
    const alice = await agentReady(baseUrl, 11);
    clock.advance(30_000);
    alice.mark();
    alice.command('subscribeToAgentStats', {});
    const first = await alice.waitFor('AgentStatistics');
    expect(first.id).toBe(11);
    expect(stat(first, 'AgentReadyTotalTime')).toBe(30);
    expect(stat(first, 'AgentPausedTotalTime')).toBe(0);
    expect(stat(first, 'AgentWrapupTotalTime')).toBe(0);
    expect(stat(first, 'LoginDateTime')).toBe(new Date(clock.now() - 30_000).toISOString());
    expect(stat(first, 'InbAnsCalls')).toBe(0);
    expect(stat(first, 'InbUnansCalls')).toBe(0);

    alice.command('pauseAgent', { reason: 'break' });
    expect(stat(await alice.waitFor('AgentStatistics'), 'AgentReadyTotalTime')).toBe(30);
    clock.advance(20_000);
    alice.command('unpauseAgent', {});
    const afterPause = await alice.waitFor('AgentStatistics');
    expect(stat(afterPause, 'AgentPausedTotalTime')).toBe(20);
    expect(stat(afterPause, 'AgentReadyTotalTime')).toBe(30);

    // One call missed (ring timeout), one answered and wrapped up.
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    clock.advance(10_000);
    clock.advance(5_000); // the queue's retry delay
    await alice.waitFor('AgentStateEvent', ringing); // rung again: she is the only member
    alice.command('answer', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    alice.command('hangup', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
    clock.advance(15_000);
    const last = await alice.waitFor('AgentStatistics', (s) => stat(s, 'AgentWrapupTotalTime') !== 0);
    expect(stat(last, 'InbUnansCalls')).toBe(1);
    expect(stat(last, 'InbAnsCalls')).toBe(1);
    expect(stat(last, 'AgentWrapupTotalTime')).toBe(15);

    alice.command('agentLogout', {});
    const out = await alice.waitFor('AgentStatistics', (s) => stat(s, 'LogoutDateTime') !== undefined);
    expect(stat(out, 'LogoutDateTime')).toBe(new Date(clock.now()).toISOString());
  });

  it('subscribeToQueueStats sends every visible queue at once, then updates on change', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.mark();
    admin.command('subscribeToQueueStats', {});
    await admin.sync();
    const initial = admin.pending('QueueStatistics');
    expect(initial.map((s) => s.queueId)).toEqual([1, 2, 3, 4]);
    expect(initial[0]!.counters.map((c) => c.statName)).toEqual([
      'WaitingCalls',
      'LongestWaitTime',
      'AvailableAgents',
      'TalkingAgents',
      'TotalNumberCallsEntered',
      'TotalNumberCallsAnswered',
      'TotalNumberCallsAbandonned',
    ]);
    admin.mark();
    await agentReady(baseUrl, 16); // support and billing
    const update = await admin.waitFor('QueueStatistics', (s) => s.queueId === 2);
    expect(update.counters).toContainEqual({ statName: 'AvailableAgents', value: 1 });
  });
});

describe('dialling out during wrap-up', () => {
  it('ends the wrap-up: its timer does not free the agent in the middle of the new call', async () => {
    const { baseUrl, clock } = await startSim({ outboundAnswerSeconds: 1 });
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    alice.command('answer', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    alice.command('hangup', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
    alice.command('dial', { destination: '0611223344' });
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentDialing');
    clock.advance(1000);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    clock.advance(20_000); // past the sales wrap-up (15 s)
    await alice.sync();
    expect(alice.pending('AgentStateEvent')).toEqual([]);
    const state = await getJson(baseUrl, '/sim/state');
    expect((state.body.agents as Array<{ id: number; state: string }>).find((a) => a.id === 11)?.state).toBe(
      'AgentOnCall',
    );
  });
});
