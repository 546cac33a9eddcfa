/**
 * The desk core: one store, one session with the xuc server, and the effects of each server event
 * (screen pop → URL opener, alerts → notifier, tray model → tray). Free of Electron and the DOM:
 * everything outside goes through `ports`; the xuc client comes from a factory.
 *
 * Data flow: frame → client (validated) → reducer → store → { bridge patches, effects below }.
 * User intents go through `invoke` (actions.ts) and come back as server events; nothing here
 * flips agent state on its own.
 */
import {
  DEFAULT_SETTINGS,
  type CallView,
  type CommandName,
  type CommandResult,
  type DeskSnapshot,
  type NoticeView,
  type PatchOp,
  type ParsedRequest,
  type PendingView,
  type Result,
  type Settings,
  type TrayAction,
} from '../../preload/contract';
import type { Handler, XucClientApi, XucClientOptions } from '../../xuc/client-api';
import type { ConnectionStatus } from '../../xuc/status';
import type { Incoming, MsgType } from '../../xuc/wire/events';
import { applyPolicy, NO_POLICY, type AdminPolicy } from './admin-policy';
import { AlertCenter, dueCallbacks, type AlertEvent } from './alerts';
import { popReason, translator, type Translate } from '../../shared/i18n';
import { Outbox } from './outbox';
import type { DeskPorts } from './ports';
import * as reduce from './reducers';
import { decideScreenPop } from './screen-pop';
import { loadSettings } from './settings';
import { DeskStore } from './store';
import { trayModel } from './tray-model';
import { buildActions, type Actions } from './actions';

export type ClientFactory = (options: XucClientOptions) => XucClientApi;
/** Client options the host may tune (timeouts, backoff); the desk fills in the rest. */
export type ClientTuning = Omit<
  Partial<XucClientOptions>,
  'baseUrl' | 'login' | 'password' | 'socketFactory'
>;

export interface CreateDeskOptions {
  createClient: ClientFactory;
  clientOptions?: ClientTuning;
  /** Presets and locks from the admin policy file (main/desk/admin-policy.ts). */
  policy?: AdminPolicy;
  /** Sign in at start when the password is remembered. Default true. */
  autoSignIn?: boolean;
  /** How long an action waits for the server's confirmation. Default 5000 ms. */
  ackTimeoutMs?: number;
  /** After AgentRinging, how long the call notification waits for the caller's number. Default 300 ms. */
  callerGraceMs?: number;
  /** Tray tooltip refresh and due-callback check period. Default 30000 ms. */
  tickMs?: number;
  /** For diagnostics. */
  version?: string;
  hostName?: string;
}

export interface Desk {
  readonly store: DeskStore;
  /** Loads settings and the outbox, draws the tray, and signs in if the password is remembered. */
  start(): Promise<void>;
  /** Closes the session and the timers; the outbox stays on disk. */
  stop(): Promise<void>;
  /** Runs a command whose request was already validated (bridge.ts validates raw input). */
  invoke<C extends CommandName>(command: C, request: ParsedRequest<C>): Promise<Result<CommandResult<C>>>;
  /** A tray menu item was chosen. */
  trayAction(action: TrayAction): Promise<Result<unknown>>;
  /** The current xuc client, if signed in. */
  readonly client: XucClientApi | null;
  /**
   * The computer woke or was unlocked: the socket may be dead while it looks open, so reconnect at
   * once and reconcile (subscriptions are re-issued). Quiet unless that first attempt fails.
   */
  systemWoke(): Promise<void>;
  /** Tells the agent something the host found (e.g. secrets kept in memory only); shown until dismissed. */
  notice(level: NoticeView['level'], code: string, params: NoticeView['params']): NoticeView;
}

