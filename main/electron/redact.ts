/**
 * Redaction of secrets from anything written to the log or exported as diagnostics: passwords,
 * tokens, `token=` (and the like) in URLs, `Authorization`/`Bearer` values, credentials in URLs.
 * Applied to every log line (as a hook) and again to the whole diagnostics export. Pure.
 */
export const REDACTED = '[redacted]';

/** Object keys whose values are secrets, whatever their type. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|token|secret|authori[sz]ation|cookie|credential|api[-_]?key|session[-_]?id/i;

const TEXT_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // token=…, password=…, access_token=… in URLs, query strings and key=value text.
  [
    /\b((?:[a-z0-9_-]*token|password|passwd|pwd|secret|api[-_]?key|auth|session[-_]?id)=)[^&\s#"'<>;,]+/gi,
    `$1${REDACTED}`,
  ],
  // "password":"…" / 'token': '…' in JSON-ish text.
  [
    /((["'])(?:[a-z0-9_-]*token|password|passwd|secret|authorization|api[-_]?key)\2\s*:\s*)(["'])(?:\\.|(?!\3).)*\3/gi,
    `$1"${REDACTED}"`,
  ],
  // Authorization: Bearer …, X-Auth-Token: …
  [/\b(bearer|basic)\s+[a-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/\b((?:x-auth-token|authorization|cookie)\s*:\s*)[^\r\n]+/gi, `$1${REDACTED}`],
  // https://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]+@/gi, `$1${REDACTED}@`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of `value` with secret keys and secret-looking text redacted. Cycles and depth bounded. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth > 8) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: redactText(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && typeof item !== 'boolean' && item !== null && item !== ''
        ? REDACTED
        : redactValue(item, depth + 1, seen);
  }
  return out;
}
