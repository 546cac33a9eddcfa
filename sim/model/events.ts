/**
 * What the contact-centre model tells the outside. Events name their subject (agent, queue,
 * line, callback list) so the server can route them by profile in one place; `origin` is the
 * session that caused the change, so its acknowledgement reaches it even when it is not subscribed.
 */
import type { AgentStateNameT } from '../../xuc/wire/events';

export type MonitorState = 'ACTIVE' | 'PAUSED' | 'DISABLED';
export type Direction = 'Incoming' | 'Outgoing';

export interface CallFacts {
  acd: boolean;
  direction: Direction;
  callType: 'External' | 'Internal';
  monitorState: MonitorState;
}

/** An agent's displayed state at one instant. */
export interface AgentSnapshot {
  agentId: number;
  name: AgentStateNameT;
  /** The line the agent is (or was last) logged on; "" before its first login. */
  phoneNb: string;
  /** Epoch ms at which the displayed state began. */
  since: number;
  queues: number[];
  cause?: string;
  call?: CallFacts;
}

export interface AgentStatsSnapshot {
  agentId: number;
  readySeconds: number;
  pausedSeconds: number;
  wrapupSeconds: number;
  loginAt: number | null;
  logoutAt: number | null;
  /** Queue calls that rang this agent. */
  offered: number;
  answered: number;
  missed: number;
}

export interface SheetFieldValue {
  name: string;
  value: string;
  order: number;
  type: 'url' | 'text';
}

export interface PeriodRecord {
  uuid: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  default: boolean;
}

export interface CallbackRequestRecord {
  uuid: string;
  listUuid: string;
  phoneNumber: string | null;
  mobilePhoneNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  description: string | null;
  agentId: number | null;
  dueDate: string;
  preferredPeriod: PeriodRecord | null;
  voiceMessageRef: string | null;
}

export type PhoneEventType = 'EventRinging' | 'EventDialing' | 'EventEstablished' | 'EventReleased';

/** Line states as PhoneHintStatusEvent carries them (the library's Cti.PhoneStatus). */
export const PhoneStatus = { AVAILABLE: 0, CALLING: 1, BUSY: 2, RINGING: 8, UNEXISTING: -2 } as const;
export type PhoneStatusT = (typeof PhoneStatus)[keyof typeof PhoneStatus];

export type SimEvent =
  | { type: 'agentState'; state: AgentSnapshot }
  | { type: 'agentStats'; stats: AgentStatsSnapshot }
  | { type: 'agentConfig'; agentId: number; origin?: string }
  | { type: 'queueMember'; agentId: number; queueId: number; penalty: number; origin?: string }
  | { type: 'queueStats'; queueId: number }
  | { type: 'queueCalls'; queueId: number }
  | { type: 'agentListen'; agentId: number; listenerUserId: number; started: boolean; phoneNumber: string }
  | { type: 'sheet'; agentId: number; callId: string; channel: string; at: number; fields: SheetFieldValue[] }
  | {
      type: 'phone';
      line: string;
      /** Users whose phone this is: the line's owner and the agent on the call. */
      userIds: number[];
      eventType: PhoneEventType;
      callId: string;
      otherDN: string;
      otherDName: string;
      queueName?: string;
      userData: Record<string, string>;
    }
  | { type: 'callbackTaken'; listUuid: string; uuid: string; agentId: number; origin?: string }
  | { type: 'callbackReleased'; listUuid: string; uuid: string; origin?: string }
  | {
      type: 'callbackStarted';
      listUuid: string;
      requestUuid: string;
      ticketUuid: string;
      agentId: number;
      origin?: string;
    }
  | { type: 'callbackClotured'; listUuid: string; uuid: string; ticketUuid?: string; origin?: string }
  | {
      type: 'callbackUpdated';
      listUuid: string;
      request: CallbackRequestRecord;
      ticketUuid?: string;
      origin?: string;
    }
  | { type: 'callbackListChanged'; listUuid: string }
  | { type: 'userStatus'; userId: number; status: string }
  | { type: 'lineStatus'; line: string; status: PhoneStatusT };

export type SimEventListener = (event: SimEvent) => void;

/** A failure of a model operation: a stable code and a sentence for people. */
export interface SimError {
  code: string;
  message: string;
  /** Extra wire fields (e.g. phoneNb / RequestedNb for LoggedInOnAnotherPhone). */
  details?: Record<string, string>;
}

export type Outcome<T = void> = { ok: true; value: T } | { ok: false; error: SimError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const done: Outcome<void> = { ok: true, value: undefined };
export const fail = <T = never>(
  code: string,
  message: string,
  details?: Record<string, string>,
): Outcome<T> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
