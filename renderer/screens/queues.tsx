import { MembershipEditor } from '../components/membership-editor';
import { canSupervise } from '../store/selectors';
import { useServices } from '../services';

/** The agent's queues; join, leave and penalty change for profiles that may manage membership. */
export function QueuesScreen() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const agent = store.slice('agent').value ?? null;
  const user = store.slice('user').value ?? null;
  const canManage = canSupervise(user);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('queues.title')}
      </h1>
      {!canManage ? <p class="hint">{t('queues.readOnly')}</p> : null}
      {agent ? (
        <MembershipEditor agentId={agent.id} canManage={canManage} ownAgent idPrefix="own" />
      ) : (
        <p class="empty">{t('home.noAgent')}</p>
      )}
    </section>
  );
}
