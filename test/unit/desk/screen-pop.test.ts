import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SheetFieldView } from '../../../preload/contract';
import { buildPopUrl, decideScreenPop, hostAllowed, type PopInput } from '../../../main/desk/screen-pop';

const TOKEN = 'tok-SECRET-123';
const settings = {
  ...DEFAULT_SETTINGS.screenPop,
  allowlist: ['crm.example.com', '*.support.example.org', '10.0.0.5'],
};

function fields(
  popupUrl: string,
  folderNumber = '1234',
  extra: Record<string, string> = {},
): SheetFieldView[] {
  const list: SheetFieldView[] = [
    { name: 'popupUrl', value: popupUrl, order: 10, type: 'url' },
    { name: 'folderNumber', value: folderNumber, order: 20, type: 'text' },
  ];
  let order = 30;
  for (const [name, value] of Object.entries(extra))
    list.push({ name, value, order: (order += 10), type: 'text' });
  return list;
}

function decide(sheet: SheetFieldView[], overrides: Partial<PopInput> = {}) {
  return decideScreenPop({
    sheet,
    settings,
    username: 'alice',
    token: TOKEN,
    phase: 'ringing',
    alreadyPopped: false,
    ...overrides,
  });
}

type Expected =
  | { decision: 'open'; url: string }
  | { decision: 'refuse'; reason: string }
  | { decision: 'none'; reason: string }
  | { decision: 'wait' };

