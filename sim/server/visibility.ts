/**
 * Profiles, in one place: what a connected user may see and what it may do.
 *
 * - Admin, and a user with no profile (agent-api.md): everything.
 * - Supervisor: queues (QueueList, QueueMemberList, QueueStatistics, callback lists) of its queue
 *   list; agents (AgentStateEvent, AgentStatistics, AgentList, AgentGroupList) of its group list;
 *   its own agent if it has one. Of an agent it sees, only the memberships in its queues
 *   (AgentStateEvent.queues, AgentConfig.member, default memberships). Its commands act only on
 *   what it sees.
 * - NoRight: least privilege. Its own agent only: log it in/out, pause/unpause it, pause its
 *   recording, its phone, its own statistics; the queues its agent is a member of and their
 *   callback lists. Never another agent, never memberships, groups, listening or dialFromQueue.
 */
import type { CommandFrame } from '../../xuc/wire/commands';
import type { UserDataT } from '../data/schema';
import type { ContactCentre } from '../model/contact-centre';
import type { SimError } from '../model/events';

export type Access =
  | { kind: 'all' }
  | { kind: 'scoped'; queueIds: ReadonlySet<number>; groupIds: ReadonlySet<number> }
  | { kind: 'own' };

export interface Viewer {
  userId: number;
  agentId: number | null;
  /** What RightProfile says: a user with no profile is reported (and treated) as Admin. */
  profile: 'Admin' | 'Supervisor' | 'NoRight';
  rights: string[];
  access: Access;
}

export function viewerOf(user: UserDataT): Viewer {
  const base = { userId: user.id, agentId: user.agentId };
  const profile = user.profile;
  if (profile === null) return { ...base, profile: 'Admin', rights: [], access: { kind: 'all' } };
  switch (profile.type) {
    case 'Admin':
      return { ...base, profile: 'Admin', rights: [...profile.rights], access: { kind: 'all' } };
    case 'Supervisor':
      return {
        ...base,
        profile: 'Supervisor',
        rights: [...profile.rights],
        access: { kind: 'scoped', queueIds: new Set(profile.queueIds), groupIds: new Set(profile.groupIds) },
      };
    case 'NoRight':
      return { ...base, profile: 'NoRight', rights: [], access: { kind: 'own' } };
  }
}

export function canSeeAgent(viewer: Viewer, model: ContactCentre, agentId: number): boolean {
  if (viewer.access.kind === 'all' || agentId === viewer.agentId) return true;
  if (viewer.access.kind === 'own') return false;
  const agent = model.agents.get(agentId);
  return agent !== undefined && viewer.access.groupIds.has(agent.groupId);
}

export function canSeeQueue(viewer: Viewer, model: ContactCentre, queueId: number): boolean {
  switch (viewer.access.kind) {
    case 'all':
      return true;
    case 'scoped':
      return viewer.access.queueIds.has(queueId);
    case 'own':
      return viewer.agentId !== null && model.queuesOf(viewer.agentId).includes(queueId);
  }
}

export function canSeeGroup(viewer: Viewer, model: ContactCentre, groupId: number): boolean {
  switch (viewer.access.kind) {
    case 'all':
      return true;
    case 'scoped':
      return viewer.access.groupIds.has(groupId);
    case 'own':
      return viewer.agentId !== null && model.agents.get(viewer.agentId)?.groupId === groupId;
  }
}

/** QueueMember / QueueMemberList: by queue for a Supervisor (agent-api.md), own agent for NoRight. */
export function canSeeMembership(viewer: Viewer, agentId: number, queueId: number): boolean {
  if (viewer.access.kind === 'all' || agentId === viewer.agentId) return true;
  return viewer.access.kind === 'scoped' && viewer.access.queueIds.has(queueId);
}

/**
 * The queues of an agent's memberships that a viewer may see: what AgentStateEvent.queues,
 * AgentConfig.member and AgentDirectory carry. A Supervisor sees an agent of its groups, but only
 * its memberships in the Supervisor's queues. Returns the given array itself when nothing is hidden.
 */
export function visibleQueuesOf(
  viewer: Viewer,
  agentId: number,
  queueIds: readonly number[],
): readonly number[] {
  if (viewer.access.kind === 'all' || agentId === viewer.agentId) return queueIds;
  const visible = queueIds.filter((queueId) => canSeeMembership(viewer, agentId, queueId));
  return visible.length === queueIds.length ? queueIds : visible;
}

