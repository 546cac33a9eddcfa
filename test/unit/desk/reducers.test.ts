import { describe, expect, it } from 'vitest';
import type { DeskSnapshot, PatchOp } from '../../../preload/contract';
import { emptySnapshot } from '../../../main/desk/desk';
import * as reduce from '../../../main/desk/reducers';
import { DeskStore } from '../../../main/desk/store';
import type { Incoming } from '../../../xuc/wire/events';

const NOW = 1_767_600_000_000;
let ids = 0;
const ctx = (): reduce.ReduceContext => ({ now: NOW, newCallId: () => `call-${++ids}`, login: 'alice' });

/** Applies reducer output the way the desk does. */
function run(snapshot: DeskSnapshot, ...steps: Array<(s: DeskSnapshot) => PatchOp[]>): DeskSnapshot {
  const store = new DeskStore(snapshot, () => {});
  for (const step of steps) store.apply(step(store.snapshot));
  return store.snapshot;
}

const signedIn = run(emptySnapshot(), (s) =>
  reduce.userConfig(
    s,
    { userId: 7, agentId: 11, fullName: 'Alice Martin' } as Incoming['UserConfigUpdate'],
    ctx(),
  ),
);

const state = (name: Incoming['AgentStateEvent']['name'], extra: Partial<Incoming['AgentStateEvent']> = {}) =>
  ({ name, agentId: 11, phoneNb: '1001', since: 0, queues: [1], ...extra }) as Incoming['AgentStateEvent'];

