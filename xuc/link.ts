/**
 * One CTI socket, from opening to its end: the open timeout, the LoggedOn gate, the ping heartbeat
 * and the dead-link rule (xuc-protocol.md §2.3, §2.6), and the decoding of every incoming frame.
 * It reports what happened; the client decides what to do about it (status, retry, dispatch).
 */
import { XucError } from './errors';
import type { XucTimers } from './client-api';
import type { SocketError, SocketFactory, SocketLike } from './socket';
import { decodeFrame, type DecodeResult } from './wire/decode';
import { PING_FRAME } from './wire/commands';
import { seconds } from './net-errors';

export interface LinkOptions {
  /** The socket URL; it holds the token, so it is never logged or put in a message. */
  url: string;
  /** `host:port`, for messages. */
  server: string;
  socketFactory: SocketFactory;
  timers: XucTimers;
  openTimeoutMs: number;
  loggedOnTimeoutMs: number;
  pingIntervalMs: number;
  maxSilentIntervals: number;
  maxFrameBytes: number;
}

export interface LinkEvents {
  /** Every incoming frame, decoded or rejected, in arrival order. */
  onFrame(result: DecodeResult): void;
  /** LoggedOn arrived: the session is usable. At most once, just before that frame's onFrame. */
  onReady(): void;
  /** The link has ended (never after `close()`), at most once. `wasReady`: a drop, not a failed open. */
  onDown(error: XucError, wasReady: boolean): void;
}

type Phase = 'opening' | 'awaiting-logged-on' | 'ready' | 'down';

export class Link {
  private socket: SocketLike | undefined;
  private phase: Phase = 'opening';
  /** The open timeout, then the LoggedOn timeout. */
  private gateTimer: unknown;
  private pingTimer: unknown;
  private silentIntervals = 0;
  private lastError: SocketError | undefined;

  constructor(
    private readonly options: LinkOptions,
    private readonly events: LinkEvents,
  ) {}

  get ready(): boolean {
    return this.phase === 'ready';
  }

  start(): void {
    const { timers, openTimeoutMs, server } = this.options;
    this.gateTimer = timers.setTimeout(
      () =>
        this.fail(
          new XucError(
            'Unreachable',
            `${server} did not complete the WebSocket handshake within ${seconds(openTimeoutMs)}.`,
          ),
        ),
      openTimeoutMs,
    );
    let socket: SocketLike;
    try {
      socket = this.options.socketFactory(
        this.options.url,
        {
          onOpen: () => this.handleOpen(),
          onMessage: (text) => this.handleMessage(text),
          onError: (error) => this.handleError(error),
          onClose: (code, reason) => this.handleClose(code, reason),
        },
        { maxFrameBytes: this.options.maxFrameBytes },
      );
    } catch (error) {
      this.fail(new XucError('Unreachable', `Cannot open a WebSocket to ${server}: ${this.redact(error)}`));
      return;
    }
    this.socket = socket;
    // An adapter may fail synchronously, before it returned the socket.
    if (this.phase === 'down') closeQuietly(socket);
  }

  /** Sends one text frame; throws when the transport does. */
  send(text: string): void {
    if (!this.socket || this.phase === 'down') throw new Error('the link is closed');
    this.socket.send(text);
  }

  /** Ends the link at the caller's request: no onDown. */
  close(): void {
    if (this.phase === 'down') return;
    this.phase = 'down';
    this.stopTimers();
    if (this.socket) closeQuietly(this.socket);
  }

  private handleOpen(): void {
    if (this.phase !== 'opening') return;
    const { timers, loggedOnTimeoutMs, server } = this.options;
    this.phase = 'awaiting-logged-on';
    timers.clearTimeout(this.gateTimer);
    this.gateTimer = timers.setTimeout(
      () =>
        this.fail(
          new XucError(
            'LoggedOnError',
            `${server} did not confirm the CTI session (LoggedOn) within ${seconds(loggedOnTimeoutMs)}.`,
            {
              Error: 'loggedOnTimeout',
            },
          ),
        ),
      loggedOnTimeoutMs,
    );
    this.schedulePing();
  }

