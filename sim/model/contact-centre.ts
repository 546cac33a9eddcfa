/**
 * The practice contact centre: the one door to the model. It holds the configuration (queues,
 * users, groups, lines) and four parts, each with its own state:
 *
 * - `MembershipStore` (memberships.ts): queue memberships and default memberships;
 * - `AgentRoster` (agent-roster.ts): agents, agent commands, the state they show, wrap-up, statistics;
 * - `Telephony` (telephony.ts): calls, lines, listening, phone events and hints, distribution;
 * - `CallbackStore` (callbacks.ts): callback lists, requests and tickets.
 *
 * The operations below check their input, then act on the parts in the right order. Synchronous
 * and free of I/O: time comes from the injected scheduler, and every change is told to listeners as
 * a SimEvent, in order, before the operation returns. Permissions are not decided here: the server
 * checks what a user may do before calling in.
 */
import { randomUUID } from 'node:crypto';
import type { QueueDataT, SimData, UserDataT } from '../data/schema';
import { AgentRoster } from './agent-roster';
import { statsSnapshot } from './agents';
import type { AgentRuntime } from './agents';
import type { CallView } from './calls';
import { CallbackStore, localDate } from './callbacks';
import type { NewCallbackRequest, TicketUpdate } from './callbacks';
import { done, fail, ok } from './events';
import type {
  AgentSnapshot,
  AgentStatsSnapshot,
  Outcome,
  PhoneStatusT,
  SimEvent,
  SimEventListener,
} from './events';
import { MembershipStore } from './memberships';
import type { MembershipEntry } from './memberships';
import type { Scheduler } from './scheduler';
import { Telephony } from './telephony';
import type { LineRecord, QueueCounters } from './telephony';

export type { QueueCounters } from './telephony';

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

export class ContactCentre {
  readonly queues = new Map<number, QueueDataT>();
  readonly users = new Map<number, UserDataT>();
  readonly groups = new Map<number, { id: number; name: string; displayName: string }>();
  readonly lines = new Map<string, LineRecord>();
  readonly userStatuses: SimData['userStatuses'];
  readonly conferenceRooms: SimData['conferenceRooms'];
  readonly callbacks: CallbackStore;
  readonly agents: ReadonlyMap<number, AgentRuntime>;
  private readonly memberships: MembershipStore;
  private readonly roster: AgentRoster;
  private readonly telephony: Telephony;
  private readonly listeners = new Set<SimEventListener>();

  constructor(
    data: SimData,
    readonly scheduler: Scheduler,
    options: ContactCentreOptions = {},
  ) {
    const outbound = options.outboundAnswerSeconds === undefined ? 3 : options.outboundAnswerSeconds;
    const newId = options.newId ?? randomUUID;
    const emit = (event: SimEvent) => this.emit(event);
    for (const queue of data.queues) this.queues.set(queue.id, queue);
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
    this.userStatuses = data.userStatuses;
    this.conferenceRooms = data.conferenceRooms;
    this.memberships = new MembershipStore(data);
    this.roster = new AgentRoster(data, {
      scheduler,
      memberships: this.memberships,
      emit,
      hasLine: (line) => this.lines.has(line),
      phones: {
        factsOf: (agent) => this.telephony.factsOf(agent),
        callOf: (agent) => this.telephony.callOf(agent),
        dispatch: () => this.telephony.dispatch(),
        hangUpAgent: (agent, line) => {
          this.telephony.dropAgentCall(agent);
          this.telephony.stopListensOf(agent.id, line);
        },
      },
    });
    this.agents = this.roster.agents;
    this.telephony = new Telephony({
      scheduler,
      queues: this.queues,
      lines: this.lines,
      roster: this.roster,
      memberships: this.memberships,
      emit,
      newId,
      outboundAnswerMs: outbound === null ? null : outbound * 1000,
      messageMs: (options.messageSeconds ?? 8) * 1000,
      messageRingMs: (options.messageRingSeconds ?? 30) * 1000,
    });
    this.callbacks = new CallbackStore(data, scheduler.now(), newId, emit);
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
    return this.memberships.queuesOf(agentId);
  }

  membershipsOf(agentId: number): MembershipEntry[] {
    return this.memberships.of(agentId);
  }

  allMemberships(): Array<{ agentId: number } & MembershipEntry> {
    return this.memberships.all();
  }

  agentState(agentId: number): AgentSnapshot | undefined {
    return this.roster.state(agentId);
  }

  agentStats(agentId: number): AgentStatsSnapshot | undefined {
    return this.roster.stats(agentId);
  }

  /** The agent logged on `line`, if any. */
  agentOnLine(line: string): AgentRuntime | undefined {
    return this.roster.onLine(line);
  }

  /** The line a user's phone commands act on: where its agent is logged, else its own line. */
  lineOfUser(userId: number): string | null {
    const user = this.users.get(userId);
    if (!user) return null;
    const agentLine = user.agentId === null ? null : (this.roster.get(user.agentId)?.line ?? null);
    return agentLine ?? user.lineNumber;
  }

