/**
 * The socket port over `ws`, for Node (Electron main, the web host, tests). The one xuc file that
 * may import a Node-only package.
 */
import WebSocket, { type RawData } from 'ws';
import type { SocketError, SocketFactory } from './socket';
import { isTlsFailure } from './net-errors';
import { DEFAULT_MAX_FRAME_BYTES } from './wire/decode';

export interface NodeSocketOptions {
  /** Time allowed for TCP + TLS + the HTTP upgrade. Default 10000 ms. */
  handshakeTimeoutMs?: number;
  /** Extra trusted CA certificates (PEM), for a xuc behind a private certificate authority. */
  ca?: string | string[];
}

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

export function nodeSocketFactory(options: NodeSocketOptions = {}): SocketFactory {
  return (url, handlers, socketOptions) => {
    const ws = new WebSocket(url, {
      handshakeTimeout: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      // ws refuses a bigger frame from its header, before buffering it, then closes the link.
      maxPayload: socketOptions?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    ws.on('open', () => handlers.onOpen());
    ws.on('message', (data) => handlers.onMessage(rawToText(data)));
    ws.on('error', (error) => handlers.onError(describe(error)));
    ws.on('close', (code, reason) => handlers.onClose(code, reason.toString('utf8')));
    return {
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
    };
  };
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function describe(error: Error): SocketError {
  const described: SocketError = error;
  if (isTlsFailure(error)) described.tls = true;
  if ((error as { code?: unknown }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') described.oversized = true;
  // ws reports a refused upgrade only in its message.
  const status = /^Unexpected server response: (\d{3})/.exec(error.message);
  if (status) described.httpStatus = Number(status[1]);
  return described;
}
