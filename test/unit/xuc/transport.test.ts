/**
 * The two socket adapters. Node: `ws` against real servers (TLS, handshake timeout, refused upgrade).
 * Browser: `browserSocketFactory` with a fake WebSocket class, and driven by `ws`'s WebSocket, whose
 * API is the browser's, against a real server. A check in real Chromium is left to the e2e suite.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { XucClient } from '../../../xuc/client';
import type { SocketError, SocketHandlers } from '../../../xuc/socket';
import {
  browserSocketFactory,
  type BrowserWebSocketConstructor,
  type BrowserWebSocketLike,
} from '../../../xuc/transport-browser';
import { nodeSocketFactory } from '../../../xuc/transport-node';
import { FakeXuc } from './helpers/fake-xuc';
import { ManualTimers, rawServer, recordingLogger, selfSignedCert } from './helpers/support';

type Event =
  | { type: 'open' }
  | { type: 'message'; text: string }
  | { type: 'error'; error: SocketError }
  | { type: 'close'; code: number; reason: string };

/** Handlers that record what the adapter reports; `closed` resolves on onClose. */
function recorder(): {
  handlers: SocketHandlers;
  events: Event[];
  closed: Promise<void>;
  opened: Promise<void>;
} {
  const events: Event[] = [];
  let onClosed!: () => void;
  let onOpened!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const opened = new Promise<void>((resolve) => (onOpened = resolve));
  return {
    events,
    closed,
    opened,
    handlers: {
      onOpen: () => {
        events.push({ type: 'open' });
        onOpened();
      },
      onMessage: (text) => events.push({ type: 'message', text }),
      onError: (error) => events.push({ type: 'error', error }),
      onClose: (code, reason) => {
        events.push({ type: 'close', code, reason });
        onClosed();
      },
    },
  };
}

describe('nodeSocketFactory over TLS', () => {
  let tls: { key: string; cert: string };
  let secure: FakeXuc;
  beforeAll(async () => {
    tls = selfSignedCert();
    secure = await FakeXuc.start({ tls });
    secure.validTokens.add('t-1');
  });
  afterAll(() => secure.stop());

  const wssUrl = () => `${secure.baseUrl.replace('https:', 'wss:')}/xuc/api/2.0/cti?token=t-1`;

  it('reports a self-signed certificate as a TLS failure, then closes', async () => {
    const r = recorder();
    nodeSocketFactory()(wssUrl(), r.handlers);
    await r.closed;
    const error = r.events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', error: { tls: true, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(r.events.some((e) => e.type === 'open')).toBe(false);
  });

  it('connects when the certificate authority is given', async () => {
    const r = recorder();
    const socket = nodeSocketFactory({ ca: tls.cert })(wssUrl(), r.handlers);
    await r.opened;
    await expect
      .poll(() => r.events.filter((e) => e.type === 'message'))
      .toEqual([{ type: 'message', text: '{"msgType":"LoggedOn","ctiMessage":{}}' }]);
    socket.close(1000, 'done');
    await r.closed;
  });

  it('the client goes offline with reason tls when the socket certificate is refused', async () => {
    const client = new XucClient({
      baseUrl: secure.baseUrl,
      login: 'alice',
      password: 'pw',
      // The REST part answers (say, through a proxy that trusts the cert); the socket does not.
      fetch: async () => new Response(JSON.stringify({ login: 'alice', token: 't-1' }), { status: 200 }),
      socketFactory: nodeSocketFactory(),
      timers: new ManualTimers(),
      logger: recordingLogger().logger,
    });
    await expect(client.connect()).rejects.toMatchObject({ code: 'Tls' });
    expect(client.status).toMatchObject({ state: 'offline', reason: 'tls' });
  });
});

describe('nodeSocketFactory failures', () => {
  it('times out a server that accepts TCP and never answers the upgrade', async () => {
    const silent = await rawServer({ misbehave: () => {} });
    try {
      const r = recorder();
      nodeSocketFactory({ handshakeTimeoutMs: 200 })(
        `ws://127.0.0.1:${silent.port}/xuc/api/2.0/cti`,
        r.handlers,
      );
      await r.closed;
      expect(r.events[0]).toMatchObject({
        type: 'error',
        error: { message: 'Opening handshake has timed out' },
      });
    } finally {
      await silent.close();
    }
  });

  it('reports the HTTP status of a refused upgrade', async () => {
    const server = await FakeXuc.start();
    try {
      server.refuseUpgradeWith = 503;
      const r = recorder();
      nodeSocketFactory()(`ws://127.0.0.1:${server.port}/xuc/api/2.0/cti?token=x`, r.handlers);
      await r.closed;
      expect(r.events[0]).toMatchObject({ type: 'error', error: { httpStatus: 503 } });
    } finally {
      await server.stop();
    }
  });

  it('flags a frame over maxFrameBytes as oversized', async () => {
    const server = await FakeXuc.start();
    try {
      server.validTokens.add('t');
      server.onSession = (connection) => connection.sendRaw('x'.repeat(2000));
      const r = recorder();
      nodeSocketFactory()(`ws://127.0.0.1:${server.port}/xuc/api/2.0/cti?token=t`, r.handlers, {
        maxFrameBytes: 1000,
      });
      await r.closed;
      expect(r.events.filter((e) => e.type === 'message')).toEqual([]);
      expect(r.events.find((e) => e.type === 'error')).toMatchObject({ error: { oversized: true } });
    } finally {
      await server.stop();
    }
  });
});