export interface Session {
  client: XucClientApi;
  baseUrl: string;
  /** The setting as the user gave it; '' = the practice server. */
  serverUrl: string;
  login: string;
  /** In memory only, so the client can sign in again after the server forgot the token. */
  password: string;
  phoneNumber: string;
  off: Array<() => void>;
  /** True once this session has been connected: a later drop is a "lost connection". */
  wasConnected: boolean;
  lost: boolean;
  /** A restart the desk asked for (system woke): its first reconnect attempt is not "connection lost". */
  quietRestart: boolean;
  /** Counts CallbackLists frames, so the outbox knows the lists are fresh after a reconnect. */
  listsSeen: number;
  listsAtConnect: number;
  /** Message types received in this session (sign-in waits for the profile frames). */
  seen: Set<MsgType>;
}

export function emptySnapshot(settings: Settings = DEFAULT_SETTINGS): DeskSnapshot {
  return {
    connection: { state: 'signed-out' },
    user: null,
    agent: null,
    agents: {},
    queues: {},
    groups: {},
    memberships: {},
    stats: {},
    callbackLists: {},
    periods: [],
    call: null,
    pauseReasons: [],
    pending: [],
    outbox: [],
    notices: [],
    settings,
    lockedSettings: [],
    tray: { icon: 'offline', tooltip: '', menu: [] },
  };
}

/** What a signed-out desk keeps: settings, notices, the outbox; everything from the server goes. */
export function signedOutState(s: DeskSnapshot): Partial<DeskSnapshot> {
  const {
    settings: _settings,
    notices: _notices,
    outbox: _outbox,
    lockedSettings: _locked,
    tray: _tray,
    ...fromServer
  } = emptySnapshot();
  return { ...fromServer, pending: s.pending };
}

const MAX_NOTICES = 20;

/** Server messages the store follows, each with its named reducer. */
const REDUCERS: {
  [K in MsgType]?: (s: DeskSnapshot, p: Incoming[K], ctx: reduce.ReduceContext) => PatchOp[];
} = {
  UserConfigUpdate: reduce.userConfig,
  RightProfile: reduce.rightProfile,
  UsersStatuses: reduce.usersStatuses,
  AgentStateEvent: reduce.agentState,
  AgentList: reduce.agentList,
  AgentConfig: reduce.agentConfig,
  AgentDirectory: reduce.agentDirectory,
  AgentGroupList: reduce.agentGroupList,
  AgentStatistics: reduce.agentStatistics,
  QueueList: reduce.queueList,
  QueueConfig: reduce.queueConfig,
  QueueStatistics: reduce.queueStatistics,
  QueueMember: reduce.queueMember,
  QueueMemberList: reduce.queueMemberList,
  Sheet: reduce.sheet,
  PhoneEvent: reduce.phoneEvent,
  CallbackLists: reduce.callbackLists,
  CallbackTaken: reduce.callbackTaken,
  CallbackReleased: reduce.callbackReleased,
  CallbackStarted: reduce.callbackStarted,
  CallbackClotured: reduce.callbackClotured,
  CallbackRequestUpdated: reduce.callbackRequestUpdated,
  PreferredCallbackPeriodList: reduce.preferredPeriods,
};

export function createDesk(ports: DeskPorts, options: CreateDeskOptions): Desk {
  return new DeskRuntime(ports, options);
}

/** The desk's state besides the snapshot, and the effects. Actions (actions.ts) drive it. */
export class DeskRuntime implements Desk {
  readonly store: DeskStore;
  readonly outbox: Outbox;
  readonly policy: AdminPolicy;
  readonly ackTimeoutMs: number;
  session: Session | null = null;
  /** Agent commands waiting for the server: an AgentError then answers them, not a notice. */
  agentWaits = 0;

  private readonly alerts: AlertCenter;
  private readonly actions: Actions;
  private readonly callerGraceMs: number;
  private readonly tickMs: number;
  private seq = 0;
  private translate: Translate = translator('en');
  private translateLanguage: Settings['language'] = 'en';
  /** Calls already popped, and the approved address of each (for "open again"); bounded. */
  private readonly popped = new Map<string, { url: string; multiTab: boolean }>();
  private ringAlert: { callId: string; timer: unknown } | null = null;
  private lastDueCheck: number | null = null;
  private lostCount = 0;
  private ticker: unknown = null;
  private stopped = false;

