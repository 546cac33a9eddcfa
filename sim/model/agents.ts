/**
 * An agent at run time and the one rule that turns its facts (logged on a line, paused, what its
 * phone is doing) into the state the wire shows. Time totals for statistics accumulate here, on
 * each change of the shown state.
 */
import type { AgentStateNameT } from '../../xuc/wire/events';
import type { AgentDataT } from '../data/schema';
import type { AgentSnapshot, AgentStatsSnapshot, CallFacts } from './events';
import type { TimerHandle } from './scheduler';

/** What the agent's phone is busy with; `idle` means free for a queue call (unless paused). */
export type Activity = 'idle' | 'ringing' | 'dialing' | 'oncall' | 'wrapup';

export interface AgentStats {
  readyMs: number;
  pausedMs: number;
  wrapupMs: number;
  loginAt: number | null;
  logoutAt: number | null;
  offered: number;
  answered: number;
  missed: number;
}

export interface AgentRuntime {
  readonly id: number;
  readonly data: AgentDataT;
  groupId: number;
  userId: number | null;
  /** The line it is logged on; null when logged out. */
  line: string | null;
  /** The last line it was logged on, "" before its first login (phoneNb is never null on the wire). */
  lastLine: string;
  /** The pause reason; null when not paused. A pause with no reason is "". */
  paused: string | null;
  activity: Activity;
  callId: string | null;
  wrapupTimer?: TimerHandle;
  /** Epoch ms since which it has had no call: its last call ended, or it logged in. */
  idleSince: number;
  shown: AgentSnapshot;
  stats: AgentStats;
}

export interface Display {
  name: AgentStateNameT;
  cause?: string;
  call?: CallFacts;
}

/** Call activity shows first, then a pause, then wrap-up, then Ready. */
export function display(agent: AgentRuntime, call: CallFacts | undefined): Display {
  if (agent.line === null) return { name: 'AgentLoggedOut' };
  switch (agent.activity) {
    case 'ringing':
      return { name: 'AgentRinging' };
    case 'dialing':
      return { name: 'AgentDialing' };
    case 'oncall':
      return call ? { name: 'AgentOnCall', call } : { name: 'AgentOnCall' };
    case 'wrapup':
      return { name: 'AgentOnWrapup' };
    case 'idle':
      if (agent.paused !== null)
        return agent.paused === '' ? { name: 'AgentOnPause' } : { name: 'AgentOnPause', cause: agent.paused };
      return { name: 'AgentReady', cause: 'available' };
  }
}

export function newAgentRuntime(data: AgentDataT, userId: number | null, now: number): AgentRuntime {
  return {
    id: data.id,
    data,
    groupId: data.groupId,
    userId,
    line: null,
    lastLine: '',
    paused: null,
    activity: 'idle',
    callId: null,
    idleSince: now,
    shown: { agentId: data.id, name: 'AgentLoggedOut', phoneNb: '', since: now, queues: [] },
    stats: {
      readyMs: 0,
      pausedMs: 0,
      wrapupMs: 0,
      loginAt: null,
      logoutAt: null,
      offered: 0,
      answered: 0,
      missed: 0,
    },
  };
}

/** Adds `ms` spent in `state` to the totals that statistics report. */
export function accumulate(stats: AgentStats, state: AgentStateNameT, ms: number): void {
  if (state === 'AgentReady') stats.readyMs += ms;
  else if (state === 'AgentOnPause') stats.pausedMs += ms;
  else if (state === 'AgentOnWrapup') stats.wrapupMs += ms;
}

/** Totals including the time spent so far in the current state. */
export function statsSnapshot(agent: AgentRuntime, now: number): AgentStatsSnapshot {
  const totals = { ...agent.stats };
  accumulate(totals, agent.shown.name, now - agent.shown.since);
  return {
    agentId: agent.id,
    readySeconds: Math.floor(totals.readyMs / 1000),
    pausedSeconds: Math.floor(totals.pausedMs / 1000),
    wrapupSeconds: Math.floor(totals.wrapupMs / 1000),
    loginAt: totals.loginAt,
    logoutAt: totals.logoutAt,
    offered: totals.offered,
    answered: totals.answered,
    missed: totals.missed,
  };
}

export function sameCall(a: CallFacts | undefined, b: CallFacts | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.acd === b.acd &&
    a.direction === b.direction &&
    a.callType === b.callType &&
    a.monitorState === b.monitorState
  );
}

export function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
