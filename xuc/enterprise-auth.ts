/**
 * Enterprise sign-ins of the xuc REST API, beside the password login of auth.ts:
 *
 * - `loginWithSso`: GET /auth/sso with SPNEGO (RFC 4559). In a browser (or Electron's network
 *   stack) the browser answers the `Negotiate` challenge itself from the OS ticket, for hosts on its
 *   allowlist; elsewhere a `negotiate` function supplies the token (Node: a GSSAPI binding).
 * - `loginWithCas`: the CAS round trip's last step, GET /auth/cas?service=S&ticket=T, with
 *   `casLoginUrl` for the first step and `casTicketFromRedirect` to read the ticket off the return.
 *
 * Both give the same `AuthResult` as a password login; the token then goes to /auth/check and the
 * socket as usual. Failures are typed XucErrors; messages never carry a token or a ticket.
 */
import { request, type AuthOptions } from './auth';
import type { AuthResult } from './client-api';
import { XucError } from './errors';
import { AUTH_CAS_PATH, AUTH_SSO_PATH, parseBaseUrl, serverName } from './urls';

/** Makes the SPNEGO token for a GSSAPI host-based service name such as `HTTP@xuc.example.com`. */
export type NegotiateTokenSource = (service: string) => Promise<string>;

export interface SsoOptions extends AuthOptions {
  /** Leave out in a browser: the browser negotiates. */
  negotiate?: NegotiateTokenSource;
  /** The service to ask a ticket for; default `HTTP@<the server's host name>`, as browsers do. */
  service?: string;
}

const MAX_TICKET_LENGTH = 256;
const CLOCK_SKEW = /clock skew|skew too great/i;

function reason(error: XucError): string | undefined {
  const message = error.data?.['message'];
  return typeof message === 'string' ? message : undefined;
}

/** XucError → the sign-in's own codes, from the `{error}` of the reply (or the 404 of a missing route). */
function mapSignInError(error: unknown, method: 'sso' | 'cas', server: string, tokenSent: boolean): unknown {
  if (!(error instanceof XucError)) return error;
  const code = error.data?.['error'];
  const data = { ...error.data, method };
  const detail = reason(error);
  if (error.data?.['status'] === 404 && (code === undefined || code === 'NotFound')) {
    const what = method === 'sso' ? 'Kerberos (Windows session) sign-in' : 'CAS sign-in';
    return new XucError('NotOffered', `${server} does not offer ${what}.`, data);
  }
  switch (code) {
    case 'UserNotFound':
      return new XucError(
        'UnknownUser',
        `Signed in to the domain, but XiVO has no user for it${detail ? ` (${detail})` : ''}.`,
        data,
      );
    case 'SsoAuthenticationFailed':
      if (!tokenSent) {
        return new XucError(
          'SsoNoTicket',
          `${server} asked for a Kerberos ticket and none was offered.`,
          data,
        );
      }
      return new XucError(
        'SsoRefused',
        `${server} refused the Kerberos ticket${detail ? `: ${detail}` : '.'}`,
        detail !== undefined && CLOCK_SKEW.test(detail) ? { ...data, reason: 'clock-skew' } : data,
      );
    case 'CasServerInvalidTicket':
      return new XucError(
        'CasInvalidTicket',
        'CAS did not accept the sign-in: sign in on the CAS page again.',
        data,
      );
    default:
      return error;
  }
}

function isNegotiateChallenge(header: string | null): boolean {
  return header !== null && /^\s*Negotiate\b/i.test(header);
}

export async function loginWithSso(baseUrl: string, options: SsoOptions = {}): Promise<AuthResult> {
  const server = serverName(baseUrl);
  const service = options.service ?? `HTTP@${parseBaseUrl(baseUrl).hostname}`;
  // credentials: the browser sends Negotiate to a cross-origin xuc only with them.
  const init: RequestInit = {
    method: 'GET',
    headers: { Accept: 'application/json' },
    credentials: 'include',
  };
  let challenge: string | null = null;
  try {
    return toResult(
      await request(baseUrl, AUTH_SSO_PATH, options, init, (status, headers) => {
        challenge = status === 401 ? headers.get('www-authenticate') : null;
      }),
    );
  } catch (error) {
    if (!(error instanceof XucError) || !options.negotiate || !isNegotiateChallenge(challenge)) {
      throw mapSignInError(error, 'sso', server, false);
    }
  }
  let token: string;
  try {
    token = await options.negotiate(service);
  } catch (error) {
    // GSSAPI's own words ("No Kerberos credentials available", "Server not found in Kerberos database").
    const detail = ((error as Error | undefined)?.message ?? String(error))
      .replace(/\s+/g, ' ')
      .slice(0, 300);
    throw new XucError('SsoNoTicket', `No Kerberos ticket for ${service}: ${detail}`, {
      method: 'sso',
      service,
    });
  }
  try {
    const headers = { Accept: 'application/json', Authorization: `Negotiate ${token}` };
    return toResult(await request(baseUrl, AUTH_SSO_PATH, options, { ...init, headers }));
  } catch (error) {
    throw mapSignInError(error, 'sso', server, true);
  }
}

/** The CAS server's login page for `service` (CAS protocol 3.0 §2.1). */
export function casLoginUrl(casServerUrl: string, service: string): string {
  const base = parseBaseUrl(casServerUrl);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/login`);
  url.searchParams.set('service', service);
  return url.toString();
}

/**
 * The ticket CAS appended to the service URL it redirected to, or null when `returned` is not that
 * service (another origin or path) or carries no plausible ticket. Pure.
 */
export function casTicketFromRedirect(returned: string, service: string): string | null {
  let got: URL;
  let want: URL;
  try {
    got = new URL(returned);
    want = new URL(service);
  } catch {
    return null;
  }
  if (got.origin !== want.origin || got.pathname !== want.pathname) return null;
  const ticket = got.searchParams.get('ticket');
  if (!ticket || ticket.length > MAX_TICKET_LENGTH || !/^[A-Za-z0-9._~:-]+$/.test(ticket)) return null;
  return ticket;
}

export async function loginWithCas(
  baseUrl: string,
  cas: { service: string; ticket: string },
  options: AuthOptions = {},
): Promise<AuthResult> {
  const query = new URLSearchParams({ service: cas.service, ticket: cas.ticket });
  try {
    const reply = await request(baseUrl, `${AUTH_CAS_PATH}?${query.toString()}`, options, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'include',
    });
    return toResult(reply);
  } catch (error) {
    throw mapSignInError(error, 'cas', serverName(baseUrl), true);
  }
}

function toResult(reply: { token: string; login?: string; TTL?: number }): AuthResult {
  if (reply.login === undefined) {
    throw new XucError('BadResponse', 'The sign-in reply names no login.', {});
  }
  return { login: reply.login, token: reply.token, ...(reply.TTL === undefined ? {} : { TTL: reply.TTL }) };
}
