/**
 * Routes model events to sessions. The audience of every event is decided here, with the profile
 * rules of visibility.ts, so no other module can leak an event to a session that may not see it;
 * frames that carry an agent's memberships are cut to what each recipient may see.
 * A frame is serialised once per event and the same text is sent to each recipient.
 */
import type { Outgoing } from '../../xuc/wire/events';
import type { ContactCentre } from '../model/contact-centre';
import type { SimEvent } from '../model/events';
import type { SimMsgType, SimOutgoing } from './extra-messages';
import { encodeFrame, type Session } from './session';
import * as views from './views';
import { canSeeAgent, canSeeMembership, canSeeQueue, visibleQueuesOf } from './visibility';

export class Router {
  private readonly sessions = new Map<string, Session>();
  private readonly byUser = new Map<number, Set<Session>>();
  /** Indexes of the subscriptions told on every agent state change: the hot paths of a busy centre. */
  private readonly agentEventSubs = new Set<Session>();
  private readonly agentStatsSubs = new Set<Session>();
  private readonly queueStatsSubs = new Set<Session>();
  /** Line number → sessions following its phone hint. */
  private readonly phoneHintSubs = new Map<string, Set<Session>>();

  constructor(private readonly model: ContactCentre) {}

  get size(): number {
    return this.sessions.size;
  }

  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  add(session: Session): void {
    this.sessions.set(session.id, session);
    let set = this.byUser.get(session.user.id);
    if (!set) {
      set = new Set();
      this.byUser.set(session.user.id, set);
    }
    set.add(session);
  }

  subscribe(
    session: Session,
    kind: 'agentEvents' | 'agentStats' | 'queueStats' | 'agentConfig' | 'queueMembers' | 'callbacks',
  ): void {
    session.subs[kind] = true;
    if (kind === 'agentEvents') this.agentEventSubs.add(session);
    if (kind === 'agentStats') this.agentStatsSubs.add(session);
    if (kind === 'queueStats') this.queueStatsSubs.add(session);
  }

  /** subscribeToPhoneHints: follows these numbers from now on (added to those already followed). */
  subscribePhoneHints(session: Session, numbers: readonly string[]): void {
    for (const number of numbers) {
      session.subs.phoneHints.add(number);
      let set = this.phoneHintSubs.get(number);
      if (!set) {
        set = new Set();
        this.phoneHintSubs.set(number, set);
      }
      set.add(session);
    }
  }

  unsubscribePhoneHints(session: Session): void {
    for (const number of session.subs.phoneHints) {
      const set = this.phoneHintSubs.get(number);
      set?.delete(session);
      if (set?.size === 0) this.phoneHintSubs.delete(number);
    }
    session.subs.phoneHints.clear();
  }

  remove(session: Session): void {
    this.unsubscribePhoneHints(session);
    this.sessions.delete(session.id);
    this.agentEventSubs.delete(session);
    this.agentStatsSubs.delete(session);
    this.queueStatsSubs.delete(session);
    const set = this.byUser.get(session.user.id);
    set?.delete(session);
    if (set?.size === 0) this.byUser.delete(session.user.id);
  }

  /** Whether `session` receives AgentStateEvents of `agentId` without being sent one directly. */
  receivesAgentState(session: Session, agentId: number): boolean {
    if (session.viewer.agentId === agentId) return true;
    return session.subs.agentEvents && canSeeAgent(session.viewer, this.model, agentId);
  }

  /** The visible callback lists of a session, as CallbackLists. */
  callbackLists(session: Session): Outgoing['CallbackLists'] {
    return this.model.callbacks
      .lists()
      .filter((list) => canSeeQueue(session.viewer, this.model, list.queueId))
      .map(views.callbackList);
  }

