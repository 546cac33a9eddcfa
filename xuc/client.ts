/**
 * The xuc Agent API client: sign-in, one live CTI link at a time, automatic reconnect with token
 * renewal and resubscription, typed commands and events (client-api.ts describes the contract).
 *
 * State lives here once: the status, the token, the handlers, the pending waits and the
 * subscriptions to re-issue. A `Link` (link.ts) owns one socket; `run` numbers each sign-in so
 * that async steps of an older one (a slow fetch after close()) change nothing.
 */
import { XucError, isXucError, type XucErrorCode } from './errors';
import type {
  FrameStats,
  Handler,
  Unsubscribe,
  XucClientApi,
  XucClientOptions,
  XucLogger,
  XucTimers,
} from './client-api';
import type { ConnectionStatus, OfflineReason } from './status';
import { authCheck, authLogin, type AuthOptions } from './auth';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { Link } from './link';
import { seconds } from './net-errors';
import { realTimers } from './timers';
import { createConsoleLogger } from './console-logger';
import { ctiSocketUrl, serverName } from './urls';
import {
  commandSchemas,
  encodeCommand,
  type CallbackStatusT,
  type CommandArgs,
  type CommandName,
} from './wire/commands';
import { DEFAULT_MAX_FRAME_BYTES, type DecodeResult, type RejectReason } from './wire/decode';
import type { Incoming, MsgType } from './wire/events';

const DEFAULTS = {
  pingIntervalMs: 5000,
  maxSilentIntervals: 3,
  loggedOnTimeoutMs: 10_000,
  openTimeoutMs: 10_000,
  httpTimeoutMs: 10_000,
  ackTimeoutMs: 5000,
};

/** Drops are logged for the first few of each reason, then every 100th, so a flood stays readable. */
const DROP_LOG_FIRST = 10;
const DROP_LOG_EVERY = 100;

const REJECT_REASONS: RejectReason[] = [
  'oversized',
  'not-json',
  'not-an-object',
  'no-msgType',
  'unknown-msgType',
  'invalid',
];

export type ListObjectType = 'agent' | 'agentgroup' | 'queue' | 'queuemember' | 'basequeuemember';

/** Options beyond the interface's: the WebSocket open timeout and the jitter's random source. */
export interface XucClientConfig extends XucClientOptions {
  /** Time allowed from creating the socket to its open event. Default 10000 ms. */
  openTimeoutMs?: number;
  /** Returns [0, 1); drives the backoff jitter. Default Math.random. */
  random?: () => number;
}

const defaultLogger = createConsoleLogger({ prefix: '[xuc]' });

