/**
 * The practice contact centre: agents, lines, queues, memberships, calls and callbacks, with
 * explicit state transitions. Synchronous and free of I/O: time comes from the injected scheduler,
 * and every change is told to listeners as a SimEvent, in order, before the operation returns.
 * Permissions are not decided here: the server checks what a user may do before calling in.
 */
import { randomUUID } from 'node:crypto';
import type { QueueDataT, SimData, UserDataT } from '../data/schema';
import { accumulate, display, newAgentRuntime, sameCall, sameList, statsSnapshot } from './agents';
import type { AgentRuntime } from './agents';
import { callFacts, callView, isQueueCall, userData } from './calls';
import type { CallKind, CallOutcome, CallRuntime, CallView } from './calls';
import { CallbackStore, localDate } from './callbacks';
import type { NewCallbackRequest, TicketUpdate } from './callbacks';
import { pickAgent } from './distribution';
import type { Candidate } from './distribution';
import { done, fail, ok, PhoneStatus } from './events';
import type {
  AgentSnapshot,
  AgentStatsSnapshot,
  Outcome,
  PhoneEventType,
  PhoneStatusT,
  SimEvent,
  SimEventListener,
} from './events';
import type { Scheduler } from './scheduler';
import { buildSheet } from './sheet';

export interface ContactCentreOptions {
  /** Seconds before the far end answers an outgoing call by itself; null: only through the control API. */
  outboundAnswerSeconds?: number | null;
  /** Length of a callback's recorded message played by listenCallbackMessage. */
  messageSeconds?: number;
  /** How long the phone rings for a recorded message before giving up. */
  messageRingSeconds?: number;
  newId?: () => string;
}

export interface InboundCall {
  queueId: number;
  callerNumber: string;
  callerName?: string;
  variables?: Record<string, string>;
}

export interface QueueCounters {
  WaitingCalls: number;
  LongestWaitTime: number;
  AvailableAgents: number;
  TalkingAgents: number;
  TotalNumberCallsEntered: number;
  TotalNumberCallsAnswered: number;
  TotalNumberCallsAbandonned: number;
}

interface QueueTotals {
  entered: number;
  answered: number;
  abandoned: number;
}

const HISTORY = 100;

export class ContactCentre {
  readonly queues = new Map<number, QueueDataT>();
  readonly users = new Map<number, UserDataT>();
  readonly agents = new Map<number, AgentRuntime>();
  readonly groups = new Map<number, { id: number; name: string; displayName: string }>();
  readonly lines = new Map<string, { id: number; number: string; ownerUserId: number | null }>();
  readonly userStatuses: SimData['userStatuses'];
  readonly conferenceRooms: SimData['conferenceRooms'];
  readonly callbacks: CallbackStore;
  /** agentId → queueId → penalty. */
  private readonly memberships = new Map<number, Map<number, number>>();
  private readonly calls = new Map<string, CallRuntime>();
  private readonly callOnLine = new Map<string, string>();
  private readonly history: CallView[] = [];
  /** Listening sessions by the listener's line. */
  private readonly listens = new Map<string, { agentId: number; userId: number }>();
  /** What each line's phone is doing, as phone hints tell it; a line not listed is available. */
  private readonly lineStatuses = new Map<string, PhoneStatusT>();
  private readonly totals = new Map<number, QueueTotals>();
  /** userId → the memberships its agent gets when defaults are applied (xuc-protocol.md §4.4). */
  private readonly defaults = new Map<number, Array<{ queueId: number; penalty: number }>>();
  private readonly listeners = new Set<SimEventListener>();
  private readonly outboundAnswerMs: number | null;
  private readonly messageMs: number;
  private readonly messageRingMs: number;
  private readonly newId: () => string;
  private callSeq = 0;
  private dispatching = false;
  private redispatch = false;

  constructor(
    data: SimData,
    readonly scheduler: Scheduler,
    options: ContactCentreOptions = {},
  ) {
    const outbound = options.outboundAnswerSeconds === undefined ? 3 : options.outboundAnswerSeconds;
    this.outboundAnswerMs = outbound === null ? null : outbound * 1000;
    this.messageMs = (options.messageSeconds ?? 8) * 1000;
    this.messageRingMs = (options.messageRingSeconds ?? 30) * 1000;
    this.newId = options.newId ?? randomUUID;
    const now = scheduler.now();
    for (const queue of data.queues) {
      this.queues.set(queue.id, queue);
      this.totals.set(queue.id, { entered: 0, answered: 0, abandoned: 0 });
    }
    for (const group of data.groups) {
      this.groups.set(group.id, {
        id: group.id,
        name: group.name,
        displayName: group.displayName ?? group.name,
      });
    }
    for (const user of data.users) this.users.set(user.id, user);
    const ownerOfLine = new Map(
      data.users.flatMap((u) => (u.lineNumber ? [[u.lineNumber, u.id] as const] : [])),
    );
    for (const line of data.lines) {
      this.lines.set(line.number, { ...line, ownerUserId: ownerOfLine.get(line.number) ?? null });
    }
    const ownerOfAgent = new Map(data.users.flatMap((u) => (u.agentId ? [[u.agentId, u.id] as const] : [])));
    for (const agent of data.agents) {
      this.agents.set(agent.id, newAgentRuntime(agent, ownerOfAgent.get(agent.id) ?? null, now));
    }
    for (const m of data.memberships) this.memberOf(m.agentId).set(m.queueId, m.penalty);
    for (const agent of this.agents.values()) agent.shown.queues = this.queuesOf(agent.id);
    for (const user of data.users) {
      if (user.agentId !== null) this.defaults.set(user.id, this.membershipsOf(user.agentId));
    }
    this.userStatuses = data.userStatuses;
    this.conferenceRooms = data.conferenceRooms;
    this.callbacks = new CallbackStore(data, now, this.newId, (event) => this.emit(event));
  }

