import { describe, expect, it } from 'vitest';
import { ManualScheduler, startPracticeServer } from '../../../sim/index';
import { agentReady, getJson, startSim } from './support';

type CallRow = { callId: string; state: string; outcome: string | null; variables: Record<string, string> };

describe('scenario mode', () => {
  it('steady places calls on a timer; callers hang up after talking, or give up after waiting', async () => {
    const { baseUrl, clock } = await startSim({ scenario: 'steady', scenarioSeed: 7 });
    const state = async () =>
      (await getJson(baseUrl, '/sim/state')).body as { calls: CallRow[]; recentCalls: CallRow[] };
    expect((await state()).calls).toEqual([]);
    clock.advance(60_000);
    const placed = (await state()).calls;
    expect(placed.length).toBeGreaterThanOrEqual(2);
    expect(placed[0]!.variables.folderNumber).toMatch(/^\d+$/);

    // With nobody logged in, every caller gives up after its patience (180 s).
    clock.advance(200_000);
    const gaveUp = (await state()).recentCalls.filter((c) => c.outcome === 'abandoned');
    expect(gaveUp.length).toBeGreaterThanOrEqual(placed.length);

    // An agent who answers gets a caller who hangs up after at most 60 s of talk.
    const alice = await agentReady(baseUrl, 11);
    const grace = await agentReady(baseUrl, 17);
    const bruno = await agentReady(baseUrl, 16);
    const ringing = (s: { name: string }) => s.name === 'AgentRinging';
    let answered: typeof alice | undefined;
    for (let i = 0; i < 20 && !answered; i++) {
      clock.advance(5_000);
      for (const client of [alice, grace, bruno]) {
        await client.sync();
        if (!answered && client.pending('AgentStateEvent', ringing).length > 0) answered = client;
      }
    }
    expect(answered).toBeDefined();
    await answered!.waitFor('AgentStateEvent', ringing);
    answered!.command('answer', {});
    await answered!.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    clock.advance(60_000);
    await answered!.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
  });

  it('is refused when the name is unknown', async () => {
    await expect(
      startPracticeServer({ port: 0, scheduler: new ManualScheduler(), scenario: 'chaos' }),
    ).rejects.toThrow(/unknown scenario chaos/);
  });
});
