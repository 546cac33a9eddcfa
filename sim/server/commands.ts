/**
 * One validated client command → a permission check → the model → the direct answers.
 * Changes reach their audience through the model's events and the router; only answers meant for
 * the requester alone (lists, errors, "nothing changed" states) are sent from here.
 */
import type { CommandFrame } from '../../xuc/wire/commands';
import type { ContactCentre } from '../model/contact-centre';
import type { Outcome, SimError } from '../model/events';
import { queryCallbacks } from '../model/callback-query';
import type { Router } from './router';
import type { Session } from './session';
import * as views from './views';
import {
  authorize,
  canSeeAgent,
  canSeeGroup,
  canSeeMembership,
  canSeeQueue,
  mayManageUser,
  targetAgent,
  visibleQueuesOf,
} from './visibility';

export interface CommandContext {
  model: ContactCentre;
  router: Router;
}

export function handleCommand(ctx: CommandContext, session: Session, frame: CommandFrame): void {
  const denied = authorize(session.viewer, ctx.model, frame);
  if (denied) {
    // Login errors travel as AgentError (agent-api.md); every other refusal as Error.
    if (frame.command === 'agentLogin') session.send('AgentError', { Error: denied.code });
    else sendError(session, denied);
    return;
  }
  run(ctx, session, frame);
}

function sendError(session: Session, error: SimError): void {
  session.error(error.code, error.message);
}

/** Sends the error of a failed outcome; true when it succeeded. */
function check<T>(session: Session, outcome: Outcome<T>): outcome is { ok: true; value: T } {
  if (!outcome.ok) sendError(session, outcome.error);
  return outcome.ok;
}

/** The requester always learns the agent's state: directly when no event reached it. */
function confirmAgentState(ctx: CommandContext, session: Session, agentId: number, changed: boolean): void {
  if (changed && ctx.router.receivesAgentState(session, agentId)) return;
  const state = ctx.model.agentState(agentId);
  if (state) {
    const queues = visibleQueuesOf(session.viewer, agentId, state.queues);
    session.send('AgentStateEvent', views.agentStateEvent(state, ctx.model.scheduler.now(), queues));
  }
}

