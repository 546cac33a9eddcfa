import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import { NO_POLICY, applyPolicy, lockedIn, parseAdminPolicy } from '../../../main/desk/admin-policy';

const full = {
  settings: {
    serverUrl: 'https://xuc.example.com:8443',
    screenPop: { allowlist: ['CRM.example.com', '*.crm.example.com'], allowHttp: false },
    autoUpdate: false,
  },
  locked: ['serverUrl', 'screenPop.allowlist', 'autoUpdate'],
};

describe('parseAdminPolicy: valid files', () => {
  it('presets the settings and locks what the file lists', () => {
    const result = parseAdminPolicy(JSON.stringify(full));
    expect(result).toEqual({
      ok: true,
      policy: {
        settingsOverrides: {
          serverUrl: 'https://xuc.example.com:8443',
          // Host patterns are normalised exactly as in the settings schema.
          screenPop: { allowlist: ['crm.example.com', '*.crm.example.com'], allowHttp: false },
          autoUpdate: false,
        },
        locked: ['serverUrl', 'screenPop.allowlist', 'autoUpdate'],
      },
    });
  });

  it('locks every preset setting when the file has no `locked` list', () => {
    const result = parseAdminPolicy(JSON.stringify({ settings: { serverUrl: 'https://x.example.com' } }));
    expect(result.ok && result.policy.locked).toEqual(['serverUrl']);
  });

  it('presets without locking when `locked` is empty', () => {
    const result = parseAdminPolicy(JSON.stringify({ settings: { autoUpdate: false }, locked: [] }));
    expect(result).toEqual({ ok: true, policy: { settingsOverrides: { autoUpdate: false }, locked: [] } });
  });

  it('accepts an empty policy and a UTF-8 byte-order mark (Notepad writes one)', () => {
    expect(parseAdminPolicy('{}')).toEqual({ ok: true, policy: NO_POLICY });
    expect(parseAdminPolicy('\uFEFF{"settings":{"autoUpdate":true}}').ok).toBe(true);
  });
});

describe('parseAdminPolicy: invalid files are ignored with an error naming the entry', () => {
  it.each([
    ['not json', 'not valid JSON'],
    ['[]', '(root)'],
    ['{"setings":{}}', 'setings: unknown entry'],
    ['{"settings":{"login":"bob"}}', 'settings.login: unknown entry'],
    ['{"settings":{"screenPop":{"trigger":"off"}}}', 'settings.screenPop.trigger: unknown entry'],
    ['{"settings":{"serverUrl":"ftp://x"}}', 'settings.serverUrl: an http(s)://host:port URL'],
    ['{"settings":{"serverUrl":"javascript:alert(1)"}}', 'settings.serverUrl'],
    [
      '{"settings":{"screenPop":{"allowlist":["ok.example.com","bad host"]}}}',
      'settings.screenPop.allowlist.1',
    ],
    ['{"settings":{"screenPop":{"allowHttp":"yes"}}}', 'settings.screenPop.allowHttp'],
    ['{"settings":{"autoUpdate":0}}', 'settings.autoUpdate'],
    ['{"settings":{},"locked":["language"]}', 'locked.0'],
    ['{"settings":{"autoUpdate":false},"locked":["serverUrl"]}', 'serverUrl is locked but has no value'],
  ])('%s', (text, fragment) => {
    const result = parseAdminPolicy(text, '/etc/agent-desk/policy.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('/etc/agent-desk/policy.json');
    expect(result.error).toContain(fragment);
    expect(result.error).toContain('ignored');
  });

  it('refuses an oversized file before parsing it', () => {
    const result = parseAdminPolicy(' '.repeat(70_000) + '{}');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('larger than') });
  });
});

describe('applyPolicy and lockedIn', () => {
  const parsed = parseAdminPolicy(JSON.stringify(full));
  if (!parsed.ok) throw new Error(parsed.error);
  const policy = parsed.policy;

  it('lays the presets over the agent settings and keeps the rest', () => {
    const mine = {
      ...DEFAULT_SETTINGS,
      serverUrl: 'https://mine.example.com',
      login: 'bob',
      screenPop: {
        ...DEFAULT_SETTINGS.screenPop,
        trigger: 'answered' as const,
        allowlist: ['x.example.com'],
      },
    };
    const merged = applyPolicy(mine, policy);
    expect(merged.serverUrl).toBe('https://xuc.example.com:8443');
    expect(merged.autoUpdate).toBe(false);
    expect(merged.screenPop).toEqual({
      trigger: 'answered',
      allowlist: ['crm.example.com', '*.crm.example.com'],
      allowHttp: false,
    });
    expect(merged.login).toBe('bob');
  });

  it('names the locked settings a patch would change', () => {
    expect(lockedIn({ serverUrl: 'https://other.example.com', language: 'fr' }, policy)).toEqual([
      'serverUrl',
    ]);
    expect(lockedIn({ screenPop: { allowlist: [] } }, policy)).toEqual(['screenPop.allowlist']);
    // allowHttp was preset but not locked in this file.
    expect(lockedIn({ screenPop: { allowHttp: true, trigger: 'off' } }, policy)).toEqual([]);
    expect(lockedIn({ language: 'fr' }, NO_POLICY)).toEqual([]);
  });
});
