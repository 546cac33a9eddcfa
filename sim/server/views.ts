/**
 * Model → wire payloads. Each builder is typed by `Outgoing[msgType]` from xuc/wire/events.ts,
 * so the compiler checks that what the server sends matches the schemas the client validates.
 */
import type { Outgoing } from '../../xuc/wire/events';
import type { UserDataT } from '../data/schema';
import type { AgentRuntime } from '../model/agents';
import type { CallbackListRecord } from '../model/callbacks';
import type { ContactCentre } from '../model/contact-centre';
import type { AgentSnapshot, AgentStatsSnapshot, CallbackRequestRecord, SimEvent } from '../model/events';
import type { ExtraOutgoing } from './extra-messages';
import type { Viewer } from './visibility';

type Payload<K extends keyof Outgoing> = Outgoing[K];
type Element<T> = T extends ReadonlyArray<infer E> ? E : never;

/** `queues`: the memberships the recipient may see (visibility.ts `visibleQueuesOf`). */
export function agentStateEvent(
  state: AgentSnapshot,
  now: number,
  queues: readonly number[],
): Payload<'AgentStateEvent'> {
  const payload: Payload<'AgentStateEvent'> = {
    name: state.name,
    agentId: state.agentId,
    phoneNb: state.phoneNb,
    since: Math.max(0, Math.floor((now - state.since) / 1000)),
    queues: [...queues],
  };
  if (state.cause !== undefined) payload.cause = state.cause;
  if (state.call) {
    payload.acd = state.call.acd;
    payload.direction = state.call.direction;
    payload.callType = state.call.callType;
    payload.monitorState = state.call.monitorState;
  }
  return payload;
}

export function agentStatistics(stats: AgentStatsSnapshot): Payload<'AgentStatistics'> {
  const statistics: Payload<'AgentStatistics'>['statistics'] = [
    { name: 'AgentReadyTotalTime', value: stats.readySeconds },
    { name: 'AgentPausedTotalTime', value: stats.pausedSeconds },
    { name: 'AgentWrapupTotalTime', value: stats.wrapupSeconds },
  ];
  if (stats.loginAt !== null)
    statistics.push({ name: 'LoginDateTime', value: new Date(stats.loginAt).toISOString() });
  if (stats.logoutAt !== null)
    statistics.push({ name: 'LogoutDateTime', value: new Date(stats.logoutAt).toISOString() });
  statistics.push(
    { name: 'InbCalls', value: stats.offered },
    { name: 'InbAnsCalls', value: stats.answered },
    { name: 'InbUnansCalls', value: stats.missed },
  );
  return { id: stats.agentId, statistics };
}

export function agentListEntry(agent: AgentRuntime): Element<Payload<'AgentList'>> {
  return {
    id: agent.id,
    firstName: agent.data.firstName,
    lastName: agent.data.lastName,
    number: agent.data.number,
    context: agent.data.context,
    groupId: agent.groupId,
    ...(agent.userId === null ? {} : { userId: agent.userId }),
  };
}

/**
 * Both casings: agent-api.md's sample is lower-case (firstname, userid), xucmgt reads camel case.
 * `queues`: the memberships the recipient may see (visibility.ts `visibleQueuesOf`).
 */
export function agentConfig(
  agent: AgentRuntime,
  model: ContactCentre,
  queues: readonly number[],
): Payload<'AgentConfig'> {
  const visible = new Set(queues);
  const member = model
    .membershipsOf(agent.id)
    .filter(({ queueId }) => visible.has(queueId))
    .map(({ queueId, penalty }) => ({
      queue_name: model.queues.get(queueId)?.name ?? String(queueId),
      queue_id: queueId,
      interface: `Agent/${agent.data.number}`,
      penalty,
      commented: 0,
      usertype: 'Agent',
      userid: agent.id,
      channel: 'Agent',
      category: 'Queue',
      position: 1,
    }));
  return {
    id: agent.id,
    firstname: agent.data.firstName,
    lastname: agent.data.lastName,
    firstName: agent.data.firstName,
    lastName: agent.data.lastName,
    number: agent.data.number,
    context: agent.data.context,
    member,
    numgroup: agent.groupId,
    groupId: agent.groupId,
    ...(agent.userId === null ? {} : { userid: agent.userId, userId: agent.userId }),
  };
}

export function queueConfig(model: ContactCentre, queueId: number): Payload<'QueueConfig'> {
  const queue = model.queues.get(queueId)!;
  return { id: queue.id, name: queue.name, displayName: queue.displayName, number: queue.number };
}

