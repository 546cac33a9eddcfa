import type { DeskPatch, PatchOp } from '../../preload/contract';

/** Applies patch ops to a snapshot-shaped object, immutably along each path. */
export function applyPatch<T extends object>(target: T, patch: DeskPatch): T {
  let root: Record<string, unknown> = target as Record<string, unknown>;
  for (const op of patch) {
    root = setAtPath(root, op.path, op, 0);
  }
  return root as T;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setAtPath(
  node: Record<string, unknown>,
  path: string[],
  op: PatchOp,
  depth: number,
): Record<string, unknown> {
  const key = path[depth];
  if (key === undefined || UNSAFE_KEYS.has(key)) return node;
  const copy: Record<string, unknown> = { ...node };
  if (depth === path.length - 1) {
    if ('value' in op) copy[key] = op.value;
    else delete copy[key];
    return copy;
  }
  const child = node[key];
  const base = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
  copy[key] = setAtPath(base, path, op, depth + 1);
  return copy;
}
