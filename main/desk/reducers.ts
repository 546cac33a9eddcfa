/**
 * The named updates of the desk store: wire payload → patch ops. Each reducer is pure: it reads the
 * current snapshot and returns the ops to apply; the store applies them. Field mapping from the
 * wire's names to the view's lives here and nowhere else.
 *
 * Agent state is what the server says: reducers only ever follow server events, never an intent.
 */
import type {
  AgentStateView,
  AgentStatsView,
  AgentView,
  CallView,
  CallbackListView,
  CallbackRequestView,
  ConnectionView,
  DeskSnapshot,
  GroupView,
  MembershipView,
  PatchOp,
  PauseReasonView,
  PeriodView,
  QueueView,
  SheetFieldView,
  UserView,
} from '../../preload/contract';
import type { ConnectionStatus } from '../../xuc/status';
import type { Incoming } from '../../xuc/wire/events';

export interface ReduceContext {
  /** Epoch ms now (the desk's clock). */
  now: number;
  /** A fresh id for a call that starts with this event. */
  newCallId: () => string;
  /** The login the user signed in with (UserConfigUpdate does not carry it). */
  login: string;
}

type Reducer<P> = (snapshot: DeskSnapshot, payload: P, ctx: ReduceContext) => PatchOp[];

const set = (path: string[], value: unknown): PatchOp => ({ path, value });
const remove = (path: string[]): PatchOp => ({ path });

// ---- Session ---------------------------------------------------------------------------------

export function emptyUser(login: string): UserView {
  return {
    userId: 0,
    login,
    fullName: login,
    profile: 'Admin',
    rights: [],
    agentId: null,
    mobileNumber: null,
  };
}

export const userConfig: Reducer<Incoming['UserConfigUpdate']> = (s, p, ctx) => {
  const base = s.user ?? emptyUser(ctx.login);
  const fullName = p.fullName ?? ([p.firstName, p.lastName].filter(Boolean).join(' ') || base.fullName);
  const user: UserView = {
    ...base,
    userId: p.userId,
    login: ctx.login || base.login,
    fullName,
    agentId: p.agentId ?? null,
    mobileNumber: p.mobileNumber ?? null,
  };
  const ops = [set(['user'], user)];
  if (user.agentId !== null) {
    const own = s.agents[String(user.agentId)];
    if (own && s.agent?.id !== own.id) ops.push(set(['agent'], own));
  }
  return ops;
};

export const rightProfile: Reducer<Incoming['RightProfile']> = (s, p, ctx) => {
  const base = s.user ?? emptyUser(ctx.login);
  // No profile means the Admin behaviour (agent-api.md).
  return [set(['user'], { ...base, profile: p.profile || 'Admin', rights: [...p.rights] })];
};

export const usersStatuses: Reducer<Incoming['UsersStatuses']> = (_s, p) => {
  const reasons: PauseReasonView[] = p.map((status) => {
    const actions = status.actions.map((action) => action.name);
    const kind: PauseReasonView['kind'] = actions.includes('queuepause_all')
      ? 'pause'
      : actions.includes('queueunpause_all')
        ? 'ready'
        : 'other';
    return { name: status.name, longName: status.longName ?? status.name, color: status.color ?? null, kind };
  });
  return [set(['pauseReasons'], reasons)];
};

/** Maps the client's link status onto the view, naming the server the user chose. */
export function connectionView(status: ConnectionStatus, server: string): ConnectionView {
  switch (status.state) {
    case 'idle':
    case 'connecting':
      return { state: 'connecting', server };
    case 'connected':
      return { state: 'connected', server, since: status.since };
    case 'reconnecting':
      return {
        state: 'reconnecting',
        server,
        attempt: status.attempt,
        nextRetryAt: status.nextRetryAt,
        lastError: status.lastError,
      };
    case 'offline':
      return { state: 'offline', server, reason: status.reason, detail: status.detail };
  }
}

// ---- Agents ----------------------------------------------------------------------------------

export function ownAgentId(s: DeskSnapshot): number | null {
  return s.user?.agentId ?? s.settings.agentId ?? null;
}

function blankAgent(id: number): AgentView {
  return {
    id,
    firstName: '',
    lastName: '',
    number: '',
    groupId: null,
    state: 'Unknown',
    since: 0,
    cause: null,
    phoneNb: null,
    queues: [],
  };
}

function stateView(name: Incoming['AgentStateEvent']['name']): AgentStateView {
  // AgentLogin is deprecated: agents now go straight from logged out to ready (agent-api.md).
  return name === 'AgentLogin' ? 'AgentReady' : name;
}

