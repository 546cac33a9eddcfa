/**
 * The screen-pop policy: the one place that decides whether a customer page is opened for a call.
 *
 * Building the URL follows XiVO: `popupUrl` + `folderNumber` from the Sheet, `{xuc-username}` and
 * `{xuc-token}` substituted, `multiTab` honoured, nothing when folderNumber is empty or "-". Other
 * `{field}` placeholders take the value of that Sheet field. Only the administrator's template
 * (`popupUrl`) is scanned for placeholders: call data — `folderNumber` and every field value — is
 * always a URL-encoded value appended or substituted after the scan, so it can never ask for the
 * token or the login.
 *
 * Deciding is deny-by-default: https only (http where the admin allows it), the host on the
 * admin's allowlist (compared on the URL parser's normalised, punycode host name), no credentials,
 * no control characters the parser would silently drop, at most 2048 characters, the session token
 * only ever bound for an allowlisted host, at most one pop per call, and only at the trigger the
 * settings ask for. A refused URL is reported with its token redacted, so it can be logged and shown.
 */
import type { CallView, Settings, SheetFieldView } from '../../preload/contract';

export const MAX_POP_URL_LENGTH = 2048;
const TOKEN_PLACEHOLDER = '{xuc-token}';
const REDACTED_TOKEN = '[token]';
// eslint-disable-next-line no-control-regex -- these are exactly what must be refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- and escaped when a refused address is shown
const CONTROL_CHARACTERS_ALL = /[\u0000-\u001f\u007f]/g;

export type RefuseReason =
  | 'too-long'
  | 'control-characters'
  | 'unparsable'
  | 'scheme'
  | 'http-not-allowed'
  | 'credentials'
  | 'host-not-allowed'
  | 'token-to-unlisted-host';

export type PopDecision =
  /** Open `url` now. `displayUrl` is the same address with the token redacted. */
  | { decision: 'open'; url: string; displayUrl: string; multiTab: boolean }
  /** Approved, but the trigger (answer) has not been reached yet. */
  | { decision: 'wait'; url: string; displayUrl: string; multiTab: boolean }
  | { decision: 'refuse'; reason: RefuseReason; url: string }
  | { decision: 'none'; reason: 'trigger-off' | 'already-popped' | 'no-url' | 'no-folder' };

export interface PopInput {
  sheet: readonly SheetFieldView[];
  settings: Settings['screenPop'];
  /** The signed-in user's login, for `{xuc-username}`. */
  username: string;
  /** The current session token, for `{xuc-token}`; never shown, never logged. */
  token: string | undefined;
  phase: CallView['phase'];
  alreadyPopped: boolean;
}

export interface BuiltUrl {
  /** The address to open (the real token substituted). */
  url: string;
  /** The address to show and log (the token redacted). */
  displayUrl: string;
  usesToken: boolean;
  multiTab: boolean;
}

/** XiVO's URL from a Sheet, or why there is none. Pure. */
export function buildPopUrl(
  sheet: readonly SheetFieldView[],
  username: string,
  token: string | undefined,
): BuiltUrl | { none: 'no-url' | 'no-folder' } {
  const field = (name: string) => sheet.find((f) => f.name === name)?.value;
  const popupUrl = field('popupUrl')?.trim() ?? '';
  if (popupUrl === '') return { none: 'no-url' };
  const folderNumber = field('folderNumber') ?? '';
  if (folderNumber.trim() === '' || folderNumber.trim() === '-') return { none: 'no-folder' };
  const usesToken = popupUrl.includes(TOKEN_PLACEHOLDER);
  const values = new Map(sheet.map((f) => [f.name, f.value]));
  // The folder is call data: joined after the template's placeholders are substituted, encoded.
  const folder = encodeURIComponent(folderNumber);
  const substitute = (tokenText: string) =>
    // One pass over the template only: a substituted value is never scanned again.
    popupUrl.replace(/\{([A-Za-z0-9_.-]{1,64})\}/g, (whole, name: string) => {
      if (name === 'xuc-token') return tokenText;
      if (name === 'xuc-username') return encodeURIComponent(username);
      const value = values.get(name);
      return value === undefined ? whole : encodeURIComponent(value);
    }) + folder;
  return {
    url: substitute(encodeURIComponent(token ?? '')),
    displayUrl: substitute(REDACTED_TOKEN),
    usesToken,
    multiTab: /^true$/i.test(field('multiTab')?.trim() ?? ''),
  };
}

/** Checks one built address against the rules. Pure. */
export function checkPopUrl(
  built: Pick<BuiltUrl, 'url' | 'usesToken'>,
  settings: Settings['screenPop'],
): { ok: true; url: URL } | { ok: false; reason: RefuseReason } {
  const raw = built.url;
  if (raw.length > MAX_POP_URL_LENGTH) return { ok: false, reason: 'too-long' };
  // The URL parser silently removes tabs and newlines; refuse rather than guess what was meant.
  if (CONTROL_CHARACTERS.test(raw)) return { ok: false, reason: 'control-characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  if (url.protocol === 'http:') {
    if (!settings.allowHttp) return { ok: false, reason: 'http-not-allowed' };
  } else if (url.protocol !== 'https:') {
    return { ok: false, reason: 'scheme' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  if (!hostAllowed(url.hostname, settings.allowlist)) {
    return { ok: false, reason: built.usesToken ? 'token-to-unlisted-host' : 'host-not-allowed' };
  }
  return { ok: true, url };
}

/**
 * `hostname` as the URL parser normalised it (lower case, punycode, IPv4 in dotted form).
 * An IP address must be listed exactly; a name matches an exact entry or a `*.` entry for any of
 * its sub-domains (never the apex).
 */
export function hostAllowed(hostname: string, allowlist: readonly string[]): boolean {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host === '') return false;
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  for (const entry of allowlist) {
    const pattern = entry.trim().toLowerCase();
    if (pattern === host) return true;
    if (!isIp && pattern.startsWith('*.')) {
      const apex = pattern.slice(2);
      if (host.endsWith('.' + apex)) return true;
    }
  }
  return false;
}

/** The whole decision for one Sheet on one call. Pure. */
export function decideScreenPop(input: PopInput): PopDecision {
  const { settings } = input;
  if (settings.trigger === 'off') return { decision: 'none', reason: 'trigger-off' };
  if (input.alreadyPopped) return { decision: 'none', reason: 'already-popped' };
  const built = buildPopUrl(input.sheet, input.username, input.token);
  if ('none' in built) return { decision: 'none', reason: built.none };
  const checked = checkPopUrl(built, settings);
  if (!checked.ok) return { decision: 'refuse', reason: checked.reason, url: shorten(built.displayUrl) };
  const approved = { url: checked.url.href, displayUrl: built.displayUrl, multiTab: built.multiTab };
  const reached = settings.trigger === 'ringing' || input.phase === 'on-call' || input.phase === 'wrapup';
  return reached ? { decision: 'open', ...approved } : { decision: 'wait', ...approved };
}

/** A refused address is shown and logged; keep it readable and bounded. */
function shorten(url: string): string {
  const visible = url.replace(
    CONTROL_CHARACTERS_ALL,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return visible.length > 300 ? visible.slice(0, 300) + '…' : visible;
}
