import { describe, expect, it } from 'vitest';
import { localDate } from '../../../sim/model/callbacks';
import { agentReady, CtiClient, postJson, startSim } from './support';

const SALES = 'c0ffee00-0000-4000-8000-000000000001';
const SUPPORT = 'c0ffee00-0000-4000-8000-000000000002';
const request = (n: number) => `a967da84-bc41-4bf4-a4fc-${String(n).padStart(12, '0')}`;
const AFTERNOON = 'b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a02';

/** Connects, subscribes to callback lists and returns the lists it was given. */
async function subscribed(baseUrl: string, login: string) {
  const client = await CtiClient.connect(baseUrl, login);
  client.command('getCallbackLists', {});
  const lists = await client.waitFor('CallbackLists');
  client.mark();
  return { client, lists };
}

describe('callback lists', () => {
  it('getCallbackLists answers the lists of the queues the user may see, with their requests', async () => {
    const { baseUrl, clock } = await startSim();
    const { lists } = await subscribed(baseUrl, 'admin');
    expect(lists.map((l) => [l.name, l.queueId, l.callbacks.length])).toEqual([
      ['Sales callbacks', 1, 7],
      ['Support callbacks', 2, 5],
    ]);
    expect(lists[0]!.callbacks[0]).toEqual({
      uuid: request(1),
      listUuid: SALES,
      phoneNumber: '0230210082',
      mobilePhoneNumber: null,
      firstName: 'Léa',
      lastName: 'Bernard',
      company: 'Boulangerie Bernard',
      description: 'Wants a quote for 3 licences',
      agentId: null,
      dueDate: localDate(clock.now(), -1),
      preferredPeriod: {
        uuid: 'b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a01',
        name: 'Morning',
        periodStart: '09:00:00',
        periodEnd: '12:00:00',
        default: true,
      },
      voiceMessageRef: null,
    });
    const david = await subscribed(baseUrl, 'david'); // support only
    expect(david.lists.map((l) => l.uuid)).toEqual([SUPPORT]);
  });

  it('getCallbackPreferredPeriods answers the periods', async () => {
    const { baseUrl } = await startSim();
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('getCallbackPreferredPeriods', {});
    const periods = await alice.waitFor('PreferredCallbackPeriodList');
    expect(periods.map((p) => [p.name, p.periodStart, p.periodEnd, p.default])).toEqual([
      ['Morning', '09:00:00', '12:00:00', true],
      ['Afternoon', '14:00:00', '17:00:00', false],
      ['Evening', '17:00:00', '19:30:00', false],
    ]);
  });
});

describe('taking and releasing callbacks', () => {
  it('takeCallback sends CallbackTaken to every user who may see the list, and to no one else', async () => {
    const { baseUrl } = await startSim();
    const alice = (await subscribed(baseUrl, 'alice')).client;
    const bruno = (await subscribed(baseUrl, 'bruno')).client;
    const supervisor = (await subscribed(baseUrl, 'supervisor')).client;
    const david = (await subscribed(baseUrl, 'david')).client;
    alice.command('takeCallback', { uuid: request(3) });
    const taken = { uuid: request(3), agentId: 11 };
    expect(await alice.waitFor('CallbackTaken')).toEqual(taken);
    expect(await bruno.waitFor('CallbackTaken')).toEqual(taken);
    expect(await supervisor.waitFor('CallbackTaken')).toEqual(taken);
    await david.sync();
    expect(david.pending('CallbackTaken')).toEqual([]);
  });

  it('refuses a callback held by another agent, and a release by an agent that does not hold it', async () => {
    const { baseUrl } = await startSim();
    const alice = (await subscribed(baseUrl, 'alice')).client;
    const bruno = (await subscribed(baseUrl, 'bruno')).client;
    alice.command('takeCallback', { uuid: request(2) });
    await bruno.waitFor('CallbackTaken');
    bruno.command('takeCallback', { uuid: request(2) });
    expect(await bruno.waitFor('Error')).toMatchObject({ Error: 'CallbackAlreadyTaken' });
    bruno.command('releaseCallback', { uuid: request(2) });
    expect(await bruno.waitFor('Error')).toMatchObject({ Error: 'CallbackNotTaken' });
    bruno.command('takeCallback', { uuid: 'no-such-request' });
    expect(await bruno.waitFor('Error')).toMatchObject({ Error: 'CallbackNotFound' });
    // A list of a queue Bruno is not in.
    bruno.command('takeCallback', { uuid: request(9) });
    expect(await bruno.waitFor('Error')).toMatchObject({ Error: 'Forbidden' });
  });

  it('releaseCallback frees it for everyone (CallbackReleased), and another agent may take it', async () => {
    const { baseUrl } = await startSim();
    const alice = (await subscribed(baseUrl, 'alice')).client;
    const bruno = (await subscribed(baseUrl, 'bruno')).client;
    alice.command('takeCallback', { uuid: request(5) });
    await alice.waitFor('CallbackTaken');
    alice.command('releaseCallback', { uuid: request(5) });
    expect(await alice.waitFor('CallbackReleased')).toEqual({ uuid: request(5) });
    expect(await bruno.waitFor('CallbackReleased')).toEqual({ uuid: request(5) });
    bruno.command('takeCallback', { uuid: request(5) });
    expect(await alice.waitFor('CallbackTaken')).toEqual({ uuid: request(5), agentId: 12 });
  });

  it('needs an agent: a user without one gets NoAgent', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('takeCallback', { uuid: request(1) });
    expect(await admin.waitFor('Error')).toMatchObject({ Error: 'NoAgent' });
  });
});

