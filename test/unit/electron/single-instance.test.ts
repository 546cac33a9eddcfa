import { describe, expect, it } from 'vitest';
import { parseTelLink } from '../../../main/desk/tel-link';
import {
  claimSingleInstance,
  hiddenFromArgv,
  linkFromArgv,
  type SingleInstanceApp,
} from '../../../main/electron/single-instance';

describe('linkFromArgv: the link a second launch hands over', () => {
  it.each([
    [['/opt/Agent Desk/agent-desk', 'tel:+33123456789'], 'tel:+33123456789'],
    [
      ['C:\\Program Files\\Agent Desk\\Agent Desk.exe', '--allow-file-access-from-files', 'callto://1002/'],
      'callto://1002/',
    ],
    [['/usr/bin/electron', '/app/dist/electron/main.cjs', 'TEL:1002'], 'TEL:1002'],
    [['agent-desk', '--hidden'], null],
    [['agent-desk', '--tel:1002'], null],
    [['agent-desk', 'https://evil.example/tel:1'], null],
    [['agent-desk', 'tel:' + '1'.repeat(3000)], null],
    [[], null],
  ])('%j → %j', (argv, expected) => {
    expect(linkFromArgv(argv)).toBe(expected);
  });

  it('takes the link as given; the parser decides whether it can be dialled', () => {
    const link = linkFromArgv(['agent-desk', 'tel:1002;ext=3']);
    expect(link).toBe('tel:1002;ext=3');
    expect(parseTelLink(link)).toEqual({ ok: false, reason: 'parameters' });
  });

  it('ignores what is not a list of strings', () => {
    expect(linkFromArgv('tel:1002' as never)).toBeNull();
    expect(linkFromArgv([42, { tel: 1 }, 'tel:1002'])).toBe('tel:1002');
  });

  it('knows a hidden start', () => {
    expect(hiddenFromArgv(['agent-desk', '--hidden'])).toBe(true);
    expect(hiddenFromArgv(['agent-desk'])).toBe(false);
  });
});

function fakeApp(lock: boolean) {
  const listeners = new Map<string, (...args: never[]) => void>();
  const app = {
    requestSingleInstanceLock: () => lock,
    on: (event: string, listener: (...args: never[]) => void) => void listeners.set(event, listener),
  } as unknown as SingleInstanceApp;
  return { app, listeners };
}

describe('claimSingleInstance', () => {
  it('a second instance does not get the lock and wires nothing (the caller quits)', () => {
    const { app, listeners } = fakeApp(false);
    expect(claimSingleInstance(app, { focus: () => {}, link: () => {} })).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('the first instance focuses its window and takes the link of every later launch', () => {
    const { app, listeners } = fakeApp(true);
    const calls: string[] = [];
    expect(
      claimSingleInstance(app, { focus: () => calls.push('focus'), link: (raw) => calls.push(raw) }),
    ).toBe(true);
    const second = listeners.get('second-instance') as (event: unknown, argv: string[]) => void;
    second({}, ['agent-desk', 'callto:0601020304']);
    second({}, ['agent-desk']);
    expect(calls).toEqual(['focus', 'callto:0601020304', 'focus']);
  });

  it('macOS links arrive through open-url', () => {
    const { app, listeners } = fakeApp(true);
    const links: string[] = [];
    claimSingleInstance(app, { focus: () => {}, link: (raw) => links.push(raw) });
    let prevented = false;
    const openUrl = listeners.get('open-url') as (event: { preventDefault(): void }, url: string) => void;
    openUrl({ preventDefault: () => (prevented = true) }, 'tel:1002');
    openUrl({ preventDefault: () => {} }, 'https://evil.example');
    expect(prevented).toBe(true);
    expect(links).toEqual(['tel:1002']);
  });
});
