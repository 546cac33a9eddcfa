import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { describe, expect, it } from 'vitest';
import { buildDiagnostics, configureLog } from '../../../main/electron/logging';
import { REDACTED, redactText, redactValue } from '../../../main/electron/redact';

describe('redactText', () => {
  it.each([
    [
      'wss://xuc.example.com/xuc/api/2.0/cti?token=eyJhbGciOi.payload.sig',
      'wss://xuc.example.com/xuc/api/2.0/cti?token=[redacted]',
    ],
    [
      'https://crm.example.com/c?folder=1&xuc-token=abc123&x=2',
      'https://crm.example.com/c?folder=1&xuc-token=[redacted]&x=2',
    ],
    ['GET /auth?login=bob&password=hunter2 HTTP/1.1', 'GET /auth?login=bob&password=[redacted] HTTP/1.1'],
    ['access_token=abc.def; path=/', 'access_token=[redacted]; path=/'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'Authorization: [redacted]'],
    ['sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc to the server', 'sent Bearer [redacted] to the server'],
    ['X-Auth-Token: 5f2c-77', 'X-Auth-Token: [redacted]'],
    [
      '{"login":"bob","password":"hunter2","token":"t-1"}',
      '{"login":"bob","password":"[redacted]","token":"[redacted]"}',
    ],
    ['https://bob:hunter2@xuc.example.com/', 'https://bob:[redacted]@xuc.example.com/'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'AgentReady for agent 19 on 1000, queue 8; screen pop opened on crm.example.com';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts secret keys at any depth, and secret-looking text in other values', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular['self'] = circular;
    expect(
      redactValue({
        login: 'bob',
        password: 'hunter2',
        rememberPassword: true,
        nested: { authToken: 'abc', list: [{ secret: 's' }, 'url?token=zzz'] },
        apiKey: 42,
        circular,
      }),
    ).toEqual({
      login: 'bob',
      password: REDACTED,
      rememberPassword: true,
      nested: { authToken: REDACTED, list: [{ secret: REDACTED }, 'url?token=[redacted]'] },
      apiKey: REDACTED,
      circular: { name: 'loop', self: '[circular]' },
    });
  });

  it('turns errors into plain, redacted data', () => {
    const value = redactValue(new Error('connect failed: wss://x/cti?token=abc')) as {
      message: string;
      stack: string;
    };
    expect(value.message).toBe('connect failed: wss://x/cti?token=[redacted]');
    expect(value.stack).not.toContain('token=abc');
  });
});

function logger(maxSize = 1024 * 1024) {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-logs-'));
  const instance = log.create({ logId: `test-${Math.random()}` });
  const host = configureLog(instance, { dir, maxSize, fileLevel: 'debug', consoleLevel: false });
  return { dir, host, instance };
}

describe('the log file', () => {
  it('goes through the redaction hook, whoever logs', () => {
    const { host, instance } = logger();
    host.info('signed in', { login: 'bob', password: 'hunter2' });
    host.warn('socket closed wss://x/cti?token=abc123');
    // A library logging straight through electron-log (as electron-updater does) is redacted too.
    instance.error('auth reply', { token: 'tok-999' });
    const text = readFileSync(host.file, 'utf8');
    expect(text).toContain('signed in');
    expect(text).toContain('bob');
    for (const secret of ['hunter2', 'abc123', 'tok-999']) expect(text).not.toContain(secret);
  });

  it('rotates past its maximum size into main.old.log', () => {
    const { host, dir } = logger(2_000);
    for (let i = 0; i < 60; i += 1) host.info(`line ${i} ${'x'.repeat(60)}`);
    expect(existsSync(join(dir, 'main.old.log'))).toBe(true);
    expect(readFileSync(host.file, 'utf8').length).toBeLessThan(2_500);
  });

  it('readRecent returns the end of the log, older file first, bounded', async () => {
    const { host } = logger(2_000);
    for (let i = 0; i < 60; i += 1) host.info(`line ${i} ${'x'.repeat(60)}`);
    const recent = await host.readRecent(1_000);
    expect(recent.length).toBe(1_000);
    expect(recent).toContain('line 59');
    expect(recent).not.toContain('line 1 ');
  });
});

describe('export diagnostics', () => {
  it('puts the desk summary, the host and the log together, redacted as a whole', () => {
    const text = buildDiagnostics({
      desk: 'Agent Desk diagnostics\nserver: https://bob:pw1@xuc.example.com\n',
      about: { app: '0.1.0', authorization: 'Basic Ym9iOnB3', platform: 'linux' },
      log: '[info] connecting wss://x/cti?token=abc123\n',
    });
    expect(text).toContain('Agent Desk diagnostics');
    expect(text).toContain('## Host');
    expect(text).toContain('"platform": "linux"');
    expect(text).toContain('## Recent log');
    expect(text).toContain('connecting wss://x/cti?token=[redacted]');
    for (const secret of ['pw1', 'Ym9iOnB3', 'abc123']) expect(text).not.toContain(secret);
  });
});
