/**
 * The one small socket port: the client is written against it, and each runtime gives an adapter
 * (`transport-node.ts` with `ws`, `transport-browser.ts` with the native WebSocket).
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called once, last: after a refused handshake, an error, or a close by either side. */
  onClose(code: number, reason: string): void;
  /** A transport error before or after open; `tls` is set when the failure is a certificate/TLS one. */
  onError(error: SocketError): void;
}

/** What an adapter may tell about a failure, beyond the message. */
export interface SocketError extends Error {
  /** A certificate or TLS handshake failure. */
  tls?: boolean;
  /** The HTTP status when the server answered the upgrade request with something else than 101. */
  httpStatus?: number;
  /** The transport refused an incoming frame larger than `maxFrameBytes` (the link then closes). */
  oversized?: boolean;
}

export interface SocketOptions {
  /** Incoming frames above this size are refused by the transport when it can (Node `ws`). */
  maxFrameBytes?: number;
}

export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers, options?: SocketOptions) => SocketLike;
