import type { NoticeView } from '../../preload/contract';
import { popReason, type MessageKey, type Translate } from '../i18n';
import { useServices } from '../services';
import { useAction } from './use-action';

/** The notice codes the desk raises (main/desk), each with its sentence. */
const NOTICE_TEXT: Record<string, MessageKey> = {
  'screen-pop-refused': 'notice.screenPopRefused',
  'screen-pop-failed': 'notice.screenPopFailed',
  'settings-reset': 'notice.settingsReset',
  'settings-unreadable': 'notice.settingsUnreadable',
  'agent-login-failed': 'notice.agentLoginFailed',
  'auto-sign-in-failed': 'notice.autoSignInFailed',
  'agent-error': 'notice.agentError',
  'outbox-refused': 'notice.outboxRefused',
  'outbox-entries-dropped': 'notice.outboxEntriesDropped',
  'outbox-unreadable': 'notice.outboxUnreadable',
  'secrets-memory-only': 'notice.secretsMemoryOnly',
  'admin-policy-ignored': 'notice.adminPolicyIgnored',
};

export function noticeText(t: Translate, notice: NoticeView): string {
  const key = NOTICE_TEXT[notice.code];
  if (!key) return t('notice.other', { code: notice.code });
  const params = { ...notice.params };
  if (typeof params.reason === 'string') params.reason = popReason(t, params.reason);
  return t(key, params);
}

/** What the desk wants the agent to know (a refused page, reset settings…), each dismissible. */
export function Notices() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const notices = store.slice('notices').value ?? [];
  const dismiss = useAction();
  if (notices.length === 0) return null;
  return (
    <ul class="notices" aria-label={t('notice.listLabel')}>
      {notices.map((notice) => (
        <li key={notice.id} class={`notice notice-${notice.level}`}>
          <span>{noticeText(t, notice)}</span>
          <button
            type="button"
            class="btn btn-quiet btn-small"
            aria-label={t('notice.dismissLabel', { text: noticeText(t, notice) })}
            onClick={() => dismiss.run('notice:dismiss', { id: notice.id })}
          >
            {t('common.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
