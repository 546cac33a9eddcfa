/**
 * XucClient against a real ws + http server on 127.0.0.1 (FakeXuc), with a manual clock: the LoggedOn
 * gate, sign-in failures, offline refusal, the heartbeat, reconnect with backoff, token renewal and
 * resubscription, bad frames, handlers and the awaitable commands.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XucError } from '../../../xuc/errors';
import type { ConnectionStatus } from '../../../xuc/status';
import { json, type FakeConnection } from './helpers/fake-xuc';
import { PASSWORD, rig, type Rig } from './helpers/setup';
import { rawServer, recordStatuses, statusReached } from './helpers/support';

const STATE = { name: 'AgentReady', agentId: 19, phoneNb: '1000', since: 0, queues: [1] };

let current: Rig | undefined;
async function start(...args: Parameters<typeof rig>): Promise<Rig> {
  current = await rig(...args);
  return current;
}

afterEach(async () => {
  if (!current) return;
  const { server, log } = current;
  // Nothing secret ever reaches the log: neither the password nor any token the server issued.
  const logged = JSON.stringify(log.entries);
  expect(logged).not.toContain(PASSWORD);
  for (const token of [...server.validTokens, ...server.expiredTokens]) expect(logged).not.toContain(token);
  await current.dispose();
  current = undefined;
});

async function rejection(promise: Promise<unknown>): Promise<XucError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(XucError);
    return error as XucError;
  }
  throw new Error('expected a rejection');
}

/** Answers each command frame `command` of a connection with `reply`. */
function answer(
  connection: FakeConnection,
  command: string,
  reply: (frame: Record<string, unknown>) => void,
): () => void {
  const listener = (text: string) => {
    const frame = JSON.parse(text) as Record<string, unknown>;
    if (frame.command === command) reply(frame);
  };
  connection.on('frame', listener);
  return () => connection.off('frame', listener);
}

async function connected(r: Rig, count = 1): Promise<FakeConnection> {
  await r.client.connect();
  return r.server.connection(count);
}

