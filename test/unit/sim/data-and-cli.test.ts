import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSimDataFile, parseSimData, SimDataError } from '../../../sim/data/load';
import { defaultData } from '../../../sim/data/default';
import { startPracticeServer } from '../../../sim/index';
import { cli, CtiClient, testData } from './support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function refusal(mutate: (data: ReturnType<typeof testData>) => void): string {
  const data = testData();
  mutate(data);
  try {
    parseSimData(data, 'data');
  } catch (error) {
    expect(error).toBeInstanceOf(SimDataError);
    return (error as Error).message;
  }
  throw new Error('the data was accepted');
}

describe('data validation', () => {
  it('accepts the default data: ≥3 queues, 2 groups, 8 agents, every profile, 2 callback lists of a dozen', () => {
    const data = parseSimData(defaultData);
    expect(data.queues.length).toBeGreaterThanOrEqual(3);
    expect(data.groups).toHaveLength(2);
    expect(data.agents).toHaveLength(8);
    expect(data.lines.length).toBeGreaterThanOrEqual(8);
    const profiles = data.users.map((u) => u.profile?.type ?? 'none');
    expect(new Set(profiles)).toEqual(new Set(['Admin', 'Supervisor', 'NoRight', 'none']));
    const supervisor = data.users.find((u) => u.profile?.type === 'Supervisor')!.profile!;
    expect(supervisor.type === 'Supervisor' && supervisor.queueIds.length).toBeLessThan(data.queues.length);
    expect(data.callbackLists).toHaveLength(2);
    expect(data.callbackLists.flatMap((l) => l.requests).length).toBeGreaterThanOrEqual(12);
    expect(data.periods.length).toBeGreaterThanOrEqual(2);
    for (const queue of data.queues) {
      expect(queue.sheetFields.find((f) => f.name === 'popupUrl')?.value).toMatch(
        /^https:\/\/[a-z.]+\.example\.(com|org)\//,
      );
    }
    const actions = data.userStatuses.flatMap((s) => s.actions.map((a) => a.name));
    expect(actions).toEqual(expect.arrayContaining(['queuepause_all', 'queueunpause_all']));
  });

  it('names the bad entry by its path', () => {
    expect(refusal((d) => (d.users[3]!.agentId = 99))).toMatch(
      /users\[3\]\.agentId: agent 99 does not exist/,
    );
    expect(refusal((d) => (d.memberships![0]!.queueId = 42))).toMatch(
      /memberships\[0\]\.queueId: queue 42 does not exist/,
    );
    expect(refusal((d) => (d.agents[2]!.id = 11))).toMatch(/agents\[2\]\.id: duplicate id 11/);
    expect(refusal((d) => (d.lines[0]!.number = 'one'))).toMatch(/lines\[0\]\.number: digits/);
    expect(
      refusal((d) => {
        const sup = d.users[1]!.profile as { queueIds: number[] };
        sup.queueIds.push(7);
      }),
    ).toMatch(/users\[1\]\.profile\.queueIds\[2\]: queue 7 does not exist/);
    expect(refusal((d) => (d.callbackLists![1]!.requests![0]!.periodUuid = 'p-x'))).toMatch(
      /callbackLists\[1\]\.requests\[0\]\.periodUuid: period p-x does not exist/,
    );
    expect(refusal((d) => (d.queues[0]!.ringTimeoutSeconds = 0))).toMatch(/queues\[0\]\.ringTimeoutSeconds/);
    expect(refusal((d) => delete (d as Record<string, unknown>).queues)).toMatch(/^ {2}queues: /m);
  });

  it('refuses a data file that is not JSON or cannot be read, naming the file', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"queues": [');
    await expect(loadSimDataFile(file)).rejects.toThrow(/data file .*broken\.json is not valid JSON/);
    await expect(loadSimDataFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read data file/);
  });

  it('starts on a valid data file and refuses an invalid one', async () => {
    const good = join(dir, 'good.json');
    const data = testData();
    data.users[0]!.login = 'boss';
    await writeFile(good, JSON.stringify(data));
    const sim = await startPracticeServer({ port: 0, dataFile: good });
    try {
      await CtiClient.connect(sim.baseUrl, 'boss');
    } finally {
      await sim.close();
    }
    const bad = join(dir, 'bad.json');
    data.agents[0]!.groupId = 5;
    await writeFile(bad, JSON.stringify(data));
    await expect(startPracticeServer({ port: 0, dataFile: bad })).rejects.toThrow(
      /agents\[0\]\.groupId: group 5 does not exist/,
    );
  });
});

describe('startPracticeServer', () => {
  it('rejects when the port is taken, and the first server keeps serving', async () => {
    const first = await startPracticeServer({ port: 0 });
    try {
      await expect(startPracticeServer({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
      await CtiClient.connect(first.baseUrl, 'alice');
    } finally {
      await first.close();
    }
  });
});

describe('CLI', () => {
  it('prints the listening line with the real port for --port 0, serves, and stops cleanly on SIGTERM', async () => {
    const run = cli(['--port', '0', '--token-ttl', '60']);
    await expect.poll(run.out, { timeout: 10_000 }).toMatch(/\n$/);
    const match = /^xuc-compatible practice server listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(
      run.out(),
    );
    expect(match, run.out() + run.err()).not.toBeNull();
    const baseUrl = match![1]!;
    expect(Number(match![2])).toBeGreaterThan(0);
    const login = await fetch(`${baseUrl}/xuc/api/2.0/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'alice', password: 'practice' }),
    });
    expect(((await login.json()) as { TTL: number }).TTL).toBe(60);
    const client = await CtiClient.connect(baseUrl, 'alice');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    await expect.poll(() => client.closed).toBe(true);
  }, 20_000);

  it('refuses an invalid data file at start with a message naming the bad entry', async () => {
    const bad = join(dir, 'cli-bad.json');
    const data = testData();
    data.users[4]!.lineNumber = '5555';
    await writeFile(bad, JSON.stringify(data));
    const run = cli(['--port', '0', '--data', bad]);
    expect(await run.exit).toBe(2);
    expect(run.err()).toMatch(/users\[4\]\.lineNumber: line 5555 does not exist/);
    expect(run.out()).toBe('');
  }, 20_000);

  it('refuses an unknown scenario and bad options', async () => {
    const scenario = cli(['--scenario', 'chaos']);
    expect(await scenario.exit).toBe(2);
    expect(scenario.err()).toMatch(/unknown scenario chaos; known: steady, rush/);
    const port = cli(['--port', 'eighty']);
    expect(await port.exit).toBe(2);
    expect(port.err()).toMatch(/--port must be an integer/);
    const cors = cli(['--cors-origin', 'crm.example.com/path']);
    expect(await cors.exit).toBe(2);
    expect(cors.err()).toMatch(/--cors-origin: CORS origin "crm.example.com\/path"/);
  }, 20_000);
});
