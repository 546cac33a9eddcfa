/**
 * The socket port over the browser's native WebSocket. The structural types below stand in for the
 * DOM ones, so this file typechecks without the DOM lib and makes no other browser assumption.
 * A browser tells nothing about why a socket failed (no TLS detail, no HTTP status, no frame cap):
 * the error is generic and the client's decode cap drops oversized frames instead.
 */
import type { SocketFactory } from './socket';

interface MessageEventLike {
  data: unknown;
}
interface CloseEventLike {
  code: number;
  reason: string;
}

export interface BrowserWebSocketLike {
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: MessageEventLike) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: CloseEventLike) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type BrowserWebSocketConstructor = new (url: string) => BrowserWebSocketLike;

interface TextDecoderLike {
  decode(input: ArrayBuffer): string;
}

/** `WebSocketClass` defaults to the global `WebSocket`, looked up when a socket is opened. */
export function browserSocketFactory(WebSocketClass?: BrowserWebSocketConstructor): SocketFactory {
  return (url, handlers) => {
    const Ctor = WebSocketClass ?? (globalThis as { WebSocket?: BrowserWebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('This runtime has no global WebSocket.');
    const ws = new Ctor(url);
    ws.binaryType = 'arraybuffer';
    let decoder: TextDecoderLike | undefined;
    ws.onopen = () => handlers.onOpen();
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') return handlers.onMessage(event.data);
      // xuc sends text frames; a binary one is decoded as UTF-8 and left to the decoder to judge.
      if (event.data instanceof ArrayBuffer) {
        decoder ??= new (globalThis as unknown as { TextDecoder: new () => TextDecoderLike }).TextDecoder();
        return handlers.onMessage(decoder.decode(event.data));
      }
      handlers.onMessage('');
    };
    ws.onerror = () => handlers.onError(new Error(`WebSocket error on ${new URL(url).host}`));
    ws.onclose = (event) => handlers.onClose(event.code, event.reason);
    return {
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
    };
  };
}
