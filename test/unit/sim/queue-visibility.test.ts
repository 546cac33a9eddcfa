/**
 * Every message that carries queue data goes through the visibility rules (issue 9 §4): a
 * Supervisor limited to Sales (1) and Support (2) sees the agents of its group, but none of their
 * memberships in other queues, in any message, over real sockets.
 */
import { describe, expect, it } from 'vitest';
import type { AnyIncoming } from '../../../xuc/wire/events';
import { agentReady, CtiClient, placeCall, startSim } from './support';

const SUP_QUEUES = new Set([1, 2]);
const SUP_QUEUE_NAMES = new Set(['sales', 'support']);

/** Every queue reference anywhere in a frame, by the field names the wire uses for them. */
function queueReferences(value: unknown, path = ''): Array<{ path: string; ref: number | string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => queueReferences(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = `${path}.${key}`;
    if ((key === 'queueId' || key === 'queue_id') && typeof inner === 'number')
      return [{ path: at, ref: inner }];
    if ((key === 'queueName' || key === 'queue_name') && typeof inner === 'string')
      return [{ path: at, ref: inner }];
    if (key === 'queues' && Array.isArray(inner)) {
      return inner.filter((q): q is number => typeof q === 'number').map((ref) => ({ path: at, ref }));
    }
    return queueReferences(inner, at);
  });
}

function leaks(frames: AnyIncoming[]): string[] {
  return frames.flatMap((frame) =>
    queueReferences(frame.ctiMessage)
      .filter(({ ref }) => (typeof ref === 'number' ? !SUP_QUEUES.has(ref) : !SUP_QUEUE_NAMES.has(ref)))
      .map(({ path, ref }) => `${frame.msgType}${path} = ${ref}`),
  );
}

describe('queue data a Supervisor receives', () => {
  it('getConfig agent and getList agent: AgentConfig lists only memberships in its queues', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('getConfig', { objectType: 'agent' });
    await sup.sync();
    const alice = sup.pending('AgentConfig').find((config) => config.id === 11)!;
    // Alice is in Sales (1) and VIP line (4): the Supervisor sees Sales only.
    expect((alice as { member: Array<{ queue_id: number }> }).member.map((m) => m.queue_id)).toEqual([1]);

    // A change made by an Admin reaches the Supervisor cut the same way.
    const admin = await CtiClient.connect(baseUrl, 'admin');
    sup.mark();
    admin.command('setAgentQueue', { agentId: 11, queueId: 3, penalty: 0 });
    await admin.waitFor('QueueMember');
    const changed = await sup.waitFor('AgentConfig', (config) => config.id === 11);
    expect((changed as { member: Array<{ queue_id: number }> }).member.map((m) => m.queue_id)).toEqual([1]);
    await sup.sync();
    expect(sup.pending('QueueMember')).toEqual([]);
  });

  it('AgentStateEvent and AgentDirectory carry only the queues it sees; the agent itself sees all of its own', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('subscribeToAgentEvents', {});
    await sup.sync();
    const alice = await agentReady(baseUrl, 11);
    expect(
      await sup.waitFor('AgentStateEvent', (s) => s.agentId === 11 && s.name === 'AgentReady'),
    ).toMatchObject({
      queues: [1],
    });
    alice.command('getAgentStates', {});
    expect(await alice.waitFor('AgentStateEvent', (s) => s.agentId === 11)).toMatchObject({ queues: [1, 4] });
    sup.command('getAgentDirectory', {});
    const entry = (await sup.waitFor('AgentDirectory')).directory.find((e) => e.agent.id === 11)!;
    expect(entry.agentState.queues).toEqual([1]);
    sup.mark();
    sup.command('getAgentStates', {});
    expect(await sup.waitFor('AgentStateEvent', (s) => s.agentId === 11)).toMatchObject({ queues: [1] });
  });

  it('no message of a busy session names a queue outside its list', async () => {
    const { baseUrl } = await startSim();
    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    for (const objectType of ['agent', 'queuemember', 'basequeuemember', 'queue', 'agentgroup']) {
      sup.command('getList', { objectType });
    }
    sup.command('getConfig', { objectType: 'agent' });
    sup.command('getConfig', { objectType: 'queue' });
    sup.command('subscribeToAgentEvents', {});
    sup.command('subscribeToAgentStats', {});
    sup.command('subscribeToQueueStats', {});
    sup.command('getCallbackLists', {});
    sup.command('getAgentDirectory', {});
    sup.command('getAgentStates', {});
    sup.command('getUserDefaultMembership', { userId: 11 });
    sup.command('subscribeToQueueCalls', { queueId: 1 });
    sup.command('subscribeToQueueCalls', { queueId: 3 });
    sup.command('findCallbackRequest', { id: 1, request: { filters: [] } });
    await sup.sync();

    // Activity in queues it does not see, by agents it sees: Chloé (13) joins Billing and takes a call.
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('setAgentQueue', { agentId: 13, queueId: 3, penalty: 0 });
    admin.command('setUserDefaultMembership', {
      userId: 13,
      membership: [
        { queueId: 1, penalty: 1 },
        { queueId: 3, penalty: 0 },
      ],
    });
    await admin.waitFor('UserQueueDefaultMembership');
    const chloe = await agentReady(baseUrl, 13);
    await placeCall(baseUrl, { queueId: 3, callerNumber: '0601020304' });
    await chloe.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    chloe.command('answer', {});
    await chloe.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    chloe.command('hangup', {});
    await chloe.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
    sup.command('getList', { objectType: 'basequeuemember' });
    sup.command('getConfig', { objectType: 'agent' });
    sup.command('getUserDefaultMembership', { userId: 13 });
    await sup.sync();

    expect(sup.frames.length).toBeGreaterThan(40);
    expect(sup.frames.some((f) => f.msgType === 'AgentStateEvent' && f.ctiMessage.agentId === 13)).toBe(true);
    expect(leaks(sup.frames)).toEqual([]);
    // The refusal of queue 3's calls is the only answer about it.
    expect(
      sup.frames.filter((f) => f.msgType === 'Error').map((f) => (f.ctiMessage as { Error: string }).Error),
    ).toEqual(['Forbidden']);
  });
});
