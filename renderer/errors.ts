import type { DeskError, ErrorCode } from '../preload/contract';
import { isMessageKey, type MessageKey, type Params } from './i18n';

export interface ErrorText {
  key: MessageKey;
  params: Params;
}

/**
 * The words for failures the desk did not word: the bridge itself answered (a request the
 * contract refused, the socket down, a sender refused). Their message is a technical detail.
 */
const BY_CODE: Record<ErrorCode, MessageKey> = {
  'invalid-request': 'error.invalidRequest',
  offline: 'error.offline',
  timeout: 'error.timeout',
  refused: 'error.refused',
  'agent-error': 'error.agentError',
  'invalid-credentials': 'error.invalidCredentials',
  unreachable: 'error.unreachable',
  tls: 'error.tls',
  'bad-response': 'error.badResponse',
  internal: 'error.internal',
};

/** Detail text, kept short so a banner stays readable. */
function detail(error: DeskError): string {
  return error.message.length > 200 ? `${error.message.slice(0, 199)}…` : error.message;
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * A DeskError in the window's language. The desk chose the sentence (`main/desk/errors.ts`, the
 * one place that words failures) and sent its catalogue key: it is shown in the current language.
 * Only the sentence beside the "another phone" choices is the window's own.
 */
export function describeError(error: DeskError): ErrorText {
  if (isLoggedInOnAnotherPhone(error))
    return { key: 'anotherPhone.explain', params: anotherPhoneNumbers(error) };
  if (isMessageKey(error.key)) return { key: error.key, params: error.params ?? {} };
  const key = BY_CODE[error.code] ?? 'error.internal';
  return { key, params: { detail: detail(error), error: text(error.details?.error) || detail(error) } };
}

export function isLoggedInOnAnotherPhone(error: DeskError): boolean {
  return error.code === 'agent-error' && error.details?.error === 'LoggedInOnAnotherPhone';
}

/** `phoneNb`: where the agent is logged in; `requestedNb`: the line the agent asked for. */
export function anotherPhoneNumbers(error: DeskError): { phoneNb: string; requestedNb: string } {
  const details = error.details ?? {};
  return {
    phoneNb: text(details.phoneNb) || '?',
    requestedNb: text(details.requestedNb ?? details.RequestedNb) || '?',
  };
}
