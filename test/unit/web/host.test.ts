/**
 * The browser host over real HTTP and WebSocket on 127.0.0.1: the one-time token, the session
 * cookie, Host/Origin checks, the bridge protocol (malformed messages answered, connection kept),
 * and the page-side bridge client against it, down to a screen pop reaching `window.open`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DeskSnapshot } from '../../../preload/contract';
import { startWebHost, type WebHost } from '../../../main/web/server';
import {
  createBridgeClient,
  type BridgeClient,
  type SocketLike,
} from '../../../main/web/public/bridge-client';
import type { HostMessage } from '../../../main/web/protocol';
import { applyPatch } from '../../../shared/patch';
import { RecordingNotifier } from '../desk/support';
import { startProxy } from '../desk/tcp-proxy';

let host: WebHost;
let dataDir: string;
let notifier: RecordingNotifier;
const sockets: WebSocket[] = [];
const clients: BridgeClient[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'desk-web-'));
  notifier = new RecordingNotifier();
  host = await startWebHost({ dataDir, assets: { renderer: 'minimal' }, notifier, autoSignIn: false });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const ws of sockets.splice(0)) ws.terminate();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}${path}`, { headers, redirect: 'manual' });

/** Spends the token the way a browser does and returns the session cookie. */
async function session(): Promise<string> {
  const response = await get(new URL(host.url).pathname + new URL(host.url).search);
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')!;
  return cookie.split(';')[0]!;
}

function openSocket(
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; messages: HostMessage[]; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, { headers });
    sockets.push(ws);
    // Listening from the start: the snapshot may come in the same packet as the handshake.
    const messages: HostMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as HostMessage));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, messages, status: res.statusCode }));
    ws.once('error', () => resolve({ ws, messages, status: -1 }));
  });
}

describe('web host: access', () => {
  it('refuses everything without the token or its session', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/bridge-client.js')).status).toBe(403);
    expect((await get('/?token=not-the-token')).status).toBe(403);
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie', async () => {
    const first = await get(new URL(host.url).pathname + new URL(host.url).search);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toMatch(
      /^agentdesk_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\//,
    );
    const again = await get(new URL(host.url).pathname + new URL(host.url).search);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('serves the page with a strict CSP and the bridge script before any other script', async () => {
    const cookie = await session();
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html.indexOf('bridge-client.js')).toBeGreaterThan(0);
    expect(html.indexOf('bridge-client.js')).toBeLessThan(html.indexOf('minimal.js'));
    expect((await get('/bridge-client.js', { cookie })).status).toBe(200);
    expect((await get('/nothing-here', { cookie })).status).toBe(404);
  });

  it('refuses a request with another Host (DNS rebinding) even with the cookie', async () => {
    const cookie = await session();
    const response = await new Promise<number>((resolve) => {
      // fetch cannot forge Host; a raw request can.
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/',
            headers: { host: `evil.example:${host.port}`, cookie },
          },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.end();
      });
    });
    expect(response).toBe(403);
  });

  it('opens the bridge socket only with the session cookie and the page origin', async () => {
    const cookie = await session();
    expect((await openSocket({ origin: host.origin })).status).toBe(403);
    expect((await openSocket({ origin: 'http://evil.example', cookie })).status).toBe(403);
    expect((await openSocket({ origin: `http://localhost:${host.port}`, cookie })).status).toBe(403);
    const ok = await openSocket({ origin: host.origin, cookie });
    expect(ok.status).toBeUndefined();
  });
});

describe('web host: bridge protocol', () => {
  it('sends the snapshot first, answers malformed messages with invalid-request, and keeps the connection', async () => {
    const cookie = await session();
    const { ws, messages } = await openSocket({ origin: host.origin, cookie });
    await expect.poll(() => messages.length, { message: 'snapshot' }).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({
      event: 'desk:snapshot',
      payload: { connection: { state: 'signed-out' } },
    });

    const settingsBefore = host.desk.store.snapshot.settings;
    ws.send('this is not json');
    ws.send(JSON.stringify([1, 2]));
    ws.send(JSON.stringify({ command: 'desk:getSnapshot' }));
    ws.send(JSON.stringify({ id: 4, command: 'no:such-command', request: {} }));
    ws.send(
      JSON.stringify({ id: 5, command: 'settings:update', request: { theme: 'neon', language: 'fr' } }),
    );
    ws.send(JSON.stringify({ id: 6, command: 'agent:pause', request: { reason: 42 } }));
    ws.send(Buffer.from([0xff, 0x00]), { binary: true });
    ws.send(JSON.stringify({ id: 'after', command: 'desk:getSnapshot', request: {} }));

    await expect
      .poll(() => messages.some((m) => 'id' in m && m.id === 'after'), {
        message: 'answer after the bad ones',
      })
      .toBeTruthy();
    const answers = messages.filter((m): m is Extract<HostMessage, { result: unknown }> => 'result' in m);
    // Answers to invalid messages may overtake each other; compare them as a set.
    const byId = (a: [unknown, string], b: [unknown, string]) => String(a[0]).localeCompare(String(b[0]));
    const got = answers.map((m): [unknown, string] => [m.id, m.result.ok ? 'ok' : m.result.error.code]);
    expect(got.sort(byId)).toEqual(
      (
        [
          [null, 'invalid-request'],
          [null, 'invalid-request'],
          [null, 'invalid-request'],
          [4, 'invalid-request'],
          [5, 'invalid-request'],
          [6, 'invalid-request'],
          [null, 'invalid-request'],
          ['after', 'ok'],
        ] as Array<[unknown, string]>
      ).sort(byId),
    );
    // Nothing changed: not the settings, not the file.
    expect(host.desk.store.snapshot.settings).toEqual(settingsBefore);
    await expect(readFile(join(dataDir, 'settings.json'), 'utf8')).rejects.toThrow();
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('applies a valid settings update and writes it to the data dir', async () => {
    const cookie = await session();
    const { ws, messages } = await openSocket({ origin: host.origin, cookie });
    ws.send(JSON.stringify({ id: 1, command: 'settings:update', request: { language: 'fr' } }));
    await expect
      .poll(() => messages.some((m) => 'id' in m && m.id === 1), { message: 'answer' })
      .toBeTruthy();
    expect(messages.find((m) => 'id' in m && m.id === 1)).toMatchObject({
      result: { ok: true, value: { language: 'fr' } },
    });
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      language: 'fr',
    });
    await expect
      .poll(
        () =>
          messages.some(
            (m) => 'event' in m && m.event === 'desk:patch' && JSON.stringify(m.payload).includes('"fr"'),
          ),
        { message: 'settings patch' },
      )
      .toBeTruthy();
  });
});

