/**
 * The phones: calls and their life (queued, ringing, dialling, up, ended), the lines they occupy,
 * listening, phone events and line states (phone hints), queue distribution and queue counters,
 * recent calls. This is the room for call control (hold, transfers, conferences, history): each is
 * a change of calls and lines told with phone events, as here. Agent state is the roster's: a call
 * changes the agent's activity, then asks the roster to refresh what the agent shows.
 */
import type { QueueDataT } from '../data/schema';
import type { AgentRuntime } from './agents';
import type { AgentRoster } from './agent-roster';
import { callFacts, callView, isQueueCall, userData } from './calls';
import type { CallKind, CallOutcome, CallRuntime, CallView } from './calls';
import { pickAgent } from './distribution';
import type { Candidate } from './distribution';
import { done, fail, PhoneStatus } from './events';
import type { CallFacts, Outcome, PhoneEventType, PhoneStatusT, SimEvent } from './events';
import type { MembershipStore } from './memberships';
import type { Scheduler } from './scheduler';
import { buildSheet } from './sheet';

export interface LineRecord {
  id: number;
  number: string;
  ownerUserId: number | null;
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

export interface TelephonyDeps {
  scheduler: Scheduler;
  queues: ReadonlyMap<number, QueueDataT>;
  lines: ReadonlyMap<string, LineRecord>;
  roster: AgentRoster;
  memberships: MembershipStore;
  emit: (event: SimEvent) => void;
  newId: () => string;
  /** Ms before the far end answers an outgoing call by itself; null: only through the control API. */
  outboundAnswerMs: number | null;
  /** Length of a callback's recorded message. */
  messageMs: number;
  /** How long the phone rings for a recorded message before giving up. */
  messageRingMs: number;
}

export interface NewCall {
  queueId: number | null;
  remoteNumber: string;
  remoteName: string;
  shownNumber?: string;
  shownName?: string;
  variables: Record<string, string>;
}

const HISTORY = 100;

/** A line carries one call at a time, so each phone event says what the line is doing next. */
const LINE_STATUS_AFTER: Record<PhoneEventType, PhoneStatusT> = {
  EventRinging: PhoneStatus.RINGING,
  EventDialing: PhoneStatus.CALLING,
  EventEstablished: PhoneStatus.BUSY,
  EventReleased: PhoneStatus.AVAILABLE,
};

export class Telephony {
  private readonly calls = new Map<string, CallRuntime>();
  private readonly callOnLine = new Map<string, string>();
  private readonly history: CallView[] = [];
  /** Listening sessions by the listener's line. */
  private readonly listens = new Map<string, { agentId: number; userId: number }>();
  /** What each line's phone is doing, as phone hints tell it; a line not listed is available. */
  private readonly lineStatuses = new Map<string, PhoneStatusT>();
  private readonly totals = new Map<number, QueueTotals>();
  private callSeq = 0;
  private dispatching = false;
  private redispatch = false;

  constructor(private readonly deps: TelephonyDeps) {
    for (const queueId of deps.queues.keys())
      this.totals.set(queueId, { entered: 0, answered: 0, abandoned: 0 });
  }

  // ---- Reading -----------------------------------------------------------------------------

  /** The phone hint of a number: its line's state, or UNEXISTING for a number that is no line. */
  phoneHint(number: string): PhoneStatusT {
    if (!this.deps.lines.has(number)) return PhoneStatus.UNEXISTING;
    return this.lineStatuses.get(number) ?? PhoneStatus.AVAILABLE;
  }

