/**
 * Who is a member of which queue, with what penalty, and the default ("base") memberships each
 * user's agent gets when they are applied (xuc-protocol.md §4.4). Plain data: the contact centre
 * tells the changes and refreshes the agents concerned.
 */
import type { SimData } from '../data/schema';

/** A type, not an interface, so it fits the wire's loose object types (no index signature needed). */
export type MembershipEntry = { queueId: number; penalty: number };

export class MembershipStore {
  /** agentId → queueId → penalty. */
  private readonly byAgent = new Map<number, Map<number, number>>();
  /** userId → the memberships its agent gets when defaults are applied. */
  private readonly defaults = new Map<number, MembershipEntry[]>();

  constructor(data: SimData) {
    for (const m of data.memberships) this.queuesMap(m.agentId).set(m.queueId, m.penalty);
    for (const user of data.users) {
      if (user.agentId !== null) this.defaults.set(user.id, this.of(user.agentId));
    }
  }

  /** The agent's queue ids, ascending. */
  queuesOf(agentId: number): number[] {
    return [...(this.byAgent.get(agentId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** The agent's memberships, by queue id ascending. */
  of(agentId: number): MembershipEntry[] {
    return [...(this.byAgent.get(agentId) ?? new Map<number, number>())]
      .map(([queueId, penalty]) => ({ queueId, penalty }))
      .sort((a, b) => a.queueId - b.queueId);
  }

  all(): Array<{ agentId: number } & MembershipEntry> {
    return [...this.byAgent].flatMap(([agentId, queues]) =>
      [...queues].map(([queueId, penalty]) => ({ agentId, queueId, penalty })),
    );
  }

  penalty(agentId: number, queueId: number): number | undefined {
    return this.byAgent.get(agentId)?.get(queueId);
  }

  /** The members of a queue with their penalties. */
  *membersOf(queueId: number): IterableIterator<{ agentId: number; penalty: number }> {
    for (const [agentId, queues] of this.byAgent) {
      const penalty = queues.get(queueId);
      if (penalty !== undefined) yield { agentId, penalty };
    }
  }

  set(agentId: number, queueId: number, penalty: number): void {
    this.queuesMap(agentId).set(queueId, penalty);
  }

  /** False when the agent was not a member. */
  remove(agentId: number, queueId: number): boolean {
    return this.byAgent.get(agentId)?.delete(queueId) ?? false;
  }

  defaultsOf(userId: number): MembershipEntry[] {
    return [...(this.defaults.get(userId) ?? [])];
  }

  /** One entry per queue (the last one given wins), by queue id ascending. */
  setDefaults(userId: number, membership: readonly MembershipEntry[]): void {
    const byQueue = new Map(membership.map((entry) => [entry.queueId, entry.penalty]));
    this.defaults.set(
      userId,
      [...byQueue].map(([queueId, penalty]) => ({ queueId, penalty })).sort((a, b) => a.queueId - b.queueId),
    );
  }

  private queuesMap(agentId: number): Map<number, number> {
    let queues = this.byAgent.get(agentId);
    if (!queues) {
      queues = new Map();
      this.byAgent.set(agentId, queues);
    }
    return queues;
  }
}