  deliver(event: SimEvent): void {
    const model = this.model;
    const now = model.scheduler.now();
    switch (event.type) {
      case 'agentState': {
        const agentId = event.state.agentId;
        const ownerId = model.agents.get(agentId)?.userId ?? null;
        const send = this.byVisibleQueues(agentId, event.state.queues, (queues) =>
          encodeFrame('AgentStateEvent', views.agentStateEvent(event.state, now, queues)),
        );
        if (ownerId !== null) for (const session of this.byUser.get(ownerId) ?? []) send(session);
        for (const session of this.agentEventSubs) {
          if (session.user.id !== ownerId && canSeeAgent(session.viewer, model, agentId)) send(session);
        }
        return;
      }
      case 'agentStats': {
        const agentId = event.stats.agentId;
        let text: string | undefined;
        for (const session of this.agentStatsSubs) {
          if (!canSeeAgent(session.viewer, model, agentId)) continue;
          text ??= encodeFrame('AgentStatistics', views.agentStatistics(event.stats));
          session.sendText(text);
        }
        return;
      }
      case 'agentConfig': {
        const agent = model.agents.get(event.agentId);
        if (!agent) return;
        const send = this.byVisibleQueues(agent.id, model.queuesOf(agent.id), (queues) =>
          encodeFrame('AgentConfig', views.agentConfig(agent, model, queues)),
        );
        for (const session of this.sessions.values()) {
          const wants =
            session.viewer.agentId === event.agentId ||
            ((session.subs.agentConfig || session.id === event.origin) &&
              canSeeAgent(session.viewer, model, event.agentId));
          if (wants) send(session);
        }
        return;
      }
      case 'queueMember': {
        const { agentId, queueId, penalty } = event;
        this.fanOut(
          'QueueMember',
          () => ({ agentId, queueId, penalty }),
          (s) =>
            (s.viewer.agentId === agentId || s.subs.queueMembers || s.id === event.origin) &&
            canSeeMembership(s.viewer, agentId, queueId),
        );
        return;
      }
      case 'queueStats': {
        let text: string | undefined;
        for (const session of this.queueStatsSubs) {
          if (!canSeeQueue(session.viewer, model, event.queueId)) continue;
          text ??= encodeFrame('QueueStatistics', views.queueStatistics(model, event.queueId));
          session.sendText(text);
        }
        return;
      }
      case 'queueCalls':
        this.fanOut(
          'QueueCalls',
          () => views.queueCalls(model, event.queueId, now),
          (s) => s.subs.queueCalls.has(event.queueId) && canSeeQueue(s.viewer, model, event.queueId),
        );
        return;
      case 'agentListen': {
        const ownerId = model.agents.get(event.agentId)?.userId;
        const payload = { started: event.started, phoneNumber: event.phoneNumber, agentId: event.agentId };
        this.toUsers('AgentListen', payload, [ownerId, event.listenerUserId]);
        return;
      }
      case 'sheet':
        this.toUsers('Sheet', views.sheet(event), [model.agents.get(event.agentId)?.userId]);
        return;
      case 'phone':
        this.toUsers('PhoneEvent', views.phoneEvent(event), event.userIds);
        return;
      case 'callbackTaken':
        this.toListAudience(event.listUuid, event.origin, 'CallbackTaken', {
          uuid: event.uuid,
          agentId: event.agentId,
        });
        return;
      case 'callbackReleased':
        this.toListAudience(event.listUuid, event.origin, 'CallbackReleased', { uuid: event.uuid });
        return;
      case 'callbackClotured':
        // ticketUuid rides along so a client that sent the ticket's uuid can match the answer.
        this.toListAudience(event.listUuid, event.origin, 'CallbackClotured', {
          uuid: event.uuid,
          ...(event.ticketUuid === undefined ? {} : { ticketUuid: event.ticketUuid }),
        });
        return;
      case 'callbackUpdated':
        this.toListAudience(event.listUuid, event.origin, 'CallbackRequestUpdated', {
          request: views.callbackRequest(event.request),
          ...(event.ticketUuid === undefined ? {} : { ticketUuid: event.ticketUuid }),
        });
        return;
      case 'callbackStarted': {
        const payload = { requestUuid: event.requestUuid, ticketUuid: event.ticketUuid };
        const ownerId = model.agents.get(event.agentId)?.userId;
        this.fanOut(
          'CallbackStarted',
          () => payload,
          (s) => s.user.id === ownerId || s.id === event.origin,
        );
        return;
      }
      case 'callbackListChanged': {
        const list = model.callbacks.list(event.listUuid);
        if (!list) return;
        for (const session of this.sessions.values()) {
          if (session.subs.callbacks && canSeeQueue(session.viewer, model, list.queueId)) {
            session.send('CallbackLists', this.callbackLists(session));
          }
        }
        return;
      }
      case 'userStatus':
        this.toUsers('UserStatusUpdate', { status: event.status }, [event.userId]);
        return;
      case 'lineStatus': {
        // Presence of a line is not queue or agent data: any user may follow any number (a BLF key).
        let text: string | undefined;
        for (const session of this.phoneHintSubs.get(event.line) ?? []) {
          text ??= encodeFrame('PhoneHintStatusEvent', { number: event.line, status: event.status });
          session.sendText(text);
        }
        return;
      }
    }
  }

  /**
   * A sender for a frame that carries an agent's memberships: each recipient gets the memberships
   * it may see (visibility.ts), and the frame is serialised once per distinct view, not per session.
   */
  private byVisibleQueues(
    agentId: number,
    queues: readonly number[],
    encode: (queues: readonly number[]) => string,
  ): (session: Session) => void {
    const texts = new Map<string, string>();
    return (session) => {
      const visible = visibleQueuesOf(session.viewer, agentId, queues);
      const key = visible === queues ? '*' : visible.join(',');
      let text = texts.get(key);
      if (text === undefined) {
        text = encode(visible);
        texts.set(key, text);
      }
      session.sendText(text);
    };
  }

  private fanOut<K extends SimMsgType>(
    msgType: K,
    build: () => SimOutgoing[K],
    wants: (s: Session) => boolean,
  ): void {
    let text: string | undefined;
    for (const session of this.sessions.values()) {
      if (!wants(session)) continue;
      text ??= encodeFrame(msgType, build());
      session.sendText(text);
    }
  }

  private toUsers<K extends SimMsgType>(
    msgType: K,
    payload: SimOutgoing[K],
    userIds: Array<number | null | undefined>,
  ): void {
    let text: string | undefined;
    for (const userId of new Set(userIds)) {
      if (userId === null || userId === undefined) continue;
      for (const session of this.byUser.get(userId) ?? []) {
        text ??= encodeFrame(msgType, payload);
        session.sendText(text);
      }
    }
  }

  /** Sessions that asked for callback lists and may see this list's queue, plus the session that acted. */
  private toListAudience<K extends SimMsgType>(
    listUuid: string,
    origin: string | undefined,
    msgType: K,
    payload: SimOutgoing[K],
  ): void {
    const list = this.model.callbacks.list(listUuid);
    if (!list) return;
    this.fanOut(
      msgType,
      () => payload,
      (s) => (s.subs.callbacks || s.id === origin) && canSeeQueue(s.viewer, this.model, list.queueId),
    );
  }
}