  queueCounters(queueId: number): QueueCounters {
    const now = this.deps.scheduler.now();
    const waiting = this.waitingCalls(queueId);
    let available = 0;
    let talking = 0;
    for (const { agentId } of this.deps.memberships.membersOf(queueId)) {
      const name = this.deps.roster.get(agentId)?.shown.name;
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

  view(callId: string): CallView | undefined {
    const call = this.calls.get(callId);
    if (call) return callView(call);
    return this.history.find((entry) => entry.callId === callId);
  }

  /** The agent's current call, if any. */
  callOf(agent: AgentRuntime): CallRuntime | undefined {
    return agent.callId === null ? undefined : this.calls.get(agent.callId);
  }

  /** What AgentOnCall carries: the facts of the agent's established call. */
  factsOf(agent: AgentRuntime): CallFacts | undefined {
    const call = this.callOf(agent);
    return call && call.state === 'up' ? callFacts(call, (n) => this.deps.lines.has(n)) : undefined;
  }

  /** The call on a line (optionally only if it has this unique id). */
  callOnLineOf(line: string | null, uniqueId?: string): CallRuntime | undefined {
    const callId = line === null ? undefined : this.callOnLine.get(line);
    const call = callId === undefined ? undefined : this.calls.get(callId);
    if (!call || (uniqueId !== undefined && call.id !== uniqueId)) return undefined;
    return call;
  }

  lineFree(line: string): Outcome {
    if (this.callOnLine.has(line) || this.listens.has(line)) return fail('LineBusy', `line ${line} is busy`);
    return done;
  }

  snapshot() {
    return {
      calls: [...this.calls.values()].map(callView),
      recentCalls: [...this.history],
      listens: [...this.listens].map(([line, listen]) => ({ line, ...listen })),
    };
  }

  // ---- Placing calls -------------------------------------------------------------------------

  /** A caller, or an outgoing call through a queue: it waits in the queue for a free member. */
  placeInQueue(kind: 'inbound' | 'dialFromQueue', queue: QueueDataT, input: NewCall): CallRuntime {
    const call = this.newCall(kind, input);
    this.enqueue(call, queue);
    return call;
  }

  /** A phone dials out (dial, callbacks). */
  placeOutgoing(kind: 'dial' | 'callback', line: string, input: NewCall): CallRuntime {
    const call = this.newCall(kind, input);
    call.state = 'dialing';
    this.occupy(call, line);
    const agent = call.agentId === null ? undefined : this.deps.roster.get(call.agentId);
    if (agent) {
      // Dialling out during wrap-up ends the wrap-up: its timer must not free the agent mid-call.
      if (agent.activity === 'wrapup') this.deps.roster.endWrapup(agent, false);
      agent.activity = 'dialing';
      this.deps.roster.refresh(agent);
    }
    this.phone(call, 'EventDialing');
    this.armFarEnd(call);
    return call;
  }

  /** The phone rings; answering it plays the recorded message for messageMs. */
  ringMessage(line: string, voiceMessageRef: string): CallRuntime {
    const call = this.newCall('message', {
      queueId: null,
      remoteNumber: 'callback-message',
      remoteName: 'Callback message',
      variables: {},
    });
    call.voiceMessageRef = voiceMessageRef;
    call.state = 'ringing';
    this.occupy(call, line);
    call.farEndTimer = this.deps.scheduler.setTimeout(
      () => this.end(call, 'no-answer'),
      this.deps.messageRingMs,
    );
    this.phone(call, 'EventRinging');
    return call;
  }

  // ---- Phone actions -------------------------------------------------------------------------

  answerRinging(call: CallRuntime): Outcome {
    if (call.state !== 'ringing') return fail('NoCall', 'no ringing call to answer');
    this.answer(call);
    return done;
  }

  /** A phone hangs up its call: a ringing queue call is declined, any other ends. */
  hangupOnPhone(call: CallRuntime): void {
    if (call.state === 'ringing' && call.kind === 'inbound') this.ringOut(call);
    else this.end(call, call.state === 'up' ? 'completed' : 'cancelled');
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

  /** Logout or takeover: a ringing call goes back to its queue; an established one is released. */
  dropAgentCall(agent: AgentRuntime): void {
    const call = this.callOf(agent);
    if (!call) return;
    if (call.state === 'ringing' && call.kind === 'inbound') this.requeue(call, agent, false);
    else this.end(call, call.state === 'up' ? 'completed' : 'cancelled');
  }

  // ---- Listening -----------------------------------------------------------------------------

  /** The listener's line listens to the agent until the listener hangs up or the agent logs out. */
  listen(line: string, agent: AgentRuntime, listenerUserId: number): Outcome {
    if (agent.line === line) return fail('InvalidTarget', 'an agent cannot listen to itself');
    if (this.callOnLine.has(line)) return fail('LineBusy', `line ${line} is busy`);
    this.stopListen(line);
    this.listens.set(line, { agentId: agent.id, userId: listenerUserId });
    this.setLineStatus(line, PhoneStatus.BUSY);
    this.deps.emit({
      type: 'agentListen',
      agentId: agent.id,
      listenerUserId,
      started: true,
      phoneNumber: agent.line ?? '',
    });
    return done;
  }

  /** Ends the listen of a listener's line; false when it was not listening. */
  stopListen(line: string): boolean {
    const listen = this.listens.get(line);
    if (!listen) return false;
    this.listens.delete(line);
    if (!this.callOnLine.has(line)) this.setLineStatus(line, PhoneStatus.AVAILABLE);
    const agent = this.deps.roster.get(listen.agentId);
    this.deps.emit({
      type: 'agentListen',
      agentId: listen.agentId,
      listenerUserId: listen.userId,
      started: false,
      phoneNumber: agent?.line ?? agent?.lastLine ?? '',
    });
    return true;
  }

  /** Every listen of this agent, and the listen of its own line, end (logout). */
  stopListensOf(agentId: number, ownLine: string | null): void {
    for (const [listenerLine, listen] of this.listens) {
      if (listen.agentId === agentId) this.stopListen(listenerLine);
    }
    if (ownLine !== null) this.stopListen(ownLine);
  }

  // ---- Distribution --------------------------------------------------------------------------

  /** Gives waiting calls to Ready members until no more can be placed (re-entrant safe). */
  dispatch(): void {
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
          const now = this.deps.scheduler.now();
          const free = this.candidates(call.queueId!).filter(
            (candidate) => (call.retryAfter.get(candidate.agentId) ?? 0) <= now,
          );
          const chosen = pickAgent(free, call.tried);
          if (chosen) this.offer(call, this.deps.roster.get(chosen.agentId)!);
        }
      } while (this.redispatch);
    } finally {
      this.dispatching = false;
    }
  }

