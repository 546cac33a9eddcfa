/**
 * Every failure a user can meet, as a `DeskError` with a sentence they can act on: the one place a
 * failure gets its words. The sentence is a key of the shared catalogue (`shared/i18n`) with its
 * values, sent along with the text in the desk's language, so the window can show it in its own.
 * Turns xuc client errors (and AgentError frames) into the bridge's error codes.
 */
import type { DeskError, ErrorCode } from '../../preload/contract';
import type { MessageKey, Params, Translate } from '../../shared/i18n';
import { XucError } from '../../xuc/errors';

/** A failure whose words are not the catalogue's (a validation message from the contract's schema). */
export function deskError(code: ErrorCode, message: string, details?: DeskError['details']): DeskError {
  return details ? { code, message, details } : { code, message };
}

/** A failure worded by the catalogue: `key` and `params` travel with the text. */
export function translated(
  code: ErrorCode,
  t: Translate,
  key: MessageKey,
  params?: Params,
  details?: DeskError['details'],
): DeskError {
  const error: DeskError = { code, message: t(key, params), key };
  if (params) error.params = params;
  if (details) error.details = details;
  return error;
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
      return translated(
        'agent-error',
        t,
        'error.loggedInOnAnotherPhone',
        { phoneNb: phoneNb ?? '?', requestedNb },
        { error, phoneNb, requestedNb },
      );
    case 'PhoneNumberUnknown':
      return translated(
        'agent-error',
        t,
        'error.phoneNumberUnknown',
        { requestedNb },
        { error, requestedNb },
      );
    default:
      return translated('agent-error', t, 'error.agentError', { error }, { error });
  }
}

/** Any thrown value from a client call, as a DeskError. `requested` is the phone number for agent errors. */
export function toDeskError(error: unknown, t: Translate, requested = ''): DeskError {
  if (!(error instanceof XucError)) {
    return translated('internal', t, 'error.internal', {
      detail: (error as Error | undefined)?.message ?? String(error),
    });
  }
  const detail = error.message;
  switch (error.code as string) {
    case 'InvalidCredentials':
    case 'TokenExpired':
      return translated('invalid-credentials', t, 'error.invalidCredentials');
    case 'Unreachable':
      return translated('unreachable', t, 'error.unreachable', { detail });
    case 'Tls':
      return translated('tls', t, 'error.tls', { detail });
    case 'BadResponse':
      return translated('bad-response', t, 'error.badResponse', { detail });
    case 'ServerError':
    case 'LoggedOnError':
      return translated('refused', t, 'error.refused', { detail });
    case 'Offline':
    case 'Closed':
      return translated('offline', t, 'error.offline');
    case 'Timeout':
      return translated('timeout', t, 'error.timeout');
    case 'AgentError':
      return agentErrorToDesk(error.data ?? {}, requested, t);
    case 'InvalidCommand':
      return deskError('invalid-request', detail);
    default:
      return translated('internal', t, 'error.internal', { detail });
  }
}

export class DeskFailure extends Error {
  constructor(readonly error: DeskError) {
    super(error.message);
  }
}