  /** The phone hint of a number: its line's state, or UNEXISTING for a number that is no line. */
  phoneHint(number: string): PhoneStatusT {
    return this.telephony.phoneHint(number);
  }

  queueCounters(queueId: number): QueueCounters {
    return this.telephony.queueCounters(queueId);
  }

  /** Calls waiting in a queue, the longest-waiting first. */
  waitingCalls(queueId: number) {
    return this.telephony.waitingCalls(queueId);
  }

  call(callId: string): CallView | undefined {
    return this.telephony.view(callId);
  }

  /** Everything, for the control API's GET /sim/state. */
  snapshot() {
    const now = this.scheduler.now();
    const phones = this.telephony.snapshot();
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
        memberships: this.memberships.of(agent.id),
        callId: agent.callId,
        monitorState: agent.shown.call?.monitorState ?? null,
        stats: statsSnapshot(agent, now),
      })),
      queues: [...this.queues.values()].map((queue) => ({
        id: queue.id,
        name: queue.name,
        displayName: queue.displayName,
        number: queue.number,
        counters: this.telephony.queueCounters(queue.id),
      })),
      calls: phones.calls,
      recentCalls: phones.recentCalls,
      listens: phones.listens,
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
   */
  loginAgent(agentId: number, line: string): Outcome<{ changed: boolean }> {
    return this.roster.login(agentId, line);
  }

  logoutAgent(agentId: number): Outcome<{ changed: boolean }> {
    return this.roster.logoutAgent(agentId);
  }

  pauseAgent(agentId: number, reason: string | undefined): Outcome<{ changed: boolean }> {
    return this.roster.pause(agentId, reason);
  }

  unpauseAgent(agentId: number): Outcome<{ changed: boolean }> {
    return this.roster.unpause(agentId);
  }

  setAgentQueue(agentId: number, queueId: number, penalty: number, origin?: string): Outcome {
    const agent = this.roster.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.queues.has(queueId)) return fail('UnknownQueue', `no queue ${queueId}`);
    this.memberships.set(agentId, queueId, penalty);
    this.emit({ type: 'queueMember', agentId, queueId, penalty, origin });
    this.emit({ type: 'agentConfig', agentId, origin });
    this.roster.refresh(agent);
    this.emit({ type: 'queueStats', queueId });
    this.telephony.dispatch();
    return done;
  }

  removeAgentFromQueue(agentId: number, queueId: number, origin?: string): Outcome {
    const agent = this.roster.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.memberships.remove(agentId, queueId)) {
      return fail('NotAMember', `agent ${agentId} is not a member of queue ${queueId}`);
    }
    this.emit({ type: 'queueMember', agentId, queueId, penalty: -1, origin });
    this.emit({ type: 'agentConfig', agentId, origin });
    this.roster.refresh(agent);
    this.emit({ type: 'queueStats', queueId });
    return done;
  }

  setAgentGroup(agentId: number, groupId: number, origin?: string): Outcome {
    const agent = this.roster.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.groups.has(groupId)) return fail('UnknownGroup', `no group ${groupId}`);
    agent.groupId = groupId;
    this.emit({ type: 'agentConfig', agentId, origin });
    return done;
  }

  /** The listener's phone listens to the agent until the listener hangs up or the agent logs out. */
  listenAgent(listenerUserId: number, agentId: number): Outcome {
    const agent = this.roster.loggedIn(agentId);
    if (!agent.ok) return agent;
    const line = this.lineOfUser(listenerUserId);
    if (line === null) return fail('NoLine', 'you have no line to listen with');
    return this.telephony.listen(line, agent.value, listenerUserId);
  }

  monitorPause(agentId: number): Outcome<{ changed: boolean }> {
    return this.roster.setMonitor(agentId, 'PAUSED');
  }

  monitorUnpause(agentId: number): Outcome<{ changed: boolean }> {
    return this.roster.setMonitor(agentId, 'ACTIVE');
  }

  /** A user status with queuepause_all pauses the user's agent, queueunpause_all unpauses it, agentlogoff logs it out. */
  changeUserStatus(userId: number, status: string): Outcome {
    const user = this.users.get(userId);
    const known = this.userStatuses.find((s) => s.name === status);
    if (!user) return fail('UnknownUser', `no user ${userId}`);
    if (!known) return fail('UnknownStatus', `no user status ${status}`);
    this.emit({ type: 'userStatus', userId, status });
    const agent = user.agentId === null ? undefined : this.roster.get(user.agentId);
    if (!agent || agent.line === null) return done;
    const actions = new Set(known.actions.map((action) => action.name));
    if (actions.has('agentlogoff')) this.roster.logout(agent);
    else if (actions.has('queuepause_all')) this.pauseAgent(agent.id, status);
    else if (actions.has('queueunpause_all')) this.unpauseAgent(agent.id);
    return done;
  }

  // ---- Default memberships -------------------------------------------------------------------

  defaultMembership(userId: number): Outcome<MembershipEntry[]> {
    if (!this.users.has(userId)) return fail('UnknownUser', `no user ${userId}`);
    return ok(this.memberships.defaultsOf(userId));
  }

  setDefaultMembership(userId: number, membership: MembershipEntry[]): Outcome {
    if (!this.users.has(userId)) return fail('UnknownUser', `no user ${userId}`);
    const unknown = membership.find((entry) => !this.queues.has(entry.queueId));
    if (unknown) return fail('UnknownQueue', `no queue ${unknown.queueId}`);
    this.memberships.setDefaults(userId, membership);
    return done;
  }

  /** Makes the user's agent a member of exactly its default queues, with their penalties. */
  applyDefaultMembership(userId: number, origin?: string): Outcome {
    const agentId = this.users.get(userId)?.agentId;
    if (agentId === null || agentId === undefined) return fail('NoAgent', `user ${userId} has no agent`);
    const wanted = new Map(
      this.memberships.defaultsOf(userId).map((entry) => [entry.queueId, entry.penalty]),
    );
    for (const { queueId } of this.memberships.of(agentId)) {
      if (!wanted.has(queueId)) this.removeAgentFromQueue(agentId, queueId, origin);
    }
    for (const [queueId, penalty] of wanted) {
      if (this.memberships.penalty(agentId, queueId) !== penalty)
        this.setAgentQueue(agentId, queueId, penalty, origin);
    }
    return done;
  }

  // ---- Calls -------------------------------------------------------------------------------

  placeInboundCall(input: InboundCall): Outcome<{ callId: string }> {
    const queue = this.queues.get(input.queueId);
    if (!queue) return fail('UnknownQueue', `no queue ${input.queueId}`);
    const call = this.telephony.placeInQueue('inbound', queue, {
      queueId: queue.id,
      remoteNumber: input.callerNumber,
      remoteName: input.callerName ?? '',
      variables: input.variables ?? {},
    });
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
    const call = this.telephony.placeInQueue('dialFromQueue', queue, {
      queueId: queue.id,
      remoteNumber: input.destination,
      remoteName: '',
      shownNumber: input.callerIdNumber ?? input.destination,
      shownName: input.callerIdName ?? '',
      variables: input.variables ?? {},
    });
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
    const free = this.telephony.lineFree(line);
    if (!free.ok) return free;
    const call = this.telephony.placeOutgoing('dial', line, {
      queueId: null,
      remoteNumber: destination,
      remoteName: '',
      variables,
    });
    return ok({ callId: call.id });
  }

  /** The phone of the user answers its ringing call. */
  answerOnLine(userId: number, uniqueId?: string): Outcome {
    const call = this.telephony.callOnLineOf(this.lineOfUser(userId), uniqueId);
    if (!call) return fail('NoCall', 'no ringing call to answer');
    return this.telephony.answerRinging(call);
  }

  /** The phone of the user hangs up: a ringing call is declined, an established one ends, a listen stops. */
  hangupOnLine(userId: number, uniqueId?: string): Outcome {
    const line = this.lineOfUser(userId);
    const call = this.telephony.callOnLineOf(line, uniqueId);
    if (!call) {
      if (line !== null && uniqueId === undefined && this.telephony.stopListen(line)) return done;
      return fail('NoCall', 'no call to hang up');
    }
    this.telephony.hangupOnPhone(call);
    return done;
  }

  /** Control API: a ringing call is answered by its agent; an outgoing one by the far end. */
  answerCall(callId: string): Outcome {
    return this.telephony.answerCall(callId);
  }

  /** Control API: the far end hangs up (a waiting or ringing caller abandons). */
  hangupCall(callId: string): Outcome {
    return this.telephony.hangupCall(callId);
  }

  // ---- Callbacks ---------------------------------------------------------------------------

  /** The agent's phone dials the request's number; the request must be held by the agent. */
  startCallback(
    agentId: number,
    uuid: string,
    number: string,
    origin?: string,
  ): Outcome<{ ticketUuid: string }> {
    const agent = this.roster.loggedIn(agentId);
    if (!agent.ok) return agent;
    const a = agent.value;
    if (a.activity !== 'idle' && a.activity !== 'wrapup')
      return fail('AgentBusy', `agent ${agentId} is on a call`);
    if (number.trim() === '') return fail('InvalidDestination', 'the number is empty');
    const free = this.telephony.lineFree(a.line!);
    if (!free.ok) return free;
    const started = this.callbacks.start(uuid, agentId, origin);
    if (!started.ok) return started;
    this.telephony.placeOutgoing('callback', a.line!, {
      queueId: null,
      remoteNumber: number,
      remoteName: '',
      variables: {},
    });
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
    const free = this.telephony.lineFree(line);
    if (!free.ok) return free;
    return ok({ callId: this.telephony.ringMessage(line, voiceMessageRef).id });
  }

  addCallbackRequest(listUuid: string, input: Omit<NewCallbackRequest, 'dueDate'> & { dueDate?: string }) {
    return this.callbacks.add(listUuid, {
      ...input,
      dueDate: input.dueDate ?? localDate(this.scheduler.now()),
    });
  }
}
