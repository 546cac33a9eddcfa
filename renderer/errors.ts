import type { DeskError } from '../preload/contract';
import type { MessageKey, Params } from './i18n';

export interface ErrorText {
  key: MessageKey;
  params: Params;
}

/** Detail text from the desk, kept short so a banner stays readable. */
function detail(error: DeskError): string {
  return error.message.length > 200 ? `${error.message.slice(0, 199)}…` : error.message;
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The one place a DeskError becomes words (agent-api.md errors included). */
export function describeError(error: DeskError): ErrorText {
  const details = error.details ?? {};
  switch (error.code) {
    case 'invalid-request':
      return { key: 'error.invalidRequest', params: { detail: detail(error) } };
    case 'offline':
      return { key: 'error.offline', params: {} };
    case 'timeout':
      return { key: 'error.timeout', params: {} };
    case 'refused':
      // The screen-pop policy, not the server, refused: the desk's sentence already says why.
      if (typeof details.reason === 'string')
        return { key: 'error.notOpened', params: { detail: error.message } };
      return { key: 'error.refused', params: { detail: detail(error) } };
    case 'invalid-credentials':
      return { key: 'error.invalidCredentials', params: {} };
    case 'unreachable':
      return { key: 'error.unreachable', params: { detail: detail(error) } };
    case 'tls':
      return { key: 'error.tls', params: { detail: detail(error) } };
    case 'bad-response':
      return { key: 'error.badResponse', params: { detail: detail(error) } };
    case 'agent-error': {
      const code = text(details.error);
      if (code === 'LoggedInOnAnotherPhone') {
        return {
          key: 'error.loggedInOnAnotherPhone',
          params: anotherPhoneNumbers(error),
        };
      }
      if (code === 'PhoneNumberUnknown') {
        return {
          key: 'error.phoneNumberUnknown',
          params: { number: text(details.requestedNb ?? details.RequestedNb ?? details.phoneNb) || '?' },
        };
      }
      return { key: 'error.agentError', params: { error: code || detail(error) } };
    }
    default:
      return { key: 'error.internal', params: { detail: detail(error) } };
  }
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
