/**
 * Kerberos single sign-on: GET /xuc/api/2.0/auth/sso with SPNEGO (RFC 4559). Without an
 * `Authorization: Negotiate …` header the answer is `401` + `WWW-Authenticate: Negotiate`; with one,
 * the token is accepted by GSSAPI (the npm `kerberos` binding) with the keys of the configured
 * service principal from the configured keytab (never a name derived from the request's Host), and
 * the client principal is mapped to a practice user → `200 {login, token}` (no TTL, as xuc).
 *
 * Failures are `{error, message}`: 401 SsoAuthenticationFailed (no token, NTLM, a token GSSAPI
 * refuses: wrong keys, clock skew, replay…), 403 UserNotFound (a valid principal with no user),
 * 500 UnhandledError (GSSAPI unusable).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContactCentre } from '../model/contact-centre';
import { sendError, sendJson } from './http-util';
import type { TokenStore } from './tokens';
import { userByLogin } from './users';

export const AUTH_SSO_PATH = '/xuc/api/2.0/auth/sso';

export interface SsoOptions {
  /** The keytab holding the service principal's keys (`FILE:` prefix optional). */
  keytab: string;
  /** The service principal, `HTTP/host@REALM`; browsers ask for `HTTP/<the host they typed>`. */
  servicePrincipal: string;
  /**
   * Principal → practice login. Without an entry, `name@REALM` of the service's own realm maps to
   * the login `name`; a principal of another realm maps to nobody.
   */
  principals?: Record<string, string>;
}

/** The part of the `kerberos` binding used here (loaded only when SSO is on). */
interface GssServer {
  username: string;
  response: string | null;
  contextComplete: boolean;
  step(token: string): Promise<string>;
}
interface GssBinding {
  initializeServer(service: string): Promise<GssServer>;
}

export interface ParsedPrincipal {
  service: string;
  host: string;
  realm: string;
}

const PRINCIPAL = /^([A-Za-z0-9._-]+)\/([A-Za-z0-9.-]+)@([A-Za-z0-9.-]+)$/;
const NEGOTIATE = /^Negotiate\s+([A-Za-z0-9+/]+={0,2})\s*$/i;
/** An NTLMSSP message, base64: what Windows sends when it has no Kerberos ticket for the server. */
const NTLM_PREFIX = 'TlRMTVNT';

export class SsoConfigError extends Error {
  override readonly name = 'SsoConfigError';
}

export function parseServicePrincipal(principal: string): ParsedPrincipal {
  const match = PRINCIPAL.exec(principal);
  if (!match) {
    throw new SsoConfigError(`SSO: the service principal must look like HTTP/host@REALM, not "${principal}"`);
  }
  return { service: match[1]!, host: match[2]!, realm: match[3]! };
}

/** The practice login of a client principal, or null. Pure. */
export function loginOfPrincipal(
  principal: string,
  realm: string,
  principals: Record<string, string> = {},
): string | null {
  const mapped = principals[principal];
  if (mapped !== undefined) return mapped;
  const at = principal.lastIndexOf('@');
  if (at <= 0 || principal.slice(at + 1) !== realm) return null;
  const name = principal.slice(0, at);
  return name.includes('/') ? null : name;
}

export interface SsoHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Checks the options at start (a missing keytab or a bad principal is a clear error, not a 500 later). */
export function createSsoHandler(
  options: SsoOptions,
  model: ContactCentre,
  tokens: TokenStore,
  log: (line: string) => void,
): SsoHandler {
  const principal = parseServicePrincipal(options.servicePrincipal);
  const keytabPath = options.keytab.replace(/^FILE:/, '');
  if (!existsSync(keytabPath)) throw new SsoConfigError(`SSO: no keytab at ${keytabPath}`);
  // GSSAPI reads the acceptor keytab from the process environment: one keytab per process.
  process.env['KRB5_KTNAME'] = `FILE:${keytabPath}`;
  const acceptorName = `${principal.service}@${principal.host}`;
  let binding: Promise<GssBinding> | undefined;
  const loadBinding = () =>
    (binding ??= import('kerberos').then((module) => (module.default ?? module) as unknown as GssBinding));

  function challenge(res: ServerResponse, status: number, error: string, message: string): void {
    res.setHeader('WWW-Authenticate', 'Negotiate');
    sendError(res, status, error, message);
  }

  return {
    async handle(req, res) {
      req.resume();
      const header = req.headers.authorization;
      if (header === undefined) {
        return challenge(
          res,
          401,
          'SsoAuthenticationFailed',
          'no Kerberos ticket was offered: send Authorization: Negotiate <token>',
        );
      }
      const match = NEGOTIATE.exec(header);
      if (!match) {
        return challenge(
          res,
          401,
          'SsoAuthenticationFailed',
          'the Authorization header is not Negotiate <token>',
        );
      }
      const token = match[1]!;
      if (token.startsWith(NTLM_PREFIX)) {
        return challenge(
          res,
          401,
          'SsoAuthenticationFailed',
          'NTLM was offered instead of Kerberos: the workstation has no Kerberos ticket for this server',
        );
      }

      let gss: GssBinding;
      let server: GssServer;
      try {
        gss = await loadBinding();
        server = await gss.initializeServer(acceptorName);
      } catch (error) {
        log(`SSO: GSSAPI cannot accept for ${options.servicePrincipal}: ${(error as Error).message}`);
        return sendError(res, 500, 'UnhandledError', 'the server cannot accept Kerberos tickets');
      }
      try {
        await server.step(token);
      } catch (error) {
        const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 300);
        return challenge(res, 401, 'SsoAuthenticationFailed', `Kerberos refused the ticket: ${reason}`);
      }
      if (!server.contextComplete || !server.username) {
        return challenge(res, 401, 'SsoAuthenticationFailed', 'the Negotiate exchange did not complete');
      }
      const login = loginOfPrincipal(server.username, principal.realm, options.principals);
      const user = login === null ? undefined : userByLogin(model, login);
      if (!user) {
        return sendError(
          res,
          403,
          'UserNotFound',
          `no XiVO user for the Kerberos principal ${server.username}`,
        );
      }
      const entry = tokens.issue(user.id, user.login);
      // Mutual authentication: the server proves itself to the client in the 200's header.
      const headers: Record<string, string> = server.response
        ? { 'WWW-Authenticate': `Negotiate ${server.response}` }
        : {};
      sendJson(res, 200, { login: user.login, token: entry.token }, headers);
    },
  };
}