  private candidates(queueId: number): Candidate[] {
    const out: Candidate[] = [];
    for (const { agentId, penalty } of this.deps.memberships.membersOf(queueId)) {
      const agent = this.deps.roster.get(agentId);
      if (!agent || agent.line === null || agent.paused !== null || agent.activity !== 'idle') continue;
      if (this.callOnLine.has(agent.line) || this.listens.has(agent.line)) continue;
      out.push({ agentId, penalty, idleSince: agent.idleSince });
    }
    return out;
  }

  // ---- Internals -----------------------------------------------------------------------------

  private newCall(kind: CallKind, input: NewCall): CallRuntime {
    const now = this.deps.scheduler.now();
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
      sipCallId: `${this.deps.newId()}@practice`,
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
    const { scheduler, emit } = this.deps;
    call.state = 'queued';
    call.enqueuedAt = scheduler.now();
    this.totals.get(queue.id)!.entered += 1;
    if (queue.maxWaitSeconds !== null) {
      call.waitTimer = scheduler.setTimeout(() => this.end(call, 'no-answer'), queue.maxWaitSeconds * 1000);
    }
    emit({ type: 'queueStats', queueId: queue.id });
    emit({ type: 'queueCalls', queueId: queue.id });
    this.dispatch();
  }

  private occupy(call: CallRuntime, line: string): void {
    call.line = line;
    this.callOnLine.set(line, call.id);
    const agent = this.deps.roster.onLine(line);
    if (agent && call.kind !== 'message') {
      call.agentId = agent.id;
      agent.callId = call.id;
    }
  }

  private release(call: CallRuntime): void {
    if (call.line !== null && this.callOnLine.get(call.line) === call.id) this.callOnLine.delete(call.line);
    const agent = call.agentId === null ? undefined : this.deps.roster.get(call.agentId);
    if (agent && agent.callId === call.id) agent.callId = null;
  }