  // ---- Listening ---------------------------------------------------------------------------

  onEvent(listener: SimEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SimEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- Reading -----------------------------------------------------------------------------

  queuesOf(agentId: number): number[] {
    return [...(this.memberships.get(agentId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  membershipsOf(agentId: number): Array<{ queueId: number; penalty: number }> {
    return [...(this.memberships.get(agentId) ?? new Map<number, number>())]
      .map(([queueId, penalty]) => ({ queueId, penalty }))
      .sort((a, b) => a.queueId - b.queueId);
  }

  allMemberships(): Array<{ agentId: number; queueId: number; penalty: number }> {
    return [...this.memberships].flatMap(([agentId, queues]) =>
      [...queues].map(([queueId, penalty]) => ({ agentId, queueId, penalty })),
    );
  }

  agentState(agentId: number): AgentSnapshot | undefined {
    return this.agents.get(agentId)?.shown;
  }

  agentStats(agentId: number): AgentStatsSnapshot | undefined {
    const agent = this.agents.get(agentId);
    return agent ? statsSnapshot(agent, this.scheduler.now()) : undefined;
  }

  /** The agent logged on `line`, if any. */
  agentOnLine(line: string): AgentRuntime | undefined {
    for (const agent of this.agents.values()) if (agent.line === line) return agent;
    return undefined;
  }

  /** The line a user's phone commands act on: where its agent is logged, else its own line. */
  lineOfUser(userId: number): string | null {
    const user = this.users.get(userId);
    if (!user) return null;
    const agentLine = user.agentId === null ? null : (this.agents.get(user.agentId)?.line ?? null);
    return agentLine ?? user.lineNumber;
  }

  /** The phone hint of a number: its line's state, or UNEXISTING for a number that is no line. */
  phoneHint(number: string): PhoneStatusT {
    if (!this.lines.has(number)) return PhoneStatus.UNEXISTING;
    return this.lineStatuses.get(number) ?? PhoneStatus.AVAILABLE;
  }

  queueCounters(queueId: number): QueueCounters {
    const now = this.scheduler.now();
    const waiting = this.waitingCalls(queueId);
    let available = 0;
    let talking = 0;
    for (const [agentId, queues] of this.memberships) {
      if (!queues.has(queueId)) continue;
      const name = this.agents.get(agentId)?.shown.name;
      if (name === 'AgentReady') available += 1;
      if (name === 'AgentOnCall' || name === 'AgentDialing' || name === 'AgentRinging') talking += 1;
    }
    const totals = this.totals.get(queueId) ?? { entered: 0, answered: 0, abandoned: 0 };
    return {
      WaitingCalls: waiting.length,
      LongestWaitTime: waiting.length === 0 ? 0 : Math.floor((now - (waiting[0]!.enqueuedAt ?? now)) / 1000),
      AvailableAgents: available,
      TalkingAgents: talking,
      TotalNumberCallsEntered: totals.entered,
      TotalNumberCallsAnswered: totals.answered,
      TotalNumberCallsAbandonned: totals.abandoned,
    };
  }

  /** Calls waiting in a queue, the longest-waiting first. */
  waitingCalls(queueId: number): CallRuntime[] {
    return [...this.calls.values()]
      .filter((call) => call.queueId === queueId && call.state === 'queued')
      .sort((a, b) => (a.enqueuedAt ?? 0) - (b.enqueuedAt ?? 0));
  }

  call(callId: string): CallView | undefined {
    const call = this.calls.get(callId);
    if (call) return callView(call);
    return this.history.find((entry) => entry.callId === callId);
  }

  /** Everything, for the control API's GET /sim/state. */
  snapshot() {
    const now = this.scheduler.now();
    return {
      now: new Date(now).toISOString(),
      agents: [...this.agents.values()].map((agent) => ({
        id: agent.id,
        firstName: agent.data.firstName,
        lastName: agent.data.lastName,
        number: agent.data.number,
        groupId: agent.groupId,
        userId: agent.userId,
        state: agent.shown.name,
        cause: agent.shown.cause ?? null,
        phoneNb: agent.shown.phoneNb,
        sinceSeconds: Math.floor((now - agent.shown.since) / 1000),
        memberships: this.membershipsOf(agent.id),
        callId: agent.callId,
        monitorState: agent.shown.call?.monitorState ?? null,
        stats: statsSnapshot(agent, now),
      })),
      queues: [...this.queues.values()].map((queue) => ({
        id: queue.id,
        name: queue.name,
        displayName: queue.displayName,
        number: queue.number,
        counters: this.queueCounters(queue.id),
      })),
      calls: [...this.calls.values()].map(callView),
      recentCalls: [...this.history],
      listens: [...this.listens].map(([line, listen]) => ({ line, ...listen })),
      callbackLists: this.callbacks.lists().map((list) => ({
        uuid: list.uuid,
        name: list.name,
        queueId: list.queueId,
        requests: [...list.requests.values()].map((request) => ({ ...request })),
      })),
    };
  }

  // ---- Agent commands ----------------------------------------------------------------------

  /**
   * The five cases of agent-api.md: unknown line; logged on another line (stays there); already on
   * this line (stays); line used by another agent (that one is logged out); free line.
   * `changed` is false when the agent was already logged on that line.
   */
  loginAgent(agentId: number, line: string): Outcome<{ changed: boolean }> {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.lines.has(line)) return fail('PhoneNumberUnknown', `no line ${line}`);
    if (agent.line === line) return ok({ changed: false });
    if (agent.line !== null) {
      return fail('LoggedInOnAnotherPhone', `agent ${agentId} is logged on ${agent.line}`, {
        phoneNb: agent.line,
        RequestedNb: line,
      });
    }
    const previous = this.agentOnLine(line);
    if (previous) this.logout(previous);
    const now = this.scheduler.now();
    agent.line = line;
    agent.lastLine = line;
    agent.paused = null;
    agent.activity = 'idle';
    agent.idleSince = now;
    agent.stats.loginAt = now;
    this.refresh(agent);
    this.dispatch();
    return ok({ changed: true });
  }

  logoutAgent(agentId: number): Outcome<{ changed: boolean }> {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (agent.line === null) return ok({ changed: false });
    this.logout(agent);
    return ok({ changed: true });
  }

  /** A pause during a call applies when the call ends (no wrap-up); a pause during wrap-up ends it. */
  pauseAgent(agentId: number, reason: string | undefined): Outcome<{ changed: boolean }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    const a = agent.value;
    a.paused = reason ?? '';
    if (a.activity === 'wrapup') this.endWrapup(a, false);
    return ok({ changed: this.refresh(a) });
  }

  /**
   * Ready again: ends a pause, and ends wrap-up early (XiVO agents leave wrap-up by unpausing,
   * as xucmgt's Ready button does in AgentOnWrapup).
   */
  unpauseAgent(agentId: number): Outcome<{ changed: boolean }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    agent.value.paused = null;
    if (agent.value.activity === 'wrapup') this.endWrapup(agent.value, false);
    const changed = this.refresh(agent.value);
    this.dispatch();
    return ok({ changed });
  }

  setAgentQueue(agentId: number, queueId: number, penalty: number, origin?: string): Outcome {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.queues.has(queueId)) return fail('UnknownQueue', `no queue ${queueId}`);
    this.memberOf(agentId).set(queueId, penalty);
    this.emit({ type: 'queueMember', agentId, queueId, penalty, origin });
    this.emit({ type: 'agentConfig', agentId, origin });
    this.refresh(agent);
    this.emit({ type: 'queueStats', queueId });
    this.dispatch();
    return done;
  }

  removeAgentFromQueue(agentId: number, queueId: number, origin?: string): Outcome {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.memberships.get(agentId)?.delete(queueId)) {
      return fail('NotAMember', `agent ${agentId} is not a member of queue ${queueId}`);
    }
    this.emit({ type: 'queueMember', agentId, queueId, penalty: -1, origin });
    this.emit({ type: 'agentConfig', agentId, origin });
    this.refresh(agent);
    this.emit({ type: 'queueStats', queueId });
    return done;
  }

