import { useState } from 'preact/hooks';
import type { CallbackRequestView, OutboxEntryView, PeriodView, TicketStatus } from '../../preload/contract';
import { ErrorMessage } from '../components/error-message';
import { useAction } from '../components/use-action';
import { formatClock, formatDay, isoDay } from '../format';
import type { MessageKey } from '../i18n';
import {
  agentName,
  callbackName,
  callbackRows,
  type CallbackFilter,
  type CallbackOwner,
  type CallbackRow,
} from '../store/selectors';
import { useServices } from '../services';

const STATUSES: Array<{ status: TicketStatus; label: MessageKey }> = [
  { status: 'Answered', label: 'ticket.status.Answered' },
  { status: 'NoAnswer', label: 'ticket.status.NoAnswer' },
  { status: 'Fax', label: 'ticket.status.Fax' },
  { status: 'Email', label: 'ticket.status.Email' },
  { status: 'Callback', label: 'ticket.status.Callback' },
];

const OWNERS: Array<{ owner: CallbackOwner; label: MessageKey }> = [
  { owner: 'all', label: 'callbacks.owner.all' },
  { owner: 'mine', label: 'callbacks.owner.mine' },
  { owner: 'free', label: 'callbacks.owner.free' },
];

/** An outbox entry belongs to a request by the request's uuid or by its ticket's. */
function waitingFor(outbox: OutboxEntryView[], request: CallbackRequestView): OutboxEntryView | undefined {
  return outbox.find(
    (entry) => entry.uuid === request.uuid || (request.ticketUuid && entry.uuid === request.ticketUuid),
  );
}