describe('reducers', () => {
  it('AgentStateEvent: since (seconds in state) becomes an epoch ms, own agent mirrored', () => {
    const s = run(signedIn, (x) =>
      reduce.agentState(x, state('AgentOnPause', { since: 90, cause: 'lunch' }), ctx()),
    );
    expect(s.agents['11']).toMatchObject({
      state: 'AgentOnPause',
      since: NOW - 90_000,
      cause: 'lunch',
      phoneNb: '1001',
    });
    expect(s.agent).toBe(s.agents['11']);
  });

  it('UsersStatuses: the kind comes from the actions', () => {
    const s = run(signedIn, (x) =>
      reduce.usersStatuses(
        x,
        [
          { name: 'lunch', longName: 'Lunch', color: '#f00', actions: [{ name: 'queuepause_all' }] },
          { name: 'available', actions: [{ name: 'queueunpause_all' }] },
          { name: 'dnd', actions: [{ name: 'enablednd' }] },
        ] as Incoming['UsersStatuses'],
        ctx(),
      ),
    );
    expect(s.pauseReasons.map((r) => [r.name, r.longName, r.kind])).toEqual([
      ['lunch', 'Lunch', 'pause'],
      ['available', 'available', 'ready'],
      ['dnd', 'dnd', 'other'],
    ]);
  });

  it('AgentStatistics: named values mapped, updates merged, all kept raw', () => {
    const s = run(
      signedIn,
      (x) =>
        reduce.agentStatistics(
          x,
          {
            id: 11,
            statistics: [
              { name: 'AgentReadyTotalTime', value: 434 },
              { name: 'LoginDateTime', value: '2026-01-05T08:15:01.081+01:00' },
              { name: 'InbAnsCalls', value: 3 },
            ],
          },
          ctx(),
        ),
      (x) => reduce.agentStatistics(x, { id: 11, statistics: [{ name: 'InbUnansCalls', value: 1 }] }, ctx()),
    );
    expect(s.stats['11']).toMatchObject({
      readyTime: 434,
      loginAt: '2026-01-05T08:15:01.081+01:00',
      answered: 3,
      missed: 1,
      raw: { AgentReadyTotalTime: 434, InbAnsCalls: 3, InbUnansCalls: 1 },
    });
  });

  it('a call follows the own agent: ringing → on call → wrap-up → gone', () => {
    let s = run(signedIn, (x) => reduce.agentState(x, state('AgentRinging'), ctx()));
    const id = s.call?.id;
    expect(s.call).toMatchObject({ phase: 'ringing', direction: 'Incoming', startedAt: NOW });
    s = run(s, (x) =>
      reduce.agentState(x, state('AgentOnCall', { acd: true, monitorState: 'ACTIVE' }), ctx()),
    );
    expect(s.call).toMatchObject({
      id,
      phase: 'on-call',
      acd: true,
      monitorState: 'ACTIVE',
      answeredAt: NOW,
    });
    s = run(s, (x) => reduce.agentState(x, state('AgentOnWrapup'), ctx()));
    expect(s.call).toMatchObject({ id, phase: 'wrapup', wrapupAt: NOW });
    s = run(s, (x) => reduce.agentState(x, state('AgentReady'), ctx()));
    expect(s.call).toBeNull();
  });

  it("another agent's state never touches the call", () => {
    const s = run(signedIn, (x) => reduce.agentState(x, state('AgentRinging', { agentId: 12 }), ctx()));
    expect(s.call).toBeNull();
    expect(s.agents['12']?.state).toBe('AgentRinging');
  });

  it('Sheet: fields sorted by order, caller and queue taken from them', () => {
    const s = run(signedIn, (x) =>
      reduce.sheet(
        x,
        {
          payload: {
            profile: {
              user: {
                sheetInfo: [
                  { name: 'callerNumber', value: '0601', order: 30 },
                  { name: 'popupUrl', value: 'https://crm/x?f=', order: 10, type: 'url' },
                  { name: 'folderNumber', value: 42, order: 20 },
                  { name: 'callerName', value: 'Jean', order: 40 },
                  { name: 'queueName', value: 'sales', order: 50 },
                ],
              },
            },
          },
        } as Incoming['Sheet'],
        ctx(),
      ),
    );
    expect(s.call?.sheet.map((f) => [f.name, f.value])).toEqual([
      ['popupUrl', 'https://crm/x?f='],
      ['folderNumber', '42'],
      ['callerNumber', '0601'],
      ['callerName', 'Jean'],
      ['queueName', 'sales'],
    ]);
    expect(s.call).toMatchObject({
      callerNumber: '0601',
      callerName: 'Jean',
      queueName: 'sales',
      phase: 'ringing',
    });
  });

  it('queue membership: a negative penalty removes it', () => {
    let s = run(signedIn, (x) => reduce.queueMember(x, { agentId: 11, queueId: 2, penalty: 3 }, ctx()));
    expect(s.memberships['11:2']).toEqual({ agentId: 11, queueId: 2, penalty: 3 });
    s = run(s, (x) => reduce.queueMember(x, { agentId: 11, queueId: 2, penalty: -1 }, ctx()));
    expect(s.memberships).toEqual({});
  });

  it('callbacks: taken, started (ticket kept), updated, clotured', () => {
    const request = {
      uuid: 'r1',
      listUuid: 'L1',
      phoneNumber: '0230',
      dueDate: '2026-01-05',
      agentId: null,
      preferredPeriod: {
        uuid: 'p1',
        name: 'Afternoon',
        periodStart: '14:00:00',
        periodEnd: '17:00:00',
        default: false,
      },
    };
    let s = run(signedIn, (x) =>
      reduce.callbackLists(
        x,
        [{ uuid: 'L1', name: 'List', queueId: 1, callbacks: [request] }] as Incoming['CallbackLists'],
        ctx(),
      ),
    );
    expect(s.callbackLists.L1?.requests[0]).toMatchObject({
      uuid: 'r1',
      period: { name: 'Afternoon', isDefault: false },
    });
    s = run(s, (x) => reduce.callbackTaken(x, { uuid: 'r1', agentId: 11 }, ctx()));
    s = run(s, (x) => reduce.callbackStarted(x, { requestUuid: 'r1', ticketUuid: 't1' }, ctx()));
    expect(s.callbackLists.L1?.requests[0]).toMatchObject({ agentId: 11, ticketUuid: 't1' });
    s = run(s, (x) =>
      reduce.callbackRequestUpdated(
        x,
        { request: { ...request, dueDate: '2026-01-06' } } as Incoming['CallbackRequestUpdated'],
        ctx(),
      ),
    );
    expect(s.callbackLists.L1?.requests[0]).toMatchObject({
      dueDate: '2026-01-06',
      agentId: null,
      ticketUuid: 't1',
    });
    s = run(s, (x) => reduce.callbackClotured(x, { uuid: 'r1' }, ctx()));
    expect(s.callbackLists.L1?.requests).toEqual([]);
  });
});
