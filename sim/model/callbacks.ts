/**
 * Callback lists, their requests and tickets. A request is held by at most one agent; starting it
 * opens a ticket; closing the ticket (any status but Callback) removes the request from its list,
 * status Callback reschedules it (new due date / period, comment as description) and frees it.
 */
import type { SimData } from '../data/schema';
import type { CallbackRequestRecord, Outcome, PeriodRecord, SimEvent } from './events';
import { done, fail, ok } from './events';
import { TEXT_MAX } from '../../xuc/wire/commands';

/** The longest free text a request keeps (a description, a rescheduling comment). */
export const REQUEST_TEXT_MAX = TEXT_MAX;

/** The first text over the cap, named, so nothing a client sent grows the store without bound. */
function tooLong(fields: Record<string, string | null | undefined>): Outcome<never> | null {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.length > REQUEST_TEXT_MAX) {
      return fail('TextTooLong', `${name} is longer than ${REQUEST_TEXT_MAX} characters`);
    }
  }
  return null;
}

export interface CallbackListRecord {
  uuid: string;
  name: string;
  queueId: number;
  requests: Map<string, CallbackRequestRecord>;
}

interface Ticket {
  uuid: string;
  requestUuid: string;
  listUuid: string;
  agentId: number;
  /** Set once the ticket was closed: what was answered, to answer a repeat the same way. */
  result?: 'clotured' | 'updated';
}

export interface TicketUpdate {
  status: string;
  comment?: string;
  dueDate?: string;
  periodUuid?: string;
}

export interface NewCallbackRequest {
  phoneNumber?: string | null;
  mobilePhoneNumber?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  description?: string | null;
  dueDate: string;
  periodUuid?: string | null;
  voiceMessageRef?: string | null;
}