/** Callback requests the agent may see: search, filter, take, start, close with a ticket. */
export function CallbacksScreen() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const lists = store.slice('callbackLists').value ?? {};
  const agent = store.slice('agent').value ?? null;
  const outbox = store.slice('outbox').value ?? [];
  const [filter, setFilter] = useState<CallbackFilter>({ search: '', listUuid: null, owner: 'all' });
  const myAgentId = agent?.id ?? null;
  const rows = callbackRows(lists, filter, myAgentId);
  const listOptions = Object.values(lists).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('callbacks.title')}
      </h1>
      {outbox.length > 0 ? (
        <p class="outbox-summary" role="status" data-testid="outbox-summary">
          {t('callbacks.outboxSummary', { count: outbox.length })}
        </p>
      ) : null}
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="field grow">
          <label for="callback-search">{t('callbacks.search')}</label>
          <input
            id="callback-search"
            class="input"
            type="search"
            value={filter.search}
            placeholder={t('callbacks.searchPlaceholder')}
            onInput={(event) => setFilter({ ...filter, search: (event.target as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="callback-list">{t('callbacks.list')}</label>
          <select
            id="callback-list"
            class="input"
            value={filter.listUuid ?? ''}
            onChange={(event) =>
              setFilter({ ...filter, listUuid: (event.target as HTMLSelectElement).value || null })
            }
          >
            <option value="">{t('callbacks.allLists')}</option>
            {listOptions.map((list) => (
              <option key={list.uuid} value={list.uuid}>
                {list.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="segmented">
          <legend>{t('callbacks.show')}</legend>
          {OWNERS.map(({ owner, label }) => (
            <label key={owner} class={filter.owner === owner ? 'segment active' : 'segment'}>
              <input
                type="radio"
                name="callback-owner"
                value={owner}
                checked={filter.owner === owner}
                onChange={() => setFilter({ ...filter, owner })}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
      </form>
      <p class="count" aria-live="polite">
        {t('callbacks.count', { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <p class="empty">{t('callbacks.none')}</p>
      ) : (
        <ul class="callback-list">
          {rows.map((row) => (
            <CallbackItem
              key={row.request.uuid}
              row={row}
              myAgentId={myAgentId}
              waiting={waitingFor(outbox, row.request)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CallbackItem({
  row,
  myAgentId,
  waiting,
}: {
  row: CallbackRow;
  myAgentId: number | null;
  waiting: OutboxEntryView | undefined;
}) {
  const { store, now, i18n } = useServices();
  const t = i18n.t;
  const language = i18n.language.value;
  const { request, list } = row;
  const holder =
    request.agentId !== null ? store.slice('agents').value?.[String(request.agentId)] : undefined;
  const action = useAction();
  const mine = myAgentId !== null && request.agentId === myAgentId;
  const free = request.agentId === null;
  const overdue = request.dueDate < isoDay(now.value);
  // Kept here, not in the form: the form closes when the desk confirms, the message should stay.
  const [saved, setSaved] = useState<'confirmed' | 'queued' | null>(null);
  const name = callbackName(request) || t('callbacks.noName');
  const headingId = `callback-${request.uuid}`;

  return (
    <li class={`card callback${mine ? ' mine' : ''}`} aria-labelledby={headingId} data-testid="callback">
      <div class="callback-head">
        <h2 id={headingId} class="callback-name">
          {name}
        </h2>
        {request.company && callbackName(request) ? <span class="muted">{request.company}</span> : null}
        <span class={`badge ${free ? 'badge-free' : mine ? 'badge-mine' : 'badge-taken'}`}>
          {free
            ? t('callbacks.free')
            : mine
              ? t('callbacks.yours')
              : t('callbacks.takenBy', { agent: holder ? agentName(holder) : String(request.agentId) })}
        </span>
        {waiting ? (
          <span
            class="badge badge-waiting"
            data-testid="waiting-to-send"
            title={waiting.lastError ?? undefined}
          >
            {t('callbacks.waitingToSend')}
          </span>
        ) : null}
      </div>
      <p class="callback-due">
        <span class={overdue ? 'overdue' : undefined}>
          {overdue ? `${t('callbacks.overdue')} · ` : ''}
          {t('callbacks.due', { date: formatDay(request.dueDate, language) })}
        </span>
        {request.period ? <span> · {periodText(request.period)}</span> : null}
        <span class="muted"> · {list.name}</span>
      </p>
      <p class="callback-phones mono">
        {[request.phoneNumber, request.mobilePhoneNumber].filter(Boolean).join(' · ') ||
          t('callbacks.noNumber')}
      </p>
      {request.description ? <p class="callback-description">{request.description}</p> : null}

      {free || (mine && !request.ticketUuid) || request.voiceMessageRef ? (
        <div class="button-row">
          {free ? (
            <button
              type="button"
              class="btn btn-primary"
              disabled={action.busy}
              onClick={() => action.run('callback:take', { uuid: request.uuid })}
            >
              {t('callbacks.take')}
            </button>
          ) : null}
          {mine && !request.ticketUuid ? (
            <>
              {request.phoneNumber ? (
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={action.busy}
                  onClick={() =>
                    action.run('callback:start', { uuid: request.uuid, phoneNumber: request.phoneNumber! })
                  }
                >
                  {t('callbacks.callPhone', { number: request.phoneNumber })}
                </button>
              ) : null}
              {request.mobilePhoneNumber ? (
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={action.busy}
                  onClick={() =>
                    action.run('callback:start', {
                      uuid: request.uuid,
                      phoneNumber: request.mobilePhoneNumber!,
                    })
                  }
                >
                  {t('callbacks.callMobile', { number: request.mobilePhoneNumber })}
                </button>
              ) : null}
              <button
                type="button"
                class="btn btn-quiet"
                disabled={action.busy}
                onClick={() => action.run('callback:release', { uuid: request.uuid })}
              >
                {t('callbacks.release')}
              </button>
            </>
          ) : null}
          {request.voiceMessageRef ? (
            <button
              type="button"
              class="btn"
              disabled={action.busy}
              onClick={() => action.run('callback:listenMessage', { uuid: request.uuid })}
            >
              {t('callbacks.playMessage')}
            </button>
          ) : null}
        </div>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {mine && request.ticketUuid ? <TicketForm request={request} onSaved={setSaved} /> : null}
      {saved === 'queued' ? (
        <p class="notice notice-warning" role="status" data-testid="ticket-outcome">
          {t('ticket.queued')}
        </p>
      ) : saved === 'confirmed' ? (
        <p class="notice notice-info" role="status" data-testid="ticket-outcome">
          {t('ticket.confirmed')}
        </p>
      ) : null}
    </li>
  );
}

function periodText(period: PeriodView): string {
  return `${period.name} (${formatClock(period.periodStart)}–${formatClock(period.periodEnd)})`;
}

/** The result of a started callback; a new due date and period only when calling back again. */
function TicketForm({
  request,
  onSaved,
}: {
  request: CallbackRequestView;
  onSaved: (delivery: 'confirmed' | 'queued') => void;
}) {
  const { store, now, i18n, ui } = useServices();
  const t = i18n.t;
  const periods = store.slice('periods').value ?? [];
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [comment, setComment] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [periodUuid, setPeriodUuid] = useState(
    request.period?.uuid ?? periods.find((p) => p.isDefault)?.uuid ?? '',
  );
  const action = useAction();
  const base = `ticket-${request.uuid}`;
  const needsDate = status === 'Callback';
  const valid = status !== null && (!needsDate || /^\d{4}-\d{2}-\d{2}$/.test(dueDate));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!valid || status === null) return;
    const result = await action.run('callback:updateTicket', {
      uuid: request.uuid,
      status,
      comment: comment.trim(),
      ...(needsDate ? { dueDate } : {}),
      ...(needsDate && periodUuid ? { periodUuid } : {}),
    });
    if (!result.ok) return;
    const delivery = result.value?.delivery === 'queued' ? 'queued' : 'confirmed';
    onSaved(delivery);
    // A closed request leaves the list (and this message with it): say it aloud too.
    ui.announce(t(delivery === 'queued' ? 'ticket.queued' : 'ticket.confirmed'));
  };

  return (
    <form class="ticket-form" onSubmit={submit} aria-labelledby={`${base}-title`} data-testid="ticket-form">
      <h3 id={`${base}-title`}>{t('ticket.title')}</h3>
      <fieldset class="status-choices">
        <legend>{t('ticket.result')}</legend>
        {STATUSES.map(({ status: value, label }) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name={`${base}-status`}
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${base}-comment`}>{t('ticket.comment')}</label>
        <textarea
          id={`${base}-comment`}
          class="input"
          rows={3}
          maxLength={4000}
          value={comment}
          onInput={(event) => setComment((event.target as HTMLTextAreaElement).value)}
        />
      </div>
      {needsDate ? (
        <div class="field-row">
          <div class="field">
            <label for={`${base}-due`}>{t('ticket.newDueDate')}</label>
            <input
              id={`${base}-due`}
              class="input"
              type="date"
              required
              min={isoDay(now.peek())}
              value={dueDate}
              onInput={(event) => setDueDate((event.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for={`${base}-period`}>{t('ticket.newPeriod')}</label>
            <select
              id={`${base}-period`}
              class="input"
              value={periodUuid}
              onChange={(event) => setPeriodUuid((event.target as HTMLSelectElement).value)}
            >
              <option value="">{t('ticket.anyPeriod')}</option>
              {periods.map((period) => (
                <option key={period.uuid} value={period.uuid}>
                  {periodText(period)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={!valid || action.busy}>
          {t('ticket.save')}
        </button>
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}
