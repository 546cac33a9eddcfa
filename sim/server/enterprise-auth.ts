/**
 * The routing hook for the optional enterprise sign-ins: Kerberos SSO (sso.ts) and the practice CAS
 * server with xuc's CAS sign-in (cas.ts). Routes of a sign-in that is off are not there (404), which
 * is how a client learns that the server does not offer it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContactCentre } from '../model/contact-centre';
import { createCasHandler, type CasOptions } from './cas';
import { sendError } from './http-util';
import { AUTH_SSO_PATH, createSsoHandler, type SsoOptions } from './sso';
import type { TokenStore } from './tokens';

export interface EnterpriseAuthOptions {
  /** Kerberos single sign-on at /xuc/api/2.0/auth/sso; off when absent. */
  sso?: SsoOptions;
  /** The practice CAS server at /cas/ and /xuc/api/2.0/auth/cas; off when absent. */
  cas?: CasOptions;
}

export type EnterpriseRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
) => Promise<boolean>;

export function createEnterpriseRoutes(
  options: EnterpriseAuthOptions,
  model: ContactCentre,
  tokens: TokenStore,
  now: () => number,
  log: (line: string) => void,
): EnterpriseRoutes {
  const sso = options.sso ? createSsoHandler(options.sso, model, tokens, log) : undefined;
  const cas = options.cas ? createCasHandler(options.cas, model, tokens, now) : undefined;
  return async (req, res, pathname) => {
    if (sso && pathname === AUTH_SSO_PATH) {
      if (req.method !== 'GET') {
        req.resume();
        res.setHeader('Allow', 'GET');
        sendError(res, 405, 'MethodNotAllowed', 'use GET');
      } else await sso.handle(req, res);
      return true;
    }
    return cas ? cas.handle(req, res, pathname) : false;
  };
}
