/**
 * CAS service tickets (CAS protocol 3.0 §3.1): random `ST-…`, bound to the exact service they were
 * issued for, valid once, expiring on the server's clock. Any validation attempt uses the ticket up,
 * whatever its outcome (§2.5.1: a ticket given with the wrong service is invalidated too).
 */
import { randomBytes } from 'node:crypto';
import { ExpiringMap } from './expiring-map';

export interface ServiceTicket {
  ticket: string;
  userId: number;
  login: string;
  service: string;
  expiresAt: number;
}

export type TicketCheck =
  | { ok: true; entry: ServiceTicket }
  | { ok: false; code: 'INVALID_TICKET_SPEC' | 'INVALID_TICKET' | 'INVALID_SERVICE'; message: string };

const MAX_TICKETS = 10_000;

export class ServiceTicketStore {
  private readonly tickets: ExpiringMap<ServiceTicket>;

  constructor(
    private readonly now: () => number,
    readonly ttlSeconds: number,
  ) {
    this.tickets = new ExpiringMap(now, MAX_TICKETS);
  }

  issue(userId: number, login: string, service: string): ServiceTicket {
    const entry = {
      ticket: `ST-${randomBytes(24).toString('base64url')}`,
      userId,
      login,
      service,
      expiresAt: this.now() + this.ttlSeconds * 1000,
    };
    this.tickets.add(entry.ticket, entry);
    return entry;
  }

  /** Validates and uses up the ticket. */
  consume(ticket: string, service: string): TicketCheck {
    if (!ticket.startsWith('ST-')) {
      return {
        ok: false,
        code: 'INVALID_TICKET_SPEC',
        message: `ticket ${ticket.slice(0, 32)} is not a service ticket`,
      };
    }
    const entry = this.tickets.take(ticket);
    if (!entry)
      return { ok: false, code: 'INVALID_TICKET', message: `ticket ${ticket.slice(0, 32)} not recognized` };
    if (this.now() >= entry.expiresAt) {
      return { ok: false, code: 'INVALID_TICKET', message: `ticket ${ticket.slice(0, 32)} has expired` };
    }
    if (entry.service !== service) {
      return { ok: false, code: 'INVALID_SERVICE', message: 'the ticket was issued for another service' };
    }
    return { ok: true, entry };
  }
}