/** A stand-in for the DOM WebSocket: records what the adapter does, lets the test fire events. */
class FakeBrowserWebSocket implements BrowserWebSocketLike {
  static last: FakeBrowserWebSocket | undefined;
  binaryType = 'blob';
  onopen: BrowserWebSocketLike['onopen'] = null;
  onmessage: BrowserWebSocketLike['onmessage'] = null;
  onerror: BrowserWebSocketLike['onerror'] = null;
  onclose: BrowserWebSocketLike['onclose'] = null;
  readonly sent: string[] = [];
  closedWith: [number | undefined, string | undefined] | undefined;
  constructor(readonly url: string) {
    FakeBrowserWebSocket.last = this;
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }
}

describe('browserSocketFactory', () => {
  const globals = globalThis as { WebSocket?: unknown };
  const original = globals.WebSocket;
  afterEach(() => {
    globals.WebSocket = original;
  });

  it('maps the DOM WebSocket events and methods onto the socket port', () => {
    const r = recorder();
    const socket = browserSocketFactory(FakeBrowserWebSocket)(
      'wss://xuc.example.com/xuc/api/2.0/cti?token=t',
      r.handlers,
    );
    const ws = FakeBrowserWebSocket.last!;
    expect(ws.url).toBe('wss://xuc.example.com/xuc/api/2.0/cti?token=t');
    expect(ws.binaryType).toBe('arraybuffer');

    ws.onopen!({});
    ws.onmessage!({ data: '{"msgType":"LoggedOn","ctiMessage":{}}' });
    ws.onmessage!({ data: new TextEncoder().encode('{"msgType":"Pong","ctiMessage":"é"}').buffer });
    ws.onerror!({});
    ws.onclose!({ code: 1006, reason: '' });
    socket.send('{"claz":"ping"}');
    socket.close(1000, 'bye');

    expect(r.events).toEqual([
      { type: 'open' },
      { type: 'message', text: '{"msgType":"LoggedOn","ctiMessage":{}}' },
      { type: 'message', text: '{"msgType":"Pong","ctiMessage":"é"}' },
      { type: 'error', error: expect.objectContaining({ message: 'WebSocket error on xuc.example.com' }) },
      { type: 'close', code: 1006, reason: '' },
    ]);
    expect(ws.sent).toEqual(['{"claz":"ping"}']);
    expect(ws.closedWith).toEqual([1000, 'bye']);
  });

  it('uses the global WebSocket by default, looked up when a socket opens', () => {
    const factory = browserSocketFactory();
    globals.WebSocket = FakeBrowserWebSocket;
    factory('ws://h/xuc/api/2.0/cti?token=t', recorder().handlers);
    expect(FakeBrowserWebSocket.last!.url).toBe('ws://h/xuc/api/2.0/cti?token=t');
  });

  it('without a global WebSocket, the client fails sign-in with a typed Unreachable', async () => {
    delete globals.WebSocket;
    expect(() => browserSocketFactory()('ws://h/', recorder().handlers)).toThrow(/no global WebSocket/);
    const client = new XucClient({
      baseUrl: 'http://h:1',
      login: 'a',
      password: 'p',
      fetch: async () => new Response('{"login":"a","token":"t"}', { status: 200 }),
      socketFactory: browserSocketFactory(),
      timers: new ManualTimers(),
      logger: recordingLogger().logger,
    });
    await expect(client.connect()).rejects.toMatchObject({
      code: 'Unreachable',
      message: expect.stringMatching(/no global WebSocket/),
    });
  });

  it('an adapter error quoting the socket URL does not leak the token into the error', async () => {
    const client = new XucClient({
      baseUrl: 'http://h:1',
      login: 'a',
      password: 'p',
      fetch: async () => new Response('{"login":"a","token":"t-secret"}', { status: 200 }),
      socketFactory: (url) => {
        throw new SyntaxError(`Invalid URL: ${url}`);
      },
      timers: new ManualTimers(),
      logger: recordingLogger().logger,
    });
    const error = await client.connect().catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'Unreachable', message: expect.stringContaining('<socket URL>') });
    expect(JSON.stringify([(error as Error).message, client.status])).not.toContain('t-secret');
  });

  it('runs the whole client against a real server; oversized frames are dropped by the decoder', async () => {
    const server = await FakeXuc.start();
    const client = new XucClient({
      baseUrl: server.baseUrl,
      login: 'alice',
      password: 'correct horse',
      // ws's WebSocket has the browser's API (onopen/onmessage/binaryType…), over a real socket.
      socketFactory: browserSocketFactory(WsWebSocket as unknown as BrowserWebSocketConstructor),
      timers: new ManualTimers(),
      logger: recordingLogger().logger,
      maxFrameBytes: 4096,
    });
    try {
      await client.connect();
      const connection = await server.connection(1);
      client.subscribeToAgentEvents();
      expect(await connection.frame(1)).toBe('{"claz":"web","command":"subscribeToAgentEvents"}');

      // No transport cap in a browser: the decoder drops the frame and the link stays up.
      connection.send('Sheet', { junk: 'x'.repeat(5000) });
      const state = client.waitFor('AgentStateEvent');
      connection.send('AgentStateEvent', {
        name: 'AgentReady',
        agentId: 3,
        phoneNb: '1003',
        since: 0,
        queues: [],
      });
      expect((await state).agentId).toBe(3);
      expect(client.stats.dropped.oversized).toBe(1);
      expect(client.status.state).toBe('connected');
      expect(server.connections).toHaveLength(1);
    } finally {
      client.close();
      await server.stop();
    }
  });
});