describe('sign-in and the LoggedOn gate', () => {
  it('stays connecting until LoggedOn, then reports connected', async () => {
    const r = await start();
    r.server.onSession = () => {};
    const statuses = recordStatuses(r.client);
    const connecting = r.client.connect();
    const connection = await r.server.connection(1);

    // A frame before LoggedOn is dispatched, but the link is not yet usable.
    const profile = r.client.waitFor('RightProfile');
    connection.send('RightProfile', { profile: 'Admin', rights: [] });
    expect((await profile).profile).toBe('Admin');
    expect(r.client.status).toEqual({ state: 'connecting', attempt: 1 });
    expect(() => r.client.pauseAgent()).toThrow(expect.objectContaining({ code: 'Offline' }));

    connection.send('LoggedOn', {});
    await connecting;
    expect(statuses).toEqual([
      { state: 'connecting', attempt: 1 },
      { state: 'connected', since: r.timers.now() },
    ]);
    // The token travelled URL-encoded in the socket URL (it holds '+', '/' and '=').
    expect(connection.token).toBe(r.client.token);
    expect(connection.token).toMatch(/[+/=]/);
  });

  it('fails with LoggedOnError when LoggedOn does not come in time, and goes offline', async () => {
    const r = await start({ loggedOnTimeoutMs: 10_000 });
    r.server.onSession = () => {};
    const connecting = r.client.connect();
    const connection = await r.server.connection(1);
    // Once a frame is dispatched, the client has seen the socket open: the LoggedOn clock runs.
    const profile = r.client.waitFor('RightProfile');
    connection.send('RightProfile', { profile: 'Admin' });
    await profile;
    r.timers.advance(9_999);
    expect(r.client.status.state).toBe('connecting');
    r.timers.advance(1);
    const error = await rejection(connecting);
    expect(error.code).toBe('LoggedOnError');
    expect(error.message).toMatch(/did not confirm the CTI session \(LoggedOn\) within 10 s/);
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'logged-on-error' });
    await connection.whenClosed();
  });

  it('fails with LoggedOnError carrying the server Error when the server sends LoggedOnError', async () => {
    const r = await start();
    r.server.onSession = (connection) => connection.send('LoggedOnError', { Error: 'loggedOnFailed' });
    const error = await rejection(r.client.connect());
    expect(error.code).toBe('LoggedOnError');
    expect(error.data).toEqual({ Error: 'loggedOnFailed' });
    expect(error.message).toContain('loggedOnFailed');
    await (await r.server.connection(1)).whenClosed();
  });

  it('InvalidCredentials: offline, no socket opened; the right password then works', async () => {
    const r = await start({ password: 'wrong' });
    const error = await rejection(r.client.connect());
    expect(error.code).toBe('InvalidCredentials');
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'invalid-credentials' });
    expect(r.server.connections).toHaveLength(0);

    r.server.users.set('alice', 'wrong');
    const connection = await connected(r);
    const state = r.client.waitFor('AgentStateEvent');
    connection.send('AgentStateEvent', STATE);
    expect((await state).name).toBe('AgentReady');
  });

  it('BadResponse when auth answers HTML; the client works once the server is fixed', async () => {
    const r = await start();
    r.server.loginOverride = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><body>Login</body></html>');
      return true;
    };
    const error = await rejection(r.client.connect());
    expect(error.code).toBe('BadResponse');
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'bad-response' });

    r.server.loginOverride = undefined;
    const connection = await connected(r);
    const state = r.client.waitFor('AgentStateEvent');
    connection.send('AgentStateEvent', STATE);
    expect((await state).agentId).toBe(19);
  });

  it('ServerError reason when auth answers another error code', async () => {
    const r = await start();
    r.server.loginOverride = (_req, res) => {
      json(res, 500, { error: 'UnhandledError', message: 'boom' });
      return true;
    };
    expect((await rejection(r.client.connect())).code).toBe('ServerError');
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'server-error' });
  });

  it('TokenExpired when the socket upgrade is refused with 401', async () => {
    const r = await start();
    r.server.refuseUpgradeWith = 401;
    const error = await rejection(r.client.connect());
    expect(error.code).toBe('TokenExpired');
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'token-expired' });
  });

  it('Unreachable within the open timeout when the socket server accepts TCP and never answers', async () => {
    const r = await start({ openTimeoutMs: 10_000 });
    // First TCP connection: silent. Later ones are piped to the fake xuc.
    const silent = await rawServer({ misbehave: () => {}, times: 1, forwardTo: r.server.port });
    try {
      const client = await redirectSocketTo(r, silent.url);
      const connecting = client.connect();
      await vi.waitFor(() => expect(silent.connections()).toBe(1));
      r.timers.advance(10_000);
      const error = await rejection(connecting);
      expect(error.code).toBe('Unreachable');
      expect(error.message).toMatch(/did not complete the WebSocket handshake within 10 s/);
      expect(client.status).toMatchObject({ state: 'offline', reason: 'unreachable' });

      await client.connect();
      const state = client.waitFor('AgentStateEvent');
      (await r.server.connection(1)).send('AgentStateEvent', STATE);
      expect((await state).phoneNb).toBe('1000');
      client.close();
    } finally {
      await silent.close();
    }
  });

  it('Unreachable when the server closes mid-handshake; the next connect works', async () => {
    const r = await start();
    const rude = await rawServer({
      misbehave: (socket) => socket.once('data', () => socket.destroy()),
      times: 1,
      forwardTo: r.server.port,
    });
    try {
      const client = await redirectSocketTo(r, rude.url);
      const error = await rejection(client.connect());
      expect(error.code).toBe('Unreachable');
      expect(error.message).toMatch(/Cannot open the CTI link to 127\.0\.0\.1:\d+: socket hang up/);

      await client.connect();
      const state = client.waitFor('AgentStateEvent');
      (await r.server.connection(1)).send('AgentStateEvent', STATE);
      expect((await state).queues).toEqual([1]);
      client.close();
    } finally {
      await rude.close();
    }
  });

  it('close() during sign-in rejects connect() with Closed', async () => {
    const r = await start();
    r.server.onSession = () => {};
    const connecting = r.client.connect();
    await r.server.connection(1);
    r.client.close();
    expect((await rejection(connecting)).code).toBe('Closed');
    expect(r.client.status).toEqual({
      state: 'offline',
      reason: 'closed',
      detail: 'Closed by the application.',
    });
  });
});

