/**
 * The admin policy file: what an administrator deploying Agent Desk to many seats presets and locks.
 *
 * ```json
 * {
 *   "settings": {
 *     "serverUrl": "https://xuc.example.com:8443",
 *     "screenPop": { "allowlist": ["crm.example.com", "*.crm.example.com"], "allowHttp": false },
 *     "autoUpdate": false
 *   },
 *   "locked": ["serverUrl", "screenPop.allowlist", "screenPop.allowHttp", "autoUpdate"]
 * }
 * ```
 * Only these four settings can be preset. `locked` names the preset ones the agent may not change;
 * when it is absent, every preset setting is locked. The file is all or nothing: an unknown key, a
 * bad value or a lock on a setting the file does not preset is an error naming the entry, and the
 * whole file is then ignored (the host logs why). Pure.
 */
import { z } from 'zod';
import { SettingsSchema, type Settings } from '../../preload/contract';

export const MAX_POLICY_BYTES = 64 * 1024;
export const LOCKABLE = ['serverUrl', 'screenPop.allowlist', 'screenPop.allowHttp', 'autoUpdate'] as const;
export type LockableSetting = (typeof LOCKABLE)[number];

const screenPopShape = SettingsSchema.shape.screenPop.unwrap().shape;

const PolicySchema = z.strictObject({
  settings: z
    .strictObject({
      serverUrl: SettingsSchema.shape.serverUrl.unwrap().optional(),
      screenPop: z
        .strictObject({
          allowlist: screenPopShape.allowlist.unwrap().optional(),
          allowHttp: screenPopShape.allowHttp.unwrap().optional(),
        })
        .optional(),
      autoUpdate: SettingsSchema.shape.autoUpdate.unwrap().optional(),
    })
    .default({}),
  locked: z.array(z.enum(LOCKABLE)).max(LOCKABLE.length).optional(),
});

export interface SettingsOverrides {
  serverUrl?: string;
  screenPop?: { allowlist?: string[]; allowHttp?: boolean };
  autoUpdate?: boolean;
}

export interface AdminPolicy {
  settingsOverrides: SettingsOverrides;
  /** Dotted setting paths the agent may not change, e.g. `screenPop.allowlist`. */
  locked: LockableSetting[];
}

export type PolicyResult = { ok: true; policy: AdminPolicy } | { ok: false; error: string };

/** The policy in force when there is no file (or it was ignored): nothing preset, nothing locked. */
export const NO_POLICY: AdminPolicy = { settingsOverrides: {}, locked: [] };

export function parseAdminPolicy(text: string, source = 'policy.json'): PolicyResult {
  if (text.length > MAX_POLICY_BYTES) {
    return { ok: false, error: `${source}: larger than ${MAX_POLICY_BYTES} bytes; ignored` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `${source}: not valid JSON (${(error as Error).message}); ignored` };
  }
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path, ...keys.slice(0, 1)].join('.') || '(root)';
    const message = issue.code === 'unrecognized_keys' ? 'unknown entry' : issue.message;
    return { ok: false, error: `${source}: ${path}: ${message}; ignored` };
  }

  const { settings, locked } = parsed.data;
  const overrides: SettingsOverrides = {};
  if (settings.serverUrl !== undefined) overrides.serverUrl = settings.serverUrl;
  if (settings.screenPop !== undefined) {
    const screenPop: NonNullable<SettingsOverrides['screenPop']> = {};
    if (settings.screenPop.allowlist !== undefined) screenPop.allowlist = settings.screenPop.allowlist;
    if (settings.screenPop.allowHttp !== undefined) screenPop.allowHttp = settings.screenPop.allowHttp;
    overrides.screenPop = screenPop;
  }
  if (settings.autoUpdate !== undefined) overrides.autoUpdate = settings.autoUpdate;

  const preset = LOCKABLE.filter((path) => valueAt(overrides, path) !== undefined);
  const lockList = locked ?? preset;
  const unset = lockList.find((path) => !preset.includes(path));
  if (unset !== undefined) {
    return {
      ok: false,
      error: `${source}: locked: ${unset} is locked but has no value in settings; ignored`,
    };
  }
  return { ok: true, policy: { settingsOverrides: overrides, locked: [...new Set(lockList)] } };
}

/** The settings with the policy's presets laid over them. Pure. */
export function applyPolicy(settings: Settings, policy: AdminPolicy): Settings {
  const o = policy.settingsOverrides;
  return {
    ...settings,
    ...(o.serverUrl !== undefined ? { serverUrl: o.serverUrl } : {}),
    ...(o.autoUpdate !== undefined ? { autoUpdate: o.autoUpdate } : {}),
    screenPop: { ...settings.screenPop, ...o.screenPop },
  };
}

/** The locked settings a patch would change (by dotted path); empty when the patch may go ahead. */
export function lockedIn(patch: unknown, policy: AdminPolicy): LockableSetting[] {
  if (typeof patch !== 'object' || patch === null) return [];
  return policy.locked.filter((path) => valueAt(patch, path) !== undefined);
}

function valueAt(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
