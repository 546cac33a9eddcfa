/**
 * The agents at run time: their facts (line, pause, activity), the agent commands that change them
 * (log in and out, pause, Ready, recording), the state each shows and when it tells it, wrap-up
 * timers and statistics. The phone side of an agent (its call, its listens) lives in telephony.ts,
 * reached through the narrow `AgentPhones` port.
 */
import type { QueueDataT, SimData } from '../data/schema';
import { accumulate, display, newAgentRuntime, sameCall, sameList, statsSnapshot } from './agents';
import type { AgentRuntime } from './agents';
import type { CallRuntime } from './calls';
import type { AgentSnapshot, AgentStatsSnapshot, CallFacts, Outcome, SimEvent } from './events';
import { fail, ok } from './events';
import type { MembershipStore } from './memberships';
import type { Scheduler } from './scheduler';

/** What the roster needs of the phones. */
export interface AgentPhones {
  /** Facts of the agent's established call (AgentOnCall carries them), if it is on one. */
  factsOf(agent: AgentRuntime): CallFacts | undefined;
  callOf(agent: AgentRuntime): CallRuntime | undefined;
  /** An agent is free for a call (logged in, Ready, wrap-up over): offer waiting calls. */
  dispatch(): void;
  /** The agent leaves `line`: a ringing call goes back to its queue, any other ends, listens stop. */
  hangUpAgent(agent: AgentRuntime, line: string | null): void;
}

export interface RosterDeps {
  scheduler: Scheduler;
  memberships: MembershipStore;
  emit: (event: SimEvent) => void;
  hasLine: (line: string) => boolean;
  phones: AgentPhones;
}

export class AgentRoster {
  readonly agents = new Map<number, AgentRuntime>();

  constructor(
    data: SimData,
    private readonly deps: RosterDeps,
  ) {
    const now = deps.scheduler.now();
    const ownerOfAgent = new Map(data.users.flatMap((u) => (u.agentId ? [[u.agentId, u.id] as const] : [])));
    for (const agent of data.agents) {
      const runtime = newAgentRuntime(agent, ownerOfAgent.get(agent.id) ?? null, now);
      runtime.shown.queues = deps.memberships.queuesOf(agent.id);
      this.agents.set(agent.id, runtime);
    }
  }

  get(agentId: number): AgentRuntime | undefined {
    return this.agents.get(agentId);
  }

  state(agentId: number): AgentSnapshot | undefined {
    return this.agents.get(agentId)?.shown;
  }

  stats(agentId: number): AgentStatsSnapshot | undefined {
    const agent = this.agents.get(agentId);
    return agent ? statsSnapshot(agent, this.deps.scheduler.now()) : undefined;
  }

  /** The agent logged on `line`, if any. */
  onLine(line: string): AgentRuntime | undefined {
    for (const agent of this.agents.values()) if (agent.line === line) return agent;
    return undefined;
  }

  loggedIn(agentId: number): Outcome<AgentRuntime> {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (agent.line === null) return fail('AgentNotLoggedIn', `agent ${agentId} is not logged in`);
    return ok(agent);
  }

  // ---- Agent commands ----------------------------------------------------------------------

  /** `changed` is false when the agent was already logged on that line. */
  login(agentId: number, line: string): Outcome<{ changed: boolean }> {
    const agent = this.agents.get(agentId);
    if (!agent) return fail('UnknownAgent', `no agent ${agentId}`);
    if (!this.deps.hasLine(line)) return fail('PhoneNumberUnknown', `no line ${line}`);
    if (agent.line === line) return ok({ changed: false });
    if (agent.line !== null) {
      return fail('LoggedInOnAnotherPhone', `agent ${agentId} is logged on ${agent.line}`, {
        phoneNb: agent.line,
        RequestedNb: line,
      });
    }
    const previous = this.onLine(line);
    if (previous) this.logout(previous);
    const now = this.deps.scheduler.now();
    agent.line = line;
    agent.lastLine = line;
    agent.paused = null;
    agent.activity = 'idle';
    agent.idleSince = now;
    agent.stats.loginAt = now;
    this.refresh(agent);
    this.deps.phones.dispatch();
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
  pause(agentId: number, reason: string | undefined): Outcome<{ changed: boolean }> {
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
  unpause(agentId: number): Outcome<{ changed: boolean }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    agent.value.paused = null;
    if (agent.value.activity === 'wrapup') this.endWrapup(agent.value, false);
    const changed = this.refresh(agent.value);
    this.deps.phones.dispatch();
    return ok({ changed });
  }

  /** Recording pause and resume, on an inbound queue call that is up. */
  setMonitor(agentId: number, state: 'ACTIVE' | 'PAUSED'): Outcome<{ changed: boolean }> {
    const agent = this.loggedIn(agentId);
    if (!agent.ok) return agent;
    const call = this.deps.phones.callOf(agent.value);
    if (!call || call.state !== 'up') return fail('NoCall', `agent ${agentId} is not on a call`);
    if (call.kind !== 'inbound') {
      return fail('NotQueueCall', 'recording can be paused only on a call answered through a queue');
    }
    call.monitorState = state;
    return ok({ changed: this.refresh(agent.value) });
  }

  logout(agent: AgentRuntime): void {
    const line = agent.line;
    // Off the line first, so that releasing its call can neither wrap it up nor offer it another.
    agent.stats.logoutAt = this.deps.scheduler.now();
    agent.line = null;
    agent.paused = null;
    this.stopWrapupTimer(agent);
    this.deps.phones.hangUpAgent(agent, line);
    agent.activity = 'idle';
    agent.callId = null;
    this.refresh(agent);
  }

  // ---- What the agent shows ------------------------------------------------------------------

  /**
   * Recomputes what the agent shows and tells it when it differs; returns whether it told.
   * A new state (name or cause) restarts `since` and updates statistics; a change of call facts
   * or queues alone is told without restarting `since`.
   */
  refresh(agent: AgentRuntime): boolean {
    const { scheduler, emit } = this.deps;
    const now = scheduler.now();
    const next = display(agent, this.deps.phones.factsOf(agent));
    const queues = this.deps.memberships.queuesOf(agent.id);
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
    emit({ type: 'agentState', state: shown });
    if (stateChanged) {
      emit({ type: 'agentStats', stats: statsSnapshot(agent, now) });
      for (const queueId of queues) emit({ type: 'queueStats', queueId });
    }
    return true;
  }

  startWrapup(agent: AgentRuntime, queue: QueueDataT): void {
    agent.activity = 'wrapup';
    agent.wrapupTimer = this.deps.scheduler.setTimeout(
      () => this.endWrapup(agent, true),
      queue.wrapUpSeconds * 1000,
    );
  }

  /** Ends the wrap-up; `tell`: show it and offer the agent a waiting call (the timer's own end). */
  endWrapup(agent: AgentRuntime, tell: boolean): void {
    this.stopWrapupTimer(agent);
    agent.activity = 'idle';
    agent.idleSince = this.deps.scheduler.now();
    if (tell) {
      this.refresh(agent);
      this.deps.phones.dispatch();
    }
  }

  stopWrapupTimer(agent: AgentRuntime): void {
    this.deps.scheduler.clearTimeout(agent.wrapupTimer);
    agent.wrapupTimer = undefined;
  }
}
