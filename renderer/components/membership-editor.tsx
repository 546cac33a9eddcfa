import { useState } from 'preact/hooks';
import { isPending, membershipsOf, queueLabel, type MembershipRow } from '../store/selectors';
import { useServices } from '../services';
import { ErrorMessage } from './error-message';
import { useAction } from './use-action';

const MAX_PENALTY = 100;

/**
 * An agent's queues with penalties, waiting calls, and — when the profile allows — join, leave and
 * penalty change. `ownAgent` leaves `agentId` out of commands so the desk acts on the signed-in agent.
 */
export function MembershipEditor({
  agentId,
  canManage,
  ownAgent,
  idPrefix,
}: {
  agentId: number;
  canManage: boolean;
  ownAgent: boolean;
  idPrefix: string;
}) {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const memberships = store.slice('memberships').value ?? {};
  const queues = store.slice('queues').value ?? {};
  const pending = store.slice('pending').value;
  const rows = membershipsOf(memberships, queues, agentId);
  const joined = new Set(rows.map((row) => row.queue.id));
  const joinable = Object.values(queues)
    .filter((queue) => !joined.has(queue.id))
    .sort((a, b) => queueLabel(a).localeCompare(queueLabel(b)));
  const saving = isPending(pending, 'queue:set', 'queue:leave');
  const target = ownAgent ? {} : { agentId };

  return (
    <div class="memberships">
      {rows.length === 0 ? (
        <p class="empty">{t('queues.none')}</p>
      ) : (
        <table class="table">
          <caption class="sr-only">{t('queues.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queues.queue')}</th>
              <th scope="col" class="num col-waiting">
                {t('queues.waiting')}
              </th>
              <th scope="col" class="num">
                {t('queues.penalty')}
              </th>
              {canManage ? (
                <th scope="col">
                  <span class="sr-only">{t('queues.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <MembershipLine
                key={row.queue.id}
                row={row}
                canManage={canManage}
                target={target}
                idPrefix={idPrefix}
              />
            ))}
          </tbody>
        </table>
      )}
      {saving ? <p class="pending-mark">{t('common.saving')}</p> : null}
      {canManage && joinable.length > 0 ? (
        <JoinForm queues={joinable} target={target} idPrefix={idPrefix} />
      ) : null}
    </div>
  );
}

function MembershipLine({
  row,
  canManage,
  target,
  idPrefix,
}: {
  row: MembershipRow;
  canManage: boolean;
  target: { agentId?: number };
  idPrefix: string;
}) {
  const t = useServices().i18n.t;
  const [draft, setDraft] = useState<string | null>(null);
  const action = useAction();
  const name = queueLabel(row.queue);
  const inputId = `${idPrefix}-penalty-${row.queue.id}`;
  const value = draft ?? String(row.penalty);
  const parsed = Number(value);
  const valid = /^\d{1,3}$/.test(value) && parsed <= MAX_PENALTY;
  const save = async (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    const result = await action.run('queue:set', { queueId: row.queue.id, penalty: parsed, ...target });
    if (result.ok) setDraft(null);
  };
  return (
    <tr data-testid={`membership-${row.queue.id}`}>
      <th scope="row">
        {name}
        {row.queue.number ? <span class="muted queue-number"> · {row.queue.number}</span> : null}
      </th>
      <td class="num col-waiting">{row.queue.waitingCalls ?? '—'}</td>
      <td class="num">
        {canManage ? (
          <form class="inline-form" onSubmit={save}>
            <label class="sr-only" for={inputId}>
              {t('queues.penaltyFor', { queue: name })}
            </label>
            <input
              id={inputId}
              class="input input-narrow"
              type="number"
              min={0}
              max={MAX_PENALTY}
              inputMode="numeric"
              value={value}
              aria-invalid={!valid}
              onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
            />
            <button type="submit" class="btn btn-small" disabled={!valid || action.busy || draft === null}>
              {t('common.save')}
            </button>
          </form>
        ) : (
          row.penalty
        )}
      </td>
      {canManage ? (
        <td class="actions">
          <button
            type="button"
            class="btn btn-small btn-quiet"
            disabled={action.busy}
            aria-label={t('queues.leaveLabel', { queue: name })}
            onClick={() => action.run('queue:leave', { queueId: row.queue.id, ...target })}
          >
            {t('queues.leave')}
          </button>
          {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

function JoinForm({
  queues,
  target,
  idPrefix,
}: {
  queues: { id: number; name: string; displayName: string }[];
  target: { agentId?: number };
  idPrefix: string;
}) {
  const t = useServices().i18n.t;
  const [queueId, setQueueId] = useState<string>(String(queues[0]?.id ?? ''));
  const [penalty, setPenalty] = useState('0');
  const action = useAction();
  const chosen = queues.some((queue) => String(queue.id) === queueId) ? queueId : String(queues[0]?.id ?? '');
  const valid = /^\d{1,3}$/.test(penalty) && Number(penalty) <= MAX_PENALTY && chosen !== '';
  const join = async (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    await action.run('queue:set', { queueId: Number(chosen), penalty: Number(penalty), ...target });
  };
  return (
    <form class="join-form" onSubmit={join} aria-label={t('queues.joinTitle')}>
      <div class="field">
        <label for={`${idPrefix}-join-queue`}>{t('queues.joinQueue')}</label>
        <select
          id={`${idPrefix}-join-queue`}
          class="input"
          value={chosen}
          onChange={(event) => setQueueId((event.target as HTMLSelectElement).value)}
        >
          {queues.map((queue) => (
            <option key={queue.id} value={String(queue.id)}>
              {queue.displayName || queue.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-join-penalty`}>{t('queues.penalty')}</label>
        <input
          id={`${idPrefix}-join-penalty`}
          class="input input-narrow"
          type="number"
          min={0}
          max={MAX_PENALTY}
          value={penalty}
          aria-invalid={!valid}
          onInput={(event) => setPenalty((event.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="btn btn-primary" disabled={!valid || action.busy}>
        {t('queues.join')}
      </button>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}
