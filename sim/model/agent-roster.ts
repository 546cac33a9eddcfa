/**
 * The agents at run time: their facts (line, pause, activity), the state each shows and when it
 * tells it, wrap-up timers and statistics. The phone side of an agent (its call) lives in
 * telephony.ts; the roster only asks it for the facts of the agent's established call.
 */
import type { QueueDataT, SimData } from '../data/schema';
import { accumulate, display, newAgentRuntime, sameCall, sameList, statsSnapshot } from './agents';
import type { AgentRuntime } from './agents';
import type { AgentSnapshot, AgentStatsSnapshot, CallFacts, Outcome, SimEvent } from './events';
import { fail, ok } from './events';
import type { MembershipStore } from './memberships';
import type { Scheduler } from './scheduler';

export interface RosterDeps {
  scheduler: Scheduler;
  memberships: MembershipStore;
  emit: (event: SimEvent) => void;
  /** Facts of the agent's established call (AgentOnCall carries them), if it is on one. */
  callFacts: (agent: AgentRuntime) => CallFacts | undefined;
  /** A wrap-up ended on its timer: the agent may take a waiting call. */
  onFree: () => void;
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

  /**
   * Recomputes what the agent shows and tells it when it differs; returns whether it told.
   * A new state (name or cause) restarts `since` and updates statistics; a change of call facts
   * or queues alone is told without restarting `since`.
   */
  refresh(agent: AgentRuntime): boolean {
    const { scheduler, emit } = this.deps;
    const now = scheduler.now();
    const next = display(agent, this.deps.callFacts(agent));
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
      this.deps.onFree();
    }
  }

  stopWrapupTimer(agent: AgentRuntime): void {
    this.deps.scheduler.clearTimeout(agent.wrapupTimer);
    agent.wrapupTimer = undefined;
  }
}
