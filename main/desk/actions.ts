/**
 * What a user can do: one handler per bridge command. Each sends the xuc command and resolves when
 * the server confirms it (the event that acknowledges it, or the agent's new state), or fails with
 * a DeskError a person can read. Where the protocol has no acknowledgement (dialFromQueue,
 * listenCallbackMessage) the action resolves once the command is on the wire.
 */
import type {
  CommandName,
  CommandResult,
  DeskSnapshot,
  ParsedRequest,
  Result,
  Settings,
  TrayAction,
} from '../../preload/contract';
import type { XucClientApi } from '../../xuc/client-api';
import type { Incoming, MsgType } from '../../xuc/wire/events';
import { popReason } from '../../shared/i18n';
import { lockedIn } from './admin-policy';
import type { DeskRuntime, Session } from './desk';
import { agentErrorToDesk, DeskFailure, deskError, toDeskError, translated } from './errors';
import { closesTicket, type OutboxEntry } from './outbox';
import { findRequest, ownAgentId } from './reducers';
import { checkPopUrl, type RefuseReason } from './screen-pop';
import { mergeSettings, recallPassword, rememberPassword } from './settings';

type Handlers = { [C in CommandName]: (request: ParsedRequest<C>) => Promise<CommandResult<C>> };

export interface Actions {
  run<C extends CommandName>(command: C, request: ParsedRequest<C>): Promise<Result<CommandResult<C>>>;
  tray(action: TrayAction): Promise<Result<unknown>>;
  autoSignIn(): Promise<void>;
  flushOutbox(session: Session): Promise<void>;
}

/** How long sign-in waits for the profile and user frames the server pushes after LoggedOn. */
const PROFILE_WAIT_MS = 3000;

