/**
 * What the public xuc library and the integrations built on it really send (issue 9 §3), over real
 * sockets: CORS for REST logins from another origin, frames with omitted or loosely typed fields,
 * and the requests xucmgt and GLPI make at start (basequeuemember, line config, phone hints, meetme).
 */
import { describe, expect, it } from 'vitest';
import { agentReady, CtiClient, placeCall, startSim } from './support';

const LOGIN_URL = '/xuc/api/2.0/auth/login';
const CHECK_URL = '/xuc/api/2.0/auth/check';

function preflight(baseUrl: string, path: string, origin: string, method: string, headers: string) {
  return fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': headers,
    },
  });
}

function login(baseUrl: string, origin: string) {
  return fetch(`${baseUrl}${LOGIN_URL}`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'alice', password: 'practice' }),
  });
}

describe('CORS on the REST endpoints', () => {
  it('answers the preflight of a loopback origin by default, with credentials and the exact origin', async () => {
    const { baseUrl } = await startSim();
    for (const origin of ['http://127.0.0.1:5173', 'https://localhost:8443', 'http://[::1]:3000']) {
      const answer = await preflight(baseUrl, LOGIN_URL, origin, 'POST', 'content-type');
      expect(answer.status, origin).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
      expect(answer.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
      expect(answer.headers.get('vary')).toBe('Origin');
    }
    const check = await preflight(baseUrl, CHECK_URL, 'http://localhost:8080', 'GET', 'authorization');
    expect(check.status).toBe(204);
    expect(check.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
  });

  it('lets the login and check answers be read by an allowed origin only', async () => {
    const { baseUrl } = await startSim();
    const allowed = await login(baseUrl, 'http://127.0.0.1:5173');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const { token } = (await allowed.json()) as { token: string };
    const check = await fetch(`${baseUrl}${CHECK_URL}`, {
      headers: { Origin: 'http://127.0.0.1:5173', Authorization: `Bearer ${token}` },
    });
    expect(check.status).toBe(200);
    expect(check.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');

    const foreign = await login(baseUrl, 'https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    expect(foreign.headers.get('vary')).toBe('Origin');
    // Errors are readable too, so the integration can show why.
    const wrong = await fetch(`${baseUrl}${LOGIN_URL}`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:1234', 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'alice', password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('access-control-allow-origin')).toBe('http://localhost:1234');
  });

  it('refuses a preflight from an origin not listed, or for a method or header the route does not take', async () => {
    const { baseUrl } = await startSim();
    const cases: Array<[string, string, string]> = [
      ['https://evil.example', 'POST', 'content-type'],
      ['http://127.0.0.1.evil.example', 'POST', 'content-type'],
      ['null', 'POST', 'content-type'],
      ['http://127.0.0.1:5173', 'DELETE', ''],
      ['http://127.0.0.1:5173', 'POST', 'content-type, x-forwarded-for'],
    ];
    for (const [origin, method, headers] of cases) {
      const answer = await preflight(baseUrl, LOGIN_URL, origin, method, headers);
      expect(answer.status, `${origin} ${method} ${headers}`).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    // A plain OPTIONS (no Origin) just says what the route takes.
    const plain = await fetch(`${baseUrl}${LOGIN_URL}`, { method: 'OPTIONS' });
    expect(plain.status).toBe(204);
    expect(plain.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('uses the origin list of the options instead of loopback when one is given', async () => {
    const { baseUrl } = await startSim({
      cors: { origins: ['https://glpi.example.org', 'http://10.0.0.5:*'] },
    });
    expect(
      (await preflight(baseUrl, LOGIN_URL, 'https://glpi.example.org', 'POST', 'content-type')).status,
    ).toBe(204);
    expect((await preflight(baseUrl, LOGIN_URL, 'http://10.0.0.5:81', 'POST', 'content-type')).status).toBe(
      204,
    );
    expect(
      (await preflight(baseUrl, LOGIN_URL, 'http://glpi.example.org', 'POST', 'content-type')).status,
    ).toBe(403);
    expect((await preflight(baseUrl, LOGIN_URL, 'https://glpi.example.org:8443', 'POST', '')).status).toBe(
      403,
    );
    expect(
      (await preflight(baseUrl, LOGIN_URL, 'http://127.0.0.1:5173', 'POST', 'content-type')).status,
    ).toBe(403);
  });

  it('covers the CAS sign-in route when CAS is on, and nothing of a sign-in that is off', async () => {
    const cas = '/xuc/api/2.0/auth/cas';
    const on = await startSim({ cas: {} });
    const answer = await preflight(on.baseUrl, cas, 'http://127.0.0.1:5173', 'GET', '');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    const off = await startSim();
    expect((await preflight(off.baseUrl, cas, 'http://127.0.0.1:5173', 'GET', '')).status).toBe(404);
    expect(
      (await preflight(off.baseUrl, '/xuc/api/2.0/auth/sso', 'http://127.0.0.1:5173', 'GET', '')).status,
    ).toBe(404);
  });

  it('refuses to start with an origin pattern that is not an origin', async () => {
    await expect(startSim({ cors: { origins: ['crm.example.com/path'] } })).rejects.toThrow(/CORS origin/);
  });
});

describe('frames as the real library sends them', () => {
  it('findCallbackRequest without offset and limit gets the first 100', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.send({ claz: 'web', command: 'findCallbackRequest', id: 7, request: { filters: [] } });
    const reply = await admin.waitFor('FindCallbackResponseWithId', (r) => r.id === 7);
    expect(reply.response.list).toHaveLength(12);
    expect(reply.response.total).toBe(12);
  });

  it('reads ids sent as numeric strings and a phone number sent as a number', async () => {
    const { baseUrl } = await startSim();
    const hugo = await CtiClient.connect(baseUrl, 'hugo');
    // xucmgt walks its queue maps with string keys.
    hugo.send({ claz: 'web', command: 'setAgentQueue', agentId: '12', queueId: '3', penalty: '1' });
    expect(await hugo.waitFor('QueueMember')).toEqual({ agentId: 12, queueId: 3, penalty: 1 });
    hugo.send({ claz: 'web', command: 'removeAgentFromQueue', agentId: 12, queueId: '3' });
    expect(await hugo.waitFor('QueueMember')).toEqual({ agentId: 12, queueId: 3, penalty: -1 });
    // GLPI reads the phone number from the page: a JSON number; agentid left as null.
    hugo.send({ claz: 'web', command: 'agentLogin', agentphonenumber: 1008, agentid: null });
    expect(await hugo.waitFor('AgentStateEvent', (s) => s.name === 'AgentReady')).toMatchObject({
      agentId: 18,
      phoneNb: '1008',
    });
    hugo.send({ claz: 'web', command: 'findCallbackRequest', id: '8', request: { filters: [] } });
    expect((await hugo.waitFor('FindCallbackResponseWithId')).id).toBe(8);
  });

  it('still refuses what a real server refuses', async () => {
    const { baseUrl } = await startSim();
    const hugo = await CtiClient.connect(baseUrl, 'hugo');
    const refused = [
      { claz: 'web', command: 'setAgentQueue', agentId: 'twelve', queueId: 3, penalty: 0 },
      { claz: 'web', command: 'setAgentQueue', agentId: '12.5', queueId: 3, penalty: 0 },
      { claz: 'web', command: 'agentLogin' },
      { claz: 'web', command: 'takeCallback', uuid: null },
      {
        claz: 'web',
        command: 'updateCallbackTicket',
        uuid: 'u',
        status: 'Answered',
        comment: 'x'.repeat(4001),
      },
    ];
    for (const frame of refused) {
      hugo.send(frame);
      const error = await hugo.waitFor('Error');
      expect(error, JSON.stringify(frame).slice(0, 80)).toMatchObject({ Error: 'InvalidCommand' });
    }
    // dialFromQueue with a queue id the library turned into NaN (null on the wire) gets its own reason.
    hugo.send({ claz: 'web', command: 'dialFromQueue', destination: '0601', queueId: null });
    expect(await hugo.waitFor('Error')).toMatchObject({
      Error: 'InvalidCommand',
      message: /numeric queueId/,
    });
  });
});

describe('what xucmgt and GLPI ask at start', () => {
  it('getList basequeuemember: the default memberships, filtered like every queue datum', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('getList', { objectType: 'basequeuemember' });
    const all = await admin.waitFor('UsersQueueDefaultMembership');
    expect(all.memberships).toHaveLength(8);
    expect(all.memberships.find((m) => m.userId === 11)?.membership).toEqual([
      { queueId: 1, penalty: 0 },
      { queueId: 4, penalty: 2 },
    ]);

    const sup = await CtiClient.connect(baseUrl, 'supervisor');
    sup.command('getList', { objectType: 'basequeuemember' });
    const scoped = await sup.waitFor('UsersQueueDefaultMembership');
    expect(scoped.memberships.map((m) => m.userId).sort()).toEqual([11, 12, 13, 14]);
    for (const entry of scoped.memberships) {
      for (const { queueId } of entry.membership) expect([1, 2]).toContain(queueId);
    }

    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('getList', { objectType: 'basequeuemember' });
    expect((await alice.waitFor('UsersQueueDefaultMembership')).memberships.map((m) => m.userId)).toEqual([
      11,
    ]);
  });

  it('getConfig line: the user line as a desk phone', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('getConfig', { objectType: 'line' });
    expect(await alice.waitForRaw('LineConfig')).toEqual({
      id: '1',
      context: 'default',
      name: 'practice-1001',
      number: '1001',
      webRtc: false,
      hasDevice: true,
      isUa: false,
    });
  });

  it('getList meetme: the conference rooms', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('getList', { objectType: 'meetme' });
    expect(await alice.waitForRaw('ConferenceList')).toEqual([
      { name: 'Team room', number: '4000', pinRequired: false, startTime: 0, members: [] },
      { name: 'Supervisors', number: '4001', pinRequired: true, startTime: 0, members: [] },
    ]);
  });

  it('subscribeToPhoneHints: the current state of each number, then every change of its line', async () => {
    const { baseUrl } = await startSim();
    const glpi = await CtiClient.connect(baseUrl, 'supervisor');
    const alice = await agentReady(baseUrl, 11);
    glpi.command('subscribeToPhoneHints', { phoneNumbers: ['1001', '1002', '0999'] });
    type Hint = { number: string; status: number };
    const hint = (number: string) =>
      glpi.waitForRaw<Hint>('PhoneHintStatusEvent', (h) => h.number === number);
    expect(await hint('1001')).toEqual({ number: '1001', status: 0 });
    expect(await hint('1002')).toEqual({ number: '1002', status: 0 });
    expect(await hint('0999')).toEqual({ number: '0999', status: -2 });

    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    expect(await hint('1001')).toEqual({ number: '1001', status: 8 });
    alice.command('answer', {});
    expect(await hint('1001')).toEqual({ number: '1001', status: 2 });
    alice.command('hangup', {});
    expect(await hint('1001')).toEqual({ number: '1001', status: 0 });

    glpi.command('unsubscribeFromAllPhoneHints', {});
    await glpi.sync();
    const seen = glpi.raw.length;
    alice.command('dial', { destination: '0601020304' });
    await alice.waitFor('PhoneEvent', (e) => e.eventType === 'EventDialing');
    await glpi.sync();
    expect(glpi.raw.slice(seen).filter((f) => f.msgType === 'PhoneHintStatusEvent')).toEqual([]);
  });

  it('PhoneEvent userData carries SIPCALLID and XIVO_USERID', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304', variables: { folderNumber: '42' } });
    const ringing = await alice.waitFor('PhoneEvent', (e) => e.eventType === 'EventRinging');
    expect(ringing.userData).toMatchObject({ XIVO_USERID: '11', USR_folderNumber: '42' });
    expect(ringing.userData.SIPCALLID).toMatch(/^\S+@\S+$/);
    alice.command('answer', {});
    const established = await alice.waitFor('PhoneEvent', (e) => e.eventType === 'EventEstablished');
    expect(established.userData.SIPCALLID).toBe(ringing.userData.SIPCALLID);
  });
});
