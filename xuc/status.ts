/** What the client says about its link, for the desk, the tray and the connection banner. */
export type OfflineReason =
  | 'closed' // the caller closed it
  | 'invalid-credentials'
  | 'token-expired' // and re-authentication was not possible
  | 'unreachable'
  | 'tls'
  | 'bad-response'
  | 'server-error' // the server answered `{error, message}` with another code than the ones above
  | 'logged-on-error';

export type ConnectionStatus =
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'connected'; since: number }
  | { state: 'reconnecting'; attempt: number; nextRetryAt: number; lastError: string }
  | { state: 'offline'; reason: OfflineReason; detail: string };

export type ConnectionState = ConnectionStatus['state'];