  constructor(
    readonly ports: DeskPorts,
    readonly options: CreateDeskOptions,
  ) {
    this.policy = options.policy ?? NO_POLICY;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.callerGraceMs = options.callerGraceMs ?? 300;
    this.tickMs = options.tickMs ?? 30_000;
    this.store = new DeskStore(emptySnapshot(), queueMicrotask, (error) =>
      this.ports.logger.error('desk subscriber failed', { error: (error as Error).message }),
    );
    this.store.beforeFlush = () => this.refreshTray();
    this.outbox = new Outbox(
      ports.outbox,
      (views) => this.store.set(['outbox'], views),
      () => this.newId('ob'),
    );
    this.alerts = new AlertCenter(ports.notifier, ports.shell, (error) =>
      ports.logger.warn('notification failed', { error: (error as Error).message }),
    );
    this.actions = buildActions(this);
  }

  get client(): XucClientApi | null {
    return this.session?.client ?? null;
  }

  async systemWoke(): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (session.client.status.state === 'offline') {
      await this.invoke('session:retryNow', {});
      return;
    }
    session.quietRestart = session.client.status.state === 'connected';
    session.client.restartLink('the computer woke up');
  }

  get snapshot(): DeskSnapshot {
    return this.store.snapshot;
  }

  get settings(): Settings {
    return this.store.snapshot.settings;
  }

  /** The translator for the current language. */
  get t(): Translate {
    if (this.translateLanguage !== this.settings.language) {
      this.translateLanguage = this.settings.language;
      this.translate = translator(this.settings.language);
    }
    return this.translate;
  }

  now(): number {
    return this.ports.clock.now();
  }

  newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.now().toString(36)}-${this.seq.toString(36)}`;
  }

  // ---- Lifecycle -------------------------------------------------------------------------------

  async start(): Promise<void> {
    this.stopped = false;
    const loaded = await loadSettings(this.ports.settings);
    const settings = applyPolicy(loaded.settings, this.policy);
    this.store.apply([
      { path: ['settings'], value: settings },
      { path: ['lockedSettings'], value: [...this.policy.locked] },
    ]);
    if (loaded.keptAs) {
      this.ports.logger.warn('settings file unreadable, kept aside', { keptAs: loaded.keptAs });
      this.notice('warning', 'settings-unreadable', { file: loaded.keptAs });
    } else if (loaded.reset.length > 0) {
      this.ports.logger.warn('settings reset to defaults', { keys: loaded.reset.join(',') });
      this.notice('warning', 'settings-reset', { keys: loaded.reset.join(', ') });
    }
    try {
      const { dropped } = await this.outbox.load();
      if (dropped > 0) {
        this.ports.logger.warn('unreadable outbox entries dropped', { dropped });
        this.notice('error', 'outbox-entries-dropped', { count: dropped });
      }
    } catch (error) {
      this.ports.logger.error('outbox could not be read', { error: (error as Error).message });
      this.notice('error', 'outbox-unreadable', {});
    }
    this.refreshTray();
    this.ticker = this.ports.clock.setInterval(() => this.tick(), this.tickMs);
    if (this.options.autoSignIn ?? true) void this.actions.autoSignIn();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker !== null) this.ports.clock.clearInterval(this.ticker);
    this.ticker = null;
    this.cancelRingAlert();
    this.endSession();
    this.store.flush();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  invoke<C extends CommandName>(command: C, request: ParsedRequest<C>): Promise<Result<CommandResult<C>>> {
    return this.actions.run(command, request);
  }

  trayAction(action: TrayAction): Promise<Result<unknown>> {
    return this.actions.tray(action);
  }

  // ---- Session ---------------------------------------------------------------------------------

  /** Creates the client and wires every server event to the store and its effects. */
  openSession(
    input: Omit<
      Session,
      'client' | 'off' | 'wasConnected' | 'lost' | 'quietRestart' | 'listsSeen' | 'listsAtConnect' | 'seen'
    >,
  ): Session {
    this.endSession();
    const clock = this.ports.clock;
    const client = this.options.createClient({
      ...this.options.clientOptions,
      baseUrl: input.baseUrl,
      login: input.login,
      password: input.password,
      socketFactory: this.ports.socketFactory,
      ...(this.ports.fetch ? { fetch: this.ports.fetch } : {}),
      timers: {
        now: () => clock.now(),
        setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
        clearTimeout: (handle) => clock.clearTimeout(handle),
      },
      logger: this.ports.logger,
      ackTimeoutMs: this.ackTimeoutMs,
    });
    const session: Session = {
      ...input,
      client,
      off: [],
      wasConnected: false,
      lost: false,
      quietRestart: false,
      listsSeen: 0,
      listsAtConnect: 0,
      seen: new Set(),
    };
    this.session = session;
    for (const msgType of Object.keys(REDUCERS) as MsgType[]) {
      session.off.push(
        client.on(msgType, ((payload: unknown) => this.onServerEvent(session, msgType, payload)) as Handler<
          typeof msgType
        >),
      );
    }
    session.off.push(client.on('AgentError', (payload) => this.onAgentError(session, payload)));
    session.off.push(client.onStatus((status) => this.onStatus(session, status)));
    this.store.apply([
      ...Object.entries(signedOutState(this.snapshot)).map(([key, value]) => ({ path: [key], value })),
      { path: ['connection'], value: { state: 'connecting', server: input.baseUrl } },
      { path: ['user'], value: reduce.emptyUser(input.login) },
    ]);
    return session;
  }

  /** Closes the current session, if any, and forgets everything the server said. */
  endSession(): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    for (const off of session.off) off();
    session.client.close();
    this.cancelRingAlert();
    this.store.apply(
      Object.entries(signedOutState(this.snapshot)).map(([key, value]) => ({ path: [key], value })),
    );
  }

  private onServerEvent(session: Session, msgType: MsgType, payload: unknown): void {
    if (session !== this.session) return;
    if (msgType === 'PhoneEvent') {
      // Phone events matter only for the user's own line.
      const dn = (payload as Incoming['PhoneEvent']).DN;
      if (session.phoneNumber !== '' && dn !== session.phoneNumber) return;
    }
    const reducer = REDUCERS[msgType] as (
      s: DeskSnapshot,
      p: unknown,
      ctx: reduce.ReduceContext,
    ) => PatchOp[];
    const before = this.snapshot;
    const ctx: reduce.ReduceContext = {
      now: this.now(),
      newCallId: () => this.newId('call'),
      login: session.login,
    };
    this.store.apply(reducer(before, payload, ctx));
    session.seen.add(msgType);
    if (msgType === 'CallbackLists') session.listsSeen += 1;
    this.afterEvent(session, msgType, payload, before);
  }

  private onAgentError(session: Session, payload: Incoming['AgentError']): void {
    if (session !== this.session || this.agentWaits > 0) return;
    // Nobody is waiting: an AgentError the user should still see.
    this.notice('error', 'agent-error', { error: payload.Error });
  }

  private onStatus(session: Session, status: ConnectionStatus): void {
    if (session !== this.session) return;
    this.store.set(['connection'], reduce.connectionView(status, session.baseUrl));
    if (status.state === 'connected') {
      session.quietRestart = false;
      if (session.lost) {
        session.lost = false;
        this.raise({ kind: 'connection-restored', occurrence: this.lostCount });
      }
      const reconnect = session.wasConnected;
      session.wasConnected = true;
      session.listsAtConnect = session.listsSeen;
      if (reconnect) void this.actions.flushOutbox(session);
      return;
    }
    const dropped =
      status.state === 'reconnecting' || (status.state === 'offline' && status.reason !== 'closed');
    const quiet = session.quietRestart && status.state === 'reconnecting' && status.attempt <= 1;
    if (dropped && session.wasConnected && !session.lost && !quiet) {
      session.lost = true;
      this.lostCount += 1;
      this.raise({ kind: 'connection-lost', occurrence: this.lostCount });
    }
  }

  // ---- Effects of server events ----------------------------------------------------------------

  private afterEvent(session: Session, msgType: MsgType, payload: unknown, before: DeskSnapshot): void {
    const after = this.snapshot;
    if (msgType === 'AgentStateEvent' || msgType === 'Sheet' || msgType === 'PhoneEvent') {
      this.callEffects(session, msgType, payload, before.call, after.call);
    }
    if (msgType.startsWith('Callback')) this.checkDueCallbacks();
  }

  private callEffects(
    session: Session,
    msgType: MsgType,
    payload: unknown,
    previous: CallView | null,
    call: CallView | null,
  ): void {
    if (call === null) {
      this.cancelRingAlert();
      return;
    }
    const own = reduce.ownAgentId(this.snapshot);
    const ringing =
      (msgType === 'AgentStateEvent' &&
        (payload as Incoming['AgentStateEvent']).agentId === own &&
        (payload as Incoming['AgentStateEvent']).name === 'AgentRinging') ||
      (msgType === 'PhoneEvent' &&
        (payload as Incoming['PhoneEvent']).eventType === 'EventRinging' &&
        !this.agentGoverns());
    if (ringing) this.scheduleRingAlert(call);
    else if (this.ringAlert?.callId === call.id && callerKnown(call)) this.fireRingAlert();

    if (
      call.sheet.length > 0 &&
      (msgType === 'Sheet' || previous?.phase !== call.phase || previous.id !== call.id)
    ) {
      this.considerScreenPop(session, call);
    }
  }

  private agentGoverns(): boolean {
    const agent = this.snapshot.agent;
    return agent !== null && agent.state !== 'AgentLoggedOut' && agent.state !== 'Unknown';
  }

  /** One notification per call, once the caller is known (or after a short grace). */
  private scheduleRingAlert(call: CallView): void {
    if (!call.id || this.ringAlert?.callId === call.id) return;
    this.cancelRingAlert();
    const timer = this.ports.clock.setTimeout(() => this.fireRingAlert(), this.callerGraceMs);
    this.ringAlert = { callId: call.id, timer };
    if (callerKnown(call)) this.fireRingAlert();
  }

  private fireRingAlert(): void {
    const pending = this.ringAlert;
    if (!pending) return;
    this.cancelRingAlert();
    const call = this.snapshot.call;
    if (!call || call.id !== pending.callId) return;
    this.raise({
      kind: 'incoming-call',
      callKey: pending.callId,
      callerName: call.callerName,
      callerNumber: call.callerNumber,
      queueName: call.queueName
        ? (this.snapshot.queues[String(call.queueId)]?.displayName ?? call.queueName)
        : null,
    });
  }

  private cancelRingAlert(): void {
    if (this.ringAlert) this.ports.clock.clearTimeout(this.ringAlert.timer);
    this.ringAlert = null;
  }

  /** Runs the screen-pop policy for the current call and carries out its decision. */
  private considerScreenPop(session: Session, call: CallView): void {
    const callId = call.id ?? '';
    if (call.screenPop.status === 'opened') return;
    const decision = decideScreenPop({
      sheet: call.sheet,
      settings: this.settings.screenPop,
      username: session.login,
      token: session.client.token,
      phase: call.phase,
      alreadyPopped: this.popped.has(callId),
    });
    switch (decision.decision) {
      case 'open':
        this.rememberPop(callId, decision.url, decision.multiTab);
        this.setScreenPop({ status: 'opened', url: decision.displayUrl, at: this.now() });
        this.openUrl(decision.url, decision.multiTab);
        return;
      case 'wait':
        if (call.screenPop.status !== 'waiting')
          this.setScreenPop({ status: 'waiting', url: decision.displayUrl });
        return;
      case 'refuse': {
        if (call.screenPop.status === 'refused') return;
        const reason = popReason(this.t, decision.reason);
        this.ports.logger.warn('screen pop refused', { reason: decision.reason, url: decision.url });
        this.setScreenPop({ status: 'refused', url: decision.url, reason: decision.reason, at: this.now() });
        this.notice('warning', 'screen-pop-refused', { reason: decision.reason, url: decision.url });
        this.raise({ kind: 'screen-pop-refused', callKey: callId, url: decision.url, reason });
        return;
      }
      case 'none':
        return;
    }
  }

  /** The approved address of the current call, for "open the customer page again". */
  approvedPop(callId: string): { url: string; multiTab: boolean } | undefined {
    return this.popped.get(callId);
  }

  private rememberPop(callId: string, url: string, multiTab: boolean): void {
    this.popped.set(callId, { url, multiTab });
    if (this.popped.size > 50) {
      const oldest = this.popped.keys().next().value;
      if (oldest !== undefined) this.popped.delete(oldest);
    }
  }

  private setScreenPop(screenPop: CallView['screenPop']): void {
    const call = this.snapshot.call;
    if (call) this.store.set(['call'], { ...call, screenPop });
  }

  /** The only call to the URL opener; the address was approved by the screen-pop policy. */
  openUrl(url: string, multiTab: boolean): void {
    this.ports.urlOpener.open(url, { multiTab }).catch((error: unknown) => {
      this.ports.logger.warn('screen pop could not be opened', { error: (error as Error).message });
      this.notice('error', 'screen-pop-failed', { error: (error as Error).message });
    });
  }

  private checkDueCallbacks(): void {
    const now = this.now();
    const due = dueCallbacks(
      this.snapshot.callbackLists,
      now,
      this.lastDueCheck,
      reduce.ownAgentId(this.snapshot),
    );
    this.lastDueCheck = now;
    if (due.length > 0) this.raise({ kind: 'callback-due', requests: due });
  }

  private tick(): void {
    this.refreshTray();
    if (this.session && Object.keys(this.snapshot.callbackLists).length > 0) this.checkDueCallbacks();
    this.store.flush();
  }

  raise(event: AlertEvent): void {
    this.alerts.raise(event, this.settings.notifications, this.t);
  }

  /** Recomputes the tray model; a changed model is stored and drawn. */
  refreshTray(): void {
    const model = trayModel(this.snapshot, this.now(), this.t);
    if (JSON.stringify(model) === JSON.stringify(this.snapshot.tray)) return;
    this.store.set(['tray'], model);
    try {
      this.ports.tray.render(model);
    } catch (error) {
      this.ports.logger.warn('tray render failed', { error: (error as Error).message });
    }
  }

  // ---- Notices and pending marks ---------------------------------------------------------------

  notice(level: NoticeView['level'], code: string, params: NoticeView['params']): NoticeView {
    const notice: NoticeView = { id: this.newId('n'), level, code, params, at: this.now() };
    const notices = [...this.snapshot.notices, notice].slice(-MAX_NOTICES);
    this.store.set(['notices'], notices);
    return notice;
  }

  dismissNotice(id: string): boolean {
    const notices = this.snapshot.notices.filter((n) => n.id !== id);
    if (notices.length === this.snapshot.notices.length) return false;
    this.store.set(['notices'], notices);
    return true;
  }

  /** Shows a pending mark while `work` runs; the state itself changes only when the server says so. */
  async pending<T>(action: CommandName, work: () => Promise<T>): Promise<T> {
    const mark: PendingView = { id: this.newId('p'), action, startedAt: this.now() };
    this.store.set(['pending'], [...this.snapshot.pending, mark]);
    try {
      return await work();
    } finally {
      this.store.set(
        ['pending'],
        this.snapshot.pending.filter((p) => p.id !== mark.id),
      );
    }
  }
}

function callerKnown(call: CallView): boolean {
  return Boolean(call.callerNumber || call.callerName);
}
