import type { AgentStatsView } from '../../preload/contract';
import { formatDateTime, formatSeconds } from '../format';
import type { MessageKey } from '../i18n';
import { useServices } from '../services';

/** The figures the statistics screen names; everything else the server sends is listed below them. */
export function StatsFigures({ stats }: { stats: AgentStatsView }) {
  const { i18n, now } = useServices();
  const t = i18n.t;
  const language = i18n.language.value;
  const figures: Array<{ label: MessageKey; value: string; id: string }> = [
    { id: 'ready', label: 'stats.ready', value: formatSeconds(stats.readyTime) },
    { id: 'paused', label: 'stats.paused', value: formatSeconds(stats.pausedTime) },
    { id: 'wrapup', label: 'stats.wrapup', value: formatSeconds(stats.wrapupTime) },
    {
      id: 'answered',
      label: 'stats.answered',
      value: stats.answered === null ? '—' : String(stats.answered),
    },
    { id: 'missed', label: 'stats.missed', value: stats.missed === null ? '—' : String(stats.missed) },
    { id: 'login', label: 'stats.loginAt', value: formatDateTime(stats.loginAt, language, now.value) },
  ];
  return (
    <dl class="figures">
      {figures.map((figure) => (
        <div class="figure" key={figure.id} data-testid={`stat-${figure.id}`}>
          <dt>{t(figure.label)}</dt>
          <dd class="mono">{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The agent's own statistics, updated live as the server sends them. */
export function StatisticsScreen() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const agent = store.slice('agent').value ?? null;
  const stats = agent ? store.slice('stats').value?.[String(agent.id)] : undefined;
  const raw = stats ? Object.entries(stats.raw).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('stats.title')}
      </h1>
      {stats ? (
        <>
          <StatsFigures stats={stats} />
          {raw.length > 0 ? (
            <details class="raw-stats">
              <summary>{t('stats.allFigures')}</summary>
              <table class="table">
                <tbody>
                  {raw.map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td class="num mono">{String(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </>
      ) : (
        <p class="empty">{t('stats.none')}</p>
      )}
    </section>
  );
}
