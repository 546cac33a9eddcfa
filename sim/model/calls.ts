/**
 * A call at run time. One call occupies at most one line; the far end (caller or callee) is only
 * a number and a name, driven by the control API or by timers.
 */
import type { CallFacts, MonitorState } from './events';
import type { TimerHandle } from './scheduler';

/**
 * inbound: a caller to a queue. dialFromQueue: an outgoing call placed through a queue by a free
 * member. callback: an agent's phone dialling a callback request. dial: a user's phone dialling.
 * message: the user's phone ringing to play a callback's recorded message.
 */
export type CallKind = 'inbound' | 'dialFromQueue' | 'callback' | 'dial' | 'message';
export type CallState = 'queued' | 'ringing' | 'dialing' | 'up' | 'ended';
export type CallOutcome = 'completed' | 'abandoned' | 'no-answer' | 'cancelled';

export interface CallRuntime {
  readonly id: string;
  readonly kind: CallKind;
  readonly queueId: number | null;
  /** The far end: the caller of an inbound call, the destination of an outgoing one. */
  readonly remoteNumber: string;
  readonly remoteName: string;
  /** What the agent's phone shows as the other party (dialFromQueue: the caller id given). */
  readonly shownNumber: string;
  readonly shownName: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly folderNumber: string;
  readonly channel: string;
  /** The SIP Call-ID of the call's leg on the agent's phone (PhoneEvent userData.SIPCALLID). */
  readonly sipCallId: string;
  readonly createdAt: number;
  state: CallState;
  agentId: number | null;
  line: string | null;
  /** Agents that let it ring out in the current round. */
  tried: Set<number>;
  /** Agent → epoch ms before which this call does not ring that agent again (the queue's retry delay). */
  retryAfter: Map<number, number>;
  retryTimers: TimerHandle[];
  enqueuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  monitorState: MonitorState;
  outcome: CallOutcome | null;
  voiceMessageRef: string | null;
  ringTimer?: TimerHandle;
  waitTimer?: TimerHandle;
  farEndTimer?: TimerHandle;
}

export function isQueueCall(call: CallRuntime): boolean {
  return call.kind === 'inbound' || call.kind === 'dialFromQueue';
}

/** What AgentOnCall carries about the call. */
export function callFacts(call: CallRuntime, knownLine: (number: string) => boolean): CallFacts {
  return {
    acd: isQueueCall(call),
    direction: call.kind === 'inbound' || call.kind === 'message' ? 'Incoming' : 'Outgoing',
    callType: knownLine(call.remoteNumber) ? 'Internal' : 'External',
    monitorState: call.monitorState,
  };
}

/** USR_<name> for each call variable, as xuc propagates them to phone events (agent-api.md). */
export function userData(call: CallRuntime): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.variables)) out[`USR_${name}`] = value;
  return out;
}

/** Public view of a call for the control API's state. */
export function callView(call: CallRuntime) {
  return {
    callId: call.id,
    kind: call.kind,
    state: call.state,
    queueId: call.queueId,
    remoteNumber: call.remoteNumber,
    remoteName: call.remoteName,
    variables: { ...call.variables },
    folderNumber: call.folderNumber,
    agentId: call.agentId,
    line: call.line,
    createdAt: new Date(call.createdAt).toISOString(),
    answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
    endedAt: call.endedAt === null ? null : new Date(call.endedAt).toISOString(),
    monitorState: call.monitorState,
    outcome: call.outcome,
  };
}
export type CallView = ReturnType<typeof callView>;