const cases: Array<[string, SheetFieldView[], Expected, Partial<PopInput>?]> = [
  // The ordinary pops.
  [
    'popupUrl + folderNumber',
    fields('https://crm.example.com/customer?folder='),
    { decision: 'open', url: 'https://crm.example.com/customer?folder=1234' },
  ],
  [
    'upper-case scheme and host are normalised',
    fields('HTTPS://CRM.EXAMPLE.COM/c?f='),
    { decision: 'open', url: 'https://crm.example.com/c?f=1234' },
  ],
  [
    'a sub-domain of a *. entry',
    fields('https://eu.support.example.org/t?f='),
    { decision: 'open', url: 'https://eu.support.example.org/t?f=1234' },
  ],
  [
    'a listed IP address',
    fields('https://10.0.0.5/c?f='),
    { decision: 'open', url: 'https://10.0.0.5/c?f=1234' },
  ],
  [
    'an explicit port on a listed host',
    fields('https://crm.example.com:8443/c?f='),
    { decision: 'open', url: 'https://crm.example.com:8443/c?f=1234' },
  ],
  [
    'the trailing-dot form of a listed host',
    fields('https://crm.example.com./c?f='),
    { decision: 'open', url: 'https://crm.example.com./c?f=1234' },
  ],
  [
    '{xuc-username} substituted',
    fields('https://crm.example.com/c?u={xuc-username}&f='),
    { decision: 'open', url: 'https://crm.example.com/c?u=alice&f=1234' },
  ],
  [
    '{xuc-token} to a listed host',
    fields('https://crm.example.com/sso?t={xuc-token}&f='),
    { decision: 'open', url: `https://crm.example.com/sso?t=${TOKEN}&f=1234` },
  ],
  // Call data, encoded where substituted.
  [
    'caller name with & # / %',
    fields('https://crm.example.com/c?name={callerName}&f=', '1', { callerName: 'Tom & Jerry #1/2 100%' }),
    { decision: 'open', url: 'https://crm.example.com/c?name=Tom%20%26%20Jerry%20%231%2F2%20100%25&f=1' },
  ],
  [
    'caller name with a newline, substituted',
    fields('https://crm.example.com/c?name={callerName}&f=', '1', { callerName: 'Eve\nSet-Cookie: x' }),
    { decision: 'open', url: 'https://crm.example.com/c?name=Eve%0ASet-Cookie%3A%20x&f=1' },
  ],
  [
    'call data that looks like a placeholder is not substituted again',
    fields('https://crm.example.com/c?n={callerName}&f=', '1', { callerName: '{xuc-token}' }),
    { decision: 'open', url: 'https://crm.example.com/c?n=%7Bxuc-token%7D&f=1' },
  ],
  [
    'caller data trying to change the host stays in the query',
    fields('https://crm.example.com/c?n={callerName}&f=', '1', { callerName: '@evil.com/' }),
    { decision: 'open', url: 'https://crm.example.com/c?n=%40evil.com%2F&f=1' },
  ],
  // Nothing to open.
  [
    'folderNumber "-"',
    fields('https://crm.example.com/c?f=', '-'),
    { decision: 'none', reason: 'no-folder' },
  ],
  [
    'folderNumber empty',
    fields('https://crm.example.com/c?f=', ''),
    { decision: 'none', reason: 'no-folder' },
  ],
  [
    'no popupUrl',
    [{ name: 'folderNumber', value: '12', order: 1, type: 'text' }],
    { decision: 'none', reason: 'no-url' },
  ],
  [
    'trigger off',
    fields('https://crm.example.com/c?f='),
    { decision: 'none', reason: 'trigger-off' },
    { settings: { ...settings, trigger: 'off' } },
  ],
  [
    'a second pop for the same call',
    fields('https://crm.example.com/c?f='),
    { decision: 'none', reason: 'already-popped' },
    { alreadyPopped: true },
  ],
  [
    'trigger on answer while still ringing',
    fields('https://crm.example.com/c?f='),
    { decision: 'wait' },
    { settings: { ...settings, trigger: 'answered' } },
  ],
  [
    'trigger on answer once answered',
    fields('https://crm.example.com/c?f='),
    { decision: 'open', url: 'https://crm.example.com/c?f=1234' },
    { settings: { ...settings, trigger: 'answered' }, phase: 'on-call' },
  ],
  // Hostile schemes.
  ['javascript:', fields('javascript:alert(document.cookie)//'), { decision: 'refuse', reason: 'scheme' }],
  ['JavaScript: in mixed case', fields('JaVaScRiPt:alert(1)//'), { decision: 'refuse', reason: 'scheme' }],
  ['file:', fields('file:///etc/passwd?'), { decision: 'refuse', reason: 'scheme' }],
  ['data:', fields('data:text/html,<script>alert(1)</script>'), { decision: 'refuse', reason: 'scheme' }],
  ['a custom scheme', fields('crm-app://open?f='), { decision: 'refuse', reason: 'scheme' }],
  [
    'blob: wrapping a listed origin',
    fields('blob:https://crm.example.com/'),
    { decision: 'refuse', reason: 'scheme' },
  ],
  [
    'plain http when not allowed',
    fields('http://crm.example.com/c?f='),
    { decision: 'refuse', reason: 'http-not-allowed' },
  ],
  [
    'plain http when the admin allows it',
    fields('http://crm.example.com/c?f='),
    { decision: 'open', url: 'http://crm.example.com/c?f=1234' },
    { settings: { ...settings, allowHttp: true } },
  ],
  // Hostile hosts.
  [
    'listed host as a prefix of another domain',
    fields('https://crm.example.com.evil.com/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'listed host as user info',
    fields('https://crm.example.com@evil.com/c?f='),
    { decision: 'refuse', reason: 'credentials' },
  ],
  [
    'user and password on a listed host',
    fields('https://user:pass@crm.example.com/c?f='),
    { decision: 'refuse', reason: 'credentials' },
  ],
  [
    'encoded @ in user info',
    fields('https://crm.example.com%40x@evil.com/c?f='),
    { decision: 'refuse', reason: 'credentials' },
  ],
  [
    'look-alike IDN host (Cyrillic с)',
    fields('https://\u0441rm.example.com/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'a listed name only as a suffix without a dot',
    fields('https://evilcrm.example.com/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'the apex of a *. entry',
    fields('https://support.example.org/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'an unlisted IP in decimal form',
    fields('https://2130706433/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'a listed IP written in hex parts',
    fields('https://0xa.0.0.5/c?f='),
    { decision: 'open', url: 'https://10.0.0.5/c?f=1234' },
  ],
  ['an IPv6 literal', fields('https://[::1]/c?f='), { decision: 'refuse', reason: 'host-not-allowed' }],
  [
    'host after a fragment',
    fields('https://evil.com#@crm.example.com/c?f='),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'a backslash trick keeps the real host',
    fields('https://crm.example.com\\@evil.com/c?f='),
    { decision: 'open', url: 'https://crm.example.com/@evil.com/c?f=1234' },
  ],
  [
    'the token bound for a host not on the list',
    fields('https://evil.com/steal?t={xuc-token}&f='),
    { decision: 'refuse', reason: 'token-to-unlisted-host' },
  ],
  [
    'folderNumber extending the host',
    fields('https://crm.example.com', '.evil.com'),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'folderNumber carrying a path is encoded, so it cannot end the host',
    fields('https://crm.example.com', '.evil.com/x'),
    { decision: 'refuse', reason: 'unparsable' },
  ],
  // Call data asking for the session's secrets: only the administrator's template may.
  [
    'folderNumber "{xuc-token}" is a value, not a placeholder',
    fields('https://crm.example.com/customer?folder=', '{xuc-token}'),
    { decision: 'open', url: 'https://crm.example.com/customer?folder=%7Bxuc-token%7D' },
  ],
  [
    'folderNumber "{xuc-username}" is a value, not a placeholder',
    fields('https://crm.example.com/customer?folder=', '{xuc-username}'),
    { decision: 'open', url: 'https://crm.example.com/customer?folder=%7Bxuc-username%7D' },
  ],
  [
    'folderNumber naming another Sheet field is a value',
    fields('https://crm.example.com/c?f=', '{callerName}', { callerName: 'Eve' }),
    { decision: 'open', url: 'https://crm.example.com/c?f=%7BcallerName%7D' },
  ],
  [
    'folderNumber completing a placeholder the template left open',
    fields('https://crm.example.com/c?t={xuc-', 'token}'),
    { decision: 'open', url: 'https://crm.example.com/c?t={xuc-token%7D' },
  ],
  [
    'folderNumber "{xuc-token}" to an unlisted host is not a token leak either',
    fields('https://evil.com/c?f=', '{xuc-token}'),
    { decision: 'refuse', reason: 'host-not-allowed' },
  ],
  [
    'a field value "{xuc-username}" is not substituted again',
    fields('https://crm.example.com/c?n={callerName}&f=', '1', { callerName: '{xuc-username}' }),
    { decision: 'open', url: 'https://crm.example.com/c?n=%7Bxuc-username%7D&f=1' },
  ],
  // Malformed addresses.
  [
    'a newline in folderNumber is an encoded value',
    fields('https://crm.example.com/c?f=', '12\n34'),
    { decision: 'open', url: 'https://crm.example.com/c?f=12%0A34' },
  ],
  [
    'a tab splitting the host',
    fields('https://crm.exam\tple.com/c?f='),
    { decision: 'refuse', reason: 'control-characters' },
  ],
  [
    'a NUL byte',
    fields('https://crm.example.com\u0000.evil.com/c?f='),
    { decision: 'refuse', reason: 'control-characters' },
  ],
  [
    'an encoded NUL in the host',
    fields('https://crm.example.com%00.evil.com/c?f='),
    { decision: 'refuse', reason: 'unparsable' },
  ],
  [
    'a protocol-relative address',
    fields('//crm.example.com/c?f='),
    { decision: 'refuse', reason: 'unparsable' },
  ],
  [
    'a port out of range',
    fields('https://crm.example.com:99999/c?f='),
    { decision: 'refuse', reason: 'unparsable' },
  ],
  [
    'an overlong address',
    fields('https://crm.example.com/c?q=' + 'a'.repeat(2100) + '&f='),
    { decision: 'refuse', reason: 'too-long' },
  ],
];

describe('screen-pop policy: hostile and tricky cases', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', (_label, sheet, expected, overrides) => {
    const decision = decide(sheet, overrides);
    expect(decision.decision).toBe(expected.decision);
    if (expected.decision === 'open' && decision.decision === 'open') expect(decision.url).toBe(expected.url);
    if ((expected.decision === 'refuse' || expected.decision === 'none') && 'reason' in decision) {
      expect(decision.reason).toBe(expected.reason);
    }
  });
});

describe('screen-pop policy: what is shown and logged', () => {
  it('redacts the token in the displayed address of an opened pop', () => {
    const decision = decide(fields('https://crm.example.com/sso?t={xuc-token}&f='));
    expect(decision).toMatchObject({
      decision: 'open',
      displayUrl: 'https://crm.example.com/sso?t=[token]&f=1234',
    });
  });

  it('never puts the token in a refused address', () => {
    const decision = decide(fields('https://evil.com/steal?t={xuc-token}&f='));
    expect(decision.decision).toBe('refuse');
    expect(JSON.stringify(decision)).not.toContain(TOKEN);
  });

  it('shows control characters of a refused address escaped', () => {
    const decision = decide(fields('https://crm.example.com/c\n?f=', '1234'));
    expect(decision).toMatchObject({ decision: 'refuse', url: 'https://crm.example.com/c\\x0a?f=1234' });
  });

  it('honours multiTab from the Sheet', () => {
    const sheet = [
      ...fields('https://crm.example.com/c?f='),
      { name: 'multiTab', value: 'true', order: 99, type: 'text' },
    ];
    expect(buildPopUrl(sheet, 'alice', TOKEN)).toMatchObject({ multiTab: true });
    expect(buildPopUrl(fields('https://crm.example.com/c?f='), 'alice', TOKEN)).toMatchObject({
      multiTab: false,
    });
  });
});

describe('hostAllowed', () => {
  it('never matches with an empty allowlist', () => {
    expect(hostAllowed('crm.example.com', [])).toBe(false);
  });
  it('does not let a wildcard match an IP address', () => {
    expect(hostAllowed('10.0.0.5', ['*.0.0.5'])).toBe(false);
  });
});