const forbidden = (message: string): SimError => ({ code: 'Forbidden', message });

/** An agent command's target: the given id, or the connected user's own agent. */
export function targetAgent(viewer: Viewer, agentid: number | undefined): number | null {
  return agentid ?? viewer.agentId;
}

/** May this agent act on (log, pause, monitor) that agent? */
function mayDriveAgent(viewer: Viewer, model: ContactCentre, agentId: number): boolean {
  if (viewer.access.kind === 'own') return agentId === viewer.agentId;
  return canSeeAgent(viewer, model, agentId);
}

/**
 * Checks a command against the profile before anything acts on it. Returns the error to send, or
 * null when allowed. Commands that read lists are always allowed: their answers are filtered.
 */
export function authorize(viewer: Viewer, model: ContactCentre, frame: CommandFrame): SimError | null {
  const own = viewer.access.kind === 'own';
  switch (frame.command) {
    case 'agentLogin':
    case 'agentLogout':
    case 'pauseAgent':
    case 'unpauseAgent':
    case 'monitorPause':
    case 'monitorUnpause': {
      const agentId = targetAgent(viewer, frame.agentid);
      if (agentId === null) return { code: 'NoAgent', message: 'you have no agent; give an agentid' };
      return mayDriveAgent(viewer, model, agentId) ? null : forbidden(`you may not act on agent ${agentId}`);
    }
    case 'listenAgent': {
      if (own) return forbidden('your profile may not listen to agents');
      const agentId = targetAgent(viewer, frame.agentid);
      if (agentId === null) return { code: 'NoAgent', message: 'give the agentid to listen to' };
      return canSeeAgent(viewer, model, agentId) ? null : forbidden(`you may not listen to agent ${agentId}`);
    }
    case 'setAgentQueue':
    case 'removeAgentFromQueue':
      if (own) return forbidden('your profile may not change queue memberships');
      if (!canSeeAgent(viewer, model, frame.agentId) || !canSeeQueue(viewer, model, frame.queueId)) {
        return forbidden(`you may not change agent ${frame.agentId} in queue ${frame.queueId}`);
      }
      return null;
    case 'setAgentGroup':
      if (own) return forbidden('your profile may not change agent groups');
      if (!canSeeAgent(viewer, model, frame.agentId) || !canSeeGroup(viewer, model, frame.groupId)) {
        return forbidden(`you may not move agent ${frame.agentId} to group ${frame.groupId}`);
      }
      return null;
    case 'dialFromQueue':
      if (own) return forbidden('your profile may not dial from a queue');
      if (frame.queueId !== null && !canSeeQueue(viewer, model, frame.queueId)) {
        return forbidden(`you may not dial from queue ${frame.queueId}`);
      }
      return null;
    case 'getQueueStatistics':
    case 'subscribeToQueueCalls':
      return canSeeQueue(viewer, model, frame.queueId) || !model.queues.has(frame.queueId)
        ? null
        : forbidden(`you may not see queue ${frame.queueId}`);
    case 'getUserDefaultMembership':
    case 'setUserDefaultMembership':
    case 'setUsersDefaultMembership':
    case 'applyUsersDefaultMembership': {
      if (own) return forbidden('your profile may not manage default memberships');
      const userIds = 'userIds' in frame ? frame.userIds : [frame.userId];
      for (const userId of userIds) {
        if (!mayManageUser(viewer, model, userId)) return forbidden(`you may not manage user ${userId}`);
      }
      const queueIds = 'membership' in frame ? frame.membership.map((entry) => entry.queueId) : [];
      for (const queueId of queueIds) {
        if (model.queues.has(queueId) && !canSeeQueue(viewer, model, queueId)) {
          return forbidden(`you may not use queue ${queueId}`);
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** A Supervisor manages the users whose agent it sees. */
export function mayManageUser(viewer: Viewer, model: ContactCentre, userId: number): boolean {
  if (viewer.access.kind === 'all') return true;
  const agentId = model.users.get(userId)?.agentId;
  return agentId !== null && agentId !== undefined && canSeeAgent(viewer, model, agentId);
}
