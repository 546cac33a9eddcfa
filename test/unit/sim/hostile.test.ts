/**
 * No single client frame may stall the server for the other clients (issue 9 §4). Over real sockets:
 * a bystander's ping round trip, sent right behind each hostile frame, stays within a budget
 * measured against the idle round trip of the same run. The hostile side is a bare socket that
 * only counts its answers, so decoding them in this process does not blur the measure.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ctiUrl, CtiClient, postJson, restLogin, startSim } from './support';

/** k: how many idle round trips one frame may cost; the floor absorbs a shared CPU's scheduling noise. */
const K = 50;
const FLOOR_MS = 50;

async function roundTrip(client: CtiClient): Promise<number> {
  client.mark();
  const start = performance.now();
  client.send({ claz: 'ping' });
  await client.waitFor('Pong');
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const find = (operator: string, value: string) => ({
  claz: 'web',
  command: 'findCallbackRequest',
  id: 1,
  request: { filters: [{ field: 'description', operator, value }] },
});

const LONG = 'a'.repeat(4000);

const HOSTILE_FRAMES: Array<[string, unknown]> = [
  ['Like %a%a%a%Z over long descriptions', find('Like', '%a%a%a%a%a%a%a%a%a%a%a%a%Z')],
  ['ilike with 128 segments', find('ilike', '%a'.repeat(127) + '%Z')],
  ['Like with long _ segments', find('Like', `%${'_'.repeat(120)}b%${'a_'.repeat(60)}%`)],
  ['a Like pattern over the cap', find('Like', '%a'.repeat(2000))],
  [
    '20 filters of 256 characters each',
    {
      claz: 'web',
      command: 'findCallbackRequest',
      id: 1,
      request: {
        filters: Array.from({ length: 20 }, () => ({
          field: 'description',
          operator: 'ilike',
          value: '%a'.repeat(127) + '%_',
        })),
      },
    },
  ],
  [
    'a rescheduling comment over the cap',
    { claz: 'web', command: 'updateCallbackTicket', uuid: 'x', status: 'Callback', comment: LONG + 'a' },
  ],
  [
    'dial with 50 variables of 1,000 characters',
    {
      claz: 'web',
      command: 'dial',
      destination: '0601020304',
      variables: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`v${i}`, 'x'.repeat(1000)])),
    },
  ],
  [
    'subscribeToPhoneHints with 200 numbers',
    {
      claz: 'web',
      command: 'subscribeToPhoneHints',
      phoneNumbers: Array.from({ length: 200 }, (_, i) => String(10_000 + i)),
    },
  ],
  ['a deeply nested frame', '['.repeat(30_000) + ']'.repeat(30_000)],
];

describe('one hostile frame', () => {
  it('does not stall other clients: each costs at most k idle round trips', async () => {
    const { baseUrl } = await startSim();
    for (let i = 0; i < 3; i++) {
      const added = await postJson(baseUrl, '/sim/callbacks', {
        listUuid: 'c0ffee00-0000-4000-8000-000000000001',
        phoneNumber: '0601020304',
        firstName: LONG.slice(0, 100),
        description: LONG,
      });
      expect(added.status).toBe(201);
    }
    const hostile = new WebSocket(ctiUrl(baseUrl, await restLogin(baseUrl, 'admin')));
    let answers = 0;
    hostile.on('message', () => (answers += 1));
    await new Promise((resolve) => hostile.once('open', resolve));
    const bystander = await CtiClient.connect(baseUrl, 'alice');

    for (let i = 0; i < 10; i++) await roundTrip(bystander); // warm up
    const idleTrips: number[] = [];
    for (let i = 0; i < 31; i++) idleTrips.push(await roundTrip(bystander));
    const idle = median(idleTrips);
    const budget = Math.max(K * idle, FLOOR_MS);

    try {
      for (const [label, frame] of HOSTILE_FRAMES) {
        let best = Infinity;
        // The best of five: one slow round (a GC pause, another process on the CPU) is not a stall.
        for (let attempt = 0; attempt < 5; attempt++) {
          bystander.mark();
          const before = answers;
          const start = performance.now();
          hostile.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
          bystander.send({ claz: 'ping' });
          await bystander.waitFor('Pong');
          best = Math.min(best, performance.now() - start);
          // The hostile frame was served (a reply or an Error), not dropped.
          await expect.poll(() => answers, { timeout: 3000 }).toBeGreaterThan(before);
        }
        const report = `${label}: ${best.toFixed(1)} ms, idle ${idle.toFixed(2)} ms, budget ${budget.toFixed(1)} ms`;
        expect(best, report).toBeLessThanOrEqual(budget);
      }
    } finally {
      hostile.terminate();
    }
  });
});