  private offer(call: CallRuntime, agent: AgentRuntime): void {
    const { scheduler, emit, roster } = this.deps;
    const queue = this.deps.queues.get(call.queueId!)!;
    scheduler.clearTimeout(call.waitTimer);
    call.waitTimer = undefined;
    this.occupy(call, agent.line!);
    if (call.kind === 'dialFromQueue') {
      call.state = 'dialing';
      agent.activity = 'dialing';
      roster.refresh(agent);
      this.phone(call, 'EventDialing');
      this.armFarEnd(call);
    } else {
      call.state = 'ringing';
      agent.activity = 'ringing';
      agent.stats.offered += 1;
      call.ringTimer = scheduler.setTimeout(() => this.ringOut(call), queue.ringTimeoutSeconds * 1000);
      roster.refresh(agent);
      this.phone(call, 'EventRinging');
      emit({
        type: 'sheet',
        agentId: agent.id,
        callId: call.id,
        channel: call.channel,
        at: scheduler.now(),
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
    emit({ type: 'queueStats', queueId: queue.id });
    emit({ type: 'queueCalls', queueId: queue.id });
  }

  private armFarEnd(call: CallRuntime): void {
    if (this.deps.outboundAnswerMs === null) return;
    call.farEndTimer = this.deps.scheduler.setTimeout(() => {
      if (call.state === 'dialing') this.answer(call);
    }, this.deps.outboundAnswerMs);
  }

  private answer(call: CallRuntime): void {
    const { scheduler, emit, roster } = this.deps;
    scheduler.clearTimeout(call.ringTimer);
    scheduler.clearTimeout(call.farEndTimer);
    call.ringTimer = undefined;
    call.farEndTimer = undefined;
    call.state = 'up';
    call.answeredAt = scheduler.now();
    if (call.kind === 'inbound') call.monitorState = 'ACTIVE';
    const agent = call.agentId === null ? undefined : roster.get(call.agentId);
    if (call.kind === 'inbound' && agent) agent.stats.answered += 1;
    if (call.queueId !== null) this.totals.get(call.queueId)!.answered += 1;
    if (agent) {
      agent.activity = 'oncall';
      roster.refresh(agent);
    }
    this.phone(call, 'EventEstablished');
    if (call.kind === 'message') {
      call.farEndTimer = scheduler.setTimeout(() => this.end(call, 'completed'), this.deps.messageMs);
    }
    if (call.queueId !== null) emit({ type: 'queueStats', queueId: call.queueId });
  }

  /** The ringing agent did not answer (timeout) or declined: the call goes to the next agent. */
  private ringOut(call: CallRuntime): void {
    if (call.state !== 'ringing') return;
    const agent = call.agentId === null ? undefined : this.deps.roster.get(call.agentId);
    if (!agent) return;
    agent.stats.missed += 1;
    this.requeue(call, agent, true);
  }

  private requeue(call: CallRuntime, agent: AgentRuntime, tried: boolean): void {
    const { scheduler, emit } = this.deps;
    scheduler.clearTimeout(call.ringTimer);
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
    this.deps.roster.refresh(agent);
    const queue = this.deps.queues.get(call.queueId!)!;
    if (queue.maxWaitSeconds !== null && call.waitTimer === undefined) {
      const left = queue.maxWaitSeconds * 1000 - (scheduler.now() - (call.enqueuedAt ?? 0));
      call.waitTimer = scheduler.setTimeout(() => this.end(call, 'no-answer'), Math.max(0, left));
    }
    emit({ type: 'queueStats', queueId: queue.id });
    emit({ type: 'queueCalls', queueId: queue.id });
    this.dispatch();
  }

  /**
   * After a ring that was not answered (timed out or declined), the call does not ring that agent
   * again for the queue's retry delay, as a PBX queue waits its `retry` time; other free members may
   * be rung at once. When the delay ends, the call is offered again.
   */
  private holdRetry(call: CallRuntime, agentId: number): void {
    const queue = this.deps.queues.get(call.queueId!)!;
    const delay = queue.retrySeconds * 1000;
    if (delay <= 0) return;
    call.retryAfter.set(agentId, this.deps.scheduler.now() + delay);
    call.retryTimers.push(
      this.deps.scheduler.setTimeout(() => {
        if (call.state === 'queued') this.dispatch();
      }, delay),
    );
  }

  /** The call is over: the agent goes to wrap-up after a queue call it answered, else is free again. */
  private end(call: CallRuntime, outcome: CallOutcome): void {
    if (call.state === 'ended') return;
    const { scheduler, emit, roster } = this.deps;
    const wasUp = call.state === 'up';
    const wasQueued = call.state === 'queued';
    for (const timer of [call.ringTimer, call.waitTimer, call.farEndTimer, ...call.retryTimers])
      scheduler.clearTimeout(timer);
    if (call.line !== null) this.phone(call, 'EventReleased');
    this.release(call);
    call.state = 'ended';
    call.outcome = outcome;
    call.endedAt = scheduler.now();
    this.calls.delete(call.id);
    this.history.unshift(callView(call));
    this.history.length = Math.min(this.history.length, HISTORY);
    if (call.queueId !== null && !wasUp && call.kind === 'inbound')
      this.totals.get(call.queueId)!.abandoned += 1;
    const agent = call.agentId === null ? undefined : roster.get(call.agentId);
    if (agent && agent.line !== null) {
      const queue = call.queueId === null ? undefined : this.deps.queues.get(call.queueId);
      if (wasUp && isQueueCall(call) && queue && queue.wrapUpSeconds > 0 && agent.paused === null) {
        roster.startWrapup(agent, queue);
      } else {
        agent.activity = 'idle';
        if (wasUp || call.kind !== 'inbound') agent.idleSince = scheduler.now();
      }
      roster.refresh(agent);
    }
    if (call.queueId !== null) {
      emit({ type: 'queueStats', queueId: call.queueId });
      if (wasQueued || call.kind === 'inbound') emit({ type: 'queueCalls', queueId: call.queueId });
    }
    this.dispatch();
  }

  private phone(call: CallRuntime, eventType: PhoneEventType): void {
    if (call.line === null) return;
    const queue = call.queueId === null ? undefined : this.deps.queues.get(call.queueId);
    const data = userData(call);
    if (call.kind === 'dialFromQueue') data.XIVO_DSTNUM = call.remoteNumber;
    if (call.voiceMessageRef !== null) data.voiceMessageRef = call.voiceMessageRef;
    data.SIPCALLID = call.sipCallId;
    const userIds = new Set<number>();
    const owner = this.deps.lines.get(call.line)?.ownerUserId;
    if (owner !== null && owner !== undefined) {
      userIds.add(owner);
      data.XIVO_USERID = String(owner);
    }
    const agentUser = call.agentId === null ? null : (this.deps.roster.get(call.agentId)?.userId ?? null);
    if (agentUser !== null) userIds.add(agentUser);
    this.deps.emit({
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
    this.deps.emit({ type: 'lineStatus', line, status });
  }
}