describe('starting and closing callbacks', () => {
  it('startCallback answers CallbackStarted and the agent phone dials the number', async () => {
    const { baseUrl } = await startSim({ outboundAnswerSeconds: null });
    const alice = await agentReady(baseUrl, 11);
    alice.command('startCallback', { uuid: request(4), number: '0556321478' });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'CallbackNotTaken' });
    alice.command('takeCallback', { uuid: request(4) });
    await alice.waitFor('CallbackTaken');
    alice.command('startCallback', { uuid: request(4), number: '0556321478' });
    const started = await alice.waitFor('CallbackStarted');
    expect(started.requestUuid).toBe(request(4));
    expect(started.ticketUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentDialing', agentId: 11 });
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({
      eventType: 'EventDialing',
      DN: '1001',
      otherDN: '0556321478',
    });
  });

  it('a status other than Callback closes the ticket: CallbackClotured, and the request leaves the lists', async () => {
    const { baseUrl, clock } = await startSim({ outboundAnswerSeconds: 2 });
    const alice = await agentReady(baseUrl, 11);
    const bruno = (await subscribed(baseUrl, 'bruno')).client;
    alice.command('takeCallback', { uuid: request(6) });
    await alice.waitFor('CallbackTaken');
    alice.command('startCallback', { uuid: request(6), number: '0299887766' });
    const { ticketUuid } = await alice.waitFor('CallbackStarted');
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentDialing');
    clock.advance(2000); // the customer answers
    await alice.waitFor('AgentStateEvent', (s) => s.name === 'AgentOnCall');
    alice.command('hangup', {});
    expect(await alice.waitFor('AgentStateEvent')).toMatchObject({ name: 'AgentReady' }); // not a queue call: no wrap-up
    alice.command('updateCallbackTicket', {
      uuid: ticketUuid,
      status: 'Answered',
      comment: 'Done, quote sent',
    });
    const closed = await alice.waitFor('CallbackClotured');
    expect(closed).toMatchObject({ uuid: request(6), ticketUuid });
    expect(await bruno.waitFor('CallbackClotured')).toMatchObject({ uuid: request(6) });
    bruno.command('getCallbackLists', {});
    const lists = await bruno.waitFor('CallbackLists');
    expect(lists[0]!.callbacks.map((c) => c.uuid)).not.toContain(request(6));
    expect(lists[0]!.callbacks).toHaveLength(6);
    // The same update sent again (an outbox resend after a reconnect) is confirmed again, not refused.
    alice.command('updateCallbackTicket', {
      uuid: ticketUuid,
      status: 'Answered',
      comment: 'Done, quote sent',
    });
    expect(await alice.waitFor('CallbackClotured')).toMatchObject({ uuid: request(6) });
  });

  it('status Callback reschedules: CallbackRequestUpdated with the new due date, period and the comment', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const supervisor = (await subscribed(baseUrl, 'supervisor')).client;
    alice.command('takeCallback', { uuid: request(7) });
    await alice.waitFor('CallbackTaken');
    alice.command('updateCallbackTicket', {
      uuid: request(7),
      status: 'Callback',
      comment: 'Call back on Friday afternoon',
      dueDate: '2026-02-06',
      periodUuid: AFTERNOON,
    });
    const updated = await supervisor.waitFor('CallbackRequestUpdated');
    expect(updated.request).toMatchObject({
      uuid: request(7),
      listUuid: SALES,
      dueDate: '2026-02-06',
      description: 'Call back on Friday afternoon',
      agentId: null,
      preferredPeriod: { uuid: AFTERNOON, name: 'Afternoon', periodStart: '14:00:00', periodEnd: '17:00:00' },
    });
    expect((await alice.waitFor('CallbackRequestUpdated')).request.uuid).toBe(request(7));
    // It stays in its list, free again.
    supervisor.command('getCallbackLists', {});
    const sales = (await supervisor.waitFor('CallbackLists')).find((l) => l.uuid === SALES)!;
    expect(sales.callbacks.find((c) => c.uuid === request(7))).toMatchObject({
      agentId: null,
      dueDate: '2026-02-06',
    });
  });

  it('confirms a repeated reschedule again (an outbox resend) until another agent takes the request', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    const bruno = await agentReady(baseUrl, 12);
    alice.command('takeCallback', { uuid: request(5) });
    await alice.waitFor('CallbackTaken');
    const update = {
      uuid: request(5),
      status: 'Callback' as const,
      comment: 'later',
      dueDate: '2026-02-02',
      periodUuid: AFTERNOON,
    };
    alice.command('updateCallbackTicket', update);
    await alice.waitFor('CallbackRequestUpdated');
    alice.command('updateCallbackTicket', update);
    expect((await alice.waitFor('CallbackRequestUpdated')).request).toMatchObject({
      uuid: request(5),
      agentId: null,
    });
    bruno.command('takeCallback', { uuid: request(5) });
    await bruno.waitFor('CallbackTaken');
    alice.command('updateCallbackTicket', update);
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'CallbackNotTaken' });
  });

  it('refuses an update from an agent that does not hold the request, and an unknown period', async () => {
    const { baseUrl } = await startSim();
    const alice = await agentReady(baseUrl, 11);
    alice.command('updateCallbackTicket', { uuid: request(1), status: 'Answered' });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'CallbackNotTaken' });
    alice.command('takeCallback', { uuid: request(1) });
    await alice.waitFor('CallbackTaken');
    alice.command('updateCallbackTicket', {
      uuid: request(1),
      status: 'Callback',
      dueDate: '2026-02-01',
      periodUuid: 'nope',
    });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'UnknownPeriod' });
  });

  it('listenCallbackMessage rings the user phone and plays the message when answered', async () => {
    const { baseUrl, clock } = await startSim({ messageSeconds: 8 });
    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('listenCallbackMessage', { voiceMessageRef: 'vm-sales-0002' });
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({
      eventType: 'EventRinging',
      DN: '1001',
      otherDName: 'Callback message',
      userData: { voiceMessageRef: 'vm-sales-0002' },
    });
    alice.command('answer', {});
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({ eventType: 'EventEstablished' });
    clock.advance(8000);
    expect(await alice.waitFor('PhoneEvent')).toMatchObject({ eventType: 'EventReleased' });
    alice.command('listenCallbackMessage', { voiceMessageRef: 'vm-support-0008' }); // not her list
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'Forbidden' });
    alice.command('listenCallbackMessage', { voiceMessageRef: 'vm-none' });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'UnknownVoiceMessage' });
  });
});

