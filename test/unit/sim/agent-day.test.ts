/**
 * The practice server's side of an agent's day (issue 11): ending wrap-up early, and a declined
 * call that waits the queue's retry delay before ringing the same agent again. Real sockets,
 * manual clock.
 */
import { describe, expect, it } from 'vitest';
import { agentReady, placeCall, startSim, testData, type CtiClient } from './support';

const ringing = (s: { name: string }) => s.name === 'AgentRinging';

/** A Sales call rings the agent, who answers and hangs up: the agent is in wrap-up. */
async function callToWrapUp(baseUrl: string, agent: CtiClient): Promise<void> {
  await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
  await agent.waitFor('AgentStateEvent', ringing);
  agent.command('answer', {});
  await agent.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
  agent.command('hangup', {});
  await agent.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
}

describe('ending wrap-up early', () => {
  it('unpauseAgent during wrap-up makes the agent Ready at once, and the next call comes', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    await callToWrapUp(baseUrl, alice);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020305' });
    clock.advance(3000); // Sales wraps up for 15 s
    alice.command('unpauseAgent', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady', since: 0 });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentRinging' });

    // The wrap-up timer of the first call does not cut the second one short.
    alice.command('answer', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    clock.advance(15_000);
    await alice.sync();
    expect(alice.pending('AgentStateEvent')).toEqual([]);
  });

  it('the Ready user status does the same; the statistics count the wrap-up until then', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.command('subscribeToAgentStats', {});
    await callToWrapUp(baseUrl, alice);
    clock.advance(4000);
    alice.command('userStatusUpdate', { status: 'available' });
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' });
    const stats = await alice.waitFor('AgentStatistics', (s) =>
      s.statistics.some((st) => st.name === 'AgentWrapupTotalTime' && st.value !== 0),
    );
    expect(stats.statistics.find((st) => st.name === 'AgentWrapupTotalTime')?.value).toBe(4);
  });
});

describe('a declined call', () => {
  it('rings the same agent again only after the queue retry delay (default 5 s)', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 4, callerNumber: '0601020304' }); // VIP line: Alice alone is logged
    await alice.waitFor('AgentStateEvent', ringing);
    alice.mark();
    alice.command('hangup', {}); // decline
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' });
    clock.advance(4999);
    await alice.sync();
    expect(alice.pending('AgentStateEvent', ringing)).toEqual([]);
    expect(alice.pending('Sheet')).toEqual([]);
    clock.advance(1);
    await alice.waitFor('AgentStateEvent', ringing);
    expect(await alice.waitFor('Sheet')).toBeTruthy();
  });

  it('goes to another free member at once, and the retry delay is a per-queue setting', async () => {
    const data = testData();
    data.queues[0]!.retrySeconds = 2;
    const { baseUrl, clock } = await startSim({ data });
    const bruno = await agentReady(baseUrl, 12);
    clock.advance(1000);
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await bruno.waitFor('AgentStateEvent', ringing); // idle the longest
    bruno.command('hangup', {});
    await alice.waitFor('AgentStateEvent', ringing); // at once
    alice.command('hangup', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
    bruno.mark();
    alice.mark();
    clock.advance(1999);
    await bruno.sync();
    await alice.sync();
    expect(bruno.pending('AgentStateEvent', ringing)).toEqual([]);
    expect(alice.pending('AgentStateEvent', ringing)).toEqual([]);
    clock.advance(1);
    await bruno.waitFor('AgentStateEvent', ringing); // his delay ended first
  });

  it('a ring that timed out waits the retry delay too; 0 rings again at once', async () => {
    const data = testData();
    data.queues[0]!.ringTimeoutSeconds = 10;
    data.queues[0]!.retrySeconds = 0;
    const { baseUrl, clock } = await startSim({ data });
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', ringing);
    clock.advance(10_000);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady');
    await alice.waitFor('AgentStateEvent', ringing);
  });
});