/** Ops that set one agent, and the own-agent mirror when it is ours. */
function putAgent(s: DeskSnapshot, agent: AgentView): PatchOp[] {
  const ops = [set(['agents', String(agent.id)], agent)];
  if (ownAgentId(s) === agent.id) ops.push(set(['agent'], agent));
  return ops;
}

export const agentState: Reducer<Incoming['AgentStateEvent']> = (s, p, ctx) => {
  const previous = s.agents[String(p.agentId)] ?? blankAgent(p.agentId);
  const state = stateView(p.name);
  const agent: AgentView = {
    ...previous,
    state,
    // `since` is seconds spent in the state so far.
    since: ctx.now - Math.max(0, p.since) * 1000,
    cause: p.cause && p.cause !== '' ? p.cause : null,
    phoneNb: p.phoneNb === '' || p.phoneNb === 'null' ? null : p.phoneNb,
    queues: [...p.queues],
  };
  const ops = putAgent(s, agent);
  if (ownAgentId(s) === p.agentId) {
    const call = callAfterAgentState(s.call, p, ctx);
    if (call !== s.call) ops.push(call === null ? set(['call'], null) : set(['call'], call));
  }
  return ops;
};

function newCall(phase: CallView['phase'], ctx: ReduceContext, direction: CallView['direction']): CallView {
  return {
    id: ctx.newCallId(),
    phase,
    direction,
    callerNumber: null,
    callerName: null,
    queueId: null,
    queueName: null,
    acd: false,
    monitorState: null,
    startedAt: ctx.now,
    answeredAt: null,
    wrapupAt: null,
    uniqueId: null,
    sheet: [],
    screenPop: { status: 'none' },
  };
}

function monitorStateOf(value: string | undefined): CallView['monitorState'] {
  return value === 'ACTIVE' || value === 'PAUSED' ? value : null;
}

function directionOf(value: string | undefined): CallView['direction'] {
  return value === 'Incoming' || value === 'Outgoing' ? value : null;
}

/** The call follows the own agent's state: ringing/dialing/on-call begin or continue it, wrap-up ends it, the rest clears it. */
export function callAfterAgentState(
  call: CallView | null,
  p: Incoming['AgentStateEvent'],
  ctx: ReduceContext,
): CallView | null {
  const fresh = call === null || call.phase === 'wrapup';
  switch (p.name) {
    case 'AgentRinging':
      return fresh ? newCall('ringing', ctx, 'Incoming') : { ...call, phase: 'ringing' };
    case 'AgentDialing':
      return fresh ? newCall('dialing', ctx, 'Outgoing') : { ...call, phase: 'dialing' };
    case 'AgentOnCall': {
      const base = fresh ? newCall('on-call', ctx, directionOf(p.direction)) : call;
      return {
        ...base,
        phase: 'on-call',
        direction: directionOf(p.direction) ?? base.direction,
        acd: p.acd ?? base.acd,
        monitorState: p.monitorState !== undefined ? monitorStateOf(p.monitorState) : base.monitorState,
        answeredAt: base.answeredAt ?? ctx.now,
      };
    }
    case 'AgentOnWrapup':
      return call === null ? null : { ...call, phase: 'wrapup', wrapupAt: call.wrapupAt ?? ctx.now };
    default:
      return null;
  }
}

function agentFromList(entry: Incoming['AgentList'][number], previous: AgentView | undefined): AgentView {
  return {
    ...(previous ?? blankAgent(entry.id)),
    firstName: entry.firstName,
    lastName: entry.lastName,
    number: entry.number,
    groupId: entry.groupId,
  };
}

export const agentList: Reducer<Incoming['AgentList']> = (s, p) => {
  const agents: Record<string, AgentView> = { ...s.agents };
  for (const entry of p) agents[String(entry.id)] = agentFromList(entry, s.agents[String(entry.id)]);
  const ops = [set(['agents'], agents)];
  const own = ownAgentId(s);
  if (own !== null && agents[String(own)]) ops.push(set(['agent'], agents[String(own)]));
  return ops;
};

