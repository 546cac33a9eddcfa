import { useMemo, useState } from 'preact/hooks';
import type { AgentView, GroupView, QueueView } from '../../preload/contract';
import { ErrorMessage } from '../components/error-message';
import { MembershipEditor } from '../components/membership-editor';
import { StatePill } from '../components/state-pill';
import { useAction } from '../components/use-action';
import { VirtualList } from '../components/virtual-list';
import { formatDuration } from '../format';
import {
  agentName,
  countByTone,
  createRosterSorter,
  filterAgents,
  queueLabel,
  type AgentFilter,
} from '../store/selectors';
import { useServices } from '../services';
import { STATE_VIEW, TONE_LABEL, TONES, type Tone } from '../state-view';
import { StatsFigures } from './statistics';

export const AGENT_ROW_HEIGHT = 52;
const HEADER_HEIGHT = 38;

/** The agents of the supervisor's visible groups, live, filtered, and one agent in detail. */
export function SupervisorScreen() {
  const { store, now, i18n } = useServices();
  const t = i18n.t;
  const agents = store.slice('agents').value ?? {};
  const groups = store.slice('groups').value ?? {};
  const queues = store.slice('queues').value ?? {};
  const [filter, setFilter] = useState<AgentFilter>({ search: '', groupId: null, queueId: null, tone: null });
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const sortRoster = useMemo(createRosterSorter, []);
  const roster = sortRoster(agents);
  const visible = filterAgents(roster, { ...filter, tone: null });
  const counts = countByTone(visible);
  const shown = filter.tone === null ? visible : filterAgents(visible, { ...filter, tone: filter.tone });
  const selected = selectedId !== null ? agents[String(selectedId)] : undefined;
  const nowMs = now.value;
  const groupList = Object.values(groups).sort((a, b) => groupName(a).localeCompare(groupName(b)));
  const queueList = Object.values(queues).sort((a, b) => queueLabel(a).localeCompare(queueLabel(b)));

  return (
    <section class="screen supervisor" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('team.title')}
      </h1>
      <div class="tone-counts" role="group" aria-label={t('team.byState')}>
        {TONES.map((tone) => (
          <button
            type="button"
            key={tone}
            class={`count-chip tone-${tone}`}
            aria-pressed={filter.tone === tone}
            onClick={() => setFilter({ ...filter, tone: filter.tone === tone ? null : tone })}
            data-testid={`count-${tone}`}
          >
            <span class="dot" aria-hidden="true" />
            <span class="count-label">{t(TONE_LABEL[tone])}</span>
            <span class="count-value">{counts[tone]}</span>
          </button>
        ))}
      </div>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="field grow">
          <label for="team-search">{t('team.search')}</label>
          <input
            id="team-search"
            class="input"
            type="search"
            value={filter.search}
            onInput={(event) => setFilter({ ...filter, search: (event.target as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="team-group">{t('team.group')}</label>
          <select
            id="team-group"
            class="input"
            value={filter.groupId === null ? '' : String(filter.groupId)}
            onChange={(event) =>
              setFilter({ ...filter, groupId: numberOrNull((event.target as HTMLSelectElement).value) })
            }
          >
            <option value="">{t('team.allGroups')}</option>
            {groupList.map((group) => (
              <option key={group.id} value={String(group.id)}>
                {groupName(group)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="team-queue">{t('team.queue')}</label>
          <select
            id="team-queue"
            class="input"
            value={filter.queueId === null ? '' : String(filter.queueId)}
            onChange={(event) =>
              setFilter({ ...filter, queueId: numberOrNull((event.target as HTMLSelectElement).value) })
            }
          >
            <option value="">{t('team.allQueues')}</option>
            {queueList.map((queue) => (
              <option key={queue.id} value={String(queue.id)}>
                {queueLabel(queue)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="team-state">{t('team.state')}</label>
          <select
            id="team-state"
            class="input"
            value={filter.tone ?? ''}
            onChange={(event) =>
              setFilter({
                ...filter,
                tone: ((event.target as HTMLSelectElement).value || null) as Tone | null,
              })
            }
          >
            <option value="">{t('team.allStates')}</option>
            {TONES.map((tone) => (
              <option key={tone} value={tone}>
                {t(TONE_LABEL[tone])}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p class="count" data-testid="team-count">
        {t('team.count', { count: shown.length, total: roster.length })}
      </p>
      <div class={selected ? 'team-layout with-detail' : 'team-layout'}>
        {shown.length === 0 ? (
          <p class="empty">{t('team.none')}</p>
        ) : (
          <VirtualList
            items={shown}
            rowHeight={AGENT_ROW_HEIGHT}
            getKey={(agent) => agent.id}
            label={t('team.listLabel')}
            class="agent-table"
            headerHeight={HEADER_HEIGHT}
            header={
              <div class="agent-row agent-head" role="row" aria-rowindex={1}>
                <span role="columnheader">{t('team.state')}</span>
                <span role="columnheader">{t('team.agent')}</span>
                <span role="columnheader" class="col-group">
                  {t('team.group')}
                </span>
                <span role="columnheader" class="num">
                  {t('team.timeInState')}
                </span>
                <span role="columnheader">
                  <span class="sr-only">{t('queues.actions')}</span>
                </span>
              </div>
            }
            renderRow={(agent) => (
              <AgentRow
                agent={agent}
                group={agent.groupId !== null ? groups[String(agent.groupId)] : undefined}
                now={nowMs}
                selected={agent.id === selectedId}
                onSelect={() => setSelectedId(agent.id)}
              />
            )}
          />
        )}
        {selected ? (
          <AgentDetail key={selected.id} agent={selected} onClose={() => setSelectedId(null)} />
        ) : null}
      </div>
    </section>
  );
}

function numberOrNull(value: string): number | null {
  return value === '' ? null : Number(value);
}

function groupName(group: GroupView): string {
  return group.displayName || group.name;
}

function AgentRow({
  agent,
  group,
  now,
  selected,
  onSelect,
}: {
  agent: AgentView;
  group: GroupView | undefined;
  now: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useServices().i18n.t;
  const view = STATE_VIEW[agent.state];
  const name = agentName(agent);
  return (
    <div
      class={`agent-row${selected ? ' selected' : ''}`}
      data-agent-id={agent.id}
      data-state={agent.state}
      data-testid="agent-row"
    >
      <span role="cell">
        <StatePill tone={view.tone} label={t(view.label)} size="small" />
      </span>
      <span role="cell" class="agent-cell">
        <span class="agent-name">{name}</span>
        <span class="muted mono">{agent.number}</span>
      </span>
      <span role="cell" class="col-group muted">
        {group ? groupName(group) : '—'}
      </span>
      <span role="cell" class="num mono">
        {agent.state === 'AgentLoggedOut' || agent.since === 0 ? '—' : formatDuration(now - agent.since)}
      </span>
      <span role="cell" class="row-actions">
        <button
          type="button"
          class="btn btn-small"
          aria-pressed={selected}
          aria-label={t('team.detailsFor', { agent: name })}
          onClick={onSelect}
        >
          {t('team.details')}
        </button>
      </span>
    </div>
  );
}

function AgentDetail({ agent, onClose }: { agent: AgentView; onClose: () => void }) {
  const { store, now, i18n } = useServices();
  const t = i18n.t;
  const stats = store.slice('stats').value?.[String(agent.id)];
  const queues: Record<string, QueueView> = store.slice('queues').value ?? {};
  const action = useAction();
  const view = STATE_VIEW[agent.state];
  const name = agentName(agent);
  const loggedOut = agent.state === 'AgentLoggedOut';
  return (
    <aside class="card agent-detail" aria-labelledby="agent-detail-title" data-testid="agent-detail">
      <header class="card-header">
        <h2 id="agent-detail-title">{name}</h2>
        <button
          type="button"
          class="btn btn-quiet btn-small"
          onClick={onClose}
          aria-label={t('team.closeDetail')}
        >
          {t('common.close')}
        </button>
      </header>
      <p>
        <StatePill tone={view.tone} label={t(view.label)} />{' '}
        {!loggedOut && agent.since > 0 ? (
          <span class="mono">{formatDuration(now.value - agent.since)}</span>
        ) : null}
        {agent.state === 'AgentOnPause' && agent.cause ? <span class="muted"> · {agent.cause}</span> : null}
      </p>
      <p class="muted">{t('team.numberAndPhone', { number: agent.number, phone: agent.phoneNb ?? '—' })}</p>
      <div class="button-row">
        <button
          type="button"
          class="btn"
          disabled={action.busy || loggedOut}
          onClick={() => action.run('agent:listen', { agentId: agent.id })}
        >
          {t('team.listen')}
        </button>
        {agent.state === 'AgentOnPause' ? (
          <button
            type="button"
            class="btn"
            disabled={action.busy}
            onClick={() => action.run('agent:unpause', { agentId: agent.id })}
          >
            {t('team.makeReady')}
          </button>
        ) : !loggedOut ? (
          <button
            type="button"
            class="btn"
            disabled={action.busy}
            onClick={() => action.run('agent:pause', { agentId: agent.id, reason: null })}
          >
            {t('team.pause')}
          </button>
        ) : null}
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      <h3>{t('team.queues')}</h3>
      {Object.keys(queues).length > 0 ? (
        <MembershipEditor agentId={agent.id} canManage ownAgent={false} idPrefix={`agent-${agent.id}`} />
      ) : (
        <p class="empty">{t('queues.none')}</p>
      )}
      <h3>{t('team.statistics')}</h3>
      {stats ? <StatsFigures stats={stats} /> : <p class="empty">{t('stats.none')}</p>}
    </aside>
  );
}
