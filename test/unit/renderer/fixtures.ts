/** Desk snapshots for renderer tests: one realistic agent, their queues, callbacks and team. */
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import type {
  AgentView,
  CallView,
  CallbackRequestView,
  DeskSnapshot,
  PeriodView,
} from '../../../preload/contract';

export const NOW = Date.UTC(2026, 2, 10, 9, 30, 0);

export const AFTERNOON: PeriodView = {
  uuid: 'period-pm',
  name: 'Afternoon',
  periodStart: '14:00:00',
  periodEnd: '17:00:00',
  isDefault: false,
};
export const MORNING: PeriodView = {
  uuid: 'period-am',
  name: 'Morning',
  periodStart: '09:00:00',
  periodEnd: '12:00:00',
  isDefault: true,
};

export function agent(id: number, overrides: Partial<AgentView> = {}): AgentView {
  return {
    id,
    firstName: 'Agent',
    lastName: String(id).padStart(4, '0'),
    number: String(2000 + id),
    groupId: 1,
    state: 'AgentReady',
    since: NOW - 65_000,
    cause: null,
    phoneNb: String(1000 + id),
    queues: [1],
    ...overrides,
  };
}

export function callbackRequest(
  uuid: string,
  overrides: Partial<CallbackRequestView> = {},
): CallbackRequestView {
  return {
    uuid,
    listUuid: 'list-1',
    phoneNumber: '0230210082',
    mobilePhoneNumber: '0789654123',
    firstName: 'Alice',
    lastName: "O'Neill",
    company: 'YourSociety',
    description: 'Wants to change her contract',
    agentId: null,
    dueDate: '2026-03-10',
    period: AFTERNOON,
    voiceMessageRef: null,
    ticketUuid: null,
    ...overrides,
  };
}

export function incomingCall(overrides: Partial<CallView> = {}): CallView {
  return {
    id: 'call-1',
    phase: 'on-call',
    direction: 'Incoming',
    callerNumber: '0612345678',
    callerName: 'Jeanne Martin',
    queueId: 1,
    queueName: 'Sales',
    acd: true,
    monitorState: 'ACTIVE',
    startedAt: NOW - 20_000,
    answeredAt: NOW - 12_000,
    wrapupAt: null,
    uniqueId: '1425055334.19',
    sheet: [
      { name: 'folderNumber', value: '&folder=1234', order: 30, type: 'text' },
      { name: 'popupUrl', value: 'https://crm.example.com/customer/42', order: 10, type: 'url' },
      { name: 'customerName', value: 'Jeanne Martin', order: 20, type: 'text' },
    ],
    screenPop: { status: 'opened', url: 'https://crm.example.com/customer/42', at: NOW - 11_000 },
    ...overrides,
  };
}

const me = agent(19, {
  firstName: 'Jack',
  lastName: 'Flash',
  number: '2501',
  phoneNb: '1001',
  queues: [1, 2],
});

export function makeSnapshot(overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return {
    connection: { state: 'connected', server: 'practice', since: NOW - 3_600_000 },
    user: {
      userId: 1,
      login: 'jflash',
      fullName: 'Jack Flash',
      profile: 'NoRight',
      rights: [],
      agentId: 19,
      mobileNumber: null,
    },
    agent: me,
    agents: {
      '19': me,
      '20': agent(20, { firstName: 'Alice', lastName: 'Johnson', state: 'AgentOnPause', cause: 'lunch' }),
    },
    queues: {
      '1': { id: 1, name: 'sales', displayName: 'Sales', number: '3000', waitingCalls: 2 },
      '2': { id: 2, name: 'support', displayName: 'Support', number: '3001', waitingCalls: 0 },
      '3': { id: 3, name: 'billing', displayName: 'Billing', number: '3002', waitingCalls: null },
    },
    groups: {
      '1': { id: 1, name: 'default', displayName: 'Front office' },
      '2': { id: 2, name: 'boats', displayName: 'Boats' },
    },
    memberships: {
      '19:1': { agentId: 19, queueId: 1, penalty: 0 },
      '19:2': { agentId: 19, queueId: 2, penalty: 2 },
      '20:1': { agentId: 20, queueId: 1, penalty: 1 },
    },
    stats: {
      '19': {
        agentId: 19,
        readyTime: 434,
        pausedTime: 125,
        wrapupTime: 3725,
        loginAt: '2026-03-10T08:15:01.081+01:00',
        logoutAt: null,
        answered: 12,
        missed: 1,
        raw: { AgentReadyTotalTime: 434, AgentPausedTotalTime: 125 },
      },
    },
    callbackLists: {
      'list-1': {
        uuid: 'list-1',
        name: 'Customers to call back',
        queueId: 1,
        requests: [
          callbackRequest('cb-late', {
            firstName: 'Bob',
            lastName: 'Later',
            dueDate: '2026-03-12',
            period: MORNING,
          }),
          callbackRequest('cb-pm'),
          callbackRequest('cb-am', { firstName: 'Carla', lastName: 'Early', period: MORNING, agentId: 20 }),
        ],
      },
    },
    periods: [MORNING, AFTERNOON],
    call: null,
    pauseReasons: [
      { name: 'lunch', longName: 'Lunch', color: '#f0a530', kind: 'pause' },
      { name: 'training', longName: 'Training', color: null, kind: 'pause' },
      { name: 'available', longName: 'Available', color: null, kind: 'ready' },
    ],
    pending: [],
    outbox: [],
    notices: [],
    settings: { ...DEFAULT_SETTINGS, login: 'jflash', phoneNumber: '1001', agentId: 19 },
    lockedSettings: [],
    tray: { icon: 'ready', tooltip: 'Agent Desk — Ready', menu: [] },
    ...overrides,
  };
}

/** A supervisor's view: `count` agents in 4 groups, in a spread of states. */
export function supervisorSnapshot(count: number): DeskSnapshot {
  const states: AgentView['state'][] = [
    'AgentReady',
    'AgentOnPause',
    'AgentOnCall',
    'AgentOnWrapup',
    'AgentLoggedOut',
  ];
  const agents: Record<string, AgentView> = {};
  for (let id = 1; id <= count; id += 1) {
    agents[String(id)] = agent(id, {
      groupId: (id % 2) + 1,
      state: states[id % states.length]!,
      queues: [(id % 3) + 1],
    });
  }
  const base = makeSnapshot();
  return {
    ...base,
    user: { ...base.user!, profile: 'Supervisor', agentId: null },
    agent: null,
    agents,
  };
}
