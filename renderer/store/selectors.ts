/** Pure views over the snapshot: what each screen lists, in which order. */
import type {
  AgentView,
  CallbackListView,
  CallbackRequestView,
  CommandName,
  MembershipView,
  PendingView,
  QueueView,
  SheetFieldView,
  UserView,
} from '../../preload/contract';
import { fieldLabel } from '../format';
import { STATE_VIEW, type Tone } from '../state-view';

/** Supervisor and Admin profiles see other agents and may manage queue membership (agent-api.md). */
export function canSupervise(user: UserView | null | undefined): boolean {
  return user?.profile === 'Supervisor' || user?.profile === 'Admin';
}

export function isPending(pending: PendingView[] | undefined, ...actions: CommandName[]): boolean {
  return (pending ?? []).some((entry) => actions.includes(entry.action));
}

export function agentName(agent: Pick<AgentView, 'firstName' | 'lastName' | 'number'>): string {
  const name = `${agent.firstName} ${agent.lastName}`.trim();
  return name || agent.number;
}

export interface MembershipRow {
  queue: QueueView;
  penalty: number;
}

/** The queues an agent belongs to, by queue name. A penalty of -1 means "removed" (agent-api.md). */
export function membershipsOf(
  memberships: Record<string, MembershipView>,
  queues: Record<string, QueueView>,
  agentId: number,
): MembershipRow[] {
  const rows: MembershipRow[] = [];
  for (const membership of Object.values(memberships)) {
    if (membership.agentId !== agentId || membership.penalty < 0) continue;
    const queue = queues[String(membership.queueId)];
    if (queue) rows.push({ queue, penalty: membership.penalty });
  }
  return rows.sort((a, b) => queueLabel(a.queue).localeCompare(queueLabel(b.queue)));
}

export function queueLabel(queue: QueueView): string {
  return queue.displayName || queue.name;
}

/**
 * The Sheet as the agent reads it: in `order`, each label once per value (a server may send a call
 * variable both as `folderNumber` and `USR_folderNumber`; showing it twice only adds noise).
 */
export function readableSheet(sheet: SheetFieldView[]): Array<SheetFieldView & { label: string }> {
  const seen = new Set<string>();
  const rows: Array<SheetFieldView & { label: string }> = [];
  for (const field of [...sheet].sort((a, b) => a.order - b.order)) {
    const label = fieldLabel(field.name);
    const key = `${label}\u0000${field.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ ...field, label });
  }
  return rows;
}

// ---- Callbacks ------------------------------------------------------------------------------

export type CallbackOwner = 'all' | 'mine' | 'free';

export interface CallbackFilter {
  search: string;
  listUuid: string | null;
  owner: CallbackOwner;
}

export interface CallbackRow {
  request: CallbackRequestView;
  list: CallbackListView;
}

/** Ordered by due date, then by the start of the preferred period, then by name. */
export function callbackRows(
  lists: Record<string, CallbackListView>,
  filter: CallbackFilter,
  myAgentId: number | null,
): CallbackRow[] {
  const needle = filter.search.trim().toLowerCase();
  const rows: CallbackRow[] = [];
  for (const list of Object.values(lists)) {
    if (filter.listUuid && list.uuid !== filter.listUuid) continue;
    for (const request of list.requests) {
      if (filter.owner === 'mine' && (myAgentId === null || request.agentId !== myAgentId)) continue;
      if (filter.owner === 'free' && request.agentId !== null) continue;
      if (needle && !callbackText(request).includes(needle)) continue;
      rows.push({ request, list });
    }
  }
  return rows.sort((a, b) => compareCallbacks(a.request, b.request));
}

function callbackText(request: CallbackRequestView): string {
  return [
    request.firstName,
    request.lastName,
    request.company,
    request.phoneNumber,
    request.mobilePhoneNumber,
    request.description,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

export function compareCallbacks(a: CallbackRequestView, b: CallbackRequestView): number {
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    (a.period?.periodStart ?? '99').localeCompare(b.period?.periodStart ?? '99') ||
    callbackName(a).localeCompare(callbackName(b))
  );
}

export function callbackName(request: CallbackRequestView): string {
  return [request.firstName, request.lastName].filter(Boolean).join(' ') || request.company || '';
}

// ---- Supervisor -----------------------------------------------------------------------------

export interface AgentFilter {
  search: string;
  groupId: number | null;
  queueId: number | null;
  tone: Tone | null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorts agents by name, re-sorting only when someone joins, leaves or is renamed: state events (the
 * bulk of the traffic) keep the order, so each frame costs one linear pass instead of a sort.
 */
export function createRosterSorter() {
  let order: number[] = [];
  /** The agent objects of the last sort: an unchanged object needs no name check. */
  let seen = new Map<number, AgentView>();
  return (agents: Record<string, AgentView>): AgentView[] => {
    const list = Object.values(agents);
    let same = list.length === order.length;
    if (same) {
      for (const agent of list) {
        const before = seen.get(agent.id);
        if (before === agent) continue;
        if (!before || before.firstName !== agent.firstName || before.lastName !== agent.lastName) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      const sorted = [...list].sort((a, b) => collator.compare(agentName(a), agentName(b)) || a.id - b.id);
      order = sorted.map((agent) => agent.id);
    }
    seen = new Map(list.map((agent) => [agent.id, agent]));
    const result: AgentView[] = [];
    for (const id of order) {
      const agent = agents[String(id)];
      if (agent) result.push(agent);
    }
    return result;
  };
}

export function filterAgents(sorted: AgentView[], filter: AgentFilter): AgentView[] {
  const needle = filter.search.trim().toLowerCase();
  if (!needle && filter.groupId === null && filter.queueId === null && filter.tone === null) return sorted;
  return sorted.filter(
    (agent) =>
      (filter.groupId === null || agent.groupId === filter.groupId) &&
      (filter.queueId === null || agent.queues.includes(filter.queueId)) &&
      (filter.tone === null || STATE_VIEW[agent.state].tone === filter.tone) &&
      (!needle || `${agentName(agent)} ${agent.number}`.toLowerCase().includes(needle)),
  );
}

export function countByTone(agents: AgentView[]): Record<Tone, number> {
  const counts: Record<Tone, number> = { ready: 0, paused: 0, oncall: 0, wrapup: 0, offline: 0 };
  for (const agent of agents) counts[STATE_VIEW[agent.state].tone] += 1;
  return counts;
}