describe('findCallbackRequest', () => {
  it('filters, sorts and pages the requests of the lists the user may see', async () => {
    const { baseUrl } = await startSim();
    const admin = await CtiClient.connect(baseUrl, 'admin');
    admin.command('findCallbackRequest', {
      id: 7,
      request: {
        filters: [
          { field: 'lastName', operator: 'ilike', value: '%er%' },
          { field: 'lastName', order: 'ASC' },
        ],
        offset: 0,
        limit: 3,
      },
    });
    const found = await admin.waitFor('FindCallbackResponseWithId', (r) => r.id === 7);
    expect(found.response.total).toBe(5); // Bernard, Chevalier, Garnier, Lambert, Mercier
    expect(found.response.list.map((r) => r.lastName)).toEqual(['Bernard', 'Chevalier', 'Garnier']);

    const alice = await CtiClient.connect(baseUrl, 'alice');
    alice.command('findCallbackRequest', {
      id: 8,
      request: { filters: [{ field: 'voiceMessageRef', operator: 'is not null' }], offset: 0, limit: 100 },
    });
    const hers = await alice.waitFor('FindCallbackResponseWithId', (r) => r.id === 8);
    expect(hers.response.list.map((r) => r.voiceMessageRef).sort()).toEqual([
      'vm-sales-0002',
      'vm-sales-0004',
    ]);

    alice.command('findCallbackRequest', {
      id: 9,
      request: { filters: [{ field: 'password', operator: '=', value: 'x' }], offset: 0, limit: 10 },
    });
    expect(await alice.waitFor('Error')).toMatchObject({ Error: 'InvalidFilter' });
  });
});

describe('adding a request through the control API', () => {
  it('pushes the updated CallbackLists to the users who may see the list', async () => {
    const { baseUrl } = await startSim();
    const alice = (await subscribed(baseUrl, 'alice')).client;
    const david = (await subscribed(baseUrl, 'david')).client;
    const added = await postJson(baseUrl, '/sim/callbacks', {
      listUuid: SALES,
      phoneNumber: '0612121212',
      firstName: 'Zoé',
      lastName: 'Lemaire',
      dueDate: '2026-01-20',
      periodUuid: AFTERNOON,
    });
    expect(added.status).toBe(201);
    const lists = await alice.waitFor('CallbackLists');
    expect(lists[0]!.callbacks.find((c) => c.uuid === added.body.uuid)).toMatchObject({
      firstName: 'Zoé',
      dueDate: '2026-01-20',
      preferredPeriod: { name: 'Afternoon' },
    });
    await david.sync();
    expect(david.pending('CallbackLists')).toEqual([]);
  });
});
