/**
 * `tel:` and `callto:` links, as another application or a second launch hands them to the desk.
 *
 * The link is untrusted text. What is accepted (and nothing else):
 * - the scheme `tel:`, `callto:` or `callto://` (any case), with no host, parameter or query;
 * - visual separators, which are removed: space, `.`, `-`, `(`, `)`, and `%20`;
 * - the percent-encoded forms of the characters allowed here (`%23` `#`, `%2A` `*`, `%2B` `+`,
 *   `%28` `%29` `%2D` `%2E`), decoded once; any other `%` sequence is refused, so a double-encoded
 *   or encoded control character never reaches the dialler;
 * - digits, `*` and `#`, with one optional leading `+`.
 * Refused: letters (no vanity numbers), any `;` parameter (`;ext=`, `;phone-context=`, …), `?`
 * queries, control and non-ASCII characters, a raw link over 256 characters, and a number over 32
 * characters (the bridge's limit for a destination). Pure.
 */

export const MAX_RAW_LINK_LENGTH = 256;
export const MAX_NUMBER_LENGTH = 32;

export type TelLinkRefusal =
  | 'empty'
  | 'too-long'
  | 'scheme'
  | 'control-characters'
  | 'encoding'
  | 'parameters'
  | 'invalid-characters'
  | 'misplaced-plus'
  | 'no-digits'
  | 'too-many-digits';

export type TelLinkResult = { ok: true; number: string } | { ok: false; reason: TelLinkRefusal };

const SCHEMES = ['callto://', 'callto:', 'tel:'] as const;
const DECODABLE: Record<string, string> = {
  '%20': ' ',
  '%23': '#',
  '%2A': '*',
  '%2B': '+',
  '%28': '(',
  '%29': ')',
  '%2D': '-',
  '%2E': '.',
};

export function parseTelLink(raw: unknown): TelLinkResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'empty' };
  if (raw.length > MAX_RAW_LINK_LENGTH) return { ok: false, reason: 'too-long' };
  // Anything outside printable ASCII (controls, DEL, bidi overrides, look-alike digits) is refused.
  if (/[^\x20-\x7e]/.test(raw)) return { ok: false, reason: 'control-characters' };
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const lower = text.toLowerCase();
  const scheme = SCHEMES.find((s) => lower.startsWith(s));
  if (scheme === undefined) return { ok: false, reason: 'scheme' };
  let rest = text.slice(scheme.length);
  // Windows hands `callto://123/` over with a trailing slash.
  if (scheme === 'callto://' && rest.endsWith('/')) rest = rest.slice(0, -1);

  if (/[;?]/.test(rest)) return { ok: false, reason: 'parameters' };

  let decoded = '';
  for (let i = 0; i < rest.length; i += 1) {
    const char = rest[i]!;
    if (char !== '%') {
      decoded += char;
      continue;
    }
    const replacement = DECODABLE[rest.slice(i, i + 3).toUpperCase()];
    if (replacement === undefined) return { ok: false, reason: 'encoding' };
    decoded += replacement;
    i += 2;
  }

  const number = decoded.replace(/[ .()-]/g, '');
  if (!/^[0-9*#+]*$/.test(number)) return { ok: false, reason: 'invalid-characters' };
  if (number.lastIndexOf('+') > 0) return { ok: false, reason: 'misplaced-plus' };
  if (!/[0-9]/.test(number)) return { ok: false, reason: 'no-digits' };
  if (number.length > MAX_NUMBER_LENGTH) return { ok: false, reason: 'too-many-digits' };
  return { ok: true, number };
}

export type TelDialPlan =
  | { kind: 'dialFromQueue'; destination: string; queueId: number }
  | { kind: 'dial'; destination: string }
  | { kind: 'refuse'; reason: 'not-connected' };

/**
 * How to call a number from a link: from the agent's first queue (so the call carries the queue's
 * caller id and counts in its statistics), or a plain dial from the user's own phone when the user
 * has no agent, no queue, or a `NoRight` profile (which may not use dialFromQueue; a user with no
 * profile is treated as Admin). Pure.
 */
export function telDialPlan(
  snapshot: {
    connection: { state: string };
    user: { profile: string } | null;
    agent: { queues: readonly number[] } | null;
  },
  number: string,
): TelDialPlan {
  if (snapshot.connection.state !== 'connected') return { kind: 'refuse', reason: 'not-connected' };
  const mayDialFromQueue = snapshot.user?.profile !== 'NoRight';
  const queueId = snapshot.agent?.queues[0];
  return queueId === undefined || !mayDialFromQueue
    ? { kind: 'dial', destination: number }
    : { kind: 'dialFromQueue', destination: number, queueId };
}
