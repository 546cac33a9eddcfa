/**
 * The outbox: callback ticket updates the server has not confirmed yet.
 *
 * Write-ahead: an update is saved through the outbox port *before* it is sent, and removed only when
 * the server confirms it (CallbackClotured / CallbackRequestUpdated). So nothing the agent typed is
 * lost if the app dies at any point. While its first attempt is in flight an entry is hidden from
 * the agent; once an attempt fails (offline, timeout) it shows as "waiting to send".
 * Entries belong to one server and login, and are sent only in that session.
 */
import { z } from 'zod';
import { TICKET_STATUSES, type OutboxEntryView, type TicketStatus } from '../../preload/contract';
import type { OutboxStore } from './ports';

const EntrySchema = z.object({
  id: z.string().min(1).max(64),
  /** The callback request's uuid. */
  uuid: z.string().min(1).max(64),
  /** The ticket opened by starting the callback, when known: what xuc expects to update. */
  ticketUuid: z.string().min(1).max(64).nullable(),
  /** The request's list when queued, to recognise an update already applied (request gone from it). */
  listUuid: z.string().min(1).max(64).nullable(),
  status: z.enum(TICKET_STATUSES),
  comment: z.string().max(4000),
  dueDate: z.string().nullable(),
  periodUuid: z.string().nullable(),
  queuedAt: z.number(),
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  server: z.string(),
  login: z.string(),
  /** False while the first attempt is in flight: the agent sees it only once an attempt failed. */
  visible: z.boolean(),
});
export type OutboxEntry = z.output<typeof EntrySchema>;

const FileSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

export interface NewUpdate {
  uuid: string;
  ticketUuid: string | null;
  listUuid: string | null;
  status: TicketStatus;
  comment: string;
  dueDate: string | null;
  periodUuid: string | null;
  server: string;
  login: string;
}

export class Outbox {
  private items: OutboxEntry[] = [];
  /** Saves run one after another, so the file always ends with the latest list. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: OutboxStore,
    private readonly onChange: (views: OutboxEntryView[]) => void,
    private readonly newId: () => string,
  ) {}

  /** Reads what a previous run left. Returns how many stored entries were unreadable and dropped. */
  async load(): Promise<{ dropped: number }> {
    const raw = await this.store.load();
    if (raw === undefined || raw === null) return { dropped: 0 };
    const file = FileSchema.safeParse(raw);
    if (!file.success) return { dropped: 1 };
    let dropped = 0;
    const items: OutboxEntry[] = [];
    for (const candidate of file.data.entries) {
      const entry = EntrySchema.safeParse(candidate);
      // A previous run may have died mid-attempt: show everything loaded.
      if (entry.success) items.push({ ...entry.data, visible: true });
      else dropped += 1;
    }
    this.items = items;
    this.changed();
    return { dropped };
  }

  entries(): readonly OutboxEntry[] {
    return this.items;
  }

  /** Adds and saves; resolves once the port says it is durable. */
  async add(
    update: NewUpdate,
    now: number,
    visible: boolean,
    lastError: string | null = null,
  ): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      id: this.newId(),
      ...update,
      queuedAt: now,
      attempts: lastError === null ? 0 : 1,
      lastError,
      visible,
    };
    this.items = [...this.items, entry];
    await this.save();
    this.changed();
    return entry;
  }

  /** Records a failed attempt (and makes the entry visible), durably. */
  async failed(id: string, error: string): Promise<void> {
    this.items = this.items.map((e) =>
      e.id === id ? { ...e, attempts: e.attempts + 1, lastError: error, visible: true } : e,
    );
    await this.save();
    this.changed();
  }

  /** The server confirmed it (or it no longer applies): forget it, durably. */
  async remove(id: string): Promise<void> {
    const before = this.items.length;
    this.items = this.items.filter((e) => e.id !== id);
    if (this.items.length === before) return;
    await this.save();
    this.changed();
  }

  views(): OutboxEntryView[] {
    return this.items
      .filter((e) => e.visible)
      .map((e) => ({
        id: e.id,
        uuid: e.uuid,
        status: e.status,
        comment: e.comment,
        dueDate: e.dueDate,
        periodUuid: e.periodUuid,
        queuedAt: e.queuedAt,
        attempts: e.attempts,
        lastError: e.lastError,
      }));
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, entries: this.items };
    const next = this.writing.catch(() => {}).then(() => this.store.save(snapshot));
    this.writing = next;
    return next;
  }

  private changed(): void {
    this.onChange(this.views());
  }
}

/** A status that closes the ticket: once applied, the request leaves the lists. */
export function closesTicket(status: TicketStatus): boolean {
  return status !== 'Callback';
}