/** A second client whose HTTP goes to the fake xuc but whose socket goes to `socketBase`. */
async function redirectSocketTo(r: Rig, socketBase: string) {
  const { XucClient } = await import('../../../xuc/client');
  const { nodeSocketFactory } = await import('../../../xuc/transport-node');
  return new XucClient({
    baseUrl: socketBase,
    login: 'alice',
    password: PASSWORD,
    socketFactory: nodeSocketFactory(),
    timers: r.timers,
    logger: r.log.logger,
    fetch: (url, init) => fetch(String(url).replace(socketBase, r.server.baseUrl), init),
  });
}

describe('commands while not connected', () => {
  it('are refused at once with Offline, never buffered', async () => {
    const r = await start();
    expect(() => r.client.loginAgent('1000')).toThrow(expect.objectContaining({ code: 'Offline' }));
    expect(() => r.client.subscribeToAgentEvents()).toThrow(expect.objectContaining({ code: 'Offline' }));
    expect((await rejection(r.client.takeCallbackAndWait('u-1'))).code).toBe('Offline');
    expect((await rejection(r.client.loginAgentAndWait('1000'))).code).toBe('Offline');

    const connection = await connected(r);
    r.client.hangup();
    // The first frame the server ever sees is the one sent while connected.
    expect(await connection.frame(1)).toBe('{"claz":"web","command":"hangup"}');
    // The refused subscribeToAgentEvents was not remembered for a reconnect either.
    r.client.close();
    expect(() => r.client.unpauseAgent()).toThrow(expect.objectContaining({ code: 'Offline' }));
    await connection.whenClosed();
    expect(connection.frames).toEqual(['{"claz":"web","command":"hangup"}']);
  });
});

describe('heartbeat', () => {
  it('pings every interval, any frame resets the count, three silent intervals close the link', async () => {
    const r = await start();
    const connection = await connected(r);
    r.timers.advance(5000);
    await connection.pingCount(1);

    // Even a frame that is dropped proves the link alive.
    connection.sendRaw('this is not JSON');
    await vi.waitFor(() => expect(r.client.stats.dropped['not-json']).toBe(1));

    r.timers.advance(5000);
    r.timers.advance(5000);
    await connection.pingCount(3);
    // 15 s after connecting, but only 10 s of silence: still up.
    expect(r.client.status.state).toBe('connected');

    r.timers.advance(5000);
    await connection.whenClosed();
    expect(connection.pings).toBe(3);
    expect(r.client.status).toEqual({
      state: 'reconnecting',
      attempt: 1,
      nextRetryAt: r.timers.now() + 1000,
      lastError: expect.stringMatching(/sent nothing for 15 s: the link is dead/),
    });
  });
});

