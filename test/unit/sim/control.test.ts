import { describe, expect, it } from 'vitest';
import { ControlError } from '../../../sim/index';
import { mayUseControl } from '../../../sim/server/control';
import { agentReady, CtiClient, getJson, placeCall, postJson, startSim } from './support';

describe('control API: placing calls', () => {
  it('places a call by queue id or name and answers {callId}', async () => {
    const { baseUrl } = await startSim();
    const byId = await postJson(baseUrl, '/sim/calls', {
      queueId: 2,
      callerNumber: '0601020304',
      callerName: 'Ann',
    });
    expect(byId.status).toBe(201);
    expect(byId.body.callId).toMatch(/^\d+\.\d+$/);
    expect(byId.body.call).toMatchObject({ kind: 'inbound', state: 'queued', queueId: 2, remoteName: 'Ann' });
    const byName = await postJson(baseUrl, '/sim/calls', { queueName: 'vip', callerNumber: '0601020305' });
    expect(byName.status).toBe(201);
    expect(byName.body.call).toMatchObject({ queueId: 4 });
  });

  it('refuses bad bodies with 400 naming the field, unknown queues with 404, non-JSON with 415', async () => {
    const { baseUrl } = await startSim();
    const cases: Array<[unknown, number, string, RegExp]> = [
      [{ queueId: 1 }, 400, 'InvalidRequest', /^callerNumber: /],
      [
        { queueId: 1, queueName: 'sales', callerNumber: '0601' },
        400,
        'InvalidRequest',
        /exactly one of queueId or queueName/,
      ],
      [{ callerNumber: '0601' }, 400, 'InvalidRequest', /exactly one/],
      [{ queueId: 1, callerNumber: 'call me' }, 400, 'InvalidRequest', /^callerNumber: digits/],
      [
        { queueId: 1, callerNumber: '0601', variables: { 'bad-name': 'x' } },
        400,
        'InvalidRequest',
        /^variables/,
      ],
      [{ queueId: 1, callerNumber: '0601', extra: true }, 400, 'InvalidRequest', /extra/],
      [{ queueId: 99, callerNumber: '0601' }, 404, 'UnknownQueue', /99/],
      [{ queueName: 'nope', callerNumber: '0601' }, 404, 'UnknownQueue', /nope/],
      ['{"queueId": 1,', 400, 'InvalidJson', /JSON/],
    ];
    for (const [body, status, error, message] of cases) {
      const reply = await postJson(baseUrl, '/sim/calls', body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error).toBe(error);
      expect(reply.body.message).toMatch(message);
    }
    const plain = await postJson(
      baseUrl,
      '/sim/calls',
      { queueId: 1, callerNumber: '0601' },
      { 'Content-Type': 'text/plain' },
    );
    expect(plain.status).toBe(415);
    expect(plain.body.error).toBe('UnsupportedMediaType');
    const state = await getJson(baseUrl, '/sim/state');
    expect(state.body.calls).toEqual([]);
  });

  it('answers 404 for an unknown call and 409 for a call that is not ringing', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    expect((await postJson(baseUrl, '/sim/calls/1.999/answer', {})).body).toMatchObject({
      error: 'UnknownCall',
    });
    const callId = await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    expect((await postJson(baseUrl, `/sim/calls/${callId}/answer`, {})).status).toBe(200);
    const again = await postJson(baseUrl, `/sim/calls/${callId}/answer`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('NotRinging');
    expect((await postJson(baseUrl, '/sim/calls/1.999/hangup', {})).status).toBe(404);
  });

  it('answers 404 for unknown control routes and 405 for a wrong method', async () => {
    const { baseUrl } = await startSim();
    expect((await getJson(baseUrl, '/sim/nothing')).status).toBe(404);
    const wrong = await getJson(baseUrl, '/sim/calls');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error).toBe('MethodNotAllowed');
  });
});

