import { describe, expect, it } from 'vitest';
import { CtiClient, loginAgent, startSim } from './support';

describe('malformed client frames', () => {
  it('answers each bad frame with an Error, keeps the connection, and leaves other clients alone', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    const bruno = await CtiClient.connect(baseUrl, 'bruno');
    bruno.mark();
    const cases: Array<[unknown, string, RegExp]> = [
      ['{"claz":"web", "command":', 'InvalidFrame', /not valid JSON/],
      ['[1,2,3]', 'InvalidFrame', /not a JSON object/],
      ['null', 'InvalidFrame', /not a JSON object/],
      [{ command: 'agentLogin' }, 'InvalidFrame', /claz/],
      [{ claz: 'web' }, 'InvalidFrame', /no command/],
      [{ claz: 'web', command: 'launchRocket' }, 'UnknownCommand', /unknown command launchRocket/],
      [
        { claz: 'web', command: 'agentLogin', agentphonenumber: ['1001'] },
        'InvalidCommand',
        /agentphonenumber/,
      ],
      [
        { claz: 'web', command: 'setAgentQueue', agentId: 11, queueId: 1, penalty: -3 },
        'InvalidCommand',
        /penalty/,
      ],
    ];
    for (const [frame, code, message] of cases) {
      alice.mark();
      alice.send(frame);
      const error = await alice.waitFor('Error');
      expect(error).toMatchObject({ Error: code });
      expect(typeof error === 'object' && error.message).toMatch(message);
    }
    alice.mark();
    alice.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'InvalidFrame' });

    // Still connected and served.
    expect((await loginAgent(alice, '1001')).name).toBe('AgentReady');
    await bruno.sync();
    expect(bruno.pending('Error')).toEqual([]);
    expect((await loginAgent(bruno, '1002')).name).toBe('AgentReady');
  });

  it('answers a frame over the size cap with FrameTooLarge and closes only a runaway one', async () => {
    const { baseUrl } = await startSim({ maxFrameBytes: 1024, maxPayloadBytes: 8 * 1024 });
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.mark();
    alice.send({ claz: 'web', command: 'dial', destination: '1'.repeat(2000) });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'FrameTooLarge' });
    await alice.sync();
    expect(alice.closed).toBe(false);

    alice.send({ claz: 'web', command: 'dial', destination: '1'.repeat(10 * 1024) });
    await expect.poll(() => alice.closeCode).toBe(1009);
  });

  it('drops frames beyond the rate budget with one RateLimited error, then serves again', async () => {
    const { baseUrl, clock } = await startSim({ rate: { burst: 5, perSecond: 1 } });
    const alice = await CtiClient.connect(baseUrl, 'alice');
    const stats = { claz: 'web', command: 'getQueueStatistics', queueId: 1, window: 3600, xqos: 30 };
    for (let i = 0; i < 12; i++) alice.send(stats);
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'RateLimited' });
    clock.advance(5_000); // the budget refills at 1 frame per second
    await alice.sync();
    expect(alice.frames.filter((f) => f.msgType === 'QueueStatistics')).toHaveLength(5);
    expect(alice.frames.filter((f) => f.msgType === 'Error')).toHaveLength(1);
    alice.send(stats);
    await alice.waitFor('QueueStatistics');
    expect(alice.closed).toBe(false);
  });
});
