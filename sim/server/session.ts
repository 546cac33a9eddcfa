/**
 * One connected CTI socket: who it is (viewer), what it subscribed to, and a guarded send.
 * A client that does not read its frames (send buffer over the cap) is cut off rather than
 * letting the server's memory grow; a client that sends too fast gets one RateLimited error and
 * its extra frames are dropped until its budget refills.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { SimMsgType, SimOutgoing } from './extra-messages';
import type { UserDataT } from '../data/schema';
import type { Viewer } from './visibility';

export interface Subscriptions {
  agentEvents: boolean;
  agentStats: boolean;
  queueStats: boolean;
  /** getList agent / getConfig agent: later AgentConfig changes. */
  agentConfig: boolean;
  /** getList queuemember: later QueueMember changes. */
  queueMembers: boolean;
  /** getCallbackLists: later callback changes of the lists it may see. */
  callbacks: boolean;
  queueCalls: Set<number>;
  /** subscribeToPhoneHints: numbers whose line state this session follows. */
  phoneHints: Set<string>;
}

export interface SessionLimits {
  /** Frames a client may send in a burst. */
  burst: number;
  /** Frames per second the budget refills. */
  perSecond: number;
  /** Bytes queued for a slow reader before the socket is closed. */
  maxBufferedBytes: number;
}

export function encodeFrame<K extends SimMsgType>(msgType: K, payload: SimOutgoing[K]): string {
  return JSON.stringify({ msgType, ctiMessage: payload });
}

export class Session {
  readonly id = randomUUID();
  readonly subs: Subscriptions = {
    agentEvents: false,
    agentStats: false,
    queueStats: false,
    agentConfig: false,
    queueMembers: false,
    callbacks: false,
    queueCalls: new Set(),
    phoneHints: new Set(),
  };
  lastSentAt: number;
  private tokens: number;
  private refilledAt: number;
  private limited = false;

  constructor(
    private readonly ws: WebSocket,
    readonly user: UserDataT,
    readonly viewer: Viewer,
    private readonly now: () => number,
    private readonly limits: SessionLimits,
  ) {
    this.lastSentAt = now();
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send<K extends SimMsgType>(msgType: K, payload: SimOutgoing[K]): void {
    this.sendText(encodeFrame(msgType, payload));
  }

  /** For frames serialised once and fanned out to many sessions. */
  sendText(text: string): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ws.terminate();
      return;
    }
    this.ws.send(text);
    this.lastSentAt = this.now();
  }

  error(code: string, message: string): void {
    this.send('Error', { Error: code, message });
  }

  /** Token bucket. Returns false when the frame must be dropped; tells the client once per burst. */
  admit(): boolean {
    const now = this.now();
    const refill = ((now - this.refilledAt) / 1000) * this.limits.perSecond;
    if (refill > 0) {
      this.tokens = Math.min(this.limits.burst, this.tokens + refill);
      this.refilledAt = now;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.limited = false;
      return true;
    }
    if (!this.limited) {
      this.limited = true;
      this.error('RateLimited', `more than ${this.limits.perSecond} frames per second; frames are dropped`);
    }
    return false;
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }
}