export function buildActions(rt: DeskRuntime): Actions {
  const t = () => rt.t;
  const fail = (error: ReturnType<typeof deskError>): never => {
    throw new DeskFailure(error);
  };

  const requireSession = (): Session => rt.session ?? fail(translated('refused', t(), 'error.notSignedIn'));
  const requireOwnAgent = (): number =>
    ownAgentId(rt.snapshot) ?? fail(translated('refused', t(), 'error.noAgent'));

  /**
   * Sends with `send` and resolves with the first of `waits` (registered before sending), or fails
   * with the server's Error frame / AgentError frame if one comes first.
   */
  async function confirmed<T>(
    client: XucClientApi,
    send: () => Promise<T> | void,
    waits: (client: XucClientApi) => Array<Promise<T>>,
    agentCommand = false,
    requested = '',
  ): Promise<T> {
    const timeout = rt.ackTimeoutMs;
    const failures: Array<Promise<never>> = [
      client.waitFor('Error', undefined, timeout).then((payload) => {
        throw new DeskFailure(refusedBy(payload));
      }),
    ];
    if (agentCommand) {
      failures.push(
        client.waitFor('AgentError', undefined, timeout).then((payload) => {
          throw new DeskFailure(agentErrorToDesk(payload, requested, t()));
        }),
      );
    }
    const successes = waits(client);
    const all = [...failures, ...successes];
    for (const promise of all) promise.catch(() => {});
    if (agentCommand) rt.agentWaits += 1;
    try {
      // An awaitable client form sends and waits itself; otherwise the waits above confirm.
      const sent = send();
      return await Promise.race(sent ? [sent, ...failures] : all);
    } finally {
      if (agentCommand) rt.agentWaits -= 1;
    }
  }

  function refusedBy(payload: Incoming['Error']): ReturnType<typeof deskError> {
    const detail =
      typeof payload === 'string'
        ? payload
        : [payload.Error, typeof payload.message === 'string' ? payload.message : null]
            .filter(Boolean)
            .join(': ');
    return translated('refused', t(), 'error.refused', { detail: detail || 'Error' });
  }

  const stateOf = (agentId: number) => (client: XucClientApi) => [
    client.waitFor('AgentStateEvent', (state) => state.agentId === agentId),
  ];

  /** An agent command confirmed by the agent's next state (the server always sends it back). */
  function agentCommand(agentId: number, send: (client: XucClientApi) => void): Promise<void> {
    const session = requireSession();
    return confirmed(session.client, () => send(session.client), stateOf(agentId), true).then(
      () => undefined,
    );
  }

  // ---- Session ---------------------------------------------------------------------------------

  async function saveSettings(next: Settings): Promise<void> {
    await rt.ports.settings.save(next);
    rt.store.set(['settings'], next);
  }

  async function signIn(request: ParsedRequest<'session:signIn'>): Promise<void> {
    const locked = rt.policy.locked.includes('serverUrl');
    const serverUrl = locked ? rt.settings.serverUrl : request.serverUrl;
    await saveSettings({
      ...rt.settings,
      serverUrl,
      login: request.login,
      phoneNumber: request.phoneNumber,
      rememberPassword: request.rememberPassword,
    });
    let baseUrl = serverUrl;
    if (serverUrl === '') {
      if (!rt.ports.practice) fail(translated('unreachable', t(), 'error.noPractice'));
      baseUrl = (await rt.ports.practice!.start()).baseUrl;
    }
    const session = rt.openSession({
      baseUrl,
      serverUrl,
      login: request.login,
      password: request.password,
      phoneNumber: request.phoneNumber,
    });
    try {
      await session.client.connect();
    } catch (error) {
      if (rt.session === session) rt.endSession();
      throw error;
    }
    await rememberPassword(
      rt.ports.secrets,
      serverUrl,
      request.login,
      request.password,
      request.rememberPassword,
    );
    await subscribe(session);
    void flushOutbox(session);
    await loginOwnAgent(session, request.phoneNumber);
  }

  /** Asks for everything the user's profile may see; the client re-issues it after each reconnect. */
  async function subscribe(session: Session): Promise<void> {
    const client = session.client;
    await Promise.all(
      (['RightProfile', 'UserConfigUpdate'] as MsgType[])
        .filter((msgType) => !session.seen.has(msgType))
        .map((msgType) => client.waitFor(msgType, undefined, PROFILE_WAIT_MS).catch(() => undefined)),
    );
    if (rt.session !== session) return;
    const profile = rt.snapshot.user?.profile ?? 'Admin';
    client.getList('queue');
    client.getList('queuemember');
    if (profile !== 'NoRight') {
      client.getList('agent');
      client.getList('agentgroup');
      client.subscribeToQueueStats();
    }
    client.getAgentStates();
    client.subscribeToAgentEvents();
    client.subscribeToAgentStats();
    client.getCallbackLists();
    client.getCallbackPreferredPeriods();
  }

  /** After sign-in an agent is logged in on the user's phone; its errors come back readable. */
  async function loginOwnAgent(session: Session, phoneNumber: string): Promise<void> {
    const agentId = rt.snapshot.user?.agentId ?? null;
    if (agentId === null) return;
    try {
      await loginAgent(session, phoneNumber, agentId);
    } catch (error) {
      const deskErr = error instanceof DeskFailure ? error.error : toDeskError(error, t(), phoneNumber);
      rt.notice('error', 'agent-login-failed', { message: deskErr.message });
      throw new DeskFailure(deskErr);
    }
  }

  async function loginAgent(session: Session, phoneNumber: string, agentId: number): Promise<void> {
    rt.agentWaits += 1;
    try {
      await confirmed(
        session.client,
        () => session.client.loginAgentAndWait(phoneNumber, agentId, rt.ackTimeoutMs),
        () => [],
        false,
        phoneNumber,
      );
    } catch (error) {
      if (error instanceof DeskFailure) throw error;
      throw new DeskFailure(toDeskError(error, t(), phoneNumber));
    } finally {
      rt.agentWaits -= 1;
    }
  }

  async function retryNow(): Promise<void> {
    const session = requireSession();
    const client = session.client;
    switch (client.status.state) {
      case 'reconnecting':
        client.reconnectNow();
        return;
      case 'offline':
        await client.connect();
        await subscribe(session);
        void flushOutbox(session);
        return;
      case 'connected':
        void flushOutbox(session);
        return;
      default:
        return;
    }
  }

  async function autoSignIn(): Promise<void> {
    const settings = rt.settings;
    if (!settings.rememberPassword || settings.login === '' || settings.phoneNumber === '') return;
    const password = await recallPassword(rt.ports.secrets, settings).catch(() => undefined);
    if (!password || rt.isStopped || rt.session) return;
    const result = await run('session:signIn', {
      serverUrl: settings.serverUrl,
      login: settings.login,
      password,
      phoneNumber: settings.phoneNumber,
      rememberPassword: true,
    });
    if (!result.ok && result.error.code !== 'agent-error') {
      rt.notice('error', 'auto-sign-in-failed', { message: result.error.message });
    }
  }

  // ---- Outbox ----------------------------------------------------------------------------------

  let flushing = false;
  let flushAgain = false;

  /** Sends one outbox entry; resolves when the server confirms it for the request. */
  function sendTicket(session: Session, entry: OutboxEntry): Promise<unknown> {
    const client = session.client;
    return confirmed(
      client,
      () =>
        client.updateCallbackTicket(
          entry.ticketUuid ?? entry.uuid,
          entry.status,
          entry.comment === '' ? undefined : entry.comment,
          entry.dueDate ?? undefined,
          entry.periodUuid ?? undefined,
        ),
      (c): Array<Promise<unknown>> => [
        c.waitFor('CallbackClotured', (p) => p.uuid === entry.uuid || p.uuid === entry.ticketUuid),
        c.waitFor('CallbackRequestUpdated', (p) => p.request.uuid === entry.uuid),
      ],
    );
  }

  async function updateTicket(
    request: ParsedRequest<'callback:updateTicket'>,
  ): Promise<{ delivery: 'confirmed' | 'queued' }> {
    const session = requireSession();
    const found = findRequest(rt.snapshot, request.uuid);
    const update = {
      uuid: found?.request.uuid ?? request.uuid,
      ticketUuid: found?.request.ticketUuid ?? null,
      listUuid: found?.list.uuid ?? null,
      status: request.status,
      comment: request.comment,
      dueDate: request.dueDate ?? null,
      periodUuid: request.periodUuid ?? null,
      server: session.serverUrl,
      login: session.login,
    };
    if (session.client.status.state !== 'connected') {
      // Durable before we say "queued".
      await rt.outbox.add(update, rt.now(), true, t()('error.offline'));
      return { delivery: 'queued' };
    }
    // Write-ahead: on disk before it is sent, so a crash mid-flight loses nothing.
    const entry = await rt.outbox.add(update, rt.now(), false);
    try {
      await sendTicket(session, entry);
    } catch (error) {
      const failure = error instanceof DeskFailure ? error.error : toDeskError(error, t());
      if (failure.code === 'offline' || failure.code === 'timeout') {
        await rt.outbox.failed(entry.id, failure.message);
        return { delivery: 'queued' };
      }
      await rt.outbox.remove(entry.id);
      throw new DeskFailure(failure);
    }
    await rt.outbox.remove(entry.id);
    return { delivery: 'confirmed' };
  }

  /**
   * Sends what waits in the outbox for this session, oldest first, one at a time. An update whose
   * request has left a freshly loaded list was applied before (the confirmation was lost): it is
   * dropped, not sent twice. A refused update is removed and its text kept in a notice.
   */
  async function flushOutbox(session: Session): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        const mine = () =>
          rt.outbox
            .entries()
            .filter((e) => e.visible && e.server === session.serverUrl && e.login === session.login);
        if (mine().length === 0) break;
        const listsFresh = await freshLists(session);
        for (const entry of mine()) {
          if (rt.session !== session || session.client.status.state !== 'connected') return;
          if (listsFresh && alreadyApplied(rt.snapshot, entry)) {
            rt.ports.logger.info('outbox update already applied, dropped', { uuid: entry.uuid });
            await rt.outbox.remove(entry.id);
            continue;
          }
          try {
            await sendTicket(session, entry);
            await rt.outbox.remove(entry.id);
          } catch (error) {
            const failure = error instanceof DeskFailure ? error.error : toDeskError(error, t());
            if (failure.code === 'offline' || failure.code === 'timeout') {
              await rt.outbox.failed(entry.id, failure.message);
              break;
            }
            rt.notice('error', 'outbox-refused', { message: failure.message, comment: entry.comment });
            await rt.outbox.remove(entry.id);
          }
        }
      } while (flushAgain);
    } catch (error) {
      rt.ports.logger.error('outbox flush failed', { error: (error as Error).message });
    } finally {
      flushing = false;
    }
  }

  /** Waits for the CallbackLists that follows a (re)connect; false if none came in time. */
  async function freshLists(session: Session): Promise<boolean> {
    if (session.listsSeen > session.listsAtConnect) return true;
    try {
      await session.client.waitFor('CallbackLists', undefined, rt.ackTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  function alreadyApplied(s: DeskSnapshot, entry: OutboxEntry): boolean {
    return (
      closesTicket(entry.status) &&
      entry.listUuid !== null &&
      s.callbackLists[entry.listUuid] !== undefined &&
      findRequest(s, entry.uuid) === null
    );
  }

  // ---- The command table -----------------------------------------------------------------------

  const handlers: Handlers = {
    'session:signIn': signIn,
    'session:signOut': async () => {
      rt.endSession();
    },
    'session:retryNow': retryNow,
    'agent:login': async ({ phoneNumber }) => {
      const session = requireSession();
      const agentId = requireOwnAgent();
      const phone = phoneNumber ?? session.phoneNumber;
      if (phone === '') fail(translated('refused', t(), 'error.noPhoneNumber'));
      await loginAgent(session, phone, agentId);
      if (phone !== session.phoneNumber) {
        session.phoneNumber = phone;
        await saveSettings({ ...rt.settings, phoneNumber: phone });
      }
    },
    'agent:logout': async () => {
      const agentId = requireOwnAgent();
      await agentCommand(agentId, (c) => c.logoutAgent(agentId));
    },
    'agent:pause': async ({ reason, agentId }) => {
      const target = agentId ?? requireOwnAgent();
      await agentCommand(target, (c) => c.pauseAgent(target, reason ?? undefined));
    },
    'agent:unpause': async ({ agentId }) => {
      const target = agentId ?? requireOwnAgent();
      await agentCommand(target, (c) => c.unpauseAgent(target));
    },
    'agent:listen': async ({ agentId }) => {
      const session = requireSession();
      await confirmed(
        session.client,
        () => session.client.listenAgent(agentId),
        (c) => [c.waitFor('AgentListen', (p) => p.agentId === agentId && p.started)],
      );
    },
    'queue:set': async ({ queueId, penalty, agentId }) => {
      const session = requireSession();
      const target = agentId ?? requireOwnAgent();
      await confirmed(
        session.client,
        () => session.client.setAgentQueueAndWait(target, queueId, penalty),
        () => [],
      );
    },
    'queue:leave': async ({ queueId, agentId }) => {
      const session = requireSession();
      const target = agentId ?? requireOwnAgent();
      await confirmed(
        session.client,
        () => session.client.removeAgentFromQueueAndWait(target, queueId),
        () => [],
      );
    },
    'call:dial': async (r) => {
      requireSession().client.dial(r.destination);
    },
    'call:dialFromQueue': async (r) => {
      requireSession().client.dialFromQueue(
        r.destination,
        r.queueId,
        r.callerIdName,
        r.callerIdNumber,
        r.variables,
      );
    },
    'call:answer': async () => {
      const session = requireSession();
      if (!rt.snapshot.call) fail(translated('refused', t(), 'error.noCall'));
      const own = ownAgentId(rt.snapshot);
      await confirmed(
        session.client,
        () => session.client.answer(),
        (c) => [
          ...(own === null
            ? []
            : [c.waitFor('AgentStateEvent', (s) => s.agentId === own).then(() => undefined)]),
          c.waitFor('PhoneEvent', (p) => p.eventType === 'EventEstablished').then(() => undefined),
        ],
      );
    },
    'call:hangup': async () => {
      const session = requireSession();
      if (!rt.snapshot.call) fail(translated('refused', t(), 'error.noCall'));
      const own = ownAgentId(rt.snapshot);
      await confirmed(
        session.client,
        () => session.client.hangup(),
        (c) => [
          ...(own === null
            ? []
            : [c.waitFor('AgentStateEvent', (s) => s.agentId === own).then(() => undefined)]),
          c.waitFor('PhoneEvent', (p) => p.eventType === 'EventReleased').then(() => undefined),
        ],
      );
    },
    'call:reopenScreenPop': async () => {
      const call = rt.snapshot.call ?? fail(translated('refused', t(), 'error.noCall'));
      const approved = call.id ? rt.approvedPop(call.id) : undefined;
      if (!approved) {
        const pop = call.screenPop;
        if (pop.status !== 'refused') return fail(translated('refused', t(), 'error.noPop'));
        const reason = pop.reason as RefuseReason;
        return fail(
          translated('refused', t(), 'error.popRefused', { reason: popReason(t(), reason) }, { reason }),
        );
      }
      rt.openUrl(approved!.url, approved!.multiTab);
    },
    'call:openSheetLink': async ({ name }) => {
      const call = rt.snapshot.call ?? fail(translated('refused', t(), 'error.noCall'));
      const field =
        call.sheet.find((f) => f.name === name && f.type === 'url') ??
        fail(translated('invalid-request', t(), 'error.noSheetLink', { name }));
      // A plain link: no placeholder is substituted, so no token can ride along.
      const checked = checkPopUrl({ url: field.value, usesToken: false }, rt.settings.screenPop);
      if (!checked.ok) {
        rt.ports.logger.warn('sheet link refused', { field: name, reason: checked.reason });
        const reason = checked.reason;
        return fail(
          translated('refused', t(), 'error.linkRefused', { reason: popReason(t(), reason) }, { reason }),
        );
      }
      rt.openUrl(checked.url.href, true);
    },
    'recording:pause': async () => {
      const agentId = requireOwnAgent();
      await agentCommand(agentId, (c) => c.monitorPause(agentId));
    },
    'recording:resume': async () => {
      const agentId = requireOwnAgent();
      await agentCommand(agentId, (c) => c.monitorUnpause(agentId));
    },
    'callback:take': async ({ uuid }) => {
      const client = requireSession().client;
      await confirmed(
        client,
        () => client.takeCallbackAndWait(uuid),
        () => [],
      );
    },
    'callback:release': async ({ uuid }) => {
      const client = requireSession().client;
      await confirmed(
        client,
        () => client.releaseCallbackAndWait(uuid),
        () => [],
      );
    },
    'callback:start': async ({ uuid, phoneNumber }) => {
      const client = requireSession().client;
      await confirmed(
        client,
        () => client.startCallbackAndWait(uuid, phoneNumber),
        () => [],
      );
    },
    'callback:updateTicket': updateTicket,
    'callback:listenMessage': async ({ uuid }) => {
      const session = requireSession();
      const found =
        findRequest(rt.snapshot, uuid) ?? fail(translated('refused', t(), 'error.unknownCallback'));
      const ref = found.request.voiceMessageRef ?? fail(translated('refused', t(), 'error.noVoiceMessage'));
      session.client.listenCallbackMessage(ref);
    },
    'settings:update': async (patch) => {
      const locked = lockedIn(patch, rt.policy);
      if (locked.length > 0) {
        fail(translated('refused', t(), 'error.lockedSettings', { keys: locked.join(', ') }));
      }
      const merged = mergeSettings(rt.settings, patch);
      if (!merged.ok) fail(deskError('invalid-request', merged.message));
      const next = (merged as { ok: true; settings: Settings }).settings;
      await saveSettings(next);
      if (!next.rememberPassword && rt.settings.login !== '') {
        await rememberPassword(rt.ports.secrets, next.serverUrl, next.login, '', false);
      }
      return next;
    },
    'notice:dismiss': async ({ id }) => {
      rt.dismissNotice(id);
    },
    'diagnostics:copy': async () => {
      const summary = diagnostics(rt);
      return rt.ports.diagnostics ? rt.ports.diagnostics.complete(summary) : summary;
    },
    'diagnostics:openLogs': async () => {
      if (!rt.ports.logs) fail(translated('refused', t(), 'error.notAvailable'));
      await rt.ports.logs!.open();
    },
    'desk:getSnapshot': async () => rt.snapshot,
  };

  async function run<C extends CommandName>(
    command: C,
    request: ParsedRequest<C>,
  ): Promise<Result<CommandResult<C>>> {
    const handler = handlers[command] as (request: ParsedRequest<C>) => Promise<CommandResult<C>>;
    const quiet =
      command === 'desk:getSnapshot' || command === 'notice:dismiss' || command === 'diagnostics:copy';
    try {
      const value = quiet ? await handler(request) : await rt.pending(command, () => handler(request));
      return { ok: true, value };
    } catch (error) {
      const deskErr = error instanceof DeskFailure ? error.error : toDeskError(error, t());
      if (deskErr.code === 'internal') {
        rt.ports.logger.error('desk action failed', { command, error: (error as Error).message });
      }
      return { ok: false, error: deskErr };
    }
  }

  async function tray(action: TrayAction): Promise<Result<unknown>> {
    switch (action.kind) {
      case 'pause':
        return run('agent:pause', { reason: action.reason });
      case 'unpause':
        return run('agent:unpause', {});
      case 'agent-login':
        return run('agent:login', {});
      case 'agent-logout':
        return run('agent:logout', {});
      case 'show':
        rt.ports.shell.showWindow();
        return { ok: true, value: undefined };
      case 'quit':
        rt.ports.shell.quit();
        return { ok: true, value: undefined };
    }
  }

  return { run, tray, autoSignIn, flushOutbox };
}

/** Connection details for a support ticket: never a password, never a token. */
export function diagnostics(rt: DeskRuntime): string {
  const s = rt.snapshot;
  const session = rt.session;
  const lines = [
    `Agent Desk diagnostics`,
    `version: ${rt.options.version ?? 'dev'} (${rt.options.hostName ?? 'desk'})`,
    `time: ${new Date(rt.now()).toISOString()}`,
    `connection: ${JSON.stringify(s.connection)}`,
    `server: ${session ? (session.serverUrl === '' ? `practice ${session.baseUrl}` : session.baseUrl) : '-'}`,
    `login: ${s.user?.login ?? s.settings.login}`,
    `profile: ${s.user?.profile ?? '-'} rights: ${s.user?.rights.join(',') || '-'}`,
    `phone: ${session?.phoneNumber ?? s.settings.phoneNumber}`,
    `agent: ${s.agent ? `${s.agent.id} ${s.agent.state} on ${s.agent.phoneNb ?? '-'}` : '-'}`,
    `frames: ${session ? JSON.stringify(session.client.stats) : '-'}`,
    `outbox: ${s.outbox.length} waiting`,
    `screen pop: trigger ${s.settings.screenPop.trigger}, ${s.settings.screenPop.allowlist.length} allowed hosts, http ${s.settings.screenPop.allowHttp ? 'allowed' : 'refused'}`,
    `notifications: ${s.settings.notifications.enabled ? 'on' : 'off'}${s.settings.notifications.doNotDisturb ? ', do not disturb' : ''}`,
    `locked settings: ${s.lockedSettings.join(', ') || '-'}`,
  ];
  return lines.join('\n');
}