  private handleMessage(text: string): void {
    if (this.phase === 'down') return;
    // Any frame, even one about to be dropped, proves the link alive.
    this.silentIntervals = 0;
    const result = decodeFrame(text, this.options.maxFrameBytes);
    if (result.ok && this.phase === 'awaiting-logged-on') {
      if (result.message.msgType === 'LoggedOn') {
        this.phase = 'ready';
        this.options.timers.clearTimeout(this.gateTimer);
        this.events.onReady();
      } else if (result.message.msgType === 'LoggedOnError') {
        const payload = result.message.ctiMessage;
        this.events.onFrame(result);
        this.fail(
          new XucError(
            'LoggedOnError',
            `${this.options.server} refused the CTI session (${payload.Error}).`,
            payload,
          ),
        );
        return;
      }
    }
    this.events.onFrame(result);
  }

  private handleError(error: SocketError): void {
    if (this.phase === 'down') return;
    this.lastError = error;
    if (error.oversized) {
      this.events.onFrame({
        ok: false,
        reason: 'oversized',
        detail: `refused by the transport: more than ${this.options.maxFrameBytes} bytes`,
      });
    }
  }

  private handleClose(code: number, reason: string): void {
    if (this.phase === 'down') return;
    this.fail(this.closeError(code, reason));
  }

  private closeError(code: number, reason: string): XucError {
    const { server } = this.options;
    const error = this.lastError;
    const how = `code ${code}${reason ? `, ${reason}` : ''}`;
    if (error?.tls) {
      return new XucError('Tls', `The secure connection to ${server} failed: ${this.redact(error)}.`);
    }
    if (this.phase === 'ready') {
      if (error?.oversized) {
        return new XucError(
          'Unreachable',
          `The link to ${server} was closed: it sent a frame over the size cap.`,
        );
      }
      return new XucError('Unreachable', `The link to ${server} closed (${how}).`);
    }
    if (error?.httpStatus === 401 || error?.httpStatus === 403) {
      return new XucError('TokenExpired', `${server} refused the session token (HTTP ${error.httpStatus}).`, {
        status: error.httpStatus,
      });
    }
    if (error?.httpStatus !== undefined) {
      return new XucError(
        'BadResponse',
        `${server} answered the CTI WebSocket request with HTTP ${error.httpStatus}. Is this a xuc server?`,
        { status: error.httpStatus },
      );
    }
    if (this.phase === 'awaiting-logged-on') {
      return new XucError(
        'LoggedOnError',
        `${server} closed the link before confirming the CTI session (${how}).`,
      );
    }
    return new XucError(
      'Unreachable',
      `Cannot open the CTI link to ${server}: ${error ? this.redact(error) : how}.`,
    );
  }

  /** An adapter's message may quote the socket URL, which holds the token. */
  private redact(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.split(this.options.url).join('<socket URL>');
  }

  private schedulePing(): void {
    this.pingTimer = this.options.timers.setTimeout(() => this.tick(), this.options.pingIntervalMs);
  }

  /** v2019 rule: count before sending; at `maxSilentIntervals` silent intervals the link is dead. */
  private tick(): void {
    if (this.phase === 'down') return;
    const { maxSilentIntervals, pingIntervalMs, server } = this.options;
    this.silentIntervals += 1;
    if (this.silentIntervals >= maxSilentIntervals) {
      this.fail(
        new XucError(
          'Unreachable',
          `${server} sent nothing for ${seconds(pingIntervalMs * maxSilentIntervals)}: the link is dead.`,
        ),
      );
      return;
    }
    try {
      this.socket?.send(PING_FRAME);
    } catch {
      // The close that follows a failed send ends the link.
    }
    this.schedulePing();
  }

  private fail(error: XucError): void {
    if (this.phase === 'down') return;
    const wasReady = this.phase === 'ready';
    this.phase = 'down';
    this.stopTimers();
    if (this.socket) closeQuietly(this.socket);
    this.events.onDown(error, wasReady);
  }

  private stopTimers(): void {
    this.options.timers.clearTimeout(this.gateTimer);
    this.options.timers.clearTimeout(this.pingTimer);
  }
}

function closeQuietly(socket: SocketLike): void {
  try {
    socket.close(1000, 'client closing');
  } catch {
    // Already closed.
  }
}