describe('reconnect', () => {
  it('backs off exponentially, renews the token, re-issues each subscription once', async () => {
    const r = await start();
    const first = await connected(r);
    r.client.subscribeToAgentEvents();
    r.client.getList('queue');
    r.client.getList('queue');
    r.client.getCallbackLists();
    r.client.pauseAgent(undefined, 'lunch');
    r.client.subscribeToAgentStats();
    await first.frame(6);
    const tokenBefore = r.client.token;
    const statuses = recordStatuses(r.client);

    r.server.refuseUpgradeWith = 503;
    first.ws.terminate();
    const down = await statusReached(r.client, 'reconnecting');
    expect(down).toMatchObject({ attempt: 1, nextRetryAt: r.timers.now() + 1000 });

    r.timers.advance(1000);
    const again = await statusReached(r.client, 'reconnecting');
    expect(again).toMatchObject({ attempt: 2, nextRetryAt: r.timers.now() + 2000 });
    expect(again.lastError).toMatch(/HTTP 503/);

    r.server.refuseUpgradeWith = undefined;
    r.timers.advance(1999);
    expect(r.client.status.state).toBe('reconnecting');
    r.timers.advance(1);
    await statusReached(r.client, 'connected');
    const second = await r.server.connection(2);
    r.client.hangup();
    await second.frame(5);
    expect(second.frames).toEqual([
      '{"claz":"web","command":"subscribeToAgentEvents"}',
      '{"claz":"web","command":"getList","objectType":"queue"}',
      '{"claz":"web","command":"getCallbackLists"}',
      '{"claz":"web","command":"subscribeToAgentStats"}',
      '{"claz":"web","command":"hangup"}',
    ]);
    expect(statuses.map((s: ConnectionStatus) => [s.state, 'attempt' in s ? s.attempt : undefined])).toEqual([
      ['reconnecting', 1],
      ['connecting', 1],
      ['reconnecting', 2],
      ['connecting', 2],
      ['connected', undefined],
    ]);
    // Each attempt renewed the token with auth/check; no new login was needed.
    const checks = r.server.requestsTo('/xuc/api/2.0/auth/check');
    expect(checks).toHaveLength(2);
    expect(checks[0]!.authorization).toBe(`Bearer ${tokenBefore}`);
    expect(r.server.requestsTo('/xuc/api/2.0/auth/login')).toHaveLength(1);
    expect(second.token).toBe(r.client.token);
  });

  it('signs in again with the password when auth/check says TokenExpired', async () => {
    const r = await start();
    const first = await connected(r);
    r.client.subscribeToAgentEvents();
    await first.frame(1);
    r.server.expireAllTokens();
    first.ws.terminate();
    await statusReached(r.client, 'reconnecting');
    r.timers.advance(1000);
    await statusReached(r.client, 'connected');

    expect(r.server.requestsTo('/xuc/api/2.0/auth/check')).toHaveLength(1);
    expect(r.server.requestsTo('/xuc/api/2.0/auth/login')).toHaveLength(2);
    const second = await r.server.connection(2);
    expect(await second.frame(1)).toBe('{"claz":"web","command":"subscribeToAgentEvents"}');
    const state = r.client.waitFor('AgentStateEvent');
    second.send('AgentStateEvent', STATE);
    expect((await state).name).toBe('AgentReady');
  });

  it('goes offline when the password no longer works at reconnect', async () => {
    const r = await start();
    const first = await connected(r);
    r.server.users.set('alice', 'changed by the admin');
    r.server.expireAllTokens();
    first.ws.terminate();
    await statusReached(r.client, 'reconnecting');
    r.timers.advance(1000);
    const offline = await statusReached(r.client, 'offline');
    expect(offline.reason).toBe('invalid-credentials');
    expect(r.timers.pending).toBe(0);
    expect(() => r.client.pauseAgent()).toThrow(expect.objectContaining({ code: 'Offline' }));
  });

  it('reconnectNow() skips the backoff wait; it does nothing while connected', async () => {
    const r = await start({ backoff: { initialMs: 60_000, maxMs: 120_000 } });
    const first = await connected(r);
    r.client.reconnectNow();
    first.ws.terminate();
    const waiting = await statusReached(r.client, 'reconnecting');
    expect(waiting.nextRetryAt).toBe(r.timers.now() + 60_000);
    r.client.reconnectNow();
    await statusReached(r.client, 'connected');
    expect(r.server.connections).toHaveLength(2);
    expect(r.timers.now()).toBe(waiting.nextRetryAt - 60_000);
  });
});

