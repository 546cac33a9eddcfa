/**
 * Every command frame of xuc-protocol.md §4.1/§4.3/§4.4, sent by XucClient over a real socket,
 * arrives at the server as exactly the doc's JSON text: key order, casing, omitted optionals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../xuc/wire/commands';
import type { FakeConnection } from './helpers/fake-xuc';
import { rig, type Rig } from './helpers/setup';

interface FrameCase {
  section: string;
  source: string;
  call: string;
  args: unknown[];
  frame: string;
}

const { frames } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/xuc-protocol-frames.json'), 'utf8'),
) as { frames: FrameCase[] };

describe('command frames on the wire', () => {
  let r: Rig;
  let connection: FakeConnection;
  let sent = 0;

  beforeAll(async () => {
    r = await rig();
    await r.client.connect();
    connection = await r.server.connection(1);
  });
  afterAll(() => r.dispose());

  it.each(
    frames.map((c) => [`§${c.section} ${c.call}(${c.args.map((a) => JSON.stringify(a)).join(', ')})`, c]),
  )('%s', async (_label, c) => {
    const method = (r.client as unknown as Record<string, (...args: unknown[]) => void>)[c.call];
    expect(method, `XucClient has no method ${c.call}`).toBeTypeOf('function');
    // JSON has no undefined: a null in the fixture stands for an argument left out.
    method!.apply(
      r.client,
      c.args.map((arg) => (arg === null ? undefined : arg)),
    );
    sent += 1;
    expect(await connection.frame(sent)).toBe(c.frame);
    // The server side (practice server) accepts what the client sends.
    expect(parseCommand(c.frame)).toMatchObject({ ok: true });
  });

  it('covers every command of the §4.1, §4.3 and §4.4 tables', () => {
    const commands = new Set(frames.map((c) => (JSON.parse(c.frame) as { command: string }).command));
    expect([...commands].sort()).toEqual(
      [
        'agentLogin',
        'agentLogout',
        'pauseAgent',
        'unpauseAgent',
        'listenAgent',
        'setAgentQueue',
        'removeAgentFromQueue',
        'dialFromQueue',
        'monitorPause',
        'monitorUnpause',
        'subscribeToAgentStats',
        'subscribeToAgentEvents',
        'getAgentStates',
        'getAgentDirectory',
        'getList',
        'getConfig',
        'subscribeToQueueStats',
        'getQueueStatistics',
        'hangup',
        'answer',
        'dial',
        'userStatusUpdate',
        'setAgentGroup',
        'getCallbackLists',
        'findCallbackRequest',
        'getCallbackPreferredPeriods',
        'takeCallback',
        'releaseCallback',
        'startCallback',
        'listenCallbackMessage',
        'updateCallbackTicket',
        'getUserDefaultMembership',
        'setUserDefaultMembership',
        'setUsersDefaultMembership',
        'applyUsersDefaultMembership',
      ].sort(),
    );
  });

  it('refuses arguments that do not fit the wire schema, and sends nothing', () => {
    const before = connection.frames.length;
    expect(() => r.client.setAgentQueue(12, 3, Number.NaN)).toThrow(
      expect.objectContaining({ code: 'InvalidCommand' }),
    );
    expect(() => r.client.updateCallbackTicket('u-1', 'Callback', 'x', '01/05/2024', 'p-1')).toThrow(
      expect.objectContaining({ code: 'InvalidCommand' }),
    );
    // The next frame the server sees is the next valid command: nothing slipped out in between.
    r.client.hangup();
    return expect(connection.frame(before + 1)).resolves.toBe('{"claz":"web","command":"hangup"}');
  });
});
