/**
 * The one small socket port: the client is written against it, and each runtime gives an adapter
 * (`transport-node.ts` with `ws`, `transport-browser.ts` with the native WebSocket).
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(code: number, reason: string): void;
  /** A transport error before or after open; `tls` is set when the failure is a certificate/TLS one. */
  onError(error: Error & { tls?: boolean }): void;
}

export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;
