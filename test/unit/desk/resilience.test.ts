/**
 * What happens when the link or the server goes away: the practice server killed mid-call and
 * restarted, and a ticket update typed while offline that must survive a restart of the core.
 * Real server, real sockets, real JSON files in a temp dir.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XucClient } from '../../../xuc/client';
import { nodeSocketFactory } from '../../../xuc/transport-node';
import { createJsonFileStore } from '../../../main/files/json-file-store';
import { control, deskFor, simState, startSim } from './sim-helpers';
import { MemorySecrets } from './support';
import { startProxy, type TcpProxy } from './tcp-proxy';

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The outbox on disk, as both hosts keep it. */
const jsonFile = (file: string) => createJsonFileStore({ file, now: Date.now, logger: { warn: () => {} } });

function track<T extends { stop(): Promise<void> } | { close(): Promise<void> | void }>(thing: T): T {
  cleanup.push(() => ('stop' in thing ? thing.stop() : thing.close()));
  return thing;
}

describe('the computer woke up', () => {
  it('drops the link that looks open, reconnects at once without a "lost" alert, and catches up', async () => {
    const { sim } = await startSim();
    cleanup.push(() => sim.close());
    const proxy = await startProxy(sim.port);
    cleanup.push(() => proxy.close());
    const { desk, ports } = deskFor();
    track(desk);
    await desk.start();
    const signIn = await desk.invoke('session:signIn', {
      serverUrl: proxy.baseUrl,
      login: 'alice',
      password: 'practice',
      phoneNumber: '1001',
      rememberPassword: false,
    });
    expect(signIn.ok).toBe(true);
    const s = () => desk.store.snapshot;
    await expect.poll(() => s().agent?.state, { message: 'ready' }).toBe('AgentReady');

    // Asleep: the socket stays open but carries nothing, and a call rings meanwhile.
    proxy.freeze();
    await control(sim, 'POST', '/sim/calls', { queueId: 1, callerNumber: '0622', callerName: 'Yann' });
    // The server has sent the ringing state into the frozen link: the moment has passed, and the
    // desk, which saw nothing of it, must still say Ready and connected.
    await vi.waitFor(() => expect(proxy.held()).toContain('AgentRinging'));
    expect(s().agent?.state).toBe('AgentReady');
    expect(s().connection.state).toBe('connected');

    await desk.systemWoke();

    await expect
      .poll(() => s().agent?.state, { message: 'the missed ringing state after wake' })
      .toBe('AgentRinging');
    expect(s().connection.state).toBe('connected');
    expect(ports.notifier.of('connection-lost')).toEqual([]);
    expect(ports.notifier.of('connection-restored')).toEqual([]);
  });
});

describe('server killed mid-call and restarted', () => {
  it('reconnects, and the store matches the server again', async () => {
    let { sim } = await startSim();
    const port = sim.port;
    cleanup.push(() => sim.close());
    const { desk, ports } = deskFor();
    track(desk);
    await desk.start();
    // hugo has no profile: he sees like an Admin, so every agent can be compared.
    const signIn = await desk.invoke('session:signIn', {
      serverUrl: sim.baseUrl,
      login: 'hugo',
      password: 'practice',
      phoneNumber: '1008',
      rememberPassword: false,
    });
    expect(signIn.ok).toBe(true);
    const s = () => desk.store.snapshot;
    await expect
      .poll(() => s().agent?.state === 'AgentReady' && Object.keys(s().agents).length === 8, {
        message: 'ready',
      })
      .toBe(true);

    const placed = await control(sim, 'POST', '/sim/calls', {
      queueId: 3,
      callerNumber: '0611',
      callerName: 'Zoé',
    });
    await expect.poll(() => s().call?.phase, { message: 'ringing' }).toBe('ringing');
    await control(sim, 'POST', `/sim/calls/${placed.callId as string}/answer`);
    await expect.poll(() => s().call?.phase, { message: 'on call' }).toBe('on-call');

    await sim.close();
    await expect
      .poll(() => ports.notifier.of('connection-lost'), { message: 'connection lost' })
      .toHaveLength(1);
    expect(['reconnecting', 'connecting']).toContain(s().connection.state);
    expect(s().tray.icon).toBe('offline');

    ({ sim } = await startSim({ port }));
    await expect
      .poll(() => s().connection.state, { message: 'reconnected', timeout: 8000 })
      .toBe('connected');
    await expect
      .poll(() => ports.notifier.of('connection-restored'), { message: 'restored notification' })
      .toHaveLength(1);

    // The restarted server forgot the call and the logins: the desk must say the same.
    const server = await simState(sim);
    await expect
      .poll(
        () =>
          server.agents.every((a) => s().agents[String(a.id)]?.state === a.state) &&
          s().agent?.state === server.agents.find((a) => a.id === 18)!.state &&
          s().call === null,
        { message: 'store matching GET /sim/state' },
      )
      .toBe(true);
    expect(s().call).toBeNull();
    for (const list of server.callbackLists) {
      expect(s().callbackLists[list.uuid]!.requests.map((r) => r.uuid)).toEqual(
        list.requests.map((r) => r.uuid),
      );
    }
    expect(s().tray.icon).toBe('logged-out');
  });
});