export const agentDirectory: Reducer<Incoming['AgentDirectory']> = (s, p, ctx) => {
  let ops: PatchOp[] = agentList(
    s,
    p.directory.map((entry) => entry.agent),
    ctx,
  );
  // Fold the states in on the listed agents without one op per agent.
  const agents = { ...(ops[0]!.value as Record<string, AgentView>) };
  for (const { agentState: st } of p.directory) {
    const previous = agents[String(st.agentId)] ?? blankAgent(st.agentId);
    agents[String(st.agentId)] = {
      ...previous,
      state: stateView(st.name),
      since: ctx.now - Math.max(0, st.since) * 1000,
      cause: st.cause ? st.cause : null,
      phoneNb: st.phoneNb === '' || st.phoneNb === 'null' ? null : st.phoneNb,
      queues: [...st.queues],
    };
  }
  ops = [set(['agents'], agents)];
  const own = ownAgentId(s);
  if (own !== null && agents[String(own)]) ops.push(set(['agent'], agents[String(own)]));
  return ops;
};

export const agentConfig: Reducer<Incoming['AgentConfig']> = (s, p) => {
  const previous = s.agents[String(p.id)] ?? blankAgent(p.id);
  const agent: AgentView = {
    ...previous,
    firstName: p.firstName ?? p.firstname ?? previous.firstName,
    lastName: p.lastName ?? p.lastname ?? previous.lastName,
    number: p.number,
    groupId: p.groupId ?? p.numgroup ?? previous.groupId,
  };
  const ops = putAgent(s, agent);
  if (p.member) {
    // The member list is the agent's whole membership: drop the ones no longer there.
    for (const key of Object.keys(s.memberships)) {
      if (key.startsWith(`${p.id}:`)) ops.push(remove(['memberships', key]));
    }
    for (const m of p.member) {
      const membership: MembershipView = { agentId: p.id, queueId: m.queue_id, penalty: m.penalty };
      ops.push(set(['memberships', `${p.id}:${m.queue_id}`], membership));
    }
  }
  return ops;
};

export const agentGroupList: Reducer<Incoming['AgentGroupList']> = (_s, p) => {
  const groups: Record<string, GroupView> = {};
  for (const g of p) groups[String(g.id)] = { id: g.id, name: g.name, displayName: g.displayName ?? g.name };
  return [set(['groups'], groups)];
};

const STAT_NAMES: Record<string, keyof Omit<AgentStatsView, 'agentId' | 'raw'>> = {
  AgentReadyTotalTime: 'readyTime',
  AgentPausedTotalTime: 'pausedTime',
  AgentWrapupTotalTime: 'wrapupTime',
  LoginDateTime: 'loginAt',
  LogoutDateTime: 'logoutAt',
  InbAnsCalls: 'answered',
  AnsweredCalls: 'answered',
  InbUnansCalls: 'missed',
  MissedCalls: 'missed',
};

/** Statistics arrive whole on subscribe, then one changed value at a time: merge. */
export const agentStatistics: Reducer<Incoming['AgentStatistics']> = (s, p) => {
  const previous: AgentStatsView = s.stats[String(p.id)] ?? {
    agentId: p.id,
    readyTime: null,
    pausedTime: null,
    wrapupTime: null,
    loginAt: null,
    logoutAt: null,
    answered: null,
    missed: null,
    raw: {},
  };
  const next: AgentStatsView = { ...previous, raw: { ...previous.raw } };
  for (const { name, value } of p.statistics) {
    next.raw[name] = value;
    const field = STAT_NAMES[name];
    if (!field) continue;
    if (field === 'loginAt' || field === 'logoutAt') next[field] = String(value);
    else
      next[field] = typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : null;
  }
  return [set(['stats', String(p.id)], next)];
};

// ---- Queues ----------------------------------------------------------------------------------

function queueView(q: Incoming['QueueConfig'], previous: QueueView | undefined): QueueView {
  return {
    id: q.id,
    name: q.name,
    displayName: q.displayName ?? q.name,
    number: q.number ?? null,
    waitingCalls: previous?.waitingCalls ?? null,
  };
}

export const queueList: Reducer<Incoming['QueueList']> = (s, p) => {
  const queues: Record<string, QueueView> = {};
  for (const q of p) queues[String(q.id)] = queueView(q, s.queues[String(q.id)]);
  return [set(['queues'], queues)];
};

export const queueConfig: Reducer<Incoming['QueueConfig']> = (s, p) => [
  set(['queues', String(p.id)], queueView(p, s.queues[String(p.id)])),
];