function run(ctx: CommandContext, session: Session, frame: CommandFrame): void {
  const { model, router } = ctx;
  const viewer = session.viewer;
  const now = model.scheduler.now();
  const ownAgent = (): number | null => {
    if (viewer.agentId === null) session.error('NoAgent', 'this command needs a user with an agent');
    return viewer.agentId;
  };

  switch (frame.command) {
    // ---- Agent ----
    case 'agentLogin': {
      const agentId = targetAgent(viewer, frame.agentid)!;
      const outcome = model.loginAgent(agentId, frame.agentphonenumber);
      if (!outcome.ok) {
        session.send('AgentError', { Error: outcome.error.code, ...outcome.error.details });
        return;
      }
      confirmAgentState(ctx, session, agentId, outcome.value.changed);
      return;
    }
    case 'agentLogout':
    case 'pauseAgent':
    case 'unpauseAgent':
    case 'monitorPause':
    case 'monitorUnpause': {
      const agentId = targetAgent(viewer, frame.agentid)!;
      const outcome =
        frame.command === 'agentLogout'
          ? model.logoutAgent(agentId)
          : frame.command === 'pauseAgent'
            ? model.pauseAgent(agentId, frame.reason)
            : frame.command === 'unpauseAgent'
              ? model.unpauseAgent(agentId)
              : frame.command === 'monitorPause'
                ? model.monitorPause(agentId)
                : model.monitorUnpause(agentId);
      if (check(session, outcome)) confirmAgentState(ctx, session, agentId, outcome.value.changed);
      return;
    }
    case 'listenAgent':
      check(session, model.listenAgent(viewer.userId, targetAgent(viewer, frame.agentid)!));
      return;
    case 'setAgentQueue':
      // agent-api.md: nothing is sent in case of failure.
      model.setAgentQueue(frame.agentId, frame.queueId, frame.penalty, session.id);
      return;
    case 'removeAgentFromQueue':
      model.removeAgentFromQueue(frame.agentId, frame.queueId, session.id);
      return;
    case 'setAgentGroup':
      check(session, model.setAgentGroup(frame.agentId, frame.groupId, session.id));
      return;
    case 'dialFromQueue': {
      if (frame.queueId === null) {
        session.error('InvalidCommand', 'dialFromQueue needs a numeric queueId');
        return;
      }
      check(
        session,
        model.dialFromQueue({
          destination: frame.destination,
          queueId: frame.queueId,
          callerIdName: frame.callerIdName,
          callerIdNumber: frame.callerIdNumber,
          variables: frame.variables,
        }),
      );
      return;
    }

    // ---- Subscriptions and lists ----
    case 'subscribeToAgentEvents':
      router.subscribe(session, 'agentEvents');
      return;
    case 'subscribeToAgentStats':
      router.subscribe(session, 'agentStats');
      for (const agent of model.agents.values()) {
        if (canSeeAgent(viewer, model, agent.id)) {
          session.send('AgentStatistics', views.agentStatistics(model.agentStats(agent.id)!));
        }
      }
      return;
    case 'getAgentStates':
      for (const agent of model.agents.values()) {
        if (canSeeAgent(viewer, model, agent.id)) {
          const queues = visibleQueuesOf(viewer, agent.id, agent.shown.queues);
          session.send('AgentStateEvent', views.agentStateEvent(agent.shown, now, queues));
        }
      }
      return;
    case 'getAgentDirectory':
      session.send('AgentDirectory', {
        directory: [...model.agents.values()]
          .filter((agent) => canSeeAgent(viewer, model, agent.id))
          .map((agent) =>
            views.agentDirectoryEntry(agent, now, visibleQueuesOf(viewer, agent.id, agent.shown.queues)),
          ),
      });
      return;
    case 'getList':
      sendList(ctx, session, frame.objectType);
      return;
    case 'getConfig':
      if (frame.objectType === 'queue') {
        for (const queueId of model.queues.keys()) {
          if (canSeeQueue(viewer, model, queueId))
            session.send('QueueConfig', views.queueConfig(model, queueId));
        }
      } else if (frame.objectType === 'line') {
        session.send('LineConfig', views.lineConfig(session.user, model));
      } else if (frame.objectType === 'agent') {
        router.subscribe(session, 'agentConfig');
        for (const agent of model.agents.values()) {
          if (canSeeAgent(viewer, model, agent.id)) {
            const queues = visibleQueuesOf(viewer, agent.id, model.queuesOf(agent.id));
            session.send('AgentConfig', views.agentConfig(agent, model, queues));
          }
        }
      } else {
        session.error('UnsupportedObjectType', `getConfig ${frame.objectType} is not available here`);
      }
      return;
    case 'subscribeToQueueStats':
      router.subscribe(session, 'queueStats');
      for (const queueId of model.queues.keys()) {
        if (canSeeQueue(viewer, model, queueId))
          session.send('QueueStatistics', views.queueStatistics(model, queueId));
      }
      return;
    case 'getQueueStatistics':
      if (!model.queues.has(frame.queueId)) session.error('UnknownQueue', `no queue ${frame.queueId}`);
      else session.send('QueueStatistics', views.queueStatistics(model, frame.queueId));
      return;
    case 'subscribeToQueueCalls':
      if (!model.queues.has(frame.queueId)) {
        session.error('UnknownQueue', `no queue ${frame.queueId}`);
        return;
      }
      session.subs.queueCalls.add(frame.queueId);
      session.send('QueueCalls', views.queueCalls(model, frame.queueId, now));
      return;
    case 'unSubscribeToQueueCalls':
      session.subs.queueCalls.delete(frame.queueId);
      return;

    // ---- Phone ----
    case 'answer':
      check(session, model.answerOnLine(viewer.userId, frame.uniqueId));
      return;
    case 'hangup':
      check(session, model.hangupOnLine(viewer.userId, frame.uniqueId));
      return;
    case 'dial':
      check(session, model.dial(viewer.userId, frame.destination, frame.variables));
      return;
    case 'userStatusUpdate':
      check(session, model.changeUserStatus(viewer.userId, frame.status));
      return;
    case 'subscribeToPhoneHints':
      router.subscribePhoneHints(session, frame.phoneNumbers);
      for (const number of new Set(frame.phoneNumbers)) {
        session.send('PhoneHintStatusEvent', { number, status: model.phoneHint(number) });
      }
      return;
    case 'unsubscribeFromAllPhoneHints':
      router.unsubscribePhoneHints(session);
      return;

    // ---- Callbacks ----
    case 'getCallbackLists':
      router.subscribe(session, 'callbacks');
      session.send('CallbackLists', router.callbackLists(session));
      return;
    case 'getCallbackPreferredPeriods':
      session.send(
        'PreferredCallbackPeriodList',
        model.callbacks.periods().map((period) => ({ ...period })),
      );
      return;
    case 'findCallbackRequest': {
      const visible = model.callbacks
        .lists()
        .filter((list) => canSeeQueue(viewer, model, list.queueId))
        .flatMap((list) => [...list.requests.values()]);
      // The library's query builder defaults (xuc-protocol.md §4.3) when the caller left them out.
      const { filters, offset = 0, limit = 100 } = frame.request;
      const result = queryCallbacks(visible, filters, offset, Math.min(limit, 1000));
      if (!check(session, result)) return;
      session.send('FindCallbackResponseWithId', {
        id: frame.id,
        response: { list: result.value.list.map(views.callbackRequest), total: result.value.total },
      });
      return;
    }
    case 'takeCallback':
    case 'releaseCallback':
    case 'startCallback':
    case 'updateCallbackTicket': {
      const list = model.callbacks.listOf(frame.uuid);
      if (!list) {
        session.error('CallbackNotFound', `no callback request or ticket ${frame.uuid}`);
        return;
      }
      if (!canSeeQueue(viewer, model, list.queueId)) {
        session.error('Forbidden', `you may not use callback list ${list.uuid}`);
        return;
      }
      const agentId = ownAgent();
      if (agentId === null) return;
      if (frame.command === 'takeCallback')
        check(session, model.callbacks.take(frame.uuid, agentId, session.id));
      else if (frame.command === 'releaseCallback') {
        check(session, model.callbacks.release(frame.uuid, agentId, session.id));
      } else if (frame.command === 'startCallback') {
        check(session, model.startCallback(agentId, frame.uuid, frame.number, session.id));
      } else {
        check(
          session,
          model.updateCallbackTicket(
            agentId,
            frame.uuid,
            {
              status: frame.status,
              comment: frame.comment,
              dueDate: frame.dueDate,
              periodUuid: frame.periodUuid,
            },
            session.id,
          ),
        );
      }
      return;
    }
    case 'listenCallbackMessage': {
      const found = model.callbacks.findByVoiceMessage(frame.voiceMessageRef);
      if (found && !canSeeQueue(viewer, model, found.list.queueId)) {
        session.error('Forbidden', 'you may not listen to this message');
        return;
      }
      check(session, model.listenCallbackMessage(viewer.userId, frame.voiceMessageRef));
      return;
    }

    // ---- Default memberships (xuc-protocol.md §4.4) ----
    case 'getUserDefaultMembership': {
      const membership = model.defaultMembership(frame.userId);
      if (check(session, membership)) {
        session.send('UserQueueDefaultMembership', {
          userId: frame.userId,
          membership: visibleMembership(membership.value),
        });
      }
      return;
    }
    case 'setUserDefaultMembership':
    case 'setUsersDefaultMembership': {
      const userIds = frame.command === 'setUserDefaultMembership' ? [frame.userId] : frame.userIds;
      for (const userId of userIds) {
        if (!check(session, model.setDefaultMembership(userId, frame.membership))) return;
      }
      const memberships = userIds.map((userId) => {
        const stored = model.defaultMembership(userId);
        return { userId, membership: visibleMembership(stored.ok ? stored.value : []) };
      });
      if (frame.command === 'setUserDefaultMembership')
        session.send('UserQueueDefaultMembership', memberships[0]!);
      else session.send('UsersQueueDefaultMembership', { memberships });
      return;
    }
    case 'applyUsersDefaultMembership':
      for (const userId of frame.userIds) {
        if (!check(session, model.applyDefaultMembership(userId, session.id))) return;
      }
      return;
  }

  function visibleMembership(entries: Array<{ queueId: number; penalty: number }>) {
    return entries.filter((entry) => canSeeQueue(viewer, model, entry.queueId));
  }
}