describe('a ticket update made offline', () => {
  it('survives a restart of the core and is delivered once', async () => {
    const { sim } = await startSim();
    cleanup.push(() => sim.close());
    const proxy: TcpProxy = await startProxy(sim.port);
    cleanup.push(() => proxy.close());
    const dir = await mkdtemp(join(tmpdir(), 'desk-outbox-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const outboxFile = join(dir, 'outbox.json');
    const secrets = new MemorySecrets();

    // Someone else watches the list, to count what the server confirms.
    const watcher = new XucClient({
      baseUrl: sim.baseUrl,
      login: 'admin',
      password: 'practice',
      socketFactory: nodeSocketFactory(),
    });
    cleanup.push(() => watcher.close());
    const closedFor = new Map<string, number>();
    watcher.on('CallbackClotured', (p) => closedFor.set(p.uuid, (closedFor.get(p.uuid) ?? 0) + 1));
    await watcher.connect();
    watcher.getCallbackLists();

    // First run: take a callback, lose the network, close the ticket anyway.
    const first = deskFor({ outbox: jsonFile(outboxFile), secrets });
    track(first.desk);
    await first.desk.start();
    const signIn = {
      serverUrl: proxy.baseUrl,
      login: 'alice',
      password: 'practice',
      phoneNumber: '1001',
      rememberPassword: false,
    };
    expect((await first.desk.invoke('session:signIn', signIn)).ok).toBe(true);
    const s1 = () => first.desk.store.snapshot;
    await expect.poll(() => Object.keys(s1().callbackLists).length, { message: 'lists' }).toBeGreaterThan(0);
    const request = Object.values(s1().callbackLists)[0]!.requests.find((r) => r.agentId === null)!;
    expect((await first.desk.invoke('callback:take', { uuid: request.uuid })).ok).toBe(true);

    proxy.cut();
    await expect.poll(() => s1().connection.state, { message: 'link down' }).not.toBe('connected');
    const queued = await first.desk.invoke('callback:updateTicket', {
      uuid: request.uuid,
      status: 'NoAnswer',
      comment: 'Voicemail, left a message',
    });
    expect(queued).toEqual({ ok: true, value: { delivery: 'queued' } });
    // On disk before "queued" was reported, and shown to the agent.
    const onDisk = JSON.parse(await readFile(outboxFile, 'utf8'));
    expect(onDisk.entries).toMatchObject([{ uuid: request.uuid, comment: 'Voicemail, left a message' }]);
    expect(s1().outbox).toMatchObject([{ uuid: request.uuid, status: 'NoAnswer' }]);
    await first.desk.stop(); // the app is closed while offline

    // Second run: a new core reads the outbox, signs in, sends it once.
    proxy.restore();
    const second = deskFor({ outbox: jsonFile(outboxFile), secrets });
    track(second.desk);
    await second.desk.start();
    const s2 = () => second.desk.store.snapshot;
    expect(s2().outbox).toMatchObject([{ uuid: request.uuid, comment: 'Voicemail, left a message' }]);
    expect((await second.desk.invoke('session:signIn', signIn)).ok).toBe(true);
    await expect.poll(() => s2().outbox, { message: 'outbox delivered' }).toHaveLength(0);
    expect(JSON.parse(await readFile(outboxFile, 'utf8')).entries).toEqual([]);
    await expect.poll(() => closedFor.get(request.uuid), { message: 'the server closed it' }).toBe(1);
    const server = await simState(sim);
    expect(server.callbackLists.flatMap((l) => l.requests).some((r) => r.uuid === request.uuid)).toBe(false);

    // A later retry has nothing left to send: still delivered once.
    expect((await second.desk.invoke('session:retryNow', {})).ok).toBe(true);
    await control(sim, 'GET', '/sim/state'); // a round trip to the server after the retry
    expect(closedFor.get(request.uuid)).toBe(1);
  });
});
