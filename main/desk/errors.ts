/**
 * Every failure a user can meet, as a `DeskError` with a sentence they can act on. The one place
 * that turns xuc client errors (and AgentError frames) into the bridge's error codes.
 */
import type { DeskError, ErrorCode } from '../../preload/contract';
import { XucError } from '../../xuc/errors';
import type { MessageKey, Translate } from './i18n';

export function deskError(code: ErrorCode, message: string, details?: DeskError['details']): DeskError {
  return details ? { code, message, details } : { code, message };
}

export function translated(
  code: ErrorCode,
  t: Translate,
  key: MessageKey,
  params?: Record<string, string | number>,
): DeskError {
  return deskError(code, t(key, params));
}

/** An AgentError payload as the agent should read it, with both numbers when there are two. */
export function agentErrorToDesk(
  payload: Record<string, unknown>,
  requested: string,
  t: Translate,
): DeskError {
  const error = typeof payload.Error === 'string' ? payload.Error : 'unknown';
  const phoneNb = typeof payload.phoneNb === 'string' ? payload.phoneNb : null;
  const requestedNb = typeof payload.RequestedNb === 'string' ? payload.RequestedNb : requested;
  switch (error) {
    case 'LoggedInOnAnotherPhone':
      return deskError(
        'agent-error',
        t('error.loggedInOnAnotherPhone', { phoneNb: phoneNb ?? '?', requestedNb }),
        {
          error,
          phoneNb,
          requestedNb,
        },
      );
    case 'PhoneNumberUnknown':
      return deskError('agent-error', t('error.phoneNumberUnknown', { requestedNb }), { error, requestedNb });
    default:
      return deskError('agent-error', t('error.agentError', { error }), { error });
  }
}

/** Any thrown value from a client call, as a DeskError. `requested` is the phone number for agent errors. */
export function toDeskError(error: unknown, t: Translate, requested = ''): DeskError {
  if (!(error instanceof XucError)) {
    return deskError(
      'internal',
      t('error.internal', { detail: (error as Error | undefined)?.message ?? String(error) }),
    );
  }
  const detail = error.message;
  switch (error.code as string) {
    case 'InvalidCredentials':
    case 'TokenExpired':
      return deskError('invalid-credentials', t('error.invalidCredentials'));
    case 'Unreachable':
      return deskError('unreachable', t('error.unreachable', { detail }));
    case 'Tls':
      return deskError('tls', t('error.tls', { detail }));
    case 'BadResponse':
      return deskError('bad-response', t('error.badResponse', { detail }));
    case 'ServerError':
    case 'LoggedOnError':
      return deskError('refused', t('error.refused', { detail }));
    case 'Offline':
    case 'Closed':
      return deskError('offline', t('error.offline'));
    case 'Timeout':
      return deskError('timeout', t('error.timeout'));
    case 'AgentError':
      return agentErrorToDesk(error.data ?? {}, requested, t);
    case 'InvalidCommand':
      return deskError('invalid-request', detail);
    default:
      return deskError('internal', t('error.internal', { detail }));
  }
}

export class DeskFailure extends Error {
  constructor(readonly error: DeskError) {
    super(error.message);
  }
}