function sendList(ctx: CommandContext, session: Session, objectType: string): void {
  const { model, router } = ctx;
  const viewer = session.viewer;
  switch (objectType) {
    case 'agent':
      router.subscribe(session, 'agentConfig');
      session.send(
        'AgentList',
        [...model.agents.values()]
          .filter((agent) => canSeeAgent(viewer, model, agent.id))
          .map(views.agentListEntry),
      );
      return;
    case 'agentgroup':
      session.send(
        'AgentGroupList',
        [...model.groups.values()]
          .filter((group) => canSeeGroup(viewer, model, group.id))
          .map((group) => ({ ...group })),
      );
      return;
    case 'queue':
      session.send(
        'QueueList',
        [...model.queues.keys()]
          .filter((id) => canSeeQueue(viewer, model, id))
          .map((id) => views.queueConfig(model, id)),
      );
      return;
    case 'queuemember':
      router.subscribe(session, 'queueMembers');
      session.send(
        'QueueMemberList',
        model.allMemberships().filter((m) => canSeeMembership(viewer, m.agentId, m.queueId)),
      );
      return;
    case 'basequeuemember':
      // The base (default) memberships, as xucmgt's onDefaultMemberList reads them at start.
      session.send('UsersQueueDefaultMembership', {
        memberships: [...model.users.values()]
          .filter((user) => user.agentId !== null && mayManageUser(viewer, model, user.id))
          .map((user) => {
            const stored = model.defaultMembership(user.id);
            const entries = stored.ok ? stored.value : [];
            return {
              userId: user.id,
              membership: entries.filter((e) => canSeeQueue(viewer, model, e.queueId)),
            };
          }),
      });
      return;
    case 'meetme':
      session.send('ConferenceList', views.conferenceList(model));
      return;
    default:
      session.error('UnsupportedObjectType', `getList ${objectType} is not available here`);
  }
}
