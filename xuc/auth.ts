/**
 * The xuc REST authentication (xuc-protocol.md §1): login for a token, check to renew it.
 * Every reply is validated; every failure is a typed XucError whose message names the server but
 * never the password or the token.
 */
import { z } from 'zod';
import { XucError } from './errors';
import type { AuthResult } from './client-api';
import { classifyFetchFailure } from './net-errors';
import { AUTH_CHECK_PATH, AUTH_LOGIN_PATH, authUrl, serverName } from './urls';

export interface AuthOptions {
  fetch?: typeof fetch;
  /** Whole request, body included. Default 10000 ms. */
  timeoutMs?: number;
}

/** What auth/check answers: a (possibly renewed) token; `login` and `TTL` when the server sends them. */
export interface AuthCheckResult {
  token: string;
  login?: string;
  TTL?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const TokenReply = z.looseObject({
  token: z.string().min(1),
  login: z.string().optional(),
  TTL: z.number().optional(),
});
const ErrorReply = z.looseObject({ error: z.string(), message: z.string().optional() });

export async function authLogin(
  baseUrl: string,
  login: string,
  password: string,
  options: AuthOptions = {},
): Promise<AuthResult> {
  const reply = await request(baseUrl, AUTH_LOGIN_PATH, options, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return {
    login: reply.login ?? login,
    token: reply.token,
    ...(reply.TTL === undefined ? {} : { TTL: reply.TTL }),
  };
}

export async function authCheck(
  baseUrl: string,
  token: string,
  options: AuthOptions = {},
): Promise<AuthCheckResult> {
  const reply = await request(baseUrl, AUTH_CHECK_PATH, options, {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  return {
    token: reply.token,
    ...(reply.login === undefined ? {} : { login: reply.login }),
    ...(reply.TTL === undefined ? {} : { TTL: reply.TTL }),
  };
}

/**
 * One auth request: its JSON reply validated, a failure as a typed XucError. `onResponse` sees the
 * status and headers first (the SSO sign-in reads the `WWW-Authenticate` challenge there).
 */
export async function request(
  baseUrl: string,
  path: string,
  options: AuthOptions,
  init: RequestInit,
  onResponse?: (status: number, headers: Headers) => void,
): Promise<z.output<typeof TokenReply>> {
  const url = authUrl(baseUrl, path);
  const server = serverName(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  let status: number;
  let contentType: string;
  let text: string;
  try {
    // No pooled keep-alive connection: after sleep a pooled socket can be dead while it looks open,
    // and renewing the token at reconnect would hang on it. Auth calls are rare; browsers drop this.
    const headers = { ...(init.headers as Record<string, string>), Connection: 'close' };
    const response = await doFetch(url, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    onResponse?.(status, response.headers);
    contentType = response.headers.get('content-type') ?? 'no content type';
    text = await response.text();
  } catch (error) {
    throw classifyFetchFailure(error, server, timeoutMs);
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new XucError(
      'BadResponse',
      `${server} answered HTTP ${status} with ${describeContentType(contentType, text)}, not the JSON of the xuc API. Is this the xuc address and port?`,
      { status },
    );
  }

  const failure = ErrorReply.safeParse(body);
  if (failure.success) throw replyError(failure.data.error, failure.data.message, server, status);

  const success = TokenReply.safeParse(body);
  if (!success.success || status < 200 || status >= 300) {
    throw new XucError(
      'BadResponse',
      `${server} answered HTTP ${status} with JSON that holds no session token.`,
      {
        status,
      },
    );
  }
  return success.data;
}

function replyError(code: string, message: string | undefined, server: string, status: number): XucError {
  const data = { error: code, status, ...(message === undefined ? {} : { message }) };
  switch (code) {
    case 'InvalidCredentials':
      return new XucError('InvalidCredentials', 'Sign-in refused: wrong login or password.', data);
    case 'TokenExpired':
      return new XucError('TokenExpired', 'The session has expired: sign in again.', data);
    default:
      return new XucError(
        'ServerError',
        `${server} refused the request: ${code}${message ? ` (${truncate(message, 200)})` : ''}.`,
        data,
      );
  }
}

function describeContentType(contentType: string, text: string): string {
  if (text.trim() === '') return 'an empty body';
  if (/html/i.test(contentType) || /^\s*</.test(text)) return 'an HTML page';
  return `a ${contentType.split(';')[0]} body`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
