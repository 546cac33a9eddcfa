/** Typed failures of the xuc client. `code` is stable and meant for branching; `message` for people. */
export type XucErrorCode =
  | 'InvalidCredentials' // auth/login refused the login or password
  | 'TokenExpired' // auth/check or the socket refused the token
  | 'Unreachable' // DNS, refused connection, reset, timeout before any reply
  | 'Tls' // certificate or TLS handshake failure
  | 'BadResponse' // the server answered, but not with the JSON the protocol promises
  | 'ServerError' // a `{error, message}` reply with another code
  | 'LoggedOnError' // the server refused the CTI session, or sent no LoggedOn in time
  | 'Offline' // a command was refused at once because the link is not connected
  | 'Timeout' // no acknowledgement arrived in time
  | 'Closed' // the caller closed the client while waiting
  | 'AgentError' // an AgentError frame answered the command (detail in `data`)
  | 'InvalidCommand' // the command's arguments do not fit its wire schema: nothing was sent
  | 'NotOffered' // the server has no Kerberos (auth/sso) or CAS (auth/cas) sign-in (`data.method`)
  | 'SsoNoTicket' // the server asked for Kerberos, and this side had no ticket to offer it
  | 'SsoRefused' // the server refused the Kerberos ticket (`data.reason`: 'clock-skew' when it says so)
  | 'UnknownUser' // the ticket's user (Kerberos principal or CAS user) is no XiVO user
  | 'CasInvalidTicket'; // the CAS ticket was refused (unknown, expired, used, another service): go back to CAS login

export class XucError extends Error {
  override readonly name = 'XucError';
  constructor(
    readonly code: XucErrorCode,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isXucError(error: unknown, code?: XucErrorCode): error is XucError {
  return error instanceof XucError && (code === undefined || error.code === code);
}