describe('restartLink (system woke)', () => {
  it('drops a link that looks alive and reconnects at once, re-issuing subscriptions', async () => {
    const r = await start({ backoff: { initialMs: 60_000, maxMs: 120_000 } });
    const first = await connected(r);
    r.client.subscribeToAgentEvents();
    expect(await first.frame(1)).toBe('{"claz":"web","command":"subscribeToAgentEvents"}');
    const seen: string[] = [];
    r.client.onStatus((status) => seen.push(status.state));
    const before = r.timers.now();

    r.client.restartLink('the system woke');

    const second = await r.server.connection(2);
    await statusReached(r.client, 'connected');
    expect(await second.frame(1)).toBe('{"claz":"web","command":"subscribeToAgentEvents"}');
    expect(seen).toEqual(['reconnecting', 'connecting', 'connected']);
    expect(r.timers.now()).toBe(before); // no backoff wait
    await vi.waitFor(() => expect(first.ws.readyState).toBe(first.ws.CLOSED));
  });

  it('does nothing when offline', async () => {
    const r = await start();
    await connected(r);
    r.client.close();
    r.client.restartLink('the system woke');
    expect(r.client.status.state).toBe('offline');
    expect(r.server.connections).toHaveLength(1);
  });
});

describe('bad frames', () => {
  it('counts, logs and drops each one, and keeps dispatching', async () => {
    const r = await start();
    const connection = await connected(r);
    const states: unknown[] = [];
    r.client.on('AgentStateEvent', (state) => states.push(state.name));

    connection.sendRaw('{"msgType":"AgentStateEvent",'); // malformed JSON
    connection.sendRaw('null');
    connection.sendRaw('[1,2]');
    connection.sendRaw('{"ctiMessage":{"name":"AgentReady"}}'); // no msgType
    connection.send('AgentStateEvent', { ...STATE, agentId: '19' }); // wrong field type
    connection.send('Weather', { sunny: true }); // unknown msgType
    const valid = r.client.waitFor('AgentStateEvent');
    connection.send('AgentStateEvent', STATE);
    await valid;

    expect(states).toEqual(['AgentReady']);
    expect(r.client.stats).toEqual({
      received: 8, // LoggedOn, six bad ones, the valid one
      dispatched: 2,
      dropped: {
        oversized: 0,
        'not-json': 1,
        'not-an-object': 2,
        'no-msgType': 1,
        'unknown-msgType': 1,
        invalid: 1,
      },
    });
    const drops = r.log.entries.filter((entry) => entry.message === 'xuc frame dropped');
    expect(drops.map((entry) => [entry.fields?.msgType, entry.fields?.reason])).toEqual([
      ['(none)', 'not-json'],
      ['(none)', 'not-an-object'],
      ['(none)', 'not-an-object'],
      ['(none)', 'no-msgType'],
      ['AgentStateEvent', 'invalid'],
      ['Weather', 'unknown-msgType'],
    ]);
    expect(drops[4]!.fields?.detail).toMatch(/^agentId: /);
    expect(r.client.status.state).toBe('connected');
  });

  it('rate-limits the drop log: the first 10 of a reason, then every 100th', async () => {
    const r = await start();
    const connection = await connected(r);
    for (let i = 0; i < 250; i++) connection.sendRaw(`garbage ${i}`);
    const valid = r.client.waitFor('AgentStateEvent');
    connection.send('AgentStateEvent', STATE);
    await valid;
    expect(r.client.stats.dropped['not-json']).toBe(250);
    const counts = r.log.entries.filter((e) => e.message === 'xuc frame dropped').map((e) => e.fields?.count);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 200]);
  });

  it('an oversized frame is refused by the transport: counted, the link is reopened, subscriptions come back', async () => {
    const r = await start({ maxFrameBytes: 4096 });
    const first = await connected(r);
    r.client.subscribeToAgentEvents();
    await first.frame(1);
    first.send('Sheet', { junk: 'x'.repeat(5000) });
    const down = await statusReached(r.client, 'reconnecting');
    expect(down.lastError).toMatch(/frame over the size cap/);
    expect(r.client.stats.dropped.oversized).toBe(1);

    r.timers.advance(1000);
    await statusReached(r.client, 'connected');
    const second = await r.server.connection(2);
    expect(await second.frame(1)).toBe('{"claz":"web","command":"subscribeToAgentEvents"}');
    const state = r.client.waitFor('AgentStateEvent');
    second.send('AgentStateEvent', STATE);
    expect((await state).agentId).toBe(19);
  });

  it('a handler that throws is logged; other handlers and later frames still run', async () => {
    const r = await start();
    const connection = await connected(r);
    const seen: string[] = [];
    r.client.on('AgentStateEvent', () => {
      throw new Error('handler bug');
    });
    const off = r.client.on('AgentStateEvent', (state) => seen.push(`b:${state.name}`));
    const second = r.client.waitFor('AgentStateEvent', (state) => state.name === 'AgentOnPause');
    connection.send('AgentStateEvent', STATE);
    connection.send('AgentStateEvent', { ...STATE, name: 'AgentOnPause', cause: 'lunch' });
    expect((await second).cause).toBe('lunch');
    expect(seen).toEqual(['b:AgentReady', 'b:AgentOnPause']);
    expect(r.log.entries.filter((e) => e.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'xuc event handler failed',
        fields: { msgType: 'AgentStateEvent', error: 'handler bug' },
      },
      {
        level: 'error',
        message: 'xuc event handler failed',
        fields: { msgType: 'AgentStateEvent', error: 'handler bug' },
      },
    ]);

    off();
    const third = r.client.waitFor('AgentStateEvent');
    connection.send('AgentStateEvent', { ...STATE, name: 'AgentOnWrapup' });
    await third;
    expect(seen).toHaveLength(2);
  });
});

