/** The model's pure parts, without sockets: distribution, sheet templates, callback queries, the manual clock. */
import { describe, expect, it } from 'vitest';
import { queryCallbacks } from '../../../sim/model/callback-query';
import { pickAgent } from '../../../sim/model/distribution';
import type { CallbackRequestRecord } from '../../../sim/model/events';
import { ManualScheduler } from '../../../sim/model/scheduler';
import { buildSheet, fillTemplate } from '../../../sim/model/sheet';

describe('pickAgent', () => {
  const a = (agentId: number, penalty: number, idleSince: number) => ({ agentId, penalty, idleSince });

  it('takes the lowest penalty, then the longest idle, then the lowest id', () => {
    expect(pickAgent([a(1, 2, 0), a(2, 1, 500), a(3, 1, 100)], new Set())?.agentId).toBe(3);
    expect(pickAgent([a(5, 0, 100), a(4, 0, 100)], new Set())?.agentId).toBe(4);
    expect(pickAgent([], new Set())).toBeNull();
  });

  it('skips agents that let the call ring out, until all had their turn', () => {
    const all = [a(1, 0, 0), a(2, 0, 10), a(3, 5, 0)];
    expect(pickAgent(all, new Set([1]))?.agentId).toBe(2);
    expect(pickAgent(all, new Set([1, 2]))?.agentId).toBe(3);
    expect(pickAgent(all, new Set([1, 2, 3]))?.agentId).toBe(1);
  });
});

describe('sheet templates', () => {
  const call = {
    callId: '1.1',
    callerNumber: '+33 6 01',
    callerName: 'A&B <x>',
    folderNumber: '12/34',
    queueName: 'sales',
    variables: { product: 'tv?x=1' },
  };

  it('percent-encodes values placed in a url field, so call data cannot reshape the URL', () => {
    expect(
      fillTemplate(
        'https://crm.example.com/c?f={folderNumber}&n={callerName}&p={product}&u={unknown}',
        call,
        true,
      ),
    ).toBe('https://crm.example.com/c?f=12%2F34&n=A%26B%20%3Cx%3E&p=tv%3Fx%3D1&u=');
    expect(fillTemplate('{callerName} on {queueName}', call, false)).toBe('A&B <x> on sales');
  });

  it('adds the call facts after the queue fields, without duplicating a configured name', () => {
    const sheet = buildSheet(
      [
        { name: 'popupUrl', value: 'https://crm.example.com/?f={folderNumber}', order: 10, type: 'url' },
        { name: 'folderNumber', value: 'F-{folderNumber}', order: 20, type: 'text' },
      ],
      call,
    );
    expect(sheet.map((f) => [f.name, f.value])).toEqual([
      ['popupUrl', 'https://crm.example.com/?f=12%2F34'],
      ['folderNumber', 'F-12/34'],
      ['callerNumber', '+33 6 01'],
      ['callerName', 'A&B <x>'],
      ['queueName', 'sales'],
      ['USR_product', 'tv?x=1'],
    ]);
  });
});

describe('queryCallbacks', () => {
  const req = (
    uuid: string,
    lastName: string | null,
    dueDate: string,
    agentId: number | null,
  ): CallbackRequestRecord => ({
    uuid,
    listUuid: 'l',
    phoneNumber: '01',
    mobilePhoneNumber: null,
    firstName: null,
    lastName,
    company: null,
    description: null,
    agentId,
    dueDate,
    preferredPeriod: null,
    voiceMessageRef: null,
  });
  const all = [
    req('a', 'Martin', '2026-01-10', null),
    req('b', 'martinez', '2026-01-12', 7),
    req('c', null, '2026-01-11', 12),
  ];
  const run = (filters: Parameters<typeof queryCallbacks>[1], offset = 0, limit = 10) => {
    const result = queryCallbacks(all, filters, offset, limit);
    if (!result.ok) throw new Error(result.error.message);
    return result.value.list.map((r) => r.uuid);
  };

  it('supports =, <, <=, >, >=, Like (case-sensitive), ilike, is null, is not null', () => {
    expect(run([{ field: 'dueDate', operator: '=', value: '2026-01-11' }])).toEqual(['c']);
    expect(run([{ field: 'dueDate', operator: '<', value: '2026-01-11' }])).toEqual(['a']);
    expect(run([{ field: 'dueDate', operator: '<=', value: '2026-01-11' }])).toEqual(['a', 'c']);
    expect(run([{ field: 'dueDate', operator: '>', value: '2026-01-11' }])).toEqual(['b']);
    expect(run([{ field: 'dueDate', operator: '>=', value: '2026-01-11' }])).toEqual(['b', 'c']);
    expect(run([{ field: 'lastName', operator: 'Like', value: 'Mart%' }])).toEqual(['a']);
    expect(run([{ field: 'lastName', operator: 'ilike', value: 'mart%' }])).toEqual(['a', 'b']);
    expect(run([{ field: 'lastName', operator: 'ilike', value: 'martin_z' }])).toEqual(['b']);
    expect(run([{ field: 'agentId', operator: 'is null' }])).toEqual(['a']);
    expect(run([{ field: 'agentId', operator: 'is not null' }])).toEqual(['b', 'c']);
    expect(run([{ field: 'agentId', operator: '<', value: '10' }])).toEqual(['b']); // numeric, not text
  });

  it('sorts, pages and counts all matches', () => {
    expect(run([{ field: 'dueDate', order: 'DESC' }])).toEqual(['b', 'c', 'a']);
    const page = queryCallbacks(all, [{ field: 'dueDate', order: 'ASC' }], 1, 1);
    expect(page.ok && page.value).toEqual({ list: [all[2]], total: 3 });
  });

  it('refuses unknown fields and operators', () => {
    expect(queryCallbacks(all, [{ field: 'secret', operator: '=', value: 'x' }], 0, 1)).toMatchObject({
      ok: false,
      error: { code: 'InvalidFilter' },
    });
    expect(queryCallbacks(all, [{ field: 'lastName', operator: '~', value: 'x' }], 0, 1)).toMatchObject({
      ok: false,
    });
    expect(queryCallbacks(all, [{ field: 'lastName', operator: '=' }], 0, 1)).toMatchObject({ ok: false });
  });
});

describe('ManualScheduler', () => {
  it('fires due timers in time order, including timers set while advancing, and not the others', () => {
    const clock = new ManualScheduler(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 300);
    clock.setTimeout(() => {
      fired.push('a@100');
      clock.setTimeout(() => fired.push('c@150'), 50);
    }, 100);
    const late = clock.setTimeout(() => fired.push('never'), 250);
    clock.clearTimeout(late);
    clock.setTimeout(() => fired.push('d@500'), 500);
    clock.advance(300);
    expect(fired).toEqual(['a@100', 'c@150', 'b@300']);
    expect(clock.now()).toBe(1300);
    expect(clock.pending).toBe(1);
  });
});
