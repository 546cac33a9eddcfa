import { describe, expect, it } from 'vitest';
import { commands } from '../../../preload/contract';
import { parseTelLink, telDialPlan } from '../../../main/desk/tel-link';

describe('parseTelLink: links another application hands over', () => {
  it.each([
    ['tel:1002', '1002'],
    ['TEL:1002', '1002'],
    ['callto:1002', '1002'],
    ['callto://1002', '1002'],
    ['callto://1002/', '1002'],
    ['CallTo://+33 1 23 45 67 89', '+33123456789'],
    ['tel:+33-1-23-45-67-89', '+33123456789'],
    ['tel:+1 (555) 010.9999', '+15550109999'],
    ['tel:01%2023%2045%2067%2089', '0123456789'],
    ['tel:*31%23', '*31#'],
    ['tel:*31#0612345678', '*31#0612345678'],
    ['tel:%2B441234', '+441234'],
    ['  tel:1002  ', '1002'],
  ])('%j → %j', (raw, number) => {
    expect(parseTelLink(raw)).toEqual({ ok: true, number });
  });

  it('gives a number the bridge accepts as a destination', () => {
    const result = parseTelLink('tel:+' + '1'.repeat(31));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      commands['call:dialFromQueue'].request.safeParse({ destination: result.number, queueId: 1 }).success,
    ).toBe(true);
  });
});

describe('parseTelLink: hostile and malformed input is refused with a reason', () => {
  it.each([
    [undefined, 'empty'],
    [42, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['tel:', 'no-digits'],
    ['tel:+', 'no-digits'],
    ['tel:*#', 'no-digits'],
    ['javascript:alert(1)', 'scheme'],
    ['JaVaScRiPt:tel:1002', 'scheme'],
    ['sip:1002@example.com', 'scheme'],
    ['https://evil.example/tel:1002', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['1002', 'scheme'],
    ['tel:1-800-FLOWERS', 'invalid-characters'],
    ['tel:1002;ext=12', 'parameters'],
    ['tel:1002;phone-context=example.com', 'parameters'],
    ['callto:1002?call', 'parameters'],
    ['tel:1002%3Bext=1', 'encoding'],
    ['tel:1002%0A', 'encoding'],
    ['tel:1002%00', 'encoding'],
    ['tel:%252B1002', 'encoding'],
    ['tel:10%2', 'encoding'],
    ['tel:1002\n--inspect', 'control-characters'],
    ['tel:1002\u0000', 'control-characters'],
    ['tel:10\u202e02', 'control-characters'],
    ['tel:１００２', 'control-characters'],
    ['tel:١٠٠٢', 'control-characters'],
    ['tel:1002 & calc.exe', 'invalid-characters'],
    ['tel:1002"; rm -rf /', 'parameters'],
    ['tel:10+02', 'misplaced-plus'],
    ['tel:++1002', 'misplaced-plus'],
    ['tel://evil.example/1002', 'invalid-characters'],
    ['callto:user@host', 'invalid-characters'],
    ['tel:' + '1'.repeat(33), 'too-many-digits'],
    ['tel:+' + '1'.repeat(32), 'too-many-digits'],
    ['tel:' + '1 '.repeat(200), 'too-long'],
    ['tel:' + '%20'.repeat(100) + '1', 'too-long'],
  ])('%j → %s', (raw, reason) => {
    expect(parseTelLink(raw)).toEqual({ ok: false, reason });
  });

  it('accepts separators as long as the raw link stays within 256 characters', () => {
    const raw = 'tel:' + '1'.repeat(10) + ' '.repeat(242);
    expect(raw.length).toBe(256);
    expect(parseTelLink(raw)).toEqual({ ok: true, number: '1'.repeat(10) });
    expect(parseTelLink(raw + ' ')).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('telDialPlan: how a link is dialled', () => {
  const connected = { state: 'connected' };
  const admin = { profile: 'Admin' };
  it('dials from the agent’s first queue', () => {
    expect(telDialPlan({ connection: connected, user: admin, agent: { queues: [8, 3] } }, '1002')).toEqual({
      kind: 'dialFromQueue',
      destination: '1002',
      queueId: 8,
    });
    expect(
      telDialPlan({ connection: connected, user: { profile: 'Supervisor' }, agent: { queues: [2] } }, '1'),
    ).toMatchObject({
      kind: 'dialFromQueue',
    });
  });
  it('dials plainly without an agent, without queues, or with a NoRight profile', () => {
    const plain = { kind: 'dial', destination: '1002' };
    expect(telDialPlan({ connection: connected, user: admin, agent: null }, '1002')).toEqual(plain);
    expect(telDialPlan({ connection: connected, user: admin, agent: { queues: [] } }, '1002')).toEqual(plain);
    expect(
      telDialPlan({ connection: connected, user: { profile: 'NoRight' }, agent: { queues: [1] } }, '1002'),
    ).toEqual(plain);
  });
  it('refuses while not connected', () => {
    expect(
      telDialPlan({ connection: { state: 'reconnecting' }, user: admin, agent: { queues: [1] } }, '1002'),
    ).toEqual({ kind: 'refuse', reason: 'not-connected' });
  });
});
