/**
 * A real TCP relay between the desk and the practice server, to cut the network without stopping
 * the server (so the server keeps its state, as a real xuc would during a Wi-Fi drop).
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  baseUrl: string;
  /** Drops every open connection and refuses new ones. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /**
   * The open connections stop carrying traffic but stay open, as a socket does after the computer
   * slept; new connections work.
   */
  freeze(): void;
  /**
   * What the server sent into frozen connections since `freeze()`, as text (the server's WebSocket
   * frames are unmasked and uncompressed, so their JSON is readable): proof that something was
   * sent and held back, so a test can assert that nothing reached the desk without sleeping.
   */
  held(): string;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<TcpProxy> {
  let down = false;
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const heldBack: Buffer[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        // Read what the server sends (so the test can see it) but never hand it on.
        upstream.on('data', (chunk: Buffer) => heldBack.push(chunk)).resume();
      }
      pairs.clear();
    },
    held: () => Buffer.concat(heldBack).toString('utf8'),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
