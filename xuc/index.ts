/**
 * The public API of `xuc/`. Transports are separate entry points (`xuc/transport-node`,
 * `xuc/transport-browser`) so a browser bundle never pulls in `ws`.
 */
export { XucClient, agentError, type ListObjectType, type XucClientConfig } from './client';
export { createConsoleLogger, type ConsoleLoggerOptions } from './console-logger';
export type {
  AuthResult,
  FrameStats,
  Handler,
  Unsubscribe,
  XucClientApi,
  XucClientOptions,
  XucLogger,
  XucTimers,
} from './client-api';
export { XucError, isXucError, type XucErrorCode } from './errors';
export type { ConnectionState, ConnectionStatus, OfflineReason } from './status';
export type { SocketError, SocketFactory, SocketHandlers, SocketLike, SocketOptions } from './socket';
export { authCheck, authLogin, type AuthCheckResult, type AuthOptions } from './auth';
export {
  casLoginUrl,
  casTicketFromRedirect,
  loginWithCas,
  loginWithSso,
  type NegotiateTokenSource,
  type SsoOptions,
} from './enterprise-auth';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { realTimers } from './timers';
export { ctiSocketUrl, authUrl, serverName } from './urls';
export {
  decodeFrame,
  decodeValue,
  DEFAULT_MAX_FRAME_BYTES,
  type DecodeResult,
  type RejectReason,
} from './wire/decode';
export {
  buildCommand,
  commandSchemas,
  encodeCommand,
  parseCommand,
  PING_FRAME,
  CALLBACK_STATUSES,
  LIST_OBJECT_TYPES,
  type CallbackStatusT,
  type CommandArgs,
  type CommandFrame,
  type CommandName,
} from './wire/commands';
export * from './wire/events';
