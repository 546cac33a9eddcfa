import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame } from '../../../xuc/wire/decode';
import { CtiClient, ctiUrl, getJson, postJson, restLogin, startSim, upgradeStatus } from './support';

const LOGIN = '/xuc/api/2.0/auth/login';
const CHECK = '/xuc/api/2.0/auth/check';

describe('REST authentication', () => {
  it('logs in with the right password and returns login, token and TTL', async () => {
    const { baseUrl } = await startSim({ tokenTtlSeconds: 120 });
    const { status, body } = await postJson(baseUrl, LOGIN, { login: 'alice', password: 'practice' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ login: 'alice', TTL: 120 });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const again = await postJson(baseUrl, LOGIN, { login: 'alice', password: 'practice' });
    expect(again.body.token).not.toBe(body.token);
  });

  it('refuses a wrong password or an unknown login with 401 InvalidCredentials', async () => {
    const { baseUrl } = await startSim();
    for (const credentials of [
      { login: 'alice', password: 'wrong' },
      { login: 'nobody', password: 'practice' },
    ]) {
      const { status, body } = await postJson(baseUrl, LOGIN, credentials);
      expect(status).toBe(401);
      expect(body.error).toBe('InvalidCredentials');
      expect(typeof body.message).toBe('string');
    }
  });

  it('answers a body that is not JSON, or not a login, with 400 InvalidJson', async () => {
    const { baseUrl } = await startSim();
    const broken = await postJson(baseUrl, LOGIN, '{"login": "alice", ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('InvalidJson');
    const shapeless = await postJson(baseUrl, LOGIN, { user: 'alice' });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.error).toBe('InvalidJson');
  });

  it('refuses an oversized body with 413 and unknown paths with 404, wrong methods with 405', async () => {
    const { baseUrl } = await startSim();
    const huge = await postJson(baseUrl, LOGIN, { login: 'alice', password: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('PayloadTooLarge');
    const unknown = await getJson(baseUrl, '/xuc/api/2.0/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'NotFound' });
    const wrongMethod = await getJson(baseUrl, LOGIN);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error).toBe('MethodNotAllowed');
  });

  it('checks a token and renews it; an expired or unknown token gets 401 TokenExpired', async () => {
    const { baseUrl, clock } = await startSim({ tokenTtlSeconds: 60 });
    const token = await restLogin(baseUrl, 'alice');
    const ok = await getJson(baseUrl, CHECK, { Authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.body.login).toBe('alice');
    expect(ok.body.token).not.toBe(token);

    clock.advance(61_000);
    const expired = await getJson(baseUrl, CHECK, { Authorization: `Bearer ${token}` });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: 'TokenExpired', message: 'the token has expired' });
    const unknown = await getJson(baseUrl, CHECK, { Authorization: 'Bearer not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('TokenExpired');
    const missing = await getJson(baseUrl, CHECK);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('InvalidToken');
  });
});

describe('CTI socket', () => {
  it('refuses a missing, unknown or expired token with HTTP 401 at the upgrade', async () => {
    const { baseUrl, clock } = await startSim({ tokenTtlSeconds: 30 });
    const missing = await upgradeStatus(`${baseUrl.replace('http', 'ws')}/xuc/api/2.0/cti`);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'InvalidToken' });
    const unknown = await upgradeStatus(ctiUrl(baseUrl, 'forged-token'));
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'TokenExpired' });

    const token = await restLogin(baseUrl, 'alice');
    expect((await upgradeStatus(ctiUrl(baseUrl, token))).status).toBe(101);
    clock.advance(31_000);
    const expired = await upgradeStatus(ctiUrl(baseUrl, token));
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.body)).toMatchObject({
      error: 'TokenExpired',
      message: 'the token has expired',
    });
    const elsewhere = await upgradeStatus(`${baseUrl.replace('http', 'ws')}/other?token=${token}`);
    expect(elsewhere.status).toBe(404);
  });

  it('starts a session with LoggedOn, RightProfile, UserConfigUpdate, UsersStatuses in that order', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    expect(alice.frames.slice(0, 4).map((f) => f.msgType)).toEqual([
      'LoggedOn',
      'RightProfile',
      'UserConfigUpdate',
      'UsersStatuses',
    ]);
    const config = alice.frames[2]!;
    expect(config.msgType === 'UserConfigUpdate' && config.ctiMessage).toMatchObject({
      userId: 11,
      agentId: 11,
      fullName: 'Alice Martin',
    });
    const statuses = alice.frames[3]!;
    if (statuses.msgType !== 'UsersStatuses') throw new Error('expected UsersStatuses');
    const actions = statuses.ctiMessage.flatMap((s) => s.actions.map((a) => a.name));
    expect(actions).toContain('queuepause_all');
    expect(actions).toContain('queueunpause_all');
    // Its own agent's state follows, so a client knows where it stands without asking.
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({
      agentId: 11,
      name: 'AgentLoggedOut',
      phoneNb: '',
    });
  });

  it('answers each ping with Pong and keeps a silent link alive with traffic every few seconds', async () => {
    const { baseUrl, clock } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.mark();
    alice.send({ claz: 'ping' });
    expect(await alice.waitFor('Pong')).toEqual({});
    alice.mark();
    clock.advance(10_000);
    await alice.waitFor('Pong');
  });

  it('sends Pong as {"msgType":"Pong","ctiMessage":{}} text', async () => {
    const { baseUrl } = await startSim();
    const token = await restLogin(baseUrl, 'bruno');
    const ws = new WebSocket(ctiUrl(baseUrl, token));
    const texts: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        texts.push(data.toString());
        if (texts.length === 4) ws.send('{"claz":"ping"}');
        if (data.toString().includes('"Pong"')) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(texts.at(-1)).toBe('{"msgType":"Pong","ctiMessage":{}}');
    for (const text of texts) expect(decodeFrame(text).ok).toBe(true);
  });
});