export function queueStatistics(model: ContactCentre, queueId: number): Payload<'QueueStatistics'> {
  const counters = model.queueCounters(queueId);
  return {
    queueId,
    counters: Object.entries(counters).map(([statName, value]) => ({ statName, value })),
  };
}

export function queueCalls(model: ContactCentre, queueId: number, now: number): Payload<'QueueCalls'> {
  return {
    queueId,
    calls: model.waitingCalls(queueId).map((call, index) => ({
      position: index + 1,
      name: call.remoteName,
      number: call.remoteNumber,
      queueTime: Math.floor((now - (call.enqueuedAt ?? now)) / 1000),
    })),
  };
}

export function sheet(event: Extract<SimEvent, { type: 'sheet' }>): Payload<'Sheet'> {
  return {
    timenow: Math.floor(event.at / 1000),
    compressed: true,
    serial: 'xml',
    payload: { profile: { user: { sheetInfo: event.fields.map((field) => ({ ...field })) } } },
    channel: event.channel,
  };
}

export function phoneEvent(event: Extract<SimEvent, { type: 'phone' }>): Payload<'PhoneEvent'> {
  return {
    eventType: event.eventType,
    DN: event.line,
    otherDN: event.otherDN,
    otherDName: event.otherDName,
    linkedId: event.callId,
    uniqueId: event.callId,
    ...(event.queueName === undefined ? {} : { queueName: event.queueName }),
    userData: { ...event.userData },
  };
}

export function callbackRequest(
  request: CallbackRequestRecord,
): Element<Payload<'CallbackLists'>>['callbacks'][number] {
  return { ...request, preferredPeriod: request.preferredPeriod ? { ...request.preferredPeriod } : null };
}

export function callbackList(list: CallbackListRecord): Element<Payload<'CallbackLists'>> {
  return {
    uuid: list.uuid,
    name: list.name,
    queueId: list.queueId,
    callbacks: [...list.requests.values()].map(callbackRequest),
  };
}

export function rightProfile(viewer: Viewer): Payload<'RightProfile'> {
  return { profile: viewer.profile, rights: [...viewer.rights] };
}

export function userConfig(user: UserDataT, model: ContactCentre): Payload<'UserConfigUpdate'> {
  const line = user.lineNumber === null ? undefined : model.lines.get(user.lineNumber);
  return {
    userId: user.id,
    agentId: user.agentId,
    fullName: `${user.firstName} ${user.lastName}`,
    firstName: user.firstName,
    lastName: user.lastName,
    mobileNumber: user.mobileNumber,
    lineIds: line ? [line.id] : [],
    voiceMailId: null,
    voiceMailEnabled: false,
    naFwdEnabled: false,
    naFwdDestination: null,
    uncFwdEnabled: false,
    uncFwdDestination: null,
    busyFwdEnabled: false,
    busyFwdDestination: null,
  };
}

export function usersStatuses(model: ContactCentre): Payload<'UsersStatuses'> {
  return model.userStatuses.map((status) => ({
    name: status.name,
    color: status.color,
    longName: status.longName,
    actions: status.actions.map((action) => ({ name: action.name, parameters: action.parameters ?? '' })),
  }));
}

export function agentDirectoryEntry(
  agent: AgentRuntime,
  now: number,
  queues: readonly number[],
): Payload<'AgentDirectory'>['directory'][number] {
  return {
    agent: {
      context: agent.data.context,
      firstName: agent.data.firstName,
      groupId: agent.groupId,
      id: agent.id,
      lastName: agent.data.lastName,
      number: agent.data.number,
    },
    agentState: agentStateEvent(agent.shown, now, queues),
  };
}

/** getConfig line: the user's line as xucmgt's CtiProxy reads it (a desk phone, no WebRTC). */
export function lineConfig(user: UserDataT, model: ContactCentre): ExtraOutgoing['LineConfig'] {
  const line = user.lineNumber === null ? undefined : model.lines.get(user.lineNumber);
  if (!line) {
    return { id: '-', context: '', name: '', number: '', webRtc: false, hasDevice: false, isUa: false };
  }
  return {
    id: String(line.id),
    context: 'default',
    name: `practice-${line.number}`,
    number: line.number,
    webRtc: false,
    hasDevice: true,
    isUa: false,
  };
}

/** getList meetme: the rooms, all empty (the practice server runs no conferences yet). */
export function conferenceList(model: ContactCentre): ExtraOutgoing['ConferenceList'] {
  return model.conferenceRooms.map((room) => ({
    name: room.name,
    number: room.number,
    pinRequired: room.pinRequired,
    startTime: 0,
    members: [],
  }));
}