/** YYYY-MM-DD of `epochMs` plus `days`, in the server's local calendar. */
export function localDate(epochMs: number, days = 0): string {
  const date = new Date(epochMs);
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export class CallbackStore {
  private readonly periodsById = new Map<string, PeriodRecord>();
  private readonly listsById = new Map<string, CallbackListRecord>();
  private readonly listOfRequest = new Map<string, string>();
  private readonly tickets = new Map<string, Ticket>();
  /** Requests closed by a ticket: a repeated update (an outbox resend) is confirmed again. */
  private readonly closedRequests = new Map<string, { listUuid: string; ticketUuid?: string }>();
  /** Requests rescheduled (status Callback) and not taken since: request → the agent that did it. */
  private readonly rescheduledBy = new Map<string, number>();

  constructor(
    data: SimData,
    startedAt: number,
    private readonly newId: () => string,
    private readonly emit: (event: SimEvent) => void,
  ) {
    for (const period of data.periods) this.periodsById.set(period.uuid, { ...period });
    for (const list of data.callbackLists) {
      const record: CallbackListRecord = {
        uuid: list.uuid,
        name: list.name,
        queueId: list.queueId,
        requests: new Map(),
      };
      this.listsById.set(list.uuid, record);
      for (const request of list.requests) {
        const dueDate = request.dueDate ?? localDate(startedAt, request.dueInDays ?? 0);
        this.insert(record, {
          uuid: request.uuid,
          listUuid: list.uuid,
          phoneNumber: request.phoneNumber,
          mobilePhoneNumber: request.mobilePhoneNumber,
          firstName: request.firstName,
          lastName: request.lastName,
          company: request.company,
          description: request.description,
          agentId: null,
          dueDate,
          preferredPeriod:
            request.periodUuid === null ? null : (this.periodsById.get(request.periodUuid) ?? null),
          voiceMessageRef: request.voiceMessageRef,
        });
      }
    }
  }

  periods(): PeriodRecord[] {
    return [...this.periodsById.values()];
  }

  lists(): CallbackListRecord[] {
    return [...this.listsById.values()];
  }

  list(uuid: string): CallbackListRecord | undefined {
    return this.listsById.get(uuid);
  }

  find(requestUuid: string): { list: CallbackListRecord; request: CallbackRequestRecord } | undefined {
    const listUuid = this.listOfRequest.get(requestUuid);
    const list = listUuid === undefined ? undefined : this.listsById.get(listUuid);
    const request = list?.requests.get(requestUuid);
    return list && request ? { list, request } : undefined;
  }

  findByVoiceMessage(ref: string): { list: CallbackListRecord; request: CallbackRequestRecord } | undefined {
    for (const list of this.listsById.values()) {
      for (const request of list.requests.values()) {
        if (request.voiceMessageRef === ref) return { list, request };
      }
    }
    return undefined;
  }

  /** The list a request or ticket uuid belongs to, for permission checks before acting. */
  listOf(uuid: string): CallbackListRecord | undefined {
    const ticket = this.tickets.get(uuid);
    const requestUuid = ticket?.requestUuid ?? uuid;
    const listUuid =
      ticket?.listUuid ??
      this.listOfRequest.get(requestUuid) ??
      this.closedRequests.get(requestUuid)?.listUuid;
    return listUuid === undefined ? undefined : this.listsById.get(listUuid);
  }

  take(uuid: string, agentId: number, origin?: string): Outcome {
    const found = this.find(uuid);
    if (!found) return fail('CallbackNotFound', `no callback request ${uuid}`);
    const { list, request } = found;
    if (request.agentId !== null && request.agentId !== agentId) {
      return fail('CallbackAlreadyTaken', `callback ${uuid} is held by agent ${request.agentId}`);
    }
    request.agentId = agentId;
    this.rescheduledBy.delete(uuid);
    this.emit({ type: 'callbackTaken', listUuid: list.uuid, uuid, agentId, origin });
    return done;
  }

  release(uuid: string, agentId: number, origin?: string): Outcome {
    const found = this.find(uuid);
    if (!found) return fail('CallbackNotFound', `no callback request ${uuid}`);
    if (found.request.agentId !== agentId)
      return fail('CallbackNotTaken', `callback ${uuid} is not held by you`);
    found.request.agentId = null;
    this.emit({ type: 'callbackReleased', listUuid: found.list.uuid, uuid, origin });
    return done;
  }

  /** Opens a ticket for a request the agent holds. The caller places the call. */
  start(
    uuid: string,
    agentId: number,
    origin?: string,
  ): Outcome<{ ticketUuid: string; request: CallbackRequestRecord }> {
    const found = this.find(uuid);
    if (!found) return fail('CallbackNotFound', `no callback request ${uuid}`);
    if (found.request.agentId !== agentId) {
      return fail('CallbackNotTaken', `take callback ${uuid} before starting it`);
    }
    const ticket: Ticket = { uuid: this.newId(), requestUuid: uuid, listUuid: found.list.uuid, agentId };
    this.tickets.set(ticket.uuid, ticket);
    this.emit({
      type: 'callbackStarted',
      listUuid: found.list.uuid,
      requestUuid: uuid,
      ticketUuid: ticket.uuid,
      agentId,
      origin,
    });
    return ok({ ticketUuid: ticket.uuid, request: found.request });
  }

  /** `uuid` is the ticket's (as xuc) or, for a request the agent holds, the request's own. */
  updateTicket(uuid: string, agentId: number, update: TicketUpdate, origin?: string): Outcome {
    const ticket = this.tickets.get(uuid);
    const requestUuid = ticket?.requestUuid ?? uuid;
    const ticketUuid = ticket?.uuid;
    const closed = this.closedRequests.get(requestUuid);
    if (closed && (ticket === undefined || ticket.result === 'clotured')) {
      this.emit({
        type: 'callbackClotured',
        listUuid: closed.listUuid,
        uuid: requestUuid,
        ticketUuid,
        origin,
      });
      return done;
    }
    const found = this.find(requestUuid);
    if (!found) return fail('CallbackNotFound', `no callback request or ticket ${uuid}`);
    const { list, request } = found;
    if (request.agentId === null && this.rescheduledBy.get(requestUuid) === agentId) {
      // A repeat of this agent's reschedule (an outbox resend): confirm it again.
      this.emit({
        type: 'callbackUpdated',
        listUuid: list.uuid,
        request: { ...request },
        ticketUuid,
        origin,
      });
      return done;
    }
    if (request.agentId !== agentId)
      return fail('CallbackNotTaken', `callback ${requestUuid} is not held by you`);
    const long = tooLong({ comment: update.comment });
    if (long) return long;
    let period = request.preferredPeriod;
    if (update.periodUuid !== undefined) {
      const found = this.periodsById.get(update.periodUuid);
      if (!found) return fail('UnknownPeriod', `no preferred period ${update.periodUuid}`);
      period = found;
    }
    if (update.status !== 'Callback') {
      list.requests.delete(requestUuid);
      this.listOfRequest.delete(requestUuid);
      this.closedRequests.set(requestUuid, { listUuid: list.uuid, ticketUuid });
      if (ticket) ticket.result = 'clotured';
      this.emit({ type: 'callbackClotured', listUuid: list.uuid, uuid: requestUuid, ticketUuid, origin });
      return done;
    }
    if (update.dueDate !== undefined) request.dueDate = update.dueDate;
    request.preferredPeriod = period;
    if (update.comment !== undefined) request.description = update.comment;
    request.agentId = null;
    this.rescheduledBy.set(requestUuid, agentId);
    if (ticket) ticket.result = 'updated';
    this.emit({ type: 'callbackUpdated', listUuid: list.uuid, request: { ...request }, ticketUuid, origin });
    return done;
  }

  add(listUuid: string, input: NewCallbackRequest): Outcome<CallbackRequestRecord> {
    const list = this.listsById.get(listUuid);
    if (!list) return fail('CallbackListNotFound', `no callback list ${listUuid}`);
    const long = tooLong({
      firstName: input.firstName,
      lastName: input.lastName,
      company: input.company,
      description: input.description,
      voiceMessageRef: input.voiceMessageRef,
    });
    if (long) return long;
    let period: PeriodRecord | null = null;
    if (input.periodUuid !== undefined && input.periodUuid !== null) {
      period = this.periodsById.get(input.periodUuid) ?? null;
      if (!period) return fail('UnknownPeriod', `no preferred period ${input.periodUuid}`);
    }
    const request: CallbackRequestRecord = {
      uuid: this.newId(),
      listUuid,
      phoneNumber: input.phoneNumber ?? null,
      mobilePhoneNumber: input.mobilePhoneNumber ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      company: input.company ?? null,
      description: input.description ?? null,
      agentId: null,
      dueDate: input.dueDate,
      preferredPeriod: period,
      voiceMessageRef: input.voiceMessageRef ?? null,
    };
    this.insert(list, request);
    this.emit({ type: 'callbackListChanged', listUuid });
    return ok({ ...request });
  }

  private insert(list: CallbackListRecord, request: CallbackRequestRecord): void {
    list.requests.set(request.uuid, request);
    this.listOfRequest.set(request.uuid, list.uuid);
  }
}
