/**
 * Which Ready member gets a waiting call: the lowest penalty first, then the one idle the longest
 * (its last call ended, or it logged in, earliest), then the lowest agent id so the choice is stable.
 * Agents that already let this call ring out are skipped until every candidate has had a turn;
 * then the round starts again (a lone agent is rung again after its ring timeout).
 */
export interface Candidate {
  agentId: number;
  penalty: number;
  /** Epoch ms since which the agent has been without a call. */
  idleSince: number;
}

export function pickAgent(candidates: readonly Candidate[], tried: ReadonlySet<number>): Candidate | null {
  if (candidates.length === 0) return null;
  const fresh = candidates.filter((candidate) => !tried.has(candidate.agentId));
  const pool = fresh.length > 0 ? fresh : candidates;
  let best: Candidate | null = null;
  for (const candidate of pool) {
    if (best === null || better(candidate, best)) best = candidate;
  }
  return best;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.penalty !== b.penalty) return a.penalty < b.penalty;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.agentId < b.agentId;
}
