/**
 * The settings model: load (validated, never crashing), update (validated patch, merged, saved) and
 * the secrets rule. Settings never hold a secret: the password lives in the secret store, and only
 * when the user asked to remember it; the session token is never stored anywhere.
 */
import {
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../preload/contract';
import type { SecretStore, SettingsStore } from './ports';

export interface LoadedSettings {
  settings: Settings;
  /** Keys that were invalid and fell back to their defaults (`*`: all of them). */
  reset: string[];
  /** Where the host kept an unreadable file before starting from defaults (its file name). */
  keptAs?: string;
}

/**
 * Reads and validates the stored settings. A corrupt or invalid file never stops the app: each
 * top-level key is checked on its own, valid keys are kept, the others fall back to defaults and
 * are named in `reset` so the desk can tell the user. A host that could not read the file at all
 * rejects `load()`; with a `CorruptFileError` (`code: 'corrupt'`) it names the copy it kept.
 */
export async function loadSettings(store: SettingsStore): Promise<LoadedSettings> {
  let raw: unknown;
  try {
    raw = await store.load();
  } catch (error) {
    const keptAs = keptCopyOf(error);
    return keptAs
      ? { settings: DEFAULT_SETTINGS, reset: ['*'], keptAs }
      : { settings: DEFAULT_SETTINGS, reset: ['*'] };
  }
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, reset: [] };
  const whole = SettingsSchema.safeParse(raw);
  if (whole.success) return { settings: whole.data, reset: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULT_SETTINGS, reset: ['*'] };

  const salvaged: Record<string, unknown> = {};
  const reset: string[] = [];
  const source = raw as Record<string, unknown>;
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    if (!(key in source)) continue;
    const one = schema.safeParse(source[key]);
    if (one.success) salvaged[key] = one.data;
    else reset.push(key);
  }
  return { settings: SettingsSchema.parse(salvaged), reset };
}

export type PatchResult = { ok: true; settings: Settings } | { ok: false; message: string };

/** Validates a patch and merges it (nested groups merged key by key). Pure. */
export function mergeSettings(current: Settings, patch: unknown): PatchResult {
  const parsed = SettingsPatchSchema.safeParse(patch ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}` };
  }
  const p = parsed.data as SettingsPatch;
  const merged = {
    ...current,
    ...stripUndefined(p),
    screenPop: { ...current.screenPop, ...stripUndefined(p.screenPop ?? {}) },
    notifications: { ...current.notifications, ...stripUndefined(p.notifications ?? {}) },
    shortcuts: { ...current.shortcuts, ...stripUndefined(p.shortcuts ?? {}) },
  };
  const checked = SettingsSchema.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, settings: checked.data };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The file name of the copy a host kept of an unreadable file, if the error says. */
function keptCopyOf(error: unknown): string | undefined {
  const { code, backupPath } = (error ?? {}) as { code?: unknown; backupPath?: unknown };
  if (code !== 'corrupt' || typeof backupPath !== 'string') return undefined;
  return backupPath.split(/[\\/]/).pop() || undefined;
}

/** The one key the password is kept under, per server and login, so two accounts never mix. */
export function passwordKey(serverUrl: string, login: string): string {
  return `password:${serverUrl || 'practice'}:${login}`;
}

/** Remembers the password only when asked to; otherwise makes sure none is left behind. */
export async function rememberPassword(
  secrets: SecretStore,
  serverUrl: string,
  login: string,
  password: string,
  remember: boolean,
): Promise<void> {
  const key = passwordKey(serverUrl, login);
  if (remember) await secrets.set(key, password);
  else await secrets.delete(key);
}

export async function recallPassword(secrets: SecretStore, settings: Settings): Promise<string | undefined> {
  if (!settings.rememberPassword || settings.login === '') return undefined;
  return secrets.get(passwordKey(settings.serverUrl, settings.login));
}