describe('awaitable commands', () => {
  it('setAgentQueueAndWait / removeAgentFromQueueAndWait resolve on the matching QueueMember', async () => {
    const r = await start();
    const connection = await connected(r);
    answer(connection, 'setAgentQueue', (f) => {
      connection.send('QueueMember', { agentId: f.agentId, queueId: 99, penalty: 0 });
      connection.send('QueueMember', { agentId: f.agentId, queueId: f.queueId, penalty: f.penalty });
    });
    answer(connection, 'removeAgentFromQueue', (f) => {
      connection.send('QueueMember', { agentId: f.agentId, queueId: f.queueId, penalty: -1 });
    });
    await expect(r.client.setAgentQueueAndWait(12, 3, 2)).resolves.toEqual({
      agentId: 12,
      queueId: 3,
      penalty: 2,
    });
    await expect(r.client.removeAgentFromQueueAndWait(12, 3)).resolves.toEqual({
      agentId: 12,
      queueId: 3,
      penalty: -1,
    });
  });

  it('callback acknowledgements: taken, released, started, clotured or updated', async () => {
    const r = await start();
    const connection = await connected(r);
    answer(connection, 'takeCallback', (f) => {
      connection.send('CallbackTaken', { uuid: 'other', agentId: 2 });
      connection.send('CallbackTaken', { uuid: f.uuid, agentId: 2 });
    });
    answer(connection, 'releaseCallback', (f) => connection.send('CallbackReleased', { uuid: f.uuid }));
    answer(connection, 'startCallback', (f) =>
      connection.send('CallbackStarted', { requestUuid: f.uuid, ticketUuid: 't-9' }),
    );
    answer(connection, 'updateCallbackTicket', (f) => {
      if (f.status === 'Callback') {
        connection.send('CallbackRequestUpdated', {
          request: { uuid: f.uuid, listUuid: 'l-1', dueDate: f.dueDate, agentId: null },
        });
      } else {
        connection.send('CallbackClotured', { uuid: f.uuid });
      }
    });
    await expect(r.client.takeCallbackAndWait('u-1')).resolves.toEqual({ uuid: 'u-1', agentId: 2 });
    await expect(r.client.releaseCallbackAndWait('u-1')).resolves.toEqual({ uuid: 'u-1' });
    await expect(r.client.startCallbackAndWait('u-1', '0601')).resolves.toEqual({
      requestUuid: 'u-1',
      ticketUuid: 't-9',
    });
    await expect(r.client.updateCallbackTicketAndWait('u-1', 'Answered', 'done')).resolves.toEqual({
      msgType: 'CallbackClotured',
      uuid: 'u-1',
    });
    await expect(
      r.client.updateCallbackTicketAndWait('u-2', 'Callback', 'later', '2024-05-01', 'p-1'),
    ).resolves.toEqual({ msgType: 'CallbackRequestUpdated', uuid: 'u-2' });
  });

  it('loginAgentAndWait resolves on the agent state that is not AgentLoggedOut', async () => {
    const r = await start();
    const connection = await connected(r);
    answer(connection, 'agentLogin', (f) => {
      connection.send('AgentStateEvent', { ...STATE, name: 'AgentLoggedOut', phoneNb: f.agentphonenumber });
      connection.send('AgentStateEvent', { ...STATE, name: 'AgentReady', phoneNb: '9999' });
      connection.send('AgentStateEvent', { ...STATE, name: 'AgentReady', phoneNb: f.agentphonenumber });
    });
    const state = await r.client.loginAgentAndWait('1001', 19);
    expect([state.name, state.phoneNb, state.agentId]).toEqual(['AgentReady', '1001', 19]);
  });

  it('loginAgentAndWait rejects with AgentError naming both phones for LoggedInOnAnotherPhone', async () => {
    const r = await start();
    const connection = await connected(r);
    const stop = answer(connection, 'agentLogin', () =>
      connection.send('AgentError', {
        Error: 'LoggedInOnAnotherPhone',
        phoneNb: '1002',
        RequestedNb: '1001',
      }),
    );
    const error = await rejection(r.client.loginAgentAndWait('1001'));
    expect(error.code).toBe('AgentError');
    expect(error.data).toEqual({ Error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' });
    expect(error.message).toContain('1002');
    expect(error.message).toContain('1001');

    stop();
    answer(connection, 'agentLogin', () => connection.send('AgentError', { Error: 'PhoneNumberUnknown' }));
    const unknown = await rejection(r.client.loginAgentAndWait('5555'));
    expect(unknown.message).toContain('5555');
  });

  it('rejects with Timeout when no acknowledgement comes', async () => {
    const r = await start({ ackTimeoutMs: 5000 });
    const connection = await connected(r);
    const waiting = r.client.takeCallbackAndWait('u-1');
    await connection.frame(1);
    r.timers.advance(5000);
    const error = await rejection(waiting);
    expect(error.code).toBe('Timeout');
    expect(error.message).toMatch(/CallbackTaken for u-1 arrived within 5 s/);
  });

  it('close() rejects pending waits with Closed and ends the socket', async () => {
    const r = await start();
    const connection = await connected(r);
    const taking = r.client.takeCallbackAndWait('u-1');
    const waiting = r.client.waitFor('AgentStatistics', (s) => s.id === 22);
    r.client.close();
    expect((await rejection(taking)).code).toBe('Closed');
    expect((await rejection(waiting)).code).toBe('Closed');
    expect(r.client.status).toMatchObject({ state: 'offline', reason: 'closed' });
    await connection.whenClosed();
    expect(r.timers.pending).toBe(0);
  });

  it('waitFor resolves with the first payload matching the predicate', async () => {
    const r = await start();
    const connection = await connected(r);
    const waiting = r.client.waitFor('AgentStatistics', (s) => s.id === 22);
    connection.send('AgentStatistics', { id: 21, statistics: [] });
    connection.send('AgentStatistics', { id: 22, statistics: [{ name: 'AgentReadyTotalTime', value: 434 }] });
    expect((await waiting).statistics).toEqual([{ name: 'AgentReadyTotalTime', value: 434 }]);
  });
});
