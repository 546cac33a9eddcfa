import { describe, expect, it } from 'vitest';
import {
  agentReady,
  CtiClient,
  getJson,
  loginAgent,
  placeCall,
  postJson,
  startSim,
  testData,
} from './support';

describe('many clients at once', () => {
  it('serves 50 connected clients while calls flow, each observer seeing the same consistent story', async () => {
    const data = testData();
    for (const queue of data.queues) {
      queue.wrapUpSeconds = 5;
      queue.ringTimeoutSeconds = 60; // no ring times out in this test: the story is exact
    }
    const { baseUrl, clock } = await startSim({ data, outboundAnswerSeconds: null });
    const agents: CtiClient[] = [];
    for (const agentId of [11, 12, 13, 14, 15, 16, 17, 18]) agents.push(await agentReady(baseUrl, agentId));
    const observers: CtiClient[] = [];
    const logins = ['admin', 'supervisor', 'hugo'];
    await Promise.all(
      Array.from({ length: 42 }, async (_, i) => {
        const client = await CtiClient.connect(baseUrl, logins[i % logins.length]!);
        client.command('subscribeToAgentEvents', {});
        client.command('subscribeToQueueStats', {});
        await client.sync();
        client.mark();
        observers.push(client);
      }),
    );
    expect(agents.length + observers.length).toBe(50);

    // 24 calls over the four queues; agents answer what rings, hang up, wrap up, and take the next.
    for (let i = 0; i < 24; i++)
      await placeCall(baseUrl, { queueId: (i % 4) + 1, callerNumber: `0600000${100 + i}` });
    let handled = 0;
    for (let step = 0; step < 40 && handled < 24; step++) {
      for (const client of agents) await client.sync();
      for (const client of agents) {
        if (client.pending('AgentStateEvent', (s) => s.name === 'AgentRinging').length === 0) continue;
        await client.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
        client.command('answer', {});
        await client.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
        client.command('hangup', {});
        await client.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
        handled += 1;
      }
      clock.advance(5_000);
    }
    expect(handled).toBe(24);

    const final = await getJson(baseUrl, '/sim/state');
    expect(final.body.calls).toEqual([]);
    expect(final.body.sessions).toBe(50);
    const agentStates = final.body.agents as Array<{ state: string; stats: { answered: number } }>;
    expect(agentStates.every((a) => a.state === 'AgentReady')).toBe(true);
    expect(agentStates.reduce((sum, a) => sum + a.stats.answered, 0)).toBe(24);

    // Every admin-like observer saw exactly the same AgentStateEvent sequence.
    for (const client of observers) await client.sync();
    const story = (client: CtiClient) =>
      client
        .sinceMark()
        .filter((f) => f.msgType === 'AgentStateEvent')
        .map((f) => JSON.stringify(f.ctiMessage));
    const admins = observers.filter((c) => c.login !== 'supervisor');
    const reference = story(admins[0]!);
    expect(reference.length).toBe(24 * 4); // ringing, on call, wrap-up, ready per call
    for (const client of admins) expect(story(client)).toEqual(reference);
    for (const client of observers.filter((c) => c.login === 'supervisor')) {
      const seen = story(client).map((s) => (JSON.parse(s) as { agentId: number }).agentId);
      expect(seen.every((id) => [11, 12, 13, 14].includes(id))).toBe(true);
    }
    for (const client of [...agents, ...observers]) expect(client.closed).toBe(false);
  }, 20_000);
});

describe('a client that disconnects', () => {
  it('mid-call leaves the agent on its call (the phone is not the socket), and the server stays consistent', async () => {
    const { baseUrl, clock } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('subscribeToAgentEvents', {});
    await admin.sync();
    const alice = await agentReady(baseUrl, 11);
    const callId = await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    alice.command('answer', {});
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    alice.close();
    await expect.poll(async () => (await getJson(baseUrl, '/sim/state')).body.sessions).toBe(1);

    const during = await getJson(baseUrl, '/sim/state');
    expect((during.body.agents as Array<{ id: number; state: string }>).find((a) => a.id === 11)?.state).toBe(
      'AgentOnCall',
    );
    admin.mark();
    expect((await postJson(baseUrl, `/sim/calls/${callId}/hangup`, {})).status).toBe(200);
    expect(await admin.waitFor('AgentStateEvent')).toMatchObject({ agentId: 11, name: 'AgentOnWrapup' });
    clock.advance(15_000);
    expect(await admin.waitFor('AgentStateEvent')).toMatchObject({ agentId: 11, name: 'AgentReady' });

    // Back again: the session starts with the agent's real state, and the agent is still logged on its line.
    const again = await CtiClient.connect(baseUrl, 'alice');
    expect(await again.waitFor('AgentStateEvent')).toMatchObject({
      agentId: 11,
      name: 'AgentReady',
      phoneNb: '1001',
    });
    expect((await loginAgent(again, '1001')).name).toBe('AgentReady');
  });

  it('while its agent rings lets the ring time out and the call move on', async () => {
    const { baseUrl, clock } = await startSim();
    const bruno = await agentReady(baseUrl, 12);
    clock.advance(1000);
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await bruno.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    bruno.close();
    await expect.poll(async () => (await getJson(baseUrl, '/sim/state')).body.sessions).toBe(1);
    clock.advance(15_000);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
  });
});