describe('control API: callbacks and state', () => {
  it('validates a new callback request', async () => {
    const { baseUrl } = await startSim();
    const noPhone = await postJson(baseUrl, '/sim/callbacks', {
      listUuid: 'c0ffee00-0000-4000-8000-000000000001',
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.message).toMatch(/^phoneNumber: give a phoneNumber or a mobilePhoneNumber/);
    const badDate = await postJson(baseUrl, '/sim/callbacks', {
      listUuid: 'c0ffee00-0000-4000-8000-000000000001',
      phoneNumber: '0601',
      dueDate: 'tomorrow',
    });
    expect(badDate.body.message).toMatch(/^dueDate: YYYY-MM-DD/);
    const unknownList = await postJson(baseUrl, '/sim/callbacks', { listUuid: 'nope', phoneNumber: '0601' });
    expect(unknownList.status).toBe(404);
    expect(unknownList.body.error).toBe('CallbackListNotFound');
    const unknownPeriod = await postJson(baseUrl, '/sim/callbacks', {
      listUuid: 'c0ffee00-0000-4000-8000-000000000001',
      phoneNumber: '0601',
      periodUuid: 'nope',
    });
    expect(unknownPeriod.status).toBe(404);
    expect(unknownPeriod.body.error).toBe('UnknownPeriod');
  });

  it('GET /sim/state returns agents, queues, calls, callback lists and the number of sessions', async () => {
    const { baseUrl } = await startSim();
    await agentReady(baseUrl, 12);
    await CtiClient.connect(baseUrl, 'admin');
    const callId = await placeCall(baseUrl, { queueId: 1, callerNumber: '0601020304' });
    const { status, body } = await getJson(baseUrl, '/sim/state');
    expect(status).toBe(200);
    expect(body.sessions).toBe(2);
    const agents = body.agents as Array<Record<string, unknown>>;
    expect(agents).toHaveLength(8);
    expect(agents.find((a) => a.id === 12)).toMatchObject({ state: 'AgentRinging', phoneNb: '1002', callId });
    expect((body.queues as unknown[]).length).toBe(4);
    expect(body.calls).toEqual([expect.objectContaining({ callId, state: 'ringing', agentId: 12 })]);
    expect((body.callbackLists as unknown[]).length).toBe(2);
  });
});

describe('control API access', () => {
  it('is switched off entirely with control.enabled false (as --no-control)', async () => {
    const { baseUrl } = await startSim({ control: { enabled: false } });
    const state = await getJson(baseUrl, '/sim/state');
    expect(state.status).toBe(404);
    expect((await postJson(baseUrl, '/sim/calls', { queueId: 1, callerNumber: '0601' })).status).toBe(404);
    // The xuc side still works.
    await CtiClient.connect(baseUrl, 'alice');
  });

  it('answers loopback callers, and others only when allowed', () => {
    const none = new Set<string>();
    expect(mayUseControl('127.0.0.1', none)).toBe(true);
    expect(mayUseControl('127.3.4.5', none)).toBe(true);
    expect(mayUseControl('::1', none)).toBe(true);
    expect(mayUseControl('::ffff:127.0.0.1', none)).toBe(true);
    expect(mayUseControl('192.168.1.20', none)).toBe(false);
    expect(mayUseControl('::ffff:192.168.1.20', none)).toBe(false);
    expect(mayUseControl(undefined, none)).toBe(false);
    const allowed = new Set(['192.168.1.20']);
    expect(mayUseControl('192.168.1.20', allowed)).toBe(true);
    expect(mayUseControl('::ffff:192.168.1.20', allowed)).toBe(true);
    expect(mayUseControl('192.168.1.21', allowed)).toBe(false);
  });
});

describe('control API in process', () => {
  it('applies the same checks as over HTTP and throws a ControlError naming the problem', async () => {
    const { sim, baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const callId = sim.control.placeCall({
      queueName: 'sales',
      callerNumber: '0601020304',
      variables: { folderNumber: '4711' },
    });
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentRinging');
    sim.control.answerCall(callId);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    sim.control.hangupCall(callId);
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnWrapup');
    expect(() => sim.control.placeCall({ queueId: 1, callerNumber: 'abc' })).toThrow(ControlError);
    expect(() => sim.control.placeCall({ queueId: 1, callerNumber: 'abc' })).toThrow(
      /InvalidRequest: callerNumber/,
    );
    expect(() => sim.control.hangupCall('nope')).toThrow(/UnknownCall/);
    const uuid = sim.control.addCallback({
      listUuid: 'c0ffee00-0000-4000-8000-000000000002',
      mobilePhoneNumber: '0611',
    });
    expect(sim.control.state().callbackLists[1]!.requests.map((r) => r.uuid)).toContain(uuid);
    expect(() => sim.control.addCallback({ listUuid: 'x' } as never)).toThrow(/phoneNumber/);
  });
});
