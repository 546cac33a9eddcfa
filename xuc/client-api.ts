/**
 * The public surface of the xuc client. `XucClient` (client.ts) implements it; the desk core and
 * its tests depend on this interface only.
 */
import type { CallbackStatusT } from './wire/commands';
import type { Incoming, MsgType } from './wire/events';
import type { ConnectionStatus } from './status';
import type { SocketFactory } from './socket';
import type { RejectReason } from './wire/decode';

export interface XucLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** setTimeout/clearTimeout/now, injectable so tests can drive time. */
export interface XucTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface XucClientOptions {
  /** `http(s)://host:port` of the xuc server; the socket URL is derived from it. */
  baseUrl: string;
  login: string;
  /** Kept in memory only, to re-authenticate when the token has expired at reconnect. */
  password: string;
  /**
   * Replaces the password login (first sign-in, and again when auth/check no longer accepts the
   * token): e.g. `() => loginWithSso(baseUrl)` for a fresh Kerberos round trip. `password` is then unused.
   */
  signIn?: () => Promise<AuthResult>;
  socketFactory: SocketFactory;
  fetch?: typeof fetch;
  timers?: XucTimers;
  logger?: XucLogger;
  /** Default 5000 ms, as the public library. */
  pingIntervalMs?: number;
  /** Silent ping intervals before the link is declared dead. Default 3. */
  maxSilentIntervals?: number;
  /** Time allowed between socket open and LoggedOn. Default 10000 ms. */
  loggedOnTimeoutMs?: number;
  /** Time allowed for an HTTP auth request. Default 10000 ms. */
  httpTimeoutMs?: number;
  /** Reconnect backoff: initial delay, cap, jitter ratio (0..1). Defaults 1000, 30000, 0.2. */
  backoff?: { initialMs?: number; maxMs?: number; jitter?: number };
  /** Default timeout of the awaitable command forms. Default 5000 ms. */
  ackTimeoutMs?: number;
  /** Frames longer than this are dropped. Default DEFAULT_MAX_FRAME_BYTES. */
  maxFrameBytes?: number;
}

export type Handler<K extends MsgType> = (payload: Incoming[K]) => void;
export type Unsubscribe = () => void;

export interface FrameStats {
  received: number;
  dispatched: number;
  dropped: Record<RejectReason, number>;
}

export interface AuthResult {
  login: string;
  token: string;
  TTL?: number;
}

export interface XucClientApi {
  // ---- Link ----
  /**
   * Authenticates and opens the socket. Resolves once LoggedOn arrived. Rejects with a XucError
   * (InvalidCredentials, Unreachable, Tls, BadResponse, LoggedOnError, …) on the first failure and
   * goes offline. Once connected, a lost link is retried automatically with backoff.
   */
  connect(): Promise<void>;
  /** Closes for good: status `offline` with reason `closed`; pending acknowledgements reject with Closed. */
  close(): void;
  /** Skips the current backoff wait. No-op when connected. */
  reconnectNow(): void;
  /**
   * After sleep or a network change a socket can look open while it is dead: drops the current link
   * and reconnects at once (token renewed, subscriptions re-issued, so state is reconciled).
   * While reconnecting it skips the wait; offline or idle it does nothing.
   */
  restartLink(reason: string): void;
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): Unsubscribe;
  readonly token: string | undefined;
  readonly stats: FrameStats;

  // ---- Events ----
  on<K extends MsgType>(msgType: K, handler: Handler<K>): Unsubscribe;
  /** Resolves with the first `msgType` payload matching `predicate`; rejects with Timeout or Closed. */
  waitFor<K extends MsgType>(
    msgType: K,
    predicate?: (payload: Incoming[K]) => boolean,
    timeoutMs?: number,
  ): Promise<Incoming[K]>;

  // ---- Agent commands (each throws XucError 'Offline' at once when not connected) ----
  loginAgent(phoneNumber: string, agentId?: number): void;
  logoutAgent(agentId?: number): void;
  pauseAgent(agentId?: number, reason?: string): void;
  unpauseAgent(agentId?: number): void;
  listenAgent(agentId: number): void;
  setAgentQueue(agentId: number, queueId: number, penalty: number): void;
  removeAgentFromQueue(agentId: number, queueId: number): void;
  setAgentGroup(agentId: number, groupId: number): void;
  dialFromQueue(
    destination: string,
    queueId: number,
    callerIdName?: string,
    callerIdNumber?: string,
    variables?: Record<string, string>,
  ): void;
  monitorPause(agentId?: number): void;
  monitorUnpause(agentId?: number): void;
  answer(uniqueId?: string): void;
  hangup(uniqueId?: string): void;
  dial(destination: string, variables?: Record<string, string>): void;

  // ---- Subscriptions and lists (re-issued automatically after a reconnect) ----
  subscribeToAgentEvents(): void;
  subscribeToAgentStats(): void;
  subscribeToQueueStats(): void;
  getAgentStates(): void;
  getAgentDirectory(): void;
  getList(objectType: 'agent' | 'agentgroup' | 'queue' | 'queuemember' | 'basequeuemember'): void;
  getCallbackLists(): void;
  getCallbackPreferredPeriods(): void;

  // ---- Callbacks ----
  takeCallback(uuid: string): void;
  releaseCallback(uuid: string): void;
  startCallback(uuid: string, phoneNumber: string): void;
  /** As the public library: dueDate and periodUuid go on the wire only when both are given. */
  updateCallbackTicket(
    uuid: string,
    status: CallbackStatusT,
    comment?: string,
    dueDate?: string,
    periodUuid?: string,
  ): void;
  listenCallbackMessage(voiceMessageRef: string): void;
  findCallbackRequest(
    id: number,
    filters: Array<{ field: string; operator?: string; value?: string; order?: 'ASC' | 'DESC' }>,
    offset?: number,
    limit?: number,
  ): void;

  // ---- Awaitable forms: resolve on the protocol's acknowledgement, reject on timeout ----
  /** Resolves with the QueueMember event for (agentId, queueId). */
  setAgentQueueAndWait(
    agentId: number,
    queueId: number,
    penalty: number,
    timeoutMs?: number,
  ): Promise<Incoming['QueueMember']>;
  /** Resolves with the QueueMember event with penalty -1. */
  removeAgentFromQueueAndWait(
    agentId: number,
    queueId: number,
    timeoutMs?: number,
  ): Promise<Incoming['QueueMember']>;
  takeCallbackAndWait(uuid: string, timeoutMs?: number): Promise<Incoming['CallbackTaken']>;
  releaseCallbackAndWait(uuid: string, timeoutMs?: number): Promise<Incoming['CallbackReleased']>;
  startCallbackAndWait(
    uuid: string,
    phoneNumber: string,
    timeoutMs?: number,
  ): Promise<Incoming['CallbackStarted']>;
  /** Resolves on CallbackClotured or CallbackRequestUpdated for `uuid`. */
  updateCallbackTicketAndWait(
    uuid: string,
    status: CallbackStatusT,
    comment?: string,
    dueDate?: string,
    periodUuid?: string,
    timeoutMs?: number,
  ): Promise<{ msgType: 'CallbackClotured' | 'CallbackRequestUpdated'; uuid: string }>;
  /**
   * Sends agentLogin and resolves with the agent's first AgentStateEvent that is not AgentLoggedOut
   * on `phoneNumber`; rejects with XucError 'AgentError' (data: the AgentError payload).
   */
  loginAgentAndWait(
    phoneNumber: string,
    agentId?: number,
    timeoutMs?: number,
  ): Promise<Incoming['AgentStateEvent']>;
}
