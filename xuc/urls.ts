/** The xuc endpoints, derived from the one `http(s)://host:port` the agent configures. */
import { XucError } from './errors';

export const AUTH_LOGIN_PATH = '/xuc/api/2.0/auth/login';
export const AUTH_CHECK_PATH = '/xuc/api/2.0/auth/check';
export const AUTH_SSO_PATH = '/xuc/api/2.0/auth/sso';
export const AUTH_CAS_PATH = '/xuc/api/2.0/auth/cas';
export const CTI_SOCKET_PATH = '/xuc/api/2.0/cti';

/** Parses the configured base; throws XucError 'Unreachable' when it is not an http(s) URL. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new XucError('Unreachable', `The server address "${baseUrl}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new XucError(
      'Unreachable',
      `The server address must start with http:// or https://, not ${url.protocol}`,
    );
  }
  return url;
}

/** Any path the base carries (a reverse proxy prefix) is kept; query and fragment are not. */
function join(url: URL, path: string): string {
  return `${url.host}${url.pathname.replace(/\/+$/, '')}${path}`;
}

export function authUrl(baseUrl: string, path: string): string {
  const url = parseBaseUrl(baseUrl);
  return `${url.protocol}//${join(url, path)}`;
}

/** `ws(s)://host:port/xuc/api/2.0/cti?token=…`: http → ws, https → wss. Contains the token: never log it. */
export function ctiSocketUrl(baseUrl: string, token: string): string {
  const url = parseBaseUrl(baseUrl);
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${join(url, CTI_SOCKET_PATH)}?token=${encodeURIComponent(token)}`;
}

/** `host:port` for messages a person reads. */
export function serverName(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
