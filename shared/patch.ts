/**
 * The one rule for applying a `DeskPatch`, shared by the desk's store (which produces patches) and
 * the renderer's mirror (which replays them), so both always hold the same snapshot:
 *
 * - An op sets the value at its path; an op without a `value`, or whose `value` is `undefined`,
 *   deletes the key. (JSON drops `undefined` and Electron's structured clone keeps it: either way
 *   the key is gone.)
 * - Missing containers along the path are created as objects. A path may not go through an array
 *   (arrays are replaced whole) nor name a prototype key: such an op is refused with a
 *   `PatchPathError`, before anything visible changes.
 * - Values are never mutated once handed out. A batch copies each container on its first change and
 *   records the copy in `owned`; later ops of the same batch change that copy in place, so 2,000
 *   agent updates in one batch copy the agents record once, not 2,000 times.
 *
 * Pure and dependency-free (types only from the contract), so the renderer bundle may include it.
 */
import type { DeskPatch, PatchOp } from '../preload/contract';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class PatchPathError extends Error {
  override readonly name = 'PatchPathError';
}

/** Containers the current batch has copied and may still change in place. */
export type OwnedContainers = WeakSet<object>;

/** Refuses an empty path or one naming a prototype key. */
export function checkPatchPath(path: readonly string[]): void {
  if (path.length === 0 || path.some((key) => typeof key !== 'string' || UNSAFE_KEYS.has(key))) {
    throw new PatchPathError(`bad patch path ${path.join('.')}`);
  }
}

/** Applies one op below `root`, a container this batch owns (a copy it made). */
export function writeOp(root: Record<string, unknown>, op: PatchOp, owned: OwnedContainers): void {
  const { path } = op;
  checkPatchPath(path);
  let parent = root;
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const key = path[depth]!;
    const child = parent[key];
    if (Array.isArray(child)) throw new PatchPathError(`patch path goes through an array: ${path.join('.')}`);
    if (typeof child === 'object' && child !== null && owned.has(child)) {
      parent = child as Record<string, unknown>;
      continue;
    }
    const copy = typeof child === 'object' && child !== null ? { ...(child as Record<string, unknown>) } : {};
    owned.add(copy);
    parent[key] = copy;
    parent = copy;
  }
  const last = path[path.length - 1]!;
  if (op.value !== undefined) parent[last] = op.value;
  else delete parent[last];
}

/**
 * A new value with every op applied; `target` is never changed and untouched branches are shared.
 * Throws `PatchPathError` (and returns nothing) when an op's path is refused.
 */
export function applyPatch<T extends object>(target: T, patch: DeskPatch): T {
  const owned: OwnedContainers = new WeakSet();
  const root = { ...(target as Record<string, unknown>) };
  owned.add(root);
  for (const op of patch) writeOp(root, op, owned);
  return root as T;
}