interface PendingWait {
  reject(error: XucError): void;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export class XucClient implements XucClientApi {
  private readonly timers: XucTimers;
  private readonly logger: XucLogger;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly settings: typeof DEFAULTS & { maxFrameBytes: number };

  private statusValue: ConnectionStatus = { state: 'idle' };
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private tokenValue: string | undefined;
  private link: Link | undefined;
  private run = 0;
  private pendingConnect: Deferred | undefined;
  private retryAttempt = 0;
  private retryTimer: unknown;
  private readonly handlers = new Map<MsgType, Set<(payload: never) => void>>();
  private readonly waits = new Set<PendingWait>();
  /** Frame text → command: what to send again after a reconnect, in first-issued order, once each. */
  private readonly resubscriptions = new Map<string, CommandName>();
  private received = 0;
  private dispatched = 0;
  private readonly dropped = Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<
    RejectReason,
    number
  >;

  constructor(private readonly options: XucClientConfig) {
    this.timers = options.timers ?? realTimers;
    this.logger = options.logger ?? defaultLogger;
    this.backoff = { ...DEFAULT_BACKOFF, ...definedOnly(options.backoff ?? {}) };
    this.random = options.random ?? Math.random;
    this.settings = {
      ...DEFAULTS,
      ...definedOnly({
        pingIntervalMs: options.pingIntervalMs,
        maxSilentIntervals: options.maxSilentIntervals,
        loggedOnTimeoutMs: options.loggedOnTimeoutMs,
        openTimeoutMs: options.openTimeoutMs,
        httpTimeoutMs: options.httpTimeoutMs,
        ackTimeoutMs: options.ackTimeoutMs,
      }),
      maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    };
  }

  // ---- Link ------------------------------------------------------------------------------------

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  get token(): string | undefined {
    return this.tokenValue;
  }

  get stats(): FrameStats {
    return { received: this.received, dispatched: this.dispatched, dropped: { ...this.dropped } };
  }

  onStatus(listener: (status: ConnectionStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Signs in afresh: a new token, a new link, and no subscriptions carried over from before (the
   * caller makes its own once connected). Joins a sign-in already under way.
   */
  connect(): Promise<void> {
    if (this.statusValue.state === 'connected') return Promise.resolve();
    if (this.pendingConnect) return this.pendingConnect.promise;
    this.stop();
    this.resubscriptions.clear();
    this.tokenValue = undefined;
    const run = this.run;
    const pending = deferred();
    this.pendingConnect = pending;
    this.setStatus({ state: 'connecting', attempt: 1 });
    this.establish(run, 'login', false).then(
      () => {
        if (this.pendingConnect === pending) this.pendingConnect = undefined;
        pending.resolve();
      },
      (error: unknown) => {
        if (this.pendingConnect === pending) this.pendingConnect = undefined;
        const failure = asXucError(error);
        if (run === this.run) {
          this.stop();
          this.goOffline(failure);
        }
        pending.reject(failure);
      },
    );
    return pending.promise;
  }

  close(): void {
    this.stop();
    this.resubscriptions.clear();
    this.tokenValue = undefined;
    const closed = new XucError('Closed', 'The connection was closed.');
    this.pendingConnect?.reject(closed);
    this.pendingConnect = undefined;
    for (const wait of [...this.waits]) wait.reject(closed);
    if (!(this.statusValue.state === 'offline' && this.statusValue.reason === 'closed')) {
      this.setStatus({ state: 'offline', reason: 'closed', detail: 'Closed by the application.' });
    }
  }

  reconnectNow(): void {
    if (this.statusValue.state !== 'reconnecting' || this.retryTimer === undefined) return;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    void this.retry(this.run);
  }

  restartLink(reason: string): void {
    if (this.statusValue.state === 'reconnecting') return this.reconnectNow();
    if (this.statusValue.state !== 'connected' || this.link === undefined) return;
    this.logger.info('xuc link restarted', { reason });
    this.link.close();
    this.link = undefined;
    this.retryAttempt = 1;
    this.setStatus({ state: 'reconnecting', attempt: 1, nextRetryAt: this.timers.now(), lastError: reason });
    void this.retry(this.run);
  }

  /** Ends the current run: link, retry timer, and any async step still in flight. */
  private stop(): void {
    this.run += 1;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryAttempt = 0;
    this.link?.close();
    this.link = undefined;
  }

  /** Gets a token (login, or renew with check), then opens a link and resolves on LoggedOn. */
  private async establish(run: number, token: 'login' | 'renew', resubscribe: boolean): Promise<void> {
    const fresh =
      token === 'renew' && this.tokenValue ? await this.renewToken(this.tokenValue) : await this.login();
    this.assertCurrent(run);
    this.tokenValue = fresh;
    await this.openLink(run, fresh, resubscribe);
  }

  private async login(): Promise<string> {
    if (this.options.signIn) return (await this.options.signIn()).token;
    const { baseUrl, login, password } = this.options;
    return (await authLogin(baseUrl, login, password, this.authOptions())).token;
  }

  /** auth/check first; when the server no longer accepts the token, sign in again with the password. */
  private async renewToken(token: string): Promise<string> {
    try {
      return (await authCheck(this.options.baseUrl, token, this.authOptions())).token;
    } catch (error) {
      if (isXucError(error, 'TokenExpired') || isXucError(error, 'ServerError')) {
        this.logger.info('xuc token no longer valid, signing in again', { code: error.code });
        return this.login();
      }
      throw error;
    }
  }

  private authOptions(): AuthOptions {
    return {
      timeoutMs: this.settings.httpTimeoutMs,
      ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
    };
  }

  private openLink(run: number, token: string, resubscribe: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const link = new Link(
        {
          url: ctiSocketUrl(this.options.baseUrl, token),
          server: serverName(this.options.baseUrl),
          socketFactory: this.options.socketFactory,
          timers: this.timers,
          openTimeoutMs: this.settings.openTimeoutMs,
          loggedOnTimeoutMs: this.settings.loggedOnTimeoutMs,
          pingIntervalMs: this.settings.pingIntervalMs,
          maxSilentIntervals: this.settings.maxSilentIntervals,
          maxFrameBytes: this.settings.maxFrameBytes,
        },
        {
          onFrame: (result) => this.handleFrame(result),
          onReady: () => {
            if (run !== this.run) return;
            this.handleReady(link, resubscribe);
            resolve();
          },
          onDown: (error, wasReady) => {
            if (this.link === link) this.link = undefined;
            if (run !== this.run) return;
            if (wasReady) this.handleDrop(error);
            else reject(error);
          },
        },
      );
      this.link = link;
      link.start();
    });
  }

  private handleReady(link: Link, resubscribe: boolean): void {
    this.retryAttempt = 0;
    if (resubscribe) {
      for (const [text, command] of this.resubscriptions) {
        try {
          link.send(text);
        } catch (error) {
          this.logger.warn('xuc could not re-issue a subscription', {
            command,
            error: (error as Error).message,
          });
        }
      }
    }
    this.setStatus({ state: 'connected', since: this.timers.now() });
  }

  private handleDrop(error: XucError): void {
    this.logger.warn('xuc link lost, reconnecting', { code: error.code, detail: error.message });
    this.scheduleRetry(error);
  }

  private scheduleRetry(lastError: XucError): void {
    this.retryAttempt += 1;
    const delay = backoffDelay(this.retryAttempt, this.backoff, this.random);
    const run = this.run;
    this.setStatus({
      state: 'reconnecting',
      attempt: this.retryAttempt,
      nextRetryAt: this.timers.now() + delay,
      lastError: lastError.message,
    });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry(run);
    }, delay);
  }

  /** Once connected, a failed attempt only schedules the next one; wrong credentials end it. */
  private async retry(run: number): Promise<void> {
    if (run !== this.run) return;
    this.setStatus({ state: 'connecting', attempt: this.retryAttempt });
    try {
      await this.establish(run, 'renew', true);
    } catch (error) {
      if (run !== this.run) return;
      const failure = asXucError(error);
      this.link?.close();
      this.link = undefined;
      if (failure.code === 'InvalidCredentials') {
        this.stop();
        this.goOffline(failure);
        return;
      }
      this.logger.warn('xuc reconnect attempt failed', { attempt: this.retryAttempt, code: failure.code });
      this.scheduleRetry(failure);
    }
  }

  private assertCurrent(run: number): void {
    if (run !== this.run) throw new XucError('Closed', 'The connection was closed.');
  }

  private goOffline(error: XucError): void {
    this.setStatus({ state: 'offline', reason: offlineReason(error.code), detail: error.message });
  }

  private setStatus(status: ConnectionStatus): void {
    this.statusValue = status;
    for (const listener of [...this.statusListeners]) {
      try {
        listener(status);
      } catch (error) {
        this.logger.error('xuc status listener failed', { error: (error as Error).message });
      }
    }
  }

  // ---- Events ----------------------------------------------------------------------------------

  on<K extends MsgType>(msgType: K, handler: Handler<K>): Unsubscribe {
    let set = this.handlers.get(msgType);
    if (!set) {
      set = new Set();
      this.handlers.set(msgType, set);
    }
    const stored = handler as (payload: never) => void;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  waitFor<K extends MsgType>(
    msgType: K,
    predicate: (payload: Incoming[K]) => boolean = () => true,
    timeoutMs: number = this.settings.ackTimeoutMs,
  ): Promise<Incoming[K]> {
    return this.expect<Incoming[K]>(`${msgType}`, timeoutMs, (resolve) => [
      this.on(msgType, (payload) => {
        if (predicate(payload)) resolve(payload);
      }),
    ]).promise;
  }

  private handleFrame(result: DecodeResult): void {
    this.received += 1;
    if (!result.ok) {
      this.countDrop(result.reason, result.msgType, result.detail);
      return;
    }
    this.dispatched += 1;
    const { msgType, ctiMessage } = result.message;
    const set = this.handlers.get(msgType);
    if (!set || set.size === 0) return;
    for (const handler of [...set]) {
      try {
        (handler as (payload: unknown) => void)(ctiMessage);
      } catch (error) {
        this.logger.error('xuc event handler failed', { msgType, error: (error as Error).message });
      }
    }
  }

  private countDrop(reason: RejectReason, msgType: string | undefined, detail: string): void {
    const count = (this.dropped[reason] += 1);
    if (count <= DROP_LOG_FIRST || count % DROP_LOG_EVERY === 0) {
      this.logger.warn('xuc frame dropped', {
        msgType: msgType ?? '(none)',
        reason,
        detail: detail.length > 160 ? `${detail.slice(0, 160)}…` : detail,
        count,
      });
    }
  }

  /**
   * A pending wait: `listen` subscribes and calls resolve/reject; the wait ends on the first of
   * those, its timeout, close(), or `cancel` (a send that failed).
   */
  private expect<T>(
    what: string,
    timeoutMs: number,
    listen: (resolve: (value: T) => void, reject: (error: XucError) => void) => Unsubscribe[],
  ): { promise: Promise<T>; cancel(error: unknown): void } {
    let cancel: (error: unknown) => void = () => {};
    const promise = new Promise<T>((resolve, reject) => {
      let unsubscribes: Unsubscribe[] = [];
      const wait: PendingWait = { reject: (error) => finish(() => reject(error)) };
      const finish = (settle: () => void) => {
        if (!this.waits.delete(wait)) return;
        this.timers.clearTimeout(timer);
        for (const unsubscribe of unsubscribes) unsubscribe();
        settle();
      };
      this.waits.add(wait);
      const timer = this.timers.setTimeout(
        () => wait.reject(new XucError('Timeout', `No ${what} arrived within ${seconds(timeoutMs)}.`)),
        timeoutMs,
      );
      unsubscribes = listen((value) => finish(() => resolve(value)), wait.reject);
      cancel = (error) => finish(() => reject(error));
    });
    return { promise, cancel };
  }

  /** Registers the wait before sending, so no acknowledgement can slip past it. */
  private sendAndExpect<T>(
    what: string,
    timeoutMs: number,
    send: () => void,
    listen: (resolve: (value: T) => void, reject: (error: XucError) => void) => Unsubscribe[],
  ): Promise<T> {
    const waiting = this.expect(what, timeoutMs, listen);
    try {
      send();
    } catch (error) {
      waiting.cancel(error);
    }
    return waiting.promise;
  }

  // ---- Commands --------------------------------------------------------------------------------

  /** The one way out: refused at once unless connected, validated, encoded in wire order. */
  private send<K extends CommandName>(command: K, args: CommandArgs[K], resubscribe = false): void {
    const link = this.link;
    if (this.statusValue.state !== 'connected' || !link?.ready) {
      throw new XucError('Offline', `Not connected to the server: ${command} was not sent.`, { command });
    }
    const checked = commandSchemas[command].safeParse(args);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new XucError(
        'InvalidCommand',
        `${command} was not sent: ${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}.`,
        { command },
      );
    }
    const text = encodeCommand(command, args);
    try {
      link.send(text);
    } catch (error) {
      throw new XucError(
        'Offline',
        `The link failed while sending ${command}: ${(error as Error).message}.`,
        {
          command,
        },
      );
    }
    if (resubscribe) this.resubscriptions.set(text, command);
  }

  loginAgent(phoneNumber: string, agentId?: number): void {
    this.send('agentLogin', { agentphonenumber: phoneNumber, agentid: agentId });
  }
  logoutAgent(agentId?: number): void {
    this.send('agentLogout', { agentid: agentId });
  }
  pauseAgent(agentId?: number, reason?: string): void {
    this.send('pauseAgent', { agentid: agentId, reason });
  }
  unpauseAgent(agentId?: number): void {
    this.send('unpauseAgent', { agentid: agentId });
  }
  listenAgent(agentId: number): void {
    this.send('listenAgent', { agentid: agentId });
  }
  setAgentQueue(agentId: number, queueId: number, penalty: number): void {
    this.send('setAgentQueue', { agentId, queueId, penalty });
  }
  removeAgentFromQueue(agentId: number, queueId: number): void {
    this.send('removeAgentFromQueue', { agentId, queueId });
  }
  setAgentGroup(agentId: number, groupId: number): void {
    this.send('setAgentGroup', { agentId, groupId });
  }
  dialFromQueue(
    destination: string,
    queueId: number,
    callerIdName?: string,
    callerIdNumber?: string,
    variables?: Record<string, string>,
  ): void {
    this.send('dialFromQueue', { destination, queueId, callerIdName, callerIdNumber, variables });
  }
  monitorPause(agentId?: number): void {
    this.send('monitorPause', { agentid: agentId });
  }
  monitorUnpause(agentId?: number): void {
    this.send('monitorUnpause', { agentid: agentId });
  }
  answer(uniqueId?: string): void {
    this.send('answer', { uniqueId });
  }
  hangup(uniqueId?: string): void {
    this.send('hangup', { uniqueId });
  }
  dial(destination: string, variables?: Record<string, string>): void {
    this.send('dial', { destination, variables });
  }
  getConfig(objectType: string): void {
    this.send('getConfig', { objectType });
  }
  getQueueStatistics(queueId: number, window: number, xqos: number): void {
    this.send('getQueueStatistics', { queueId, window, xqos });
  }
  changeUserStatus(status: string): void {
    this.send('userStatusUpdate', { status });
  }

  // Subscriptions and lists: remembered, and re-issued after each reconnect.
  subscribeToAgentEvents(): void {
    this.send('subscribeToAgentEvents', {}, true);
  }
  subscribeToAgentStats(): void {
    this.send('subscribeToAgentStats', {}, true);
  }
  subscribeToQueueStats(): void {
    this.send('subscribeToQueueStats', {}, true);
  }
  getAgentStates(): void {
    this.send('getAgentStates', {}, true);
  }
  getAgentDirectory(): void {
    this.send('getAgentDirectory', {}, true);
  }
  getList(objectType: ListObjectType): void {
    this.send('getList', { objectType }, true);
  }
  getCallbackLists(): void {
    this.send('getCallbackLists', {}, true);
  }
  getCallbackPreferredPeriods(): void {
    this.send('getCallbackPreferredPeriods', {}, true);
  }

  // Callbacks.
  takeCallback(uuid: string): void {
    this.send('takeCallback', { uuid });
  }
  releaseCallback(uuid: string): void {
    this.send('releaseCallback', { uuid });
  }
  startCallback(uuid: string, phoneNumber: string): void {
    this.send('startCallback', { uuid, number: phoneNumber });
  }
  updateCallbackTicket(
    uuid: string,
    status: CallbackStatusT,
    comment?: string,
    dueDate?: string,
    periodUuid?: string,
  ): void {
    // As the public library: the new date and period travel together or not at all.
    const both = dueDate !== undefined && periodUuid !== undefined;
    this.send('updateCallbackTicket', {
      uuid,
      status,
      comment,
      dueDate: both ? dueDate : undefined,
      periodUuid: both ? periodUuid : undefined,
    });
  }
  listenCallbackMessage(voiceMessageRef: string): void {
    this.send('listenCallbackMessage', { voiceMessageRef });
  }
  findCallbackRequest(
    id: number,
    filters: Array<{ field: string; operator?: string; value?: string; order?: 'ASC' | 'DESC' }>,
    offset = 0,
    limit = 100,
  ): void {
    this.send('findCallbackRequest', { id, request: { filters, offset, limit } });
  }

  // Membership (§4.4).
  getUserDefaultMembership(userId: number): void {
    this.send('getUserDefaultMembership', { userId });
  }
  setUserDefaultMembership(userId: number, membership: Array<{ queueId: number; penalty: number }>): void {
    this.send('setUserDefaultMembership', { userId, membership });
  }
  setUsersDefaultMembership(
    userIds: number[],
    membership: Array<{ queueId: number; penalty: number }>,
  ): void {
    this.send('setUsersDefaultMembership', { userIds, membership });
  }
  applyUsersDefaultMembership(userIds: number[]): void {
    this.send('applyUsersDefaultMembership', { userIds });
  }

  // ---- Awaitable forms -------------------------------------------------------------------------

  setAgentQueueAndWait(
    agentId: number,
    queueId: number,
    penalty: number,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['QueueMember']> {
    return this.sendAndExpect(
      `QueueMember for agent ${agentId} in queue ${queueId}`,
      timeoutMs,
      () => this.setAgentQueue(agentId, queueId, penalty),
      (resolve) => [
        this.on('QueueMember', (member) => {
          if (member.agentId === agentId && member.queueId === queueId && member.penalty >= 0)
            resolve(member);
        }),
      ],
    );
  }

  removeAgentFromQueueAndWait(
    agentId: number,
    queueId: number,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['QueueMember']> {
    return this.sendAndExpect(
      `QueueMember removal of agent ${agentId} from queue ${queueId}`,
      timeoutMs,
      () => this.removeAgentFromQueue(agentId, queueId),
      (resolve) => [
        this.on('QueueMember', (member) => {
          if (member.agentId === agentId && member.queueId === queueId && member.penalty < 0) resolve(member);
        }),
      ],
    );
  }

  takeCallbackAndWait(
    uuid: string,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['CallbackTaken']> {
    return this.sendAndExpect(
      `CallbackTaken for ${uuid}`,
      timeoutMs,
      () => this.takeCallback(uuid),
      (resolve) => [this.on('CallbackTaken', (taken) => taken.uuid === uuid && resolve(taken))],
    );
  }

  releaseCallbackAndWait(
    uuid: string,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['CallbackReleased']> {
    return this.sendAndExpect(
      `CallbackReleased for ${uuid}`,
      timeoutMs,
      () => this.releaseCallback(uuid),
      (resolve) => [this.on('CallbackReleased', (released) => released.uuid === uuid && resolve(released))],
    );
  }

  startCallbackAndWait(
    uuid: string,
    phoneNumber: string,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['CallbackStarted']> {
    return this.sendAndExpect(
      `CallbackStarted for ${uuid}`,
      timeoutMs,
      () => this.startCallback(uuid, phoneNumber),
      (resolve) => [
        this.on('CallbackStarted', (started) => started.requestUuid === uuid && resolve(started)),
      ],
    );
  }

  updateCallbackTicketAndWait(
    uuid: string,
    status: CallbackStatusT,
    comment?: string,
    dueDate?: string,
    periodUuid?: string,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<{ msgType: 'CallbackClotured' | 'CallbackRequestUpdated'; uuid: string }> {
    return this.sendAndExpect(
      `CallbackClotured or CallbackRequestUpdated for ${uuid}`,
      timeoutMs,
      () => this.updateCallbackTicket(uuid, status, comment, dueDate, periodUuid),
      (resolve) => [
        this.on(
          'CallbackClotured',
          (closed) => closed.uuid === uuid && resolve({ msgType: 'CallbackClotured', uuid }),
        ),
        this.on(
          'CallbackRequestUpdated',
          (updated) => updated.request.uuid === uuid && resolve({ msgType: 'CallbackRequestUpdated', uuid }),
        ),
      ],
    );
  }

  loginAgentAndWait(
    phoneNumber: string,
    agentId?: number,
    timeoutMs = this.settings.ackTimeoutMs,
  ): Promise<Incoming['AgentStateEvent']> {
    return this.sendAndExpect(
      `agent login on ${phoneNumber}`,
      timeoutMs,
      () => this.loginAgent(phoneNumber, agentId),
      (resolve, reject) => [
        this.on('AgentStateEvent', (state) => {
          if (state.name === 'AgentLoggedOut' || state.phoneNb !== phoneNumber) return;
          if (agentId !== undefined && state.agentId !== agentId) return;
          resolve(state);
        }),
        this.on('AgentError', (error) => reject(agentError(error, phoneNumber))),
      ],
    );
  }
}

/** An AgentError frame as a typed error whose message a person can act on. */
export function agentError(payload: Incoming['AgentError'], requested: string): XucError {
  switch (payload.Error) {
    case 'LoggedInOnAnotherPhone':
      return new XucError(
        'AgentError',
        `The agent is already logged in on phone ${payload.phoneNb ?? '(unknown)'}, not on ${payload.RequestedNb ?? requested}: log out there first.`,
        payload,
      );
    case 'PhoneNumberUnknown':
      return new XucError('AgentError', `The server knows no phone number ${requested}.`, payload);
    default:
      return new XucError('AgentError', `The server refused the agent request: ${payload.Error}.`, payload);
  }
}

function offlineReason(code: XucErrorCode): OfflineReason {
  switch (code) {
    case 'InvalidCredentials':
      return 'invalid-credentials';
    case 'TokenExpired':
      return 'token-expired';
    case 'Tls':
      return 'tls';
    case 'BadResponse':
      return 'bad-response';
    case 'ServerError':
      return 'server-error';
    case 'LoggedOnError':
      return 'logged-on-error';
    case 'Closed':
      return 'closed';
    default:
      return 'unreachable';
  }
}

function asXucError(error: unknown): XucError {
  if (error instanceof XucError) return error;
  return new XucError('Unreachable', (error as Error | undefined)?.message ?? String(error));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // connect() callers may ignore the result after close(); the rejection must not go unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