describe('web host: the page-side bridge client', () => {
  async function bridge(opened: Array<{ url: string; multiTab: boolean }> = []): Promise<BridgeClient> {
    const cookie = await session();
    const client = createBridgeClient({
      url: `ws://127.0.0.1:${host.port}/bridge`,
      createSocket: (url) =>
        new WebSocket(url, { headers: { origin: host.origin, cookie } }) as unknown as SocketLike,
      openUrl: (url, multiTab) => opened.push({ url, multiTab }),
      focus: () => {},
      setTimeout: (fn, ms) => setTimeout(fn, ms),
    });
    clients.push(client);
    return client;
  }

  it('answers invokes made before the socket opened, and replays the snapshot to a late subscriber', async () => {
    const client = await bridge();
    const result = await client.invoke('desk:getSnapshot', {});
    expect(result).toMatchObject({ ok: true, value: { connection: { state: 'signed-out' } } });
    const seen: DeskSnapshot[] = [];
    client.on('desk:snapshot', (s) => seen.push(s));
    await expect.poll(() => seen, { message: 'replayed snapshot' }).toHaveLength(1);
  });

  it('after the socket drops, fails invokes at once, then reconnects and gets a fresh snapshot', async () => {
    const cookie = await session();
    const proxy = await startProxy(host.port);
    const snapshots: DeskSnapshot[] = [];
    const client = createBridgeClient({
      url: `ws://127.0.0.1:${proxy.port}/bridge`,
      createSocket: (url) =>
        new WebSocket(url, {
          headers: { origin: host.origin, cookie, host: `127.0.0.1:${host.port}` },
        }) as unknown as SocketLike,
      openUrl: () => {},
      focus: () => {},
      setTimeout: (fn, ms) => setTimeout(fn, ms),
    });
    clients.push(client);
    try {
      client.on('desk:snapshot', (s) => snapshots.push(s));
      await expect
        .poll(() => snapshots.length === 1 && client.connected, { message: 'first snapshot' })
        .toBe(true);
      proxy.cut();
      await expect.poll(() => client.connected, { message: 'socket down' }).toBe(false);
      expect(await client.invoke('desk:getSnapshot', {})).toMatchObject({
        ok: false,
        error: { code: 'offline' },
      });
      proxy.restore();
      await expect
        .poll(() => snapshots.length === 2 && client.connected, { message: 'fresh snapshot after reconnect' })
        .toBe(true);
      expect((await client.invoke('desk:getSnapshot', {})).ok).toBe(true);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('signs in to the in-process practice server and pops the approved customer page in the browser', async () => {
    const opened: Array<{ url: string; multiTab: boolean }> = [];
    const client = await bridge(opened);
    let mirror: DeskSnapshot | null = null;
    client.on('desk:snapshot', (s) => (mirror = s));
    client.on('desk:patch', (patch) => (mirror = applyPatch(mirror!, patch)));
    const update = await client.invoke('settings:update', {
      screenPop: { allowlist: ['crm.example.com'], trigger: 'ringing' },
    });
    expect(update.ok).toBe(true);
    const signIn = await client.invoke('session:signIn', {
      serverUrl: '',
      login: 'alice',
      password: 'practice',
      phoneNumber: '1001',
    });
    expect(signIn).toEqual({ ok: true, value: undefined });
    await expect
      .poll(() => host.desk.store.snapshot.agent?.state, { message: 'agent ready' })
      .toBe('AgentReady');

    const practice = host.practice()!;
    const placed = await fetch(`${practice.baseUrl}/sim/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        queueId: 1,
        callerNumber: '0601020304',
        callerName: 'Jean',
        variables: { folderNumber: '77' },
      }),
    });
    expect(placed.status).toBe(201);
    await expect.poll(() => opened, { message: 'screen pop sent to the page' }).toHaveLength(1);
    // XiVO's rule: popupUrl + folderNumber.
    expect(opened[0]).toEqual({ url: 'https://crm.example.com/customer?folder=77', multiTab: false });
    expect(notifier.of('incoming-call')).toHaveLength(1);

    // The page's own copy, rebuilt from snapshot + patches, is the desk's state.
    await expect
      .poll(() => isDeepStrictEqual(mirror, host.desk.store.snapshot), { message: 'mirror in sync' })
      .toBeTruthy();
  });
});