export const queueStatistics: Reducer<Incoming['QueueStatistics']> = (s, p) => {
  const queue =
    p.queueId !== undefined
      ? s.queues[String(p.queueId)]
      : Object.values(s.queues).find((q) => q.name === p.queueRef);
  if (!queue) return [];
  const waiting = p.counters.find((c) => c.statName === 'WaitingCalls');
  if (!waiting) return [];
  return [set(['queues', String(queue.id)], { ...queue, waitingCalls: waiting.value })];
};

/** A negative penalty means "removed from the queue". */
export const queueMember: Reducer<Incoming['QueueMember']> = (_s, p) => {
  const key = `${p.agentId}:${p.queueId}`;
  if (p.penalty < 0) return [remove(['memberships', key])];
  return [set(['memberships', key], { agentId: p.agentId, queueId: p.queueId, penalty: p.penalty })];
};

export const queueMemberList: Reducer<Incoming['QueueMemberList']> = (s, p) => {
  const memberships: Record<string, MembershipView> = { ...s.memberships };
  for (const m of p) {
    const key = `${m.agentId}:${m.queueId}`;
    if (m.penalty < 0) delete memberships[key];
    else memberships[key] = { agentId: m.agentId, queueId: m.queueId, penalty: m.penalty };
  }
  return [set(['memberships'], memberships)];
};

// ---- Calls -----------------------------------------------------------------------------------

/** Sheet field names that carry the caller and the queue in XiVO's default sheet. */
const CALLER_NUMBER_FIELDS = ['xivo-calleridnum', 'callerNumber', 'callerIdNumber'];
const CALLER_NAME_FIELDS = ['xivo-calleridname', 'callerName', 'callerIdName'];
const QUEUE_NAME_FIELDS = ['xivo-queuename', 'queueName'];

export function sheetFields(p: Incoming['Sheet']): SheetFieldView[] {
  return p.payload.profile.user.sheetInfo
    .map((f, index) => ({
      name: f.name,
      value: f.value === null ? '' : String(f.value),
      order: f.order ?? 1_000_000 + index,
      type: f.type ?? 'text',
    }))
    .sort((a, b) => a.order - b.order);
}

export const sheet: Reducer<Incoming['Sheet']> = (s, p, ctx) => {
  const fields = sheetFields(p);
  const base = s.call === null || s.call.phase === 'wrapup' ? newCall('ringing', ctx, 'Incoming') : s.call;
  const pick = (names: string[]) => {
    const found = fields.find((f) => names.includes(f.name) && f.value !== '');
    return found ? found.value : null;
  };
  const queueName = base.queueName ?? pick(QUEUE_NAME_FIELDS);
  const call: CallView = {
    ...base,
    sheet: fields,
    callerNumber: base.callerNumber ?? pick(CALLER_NUMBER_FIELDS),
    callerName: base.callerName ?? pick(CALLER_NAME_FIELDS),
    queueName,
    queueId: base.queueId ?? queueIdByName(s, queueName),
  };
  return [set(['call'], call)];
};

function queueIdByName(s: DeskSnapshot, name: string | null): number | null {
  if (!name) return null;
  const queue = Object.values(s.queues).find((q) => q.name === name || q.displayName === name);
  return queue ? queue.id : null;
}

/** Phone events of the user's own line add the caller and the PBX ids; they drive the call only for users without a logged-in agent. */
export const phoneEvent: Reducer<Incoming['PhoneEvent']> = (s, p, ctx) => {
  const agentGoverns = s.agent !== null && s.agent.state !== 'AgentLoggedOut' && s.agent.state !== 'Unknown';
  let call = s.call;
  switch (p.eventType) {
    case 'EventRinging':
      if (call === null || call.phase === 'wrapup') call = newCall('ringing', ctx, 'Incoming');
      break;
    case 'EventDialing':
      if (call === null || call.phase === 'wrapup') call = newCall('dialing', ctx, 'Outgoing');
      break;
    case 'EventEstablished':
      if (call === null) call = newCall('on-call', ctx, null);
      if (!agentGoverns) call = { ...call, phase: 'on-call', answeredAt: call.answeredAt ?? ctx.now };
      break;
    case 'EventReleased':
      if (!agentGoverns) return call === null ? [] : [set(['call'], null)];
      return [];
    default:
      if (call === null) return [];
  }
  const queueName = p.queueName ?? p.userData['XIVO_QUEUENAME'] ?? call.queueName;
  const next: CallView = {
    ...call,
    callerNumber: p.otherDN && p.otherDN !== '' ? p.otherDN : call.callerNumber,
    callerName: p.otherDName && p.otherDName !== '' ? p.otherDName : call.callerName,
    queueName: queueName ?? null,
    queueId: call.queueId ?? queueIdByName(s, queueName ?? null),
    uniqueId: p.uniqueId ?? call.uniqueId,
  };
  return [set(['call'], next)];
};

