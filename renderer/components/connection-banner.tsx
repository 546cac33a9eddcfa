import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionView } from '../../preload/contract';
import { useServices } from '../services';
import { useAction } from './use-action';
import { ErrorMessage } from './error-message';

/** How long "connection restored" stays on screen. */
export const RESTORED_VISIBLE_MS = 5000;

/**
 * The connection as the agent needs to know it: reconnecting (with a countdown and "retry now"),
 * offline (with its reason), restored (for a few seconds after a loss). Silent when all is well.
 */
export function ConnectionBanner() {
  const { store, now, i18n } = useServices();
  const t = i18n.t;
  const connection = store.slice('connection').value;
  const retry = useAction();
  const signOut = useAction();
  const previous = useRef<ConnectionView['state'] | null>(null);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);

  useEffect(() => {
    const state = connection?.state ?? null;
    if (state === 'connected' && (previous.current === 'reconnecting' || previous.current === 'offline')) {
      setRestoredAt(now.peek());
    } else if (state !== 'connected') {
      setRestoredAt(null);
    }
    previous.current = state;
  }, [connection?.state]);

  if (!connection) return null;
  const retryButton = (
    <button
      type="button"
      class="btn btn-small"
      disabled={retry.busy}
      onClick={() => retry.run('session:retryNow', {})}
    >
      {t('connection.retryNow')}
    </button>
  );

  if (connection.state === 'reconnecting') {
    const seconds = Math.max(0, Math.ceil((connection.nextRetryAt - now.value) / 1000));
    return (
      <div class="banner banner-warning" role="status" data-testid="connection-banner">
        <div class="banner-text">
          <strong>{t('connection.lost')}</strong>{' '}
          <span>{t('connection.retryIn', { count: seconds, attempt: connection.attempt })}</span>
          {connection.lastError ? <span class="banner-detail">{connection.lastError}</span> : null}
        </div>
        {retryButton}
        {retry.error ? <ErrorMessage error={retry.error} onDismiss={retry.clearError} /> : null}
      </div>
    );
  }
  if (connection.state === 'offline') {
    return (
      <div class="banner banner-error" role="alert" data-testid="connection-banner">
        <div class="banner-text">
          <strong>{t('connection.offline')}</strong> <span>{offlineReason(t, connection.reason)}</span>
          {connection.detail ? <span class="banner-detail">{connection.detail}</span> : null}
        </div>
        {retryButton}
        <button
          type="button"
          class="btn btn-small btn-quiet"
          onClick={() => signOut.run('session:signOut', {})}
        >
          {t('connection.signInAgain')}
        </button>
        {retry.error ? <ErrorMessage error={retry.error} onDismiss={retry.clearError} /> : null}
      </div>
    );
  }
  if (connection.state === 'connecting') {
    return (
      <div class="banner banner-info" role="status" data-testid="connection-banner">
        <div class="banner-text">
          {t('connection.connecting', { server: serverLabel(t, connection.server) })}
        </div>
      </div>
    );
  }
  if (
    connection.state === 'connected' &&
    restoredAt !== null &&
    now.value - restoredAt < RESTORED_VISIBLE_MS
  ) {
    return (
      <div class="banner banner-success" role="status" data-testid="connection-banner">
        <div class="banner-text">{t('connection.restored')}</div>
      </div>
    );
  }
  return null;
}

type T = ReturnType<typeof useServices>['i18n']['t'];

/** The client's offline reasons (xuc/status.ts OfflineReason) in words. */
const REASONS: Record<string, Parameters<T>[0]> = {
  closed: 'connection.reason.closed',
  'invalid-credentials': 'error.invalidCredentials',
  'token-expired': 'connection.reason.tokenExpired',
  unreachable: 'connection.reason.unreachable',
  tls: 'connection.reason.tls',
  'bad-response': 'connection.reason.badResponse',
  'server-error': 'connection.reason.serverError',
  'logged-on-error': 'connection.reason.loggedOnError',
};

/** A known reason code in the agent's language; anything else as the desk wrote it. */
export function offlineReason(t: T, reason: string): string {
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

export function serverLabel(t: T, server: string): string {
  return server === '' || server === 'practice' ? t('signIn.practiceServer') : server;
}
