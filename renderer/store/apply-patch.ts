import type { DeskPatch, PatchOp } from '../../preload/contract';

/**
 * Applies patch ops to a snapshot-shaped object, immutably along each path: the input is never
 * changed, untouched branches are shared. Within one call each container is copied at most once,
 * so a frame's batch of 20 agent updates copies the 2,000-agent map once, not 20 times.
 */
export function applyPatch<T extends object>(target: T, patch: DeskPatch): T {
  const copies = new WeakSet<object>();
  let root: Record<string, unknown> = target as Record<string, unknown>;
  for (const op of patch) {
    root = setAtPath(root, op.path, op, 0, copies);
  }
  return root as T;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setAtPath(
  node: Record<string, unknown>,
  path: string[],
  op: PatchOp,
  depth: number,
  copies: WeakSet<object>,
): Record<string, unknown> {
  const key = path[depth];
  if (key === undefined || UNSAFE_KEYS.has(key)) return node;
  // Only objects this call created may be written to; anything else is shared and gets copied.
  const copy: Record<string, unknown> = copies.has(node) ? node : { ...node };
  copies.add(copy);
  if (depth === path.length - 1) {
    if ('value' in op) copy[key] = op.value;
    else delete copy[key];
    return copy;
  }
  const child = copy[key];
  const base = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
  copy[key] = setAtPath(base, path, op, depth + 1, copies);
  return copy;
}