  setAgentGroup(agentId: number, groupId: number, origin?: string): Outcome {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.groups.has(groupId)) return fail('UnknownGroup', `no group ${groupId}`);
    agent.groupId = groupId;
    this.emit({ type: 'agentConfig', agentId, origin });
    return done;
  }

  /** The listener's phone listens to the agent until the listener hangs up or the agent logs out. */
  listenAgent(listenerUserId: number, agentId: number): Outcome {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    const line = this.lineOfUser(listenerUserId);
    if (line === null) return fail('NoLine', 'you have no line to listen with');
    if (agent.value.line === line) return fail('InvalidTarget', 'an agent cannot listen to itself');
    if (this.callOnLine.has(line)) return fail('LineBusy', `line ${line} is busy`);
    this.stopListen(line);
    this.listens.set(line, { agentId, userId: listenerUserId });
    this.setLineStatus(line, PhoneStatus.BUSY);
    this.emit({
      type: 'agentListen',
      agentId,
      listenerUserId,
      started: true,
      phoneNumber: agent.value.line ?? '',
    });
    return done;
  }

  monitorPause(agentId: number): Outcome<{ changed: boolean }> {
    return this.setMonitor(agentId, 'PAUSED');
  }

  monitorUnpause(agentId: number): Outcome<{ changed: boolean }> {
    return this.setMonitor(agentId, 'ACTIVE');
  }

  /** A user status with queuepause_all pauses the user's agent, queueunpause_all unpauses it, agentlogoff logs it out. */
  changeUserStatus(userId: number, status: string): Outcome {
    const user = this.users.get(userId);
    const known = this.userStatuses.find((s) => s.name === status);
    if (!user) return fail('UnknownUser', `no user ${userId}`);
    if (!known) return fail('UnknownStatus', `no user status ${status}`);
    this.emit({ type: 'userStatus', userId, status });
    const agent = user.agentId === null ? undefined : this.agents.get(user.agentId);
    if (!agent || agent.line === null) return done;
    const actions = new Set(known.actions.map((action) => action.name));
    if (actions.has('agentlogoff')) this.logout(agent);
    else if (actions.has('queuepause_all')) this.pauseAgent(agent.id, status);
    else if (actions.has('queueunpause_all')) this.unpauseAgent(agent.id);
    return done;
  }

  // ---- Default memberships -------------------------------------------------------------------

  defaultMembership(userId: number): Outcome<Array<{ queueId: number; penalty: number }>> {
    if (!this.users.has(userId)) return fail('UnknownUser', `no user ${userId}`);
    return ok([...(this.defaults.get(userId) ?? [])]);
  }

  setDefaultMembership(userId: number, membership: Array<{ queueId: number; penalty: number }>): Outcome {
    if (!this.users.has(userId)) return fail('UnknownUser', `no user ${userId}`);
    const unknown = membership.find((entry) => !this.queues.has(entry.queueId));
    if (unknown) return fail('UnknownQueue', `no queue ${unknown.queueId}`);
    const byQueue = new Map(membership.map((entry) => [entry.queueId, entry.penalty]));
    this.defaults.set(
      userId,
      [...byQueue].map(([queueId, penalty]) => ({ queueId, penalty })).sort((a, b) => a.queueId - b.queueId),
    );
    return done;
  }

  /** Makes the user's agent a member of exactly its default queues, with their penalties. */
  applyDefaultMembership(userId: number, origin?: string): Outcome {
    const agentId = this.users.get(userId)?.agentId;
    if (agentId === null || agentId === undefined) return fail('NoAgent', `user ${userId} has no agent`);
    const wanted = new Map((this.defaults.get(userId) ?? []).map((entry) => [entry.queueId, entry.penalty]));
    for (const { queueId } of this.membershipsOf(agentId)) {
      if (!wanted.has(queueId)) this.removeAgentFromQueue(agentId, queueId, origin);
    }
    for (const [queueId, penalty] of wanted) {
      if (this.memberships.get(agentId)?.get(queueId) !== penalty)
        this.setAgentQueue(agentId, queueId, penalty, origin);
    }
    return done;
  }

  // ---- Calls -------------------------------------------------------------------------------

  placeInboundCall(input: InboundCall): Outcome<{ callId: string }> {
    const queue = this.queues.get(input.queueId);
    if (!queue) return fail('UnknownQueue', `no queue ${input.queueId}`);
    const call = this.newCall('inbound', {
      queueId: queue.id,
      remoteNumber: input.callerNumber,
      remoteName: input.callerName ?? '',
      variables: input.variables ?? {},
    });
    this.enqueue(call, queue);
    return ok({ callId: call.id });
  }

  /**
   * An outgoing call through a queue, from a free member. With no free member the call waits in the
   * queue like any other (agent-api.md: the queue's no-answer settings apply, "Fail" does not):
   * the requester is not told, and the queue's maxWait sends it to no-answer.
   */
  dialFromQueue(input: {
    destination: string;
    queueId: number;
    callerIdName?: string;
    callerIdNumber?: string;
    variables?: Record<string, string>;
  }): Outcome<{ callId: string }> {
    const queue = this.queues.get(input.queueId);
    if (!queue) return fail('UnknownQueue', `no queue ${input.queueId}`);
    if (input.destination.trim() === '') return fail('InvalidDestination', 'the destination is empty');
    const call = this.newCall('dialFromQueue', {
      queueId: queue.id,
      remoteNumber: input.destination,
      remoteName: '',
      shownNumber: input.callerIdNumber ?? input.destination,
      shownName: input.callerIdName ?? '',
      variables: input.variables ?? {},
    });
    this.enqueue(call, queue);
    return ok({ callId: call.id });
  }

  /** The user's phone dials out. */
  dial(
    userId: number,
    destination: string,
    variables: Record<string, string> = {},
  ): Outcome<{ callId: string }> {
    const line = this.lineOfUser(userId);
    if (line === null) return fail('NoLine', 'you have no line to dial from');
    if (destination.trim() === '') return fail('InvalidDestination', 'the destination is empty');
    const free = this.lineFree(line);
    if (!free.ok) return free;
    const call = this.newCall('dial', {
      queueId: null,
      remoteNumber: destination,
      remoteName: '',
      variables,
    });
    this.placeOutgoing(call, line);
    return ok({ callId: call.id });
  }

  /** The phone of the user answers its ringing call. */
  answerOnLine(userId: number, uniqueId?: string): Outcome {
    const call = this.callOfUser(userId, uniqueId);
    if (!call || call.state !== 'ringing') return fail('NoCall', 'no ringing call to answer');
    this.answer(call);
    return done;
  }

  /** The phone of the user hangs up: a ringing call is declined, an established one ends, a listen stops. */
  hangupOnLine(userId: number, uniqueId?: string): Outcome {
    const line = this.lineOfUser(userId);
    const call = this.callOfUser(userId, uniqueId);
    if (!call) {
      if (line !== null && uniqueId === undefined && this.stopListen(line)) return done;
      return fail('NoCall', 'no call to hang up');
    }
    if (call.state === 'ringing' && call.kind === 'inbound') this.ringOut(call);
    else this.end(call, call.state === 'up' ? 'completed' : 'cancelled');
    return done;
  }

  /** Control API: a ringing call is answered by its agent; an outgoing one by the far end. */
  answerCall(callId: string): Outcome {
    const call = this.calls.get(callId);
    if (!call) return fail('UnknownCall', `no active call ${callId}`);
    if (call.state !== 'ringing' && call.state !== 'dialing') {
      return fail('NotRinging', `call ${callId} is ${call.state}, not ringing`);
    }
    this.answer(call);
    return done;
  }

  /** Control API: the far end hangs up (a waiting or ringing caller abandons). */
  hangupCall(callId: string): Outcome {
    const call = this.calls.get(callId);
    if (!call) return fail('UnknownCall', `no active call ${callId}`);
    this.end(call, call.state === 'up' ? 'completed' : 'abandoned');
    return done;
  }

  // ---- Callbacks ---------------------------------------------------------------------------

  /** The agent's phone dials the request's number; the request must be held by the agent. */
  startCallback(
    agentId: number,
    uuid: string,
    number: string,
    origin?: string,
  ): Outcome<{ ticketUuid: string }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    const a = agent.value;
    if (a.activity !== 'idle' && a.activity !== 'wrapup')
      return fail('AgentBusy', `agent ${agentId} is on a call`);
    if (number.trim() === '') return fail('InvalidDestination', 'the number is empty');
    const free = this.lineFree(a.line!);
    if (!free.ok) return free;
    const started = this.callbacks.start(uuid, agentId, origin);
    if (!started.ok) return started;
    const call = this.newCall('callback', {
      queueId: null,
      remoteNumber: number,
      remoteName: '',
      variables: {},
    });
    this.placeOutgoing(call, a.line!);
    return ok({ ticketUuid: started.value.ticketUuid });
  }

  updateCallbackTicket(agentId: number, uuid: string, update: TicketUpdate, origin?: string): Outcome {
    return this.callbacks.updateTicket(uuid, agentId, update, origin);
  }

  /** The user's phone rings; answering it plays the request's recorded message. */
  listenCallbackMessage(userId: number, voiceMessageRef: string): Outcome<{ callId: string }> {
    const line = this.lineOfUser(userId);
    if (line === null) return fail('NoLine', 'you have no line to listen with');
    if (!this.callbacks.findByVoiceMessage(voiceMessageRef)) {
      return fail('UnknownVoiceMessage', `no recorded message ${voiceMessageRef}`);
    }
    const free = this.lineFree(line);
    if (!free.ok) return free;
    const call = this.newCall('message', {
      queueId: null,
      remoteNumber: 'callback-message',
      remoteName: 'Callback message',
      variables: {},
    });
    call.voiceMessageRef = voiceMessageRef;
    call.state = 'ringing';
    this.occupy(call, line);
    call.farEndTimer = this.scheduler.setTimeout(() => this.end(call, 'no-answer'), this.messageRingMs);
    this.phone(call, 'EventRinging');
    return ok({ callId: call.id });
  }

  addCallbackRequest(listUuid: string, input: Omit<NewCallbackRequest, 'dueDate'> & { dueDate?: string }) {
    return this.callbacks.add(listUuid, {
      ...input,
      dueDate: input.dueDate ?? localDate(this.scheduler.now()),
    });
  }

  // ---- Internals: agents ---------------------------------------------------------------------

  private memberOf(agentId: number): Map<number, number> {
    let queues = this.memberships.get(agentId);
    if (!queues) {
      queues = new Map();
      this.memberships.set(agentId, queues);
    }
    return queues;
  }

  private loggedIn(agentId: number): Outcome<AgentRuntime> {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (agent.line === null) return fail('AgentNotLoggedIn', `agent ${agentId} is not logged in`);
    return ok(agent);
  }

  private logout(agent: AgentRuntime): void {
    const line = agent.line;
    // Off the line first, so that releasing its call can neither wrap it up nor offer it another.
    agent.stats.logoutAt = this.scheduler.now();
    agent.line = null;
    agent.paused = null;
    this.scheduler.clearTimeout(agent.wrapupTimer);
    agent.wrapupTimer = undefined;
    const call = agent.callId === null ? undefined : this.calls.get(agent.callId);
    if (call) {
      // A ringing call goes back to its queue; an established one is released.
      if (call.state === 'ringing' && call.kind === 'inbound') this.requeue(call, agent, false);
      else this.end(call, call.state === 'up' ? 'completed' : 'cancelled');
    }
    for (const [listenerLine, listen] of this.listens)
      if (listen.agentId === agent.id) this.stopListen(listenerLine);
    if (line !== null) this.stopListen(line);
    agent.activity = 'idle';
    agent.callId = null;
    this.refresh(agent);
  }

  private setMonitor(agentId: number, state: 'ACTIVE' | 'PAUSED'): Outcome<{ changed: boolean }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    const call = agent.value.callId === null ? undefined : this.calls.get(agent.value.callId);
    if (!call || call.state !== 'up') return fail('NoCall', `agent ${agentId} is not on a call`);
    if (call.kind !== 'inbound') {
      return fail('NotQueueCall', 'recording can be paused only on a call answered through a queue');
    }
    call.monitorState = state;
    return ok({ changed: this.refresh(agent.value) });
  }

  /**
   * Recomputes what the agent shows and tells it when it differs; returns whether it told.
   * A new state (name or cause) restarts `since` and updates statistics; a change of call facts
   * or queues alone is told without restarting `since`.
   */
  private refresh(agent: AgentRuntime): boolean {
    const now = this.scheduler.now();
    const call = agent.callId === null ? undefined : this.calls.get(agent.callId);
    const next = display(
      agent,
      call && call.state === 'up' ? callFacts(call, (n) => this.lines.has(n)) : undefined,
    );
    const queues = this.queuesOf(agent.id);
    const phoneNb = agent.line ?? agent.lastLine;
    const prev = agent.shown;
    const stateChanged = next.name !== prev.name || next.cause !== prev.cause;
    if (
      !stateChanged &&
      sameCall(next.call, prev.call) &&
      sameList(queues, prev.queues) &&
      phoneNb === prev.phoneNb
    ) {
      return false;
    }
    if (stateChanged) accumulate(agent.stats, prev.name, now - prev.since);
    const shown: AgentSnapshot = {
      agentId: agent.id,
      name: next.name,
      phoneNb,
      since: stateChanged ? now : prev.since,
      queues,
    };
    if (next.cause !== undefined) shown.cause = next.cause;
    if (next.call !== undefined) shown.call = next.call;
    agent.shown = shown;
    this.emit({ type: 'agentState', state: shown });
    if (stateChanged) {
      this.emit({ type: 'agentStats', stats: statsSnapshot(agent, now) });
      for (const queueId of queues) this.emit({ type: 'queueStats', queueId });
    }
    return true;
  }

  private startWrapup(agent: AgentRuntime, queue: QueueDataT): void {
    agent.activity = 'wrapup';
    agent.wrapupTimer = this.scheduler.setTimeout(
      () => this.endWrapup(agent, true),
      queue.wrapUpSeconds * 1000,
    );
  }

  private endWrapup(agent: AgentRuntime, tell: boolean): void {
    this.scheduler.clearTimeout(agent.wrapupTimer);
    agent.wrapupTimer = undefined;
    agent.activity = 'idle';
    agent.idleSince = this.scheduler.now();
    if (tell) {
      this.refresh(agent);
      this.dispatch();
    }
  }

  private stopListen(line: string): boolean {
    const listen = this.listens.get(line);
    if (!listen) return false;
    this.listens.delete(line);
    if (!this.callOnLine.has(line)) this.setLineStatus(line, PhoneStatus.AVAILABLE);
    const agent = this.agents.get(listen.agentId);
    this.emit({
      type: 'agentListen',
      agentId: listen.agentId,
      listenerUserId: listen.userId,
      started: false,
      phoneNumber: agent?.line ?? agent?.lastLine ?? '',
    });
    return true;
  }

  // ---- Internals: calls ----------------------------------------------------------------------

  private newCall(
    kind: CallKind,
    input: {
      queueId: number | null;
      remoteNumber: string;
      remoteName: string;
      shownNumber?: string;
      shownName?: string;
      variables: Record<string, string>;
    },
  ): CallRuntime {
    const now = this.scheduler.now();
    const seq = ++this.callSeq;
    const call: CallRuntime = {
      id: `${Math.floor(now / 1000)}.${seq}`,
      kind,
      queueId: input.queueId,
      remoteNumber: input.remoteNumber,
      remoteName: input.remoteName,
      shownNumber: input.shownNumber ?? input.remoteNumber,
      shownName: input.shownName ?? input.remoteName,
      variables: { ...input.variables },
      folderNumber: input.variables.folderNumber ?? String(100000 + seq),
      channel: `SIP/sim-${seq.toString(16).padStart(8, '0')}`,
      sipCallId: `${this.newId()}@practice`,
      createdAt: now,
      state: 'queued',
      agentId: null,
      line: null,
      tried: new Set(),
      retryAfter: new Map(),
      retryTimers: [],
      enqueuedAt: null,
      answeredAt: null,
      endedAt: null,
      monitorState: 'DISABLED',
      outcome: null,
      voiceMessageRef: null,
    };
    this.calls.set(call.id, call);
    return call;
  }

  private enqueue(call: CallRuntime, queue: QueueDataT): void {
    call.state = 'queued';
    call.enqueuedAt = this.scheduler.now();
    this.totals.get(queue.id)!.entered += 1;
    if (queue.maxWaitSeconds !== null) {
      call.waitTimer = this.scheduler.setTimeout(
        () => this.end(call, 'no-answer'),
        queue.maxWaitSeconds * 1000,
      );
    }
    this.emit({ type: 'queueStats', queueId: queue.id });
    this.emit({ type: 'queueCalls', queueId: queue.id });
    this.dispatch();
  }

  private lineFree(line: string): Outcome {
    if (this.callOnLine.has(line) || this.listens.has(line)) return fail('LineBusy', `line ${line} is busy`);
    return done;
  }

  private callOfUser(userId: number, uniqueId?: string): CallRuntime | undefined {
    const line = this.lineOfUser(userId);
    const callId = line === null ? undefined : this.callOnLine.get(line);
    const call = callId === undefined ? undefined : this.calls.get(callId);
    if (!call || (uniqueId !== undefined && call.id !== uniqueId)) return undefined;
    return call;
  }

  private occupy(call: CallRuntime, line: string): void {
    call.line = line;
    this.callOnLine.set(line, call.id);
    const agent = this.agentOnLine(line);
    if (agent && call.kind !== 'message') {
      call.agentId = agent.id;
      agent.callId = call.id;
    }
  }

  private release(call: CallRuntime): void {
    if (call.line !== null && this.callOnLine.get(call.line) === call.id) this.callOnLine.delete(call.line);
    const agent = call.agentId === null ? undefined : this.agents.get(call.agentId);
    if (agent && agent.callId === call.id) agent.callId = null;
  }

  /** Gives waiting calls to Ready members until no more can be placed (re-entrant safe). */
  private dispatch(): void {
    if (this.dispatching) {
      this.redispatch = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.redispatch = false;
        const waiting = [...this.calls.values()]
          .filter((call) => call.state === 'queued' && call.queueId !== null)
          .sort((a, b) => (a.enqueuedAt ?? 0) - (b.enqueuedAt ?? 0));
        for (const call of waiting) {
          if (call.state !== 'queued') continue;
          const now = this.scheduler.now();
          const free = this.candidates(call.queueId!).filter(
            (candidate) => (call.retryAfter.get(candidate.agentId) ?? 0) <= now,
          );
          const chosen = pickAgent(free, call.tried);
          if (chosen) this.offer(call, this.agents.get(chosen.agentId)!);
        }
      } while (this.redispatch);
    } finally {
      this.dispatching = false;
    }
  }

  private candidates(queueId: number): Candidate[] {
    const out: Candidate[] = [];
    for (const [agentId, queues] of this.memberships) {
      const penalty = queues.get(queueId);
      if (penalty === undefined) continue;
      const agent = this.agents.get(agentId);
      if (!agent || agent.line === null || agent.paused !== null || agent.activity !== 'idle') continue;
      if (this.callOnLine.has(agent.line) || this.listens.has(agent.line)) continue;
      out.push({ agentId, penalty, idleSince: agent.idleSince });
    }
    return out;
  }

  private offer(call: CallRuntime, agent: AgentRuntime): void {
    const queue = this.queues.get(call.queueId!)!;
    this.scheduler.clearTimeout(call.waitTimer);
    call.waitTimer = undefined;
    this.occupy(call, agent.line!);
    if (call.kind === 'dialFromQueue') {
      call.state = 'dialing';
      agent.activity = 'dialing';
      this.refresh(agent);
      this.phone(call, 'EventDialing');
      this.armFarEnd(call);
    } else {
      call.state = 'ringing';
      agent.activity = 'ringing';
      agent.stats.offered += 1;
      call.ringTimer = this.scheduler.setTimeout(() => this.ringOut(call), queue.ringTimeoutSeconds * 1000);
      this.refresh(agent);
      this.phone(call, 'EventRinging');
      this.emit({
        type: 'sheet',
        agentId: agent.id,
        callId: call.id,
        channel: call.channel,
        at: this.scheduler.now(),
        fields: buildSheet(queue.sheetFields, {
          callId: call.id,
          callerNumber: call.remoteNumber,
          callerName: call.remoteName,
          folderNumber: call.folderNumber,
          queueName: queue.name,
          variables: call.variables,
        }),
      });
    }
    this.emit({ type: 'queueStats', queueId: queue.id });
    this.emit({ type: 'queueCalls', queueId: queue.id });
  }

  private placeOutgoing(call: CallRuntime, line: string): void {
    call.state = 'dialing';
    this.occupy(call, line);
    const agent = call.agentId === null ? undefined : this.agents.get(call.agentId);
    if (agent) {
      // Dialling out during wrap-up ends the wrap-up: its timer must not free the agent mid-call.
      if (agent.activity === 'wrapup') this.endWrapup(agent, false);
      agent.activity = 'dialing';
      this.refresh(agent);
    }
    this.phone(call, 'EventDialing');
    this.armFarEnd(call);
  }

  private armFarEnd(call: CallRuntime): void {
    if (this.outboundAnswerMs === null) return;
    call.farEndTimer = this.scheduler.setTimeout(() => {
      if (call.state === 'dialing') this.answer(call);
    }, this.outboundAnswerMs);
  }

  private answer(call: CallRuntime): void {
    const now = this.scheduler.now();
    this.scheduler.clearTimeout(call.ringTimer);
    this.scheduler.clearTimeout(call.farEndTimer);
    call.ringTimer = undefined;
    call.farEndTimer = undefined;
    call.state = 'up';
    call.answeredAt = now;
    if (call.kind === 'inbound') call.monitorState = 'ACTIVE';
    const agent = call.agentId === null ? undefined : this.agents.get(call.agentId);
    if (call.kind === 'inbound' && agent) agent.stats.answered += 1;
    if (call.queueId !== null) this.totals.get(call.queueId)!.answered += 1;
    if (agent) {
      agent.activity = 'oncall';
      this.refresh(agent);
    }
    this.phone(call, 'EventEstablished');
    if (call.kind === 'message') {
      call.farEndTimer = this.scheduler.setTimeout(() => this.end(call, 'completed'), this.messageMs);
    }
    if (call.queueId !== null) this.emit({ type: 'queueStats', queueId: call.queueId });
  }

  /** The ringing agent did not answer (timeout) or declined: the call goes to the next agent. */
  private ringOut(call: CallRuntime): void {
    if (call.state !== 'ringing') return;
    const agent = call.agentId === null ? undefined : this.agents.get(call.agentId);
    if (!agent) return;
    agent.stats.missed += 1;
    this.requeue(call, agent, true);
  }

  private requeue(call: CallRuntime, agent: AgentRuntime, tried: boolean): void {
    this.scheduler.clearTimeout(call.ringTimer);
    call.ringTimer = undefined;
    this.phone(call, 'EventReleased');
    this.release(call);
    if (tried) {
      call.tried.add(agent.id);
      this.holdRetry(call, agent.id);
    }
    call.agentId = null;
    call.line = null;
    call.state = 'queued';
    agent.activity = 'idle';
    this.refresh(agent);
    const queue = this.queues.get(call.queueId!)!;
    if (queue.maxWaitSeconds !== null && call.waitTimer === undefined) {
      const left = queue.maxWaitSeconds * 1000 - (this.scheduler.now() - (call.enqueuedAt ?? 0));
      call.waitTimer = this.scheduler.setTimeout(() => this.end(call, 'no-answer'), Math.max(0, left));
    }
    this.emit({ type: 'queueStats', queueId: queue.id });
    this.emit({ type: 'queueCalls', queueId: queue.id });
    this.dispatch();
  }

  /**
   * After a ring that was not answered (timed out or declined), the call does not ring that agent
   * again for the queue's retry delay, as a PBX queue waits its `retry` time; other free members may
   * be rung at once. When the delay ends, the call is offered again.
   */
  private holdRetry(call: CallRuntime, agentId: number): void {
    const queue = this.queues.get(call.queueId!)!;
    const delay = queue.retrySeconds * 1000;
    if (delay <= 0) return;
    call.retryAfter.set(agentId, this.scheduler.now() + delay);
    call.retryTimers.push(
      this.scheduler.setTimeout(() => {
        if (call.state === 'queued') this.dispatch();
      }, delay),
    );
  }

  /** The call is over: the agent goes to wrap-up after a queue call it answered, else is free again. */
  private end(call: CallRuntime, outcome: CallOutcome): void {
    if (call.state === 'ended') return;
    const wasUp = call.state === 'up';
    const wasQueued = call.state === 'queued';
    for (const timer of [call.ringTimer, call.waitTimer, call.farEndTimer, ...call.retryTimers])
      this.scheduler.clearTimeout(timer);
    if (call.line !== null) this.phone(call, 'EventReleased');
    this.release(call);
    call.state = 'ended';
    call.outcome = outcome;
    call.endedAt = this.scheduler.now();
    this.calls.delete(call.id);
    this.history.unshift(callView(call));
    this.history.length = Math.min(this.history.length, HISTORY);
    if (call.queueId !== null && !wasUp && call.kind === 'inbound')
      this.totals.get(call.queueId)!.abandoned += 1;
    const agent = call.agentId === null ? undefined : this.agents.get(call.agentId);
    if (agent && agent.line !== null) {
      const queue = call.queueId === null ? undefined : this.queues.get(call.queueId);
      if (wasUp && isQueueCall(call) && queue && queue.wrapUpSeconds > 0 && agent.paused === null) {
        this.startWrapup(agent, queue);
      } else {
        agent.activity = 'idle';
        if (wasUp || call.kind !== 'inbound') agent.idleSince = this.scheduler.now();
      }
      this.refresh(agent);
    }
    if (call.queueId !== null) {
      this.emit({ type: 'queueStats', queueId: call.queueId });
      if (wasQueued || call.kind === 'inbound') this.emit({ type: 'queueCalls', queueId: call.queueId });
    }
    this.dispatch();
  }

  private phone(call: CallRuntime, eventType: PhoneEventType): void {
    if (call.line === null) return;
    const queue = call.queueId === null ? undefined : this.queues.get(call.queueId);
    const data = userData(call);
    if (call.kind === 'dialFromQueue') data.XIVO_DSTNUM = call.remoteNumber;
    if (call.voiceMessageRef !== null) data.voiceMessageRef = call.voiceMessageRef;
    data.SIPCALLID = call.sipCallId;
    const userIds = new Set<number>();
    const owner = this.lines.get(call.line)?.ownerUserId;
    if (owner !== null && owner !== undefined) {
      userIds.add(owner);
      data.XIVO_USERID = String(owner);
    }
    const agentUser = call.agentId === null ? null : (this.agents.get(call.agentId)?.userId ?? null);
    if (agentUser !== null) userIds.add(agentUser);
    this.emit({
      type: 'phone',
      line: call.line,
      userIds: [...userIds],
      eventType,
      callId: call.id,
      otherDN: call.shownNumber,
      otherDName: call.shownName,
      ...(queue ? { queueName: queue.name } : {}),
      userData: data,
    });
    this.setLineStatus(call.line, LINE_STATUS_AFTER[eventType]);
  }

  private setLineStatus(line: string, status: PhoneStatusT): void {
    if ((this.lineStatuses.get(line) ?? PhoneStatus.AVAILABLE) === status) return;
    if (status === PhoneStatus.AVAILABLE) this.lineStatuses.delete(line);
    else this.lineStatuses.set(line, status);
    this.emit({ type: 'lineStatus', line, status });
  }
}

/** A line carries one call at a time, so each phone event says what the line is doing next. */
const LINE_STATUS_AFTER: Record<PhoneEventType, PhoneStatusT> = {
  EventRinging: PhoneStatus.RINGING,
  EventDialing: PhoneStatus.CALLING,
  EventEstablished: PhoneStatus.BUSY,
  EventReleased: PhoneStatus.AVAILABLE,
};