// ---- Callbacks -------------------------------------------------------------------------------

function periodView(p: Incoming['PreferredCallbackPeriodList'][number]): PeriodView {
  return {
    uuid: p.uuid,
    name: p.name,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    isDefault: p.default ?? false,
  };
}

export function requestView(
  r: Incoming['CallbackRequestUpdated']['request'],
  previous?: CallbackRequestView,
): CallbackRequestView {
  return {
    uuid: r.uuid,
    listUuid: r.listUuid,
    phoneNumber: r.phoneNumber ?? null,
    mobilePhoneNumber: r.mobilePhoneNumber ?? null,
    firstName: r.firstName ?? null,
    lastName: r.lastName ?? null,
    company: r.company ?? null,
    description: r.description ?? null,
    agentId: r.agentId ?? null,
    dueDate: r.dueDate,
    period: r.preferredPeriod ? periodView(r.preferredPeriod) : null,
    voiceMessageRef: r.voiceMessageRef ?? null,
    ticketUuid: previous?.ticketUuid ?? null,
  };
}

export const callbackLists: Reducer<Incoming['CallbackLists']> = (s, p) => {
  const lists: Record<string, CallbackListView> = {};
  for (const list of p) {
    const previous = s.callbackLists[list.uuid];
    const tickets = new Map(previous?.requests.map((r) => [r.uuid, r]) ?? []);
    lists[list.uuid] = {
      uuid: list.uuid,
      name: list.name,
      queueId: list.queueId,
      requests: list.callbacks.map((r) => requestView(r, tickets.get(r.uuid))),
    };
  }
  return [set(['callbackLists'], lists)];
};

export const preferredPeriods: Reducer<Incoming['PreferredCallbackPeriodList']> = (_s, p) => [
  set(['periods'], p.map(periodView)),
];

/** Where a request is, by uuid (request uuid, or the ticket uuid of a started callback). */
export function findRequest(
  s: Pick<DeskSnapshot, 'callbackLists'>,
  uuid: string,
): { list: CallbackListView; index: number; request: CallbackRequestView } | null {
  for (const list of Object.values(s.callbackLists)) {
    const index = list.requests.findIndex((r) => r.uuid === uuid || r.ticketUuid === uuid);
    if (index >= 0) return { list, index, request: list.requests[index]! };
  }
  return null;
}

function replaceRequest(list: CallbackListView, index: number, request: CallbackRequestView | null): PatchOp {
  const requests = [...list.requests];
  if (request === null) requests.splice(index, 1);
  else requests[index] = request;
  return set(['callbackLists', list.uuid], { ...list, requests });
}

function patchRequest(s: DeskSnapshot, uuid: string, change: Partial<CallbackRequestView>): PatchOp[] {
  const found = findRequest(s, uuid);
  if (!found) return [];
  return [replaceRequest(found.list, found.index, { ...found.request, ...change })];
}

export const callbackTaken: Reducer<Incoming['CallbackTaken']> = (s, p) =>
  patchRequest(s, p.uuid, { agentId: p.agentId });

export const callbackReleased: Reducer<Incoming['CallbackReleased']> = (s, p) =>
  patchRequest(s, p.uuid, { agentId: null, ticketUuid: null });

export const callbackStarted: Reducer<Incoming['CallbackStarted']> = (s, p) =>
  patchRequest(s, p.requestUuid, { ticketUuid: p.ticketUuid });

/** A request with a closing status leaves the lists. */
export const callbackClotured: Reducer<Incoming['CallbackClotured']> = (s, p) => {
  const found = findRequest(s, p.uuid);
  return found ? [replaceRequest(found.list, found.index, null)] : [];
};

export const callbackRequestUpdated: Reducer<Incoming['CallbackRequestUpdated']> = (s, p) => {
  const found = findRequest(s, p.request.uuid);
  const updated = requestView(p.request, found?.request);
  if (found && found.list.uuid === updated.listUuid)
    return [replaceRequest(found.list, found.index, updated)];
  const ops: PatchOp[] = found ? [replaceRequest(found.list, found.index, null)] : [];
  const target = s.callbackLists[updated.listUuid];
  if (target) {
    ops.push(set(['callbackLists', target.uuid], { ...target, requests: [...target.requests, updated] }));
  }
  return ops;
};
