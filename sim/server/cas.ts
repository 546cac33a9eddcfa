/**
 * The practice server as its own CAS server (CAS protocol 3.0), and xuc's CAS sign-in.
 *
 * - `GET /cas/login?service=S`: a login form for the practice users. `POST /cas/login` checks the
 *   password and redirects (303) to `S?ticket=ST-…`; without a service it just says who signed in.
 *   There is no single sign-on session (no TGC cookie): every login asks for the password.
 *   `gateway=true` goes straight back to the service without a ticket, as CAS does with no session.
 * - `GET /cas/p3/serviceValidate?service=S&ticket=T` (and the CAS 2.0 `/cas/serviceValidate`, no
 *   attributes): the XML `cas:serviceResponse`. Tickets: see cas-tickets.ts.
 * - `GET /xuc/api/2.0/auth/cas?service=S&ticket=T` → `200 {login, token}`; a refused ticket is
 *   `401 CasServerInvalidTicket` (the client sends the user back to CAS login), a missing parameter
 *   `400 CasServerInvalidTicket`. The practice xuc asks its own CAS in-process; a real xuc asks the
 *   CAS server it is configured with.
 *
 * A service must be an http(s) URL on a loopback host, or start with one of `services`
 * (CAS's service registry): a ticket is never sent to an unknown site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContactCentre } from '../model/contact-centre';
import { ServiceTicketStore, type TicketCheck } from './cas-tickets';
import { sendError, sendJson } from './http-util';
import { sameSecret } from './rest';
import type { TokenStore } from './tokens';
import { userByLogin } from './users';

export const CAS_LOGIN_PATH = '/cas/login';
export const CAS_VALIDATE_PATH = '/cas/p3/serviceValidate';
export const CAS2_VALIDATE_PATH = '/cas/serviceValidate';
export const AUTH_CAS_PATH = '/xuc/api/2.0/auth/cas';

export interface CasOptions {
  /** Service ticket lifetime. Default 60 s (CAS recommends at most 5 minutes). */
  ticketTtlSeconds?: number;
  /** URL prefixes of allowed services besides loopback ones, e.g. `https://desk.example.com/`. */
  services?: string[];
}

const MAX_FORM_BYTES = 16 * 1024;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Pure: may a ticket be issued for this service URL? */
export function isAllowedService(service: string, prefixes: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || url.hash) return false;
  if (LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)) return true;
  return prefixes.some((prefix) => service.startsWith(prefix));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CAS 3.0 XML answer to a validation. Pure. */
export function serviceResponseXml(
  check: TicketCheck | { ok: false; code: 'INVALID_REQUEST'; message: string },
  attributes: Record<string, string> | null,
): string {
  const open = '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">';
  if (!check.ok) {
    return `${open}\n  <cas:authenticationFailure code="${check.code}">${escapeXml(check.message)}</cas:authenticationFailure>\n</cas:serviceResponse>\n`;
  }
  const attrs = attributes
    ? `\n    <cas:attributes>\n${Object.entries(attributes)
        .map(([key, value]) => `      <cas:${key}>${escapeXml(value)}</cas:${key}>`)
        .join('\n')}\n    </cas:attributes>`
    : '';
  return `${open}\n  <cas:authenticationSuccess>\n    <cas:user>${escapeXml(check.entry.login)}</cas:user>${attrs}\n  </cas:authenticationSuccess>\n</cas:serviceResponse>\n`;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // The redirect carries the ticket: never hand it on in a Referer.
  'Referrer-Policy': 'no-referrer',
};

function loginPage(service: string | null, error: string | null, login = ''): string {
  const hidden = service === null ? '' : `<input type="hidden" name="service" value="${escapeXml(service)}">`;
  const target =
    service === null ? '' : `<p class="to">to continue to <code>${escapeXml(service)}</code></p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Practice CAS — sign in</title>
<style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.4rem;font:inherit}
button{margin-top:1rem;padding:.5rem 1.2rem;font:inherit}.error{color:#a00}.to{color:#555;font-size:.9rem;word-break:break-all}</style>
</head><body>
<h1>Practice CAS</h1>
${target}
${error ? `<p class="error" role="alert">${escapeXml(error)}</p>` : ''}
<form method="post" action="${CAS_LOGIN_PATH}">
${hidden}
<label for="username">Login</label><input id="username" name="username" type="text" autocomplete="username" value="${escapeXml(login)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
</body></html>
`;
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function withTicket(service: string, ticket: string): string {
  return `${service}${service.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
}

export interface CasHandler {
  /** Answers the request when `pathname` is one of the CAS routes; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
}

export function createCasHandler(
  options: CasOptions,
  model: ContactCentre,
  tokens: TokenStore,
  now: () => number,
): CasHandler {
  const tickets = new ServiceTicketStore(now, options.ticketTtlSeconds ?? 60);
  const prefixes = options.services ?? [];

  function refuseService(res: ServerResponse, service: string): void {
    sendPage(
      res,
      403,
      `<!doctype html><meta charset="utf-8"><title>Practice CAS</title><p>This CAS server does not serve <code>${escapeXml(service)}</code>.</p>\n`,
    );
  }

  async function login(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume();
      const service = query.get('service');
      if (service !== null && !isAllowedService(service, prefixes)) return refuseService(res, service);
      if (service !== null && query.get('gateway') === 'true') {
        res.writeHead(303, {
          Location: service,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
        return void res.end();
      }
      return sendPage(res, 200, loginPage(service, null));
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'GET, POST');
      return sendError(res, 405, 'MethodNotAllowed', 'use GET or POST');
    }
    const form = await readForm(req);
    if (form === null)
      return sendPage(res, 400, loginPage(null, 'The form could not be read: send it again.'));
    const service = form.get('service');
    if (service !== null && !isAllowedService(service, prefixes)) return refuseService(res, service);
    const loginName = form.get('username') ?? '';
    const user = userByLogin(model, loginName);
    // Compare even for an unknown login, so the answer time does not tell which logins exist.
    const matches = sameSecret(form.get('password') ?? '', user?.password ?? '\u0000no-such-user');
    if (!user || !matches) {
      return sendPage(res, 401, loginPage(service, 'Wrong login or password.', loginName));
    }
    if (service === null) {
      return sendPage(
        res,
        200,
        `<!doctype html><meta charset="utf-8"><title>Practice CAS</title><p>Signed in as ${escapeXml(user.login)}.</p>\n`,
      );
    }
    const entry = tickets.issue(user.id, user.login, service);
    res.writeHead(303, {
      Location: withTicket(service, entry.ticket),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
  }

  function validate(res: ServerResponse, query: URLSearchParams, withAttributes: boolean): void {
    const service = query.get('service');
    const ticket = query.get('ticket');
    const check =
      service && ticket
        ? tickets.consume(ticket, service)
        : ({ ok: false, code: 'INVALID_REQUEST', message: 'service and ticket are required' } as const);
    const attributes = check.ok
      ? {
          authenticationDate: new Date(check.entry.expiresAt - tickets.ttlSeconds * 1000).toISOString(),
          isFromNewLogin: 'true',
          longTermAuthenticationRequestTokenUsed: 'false',
        }
      : null;
    const xml = serviceResponseXml(check, withAttributes ? attributes : null);
    res.writeHead(200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Length': Buffer.byteLength(xml),
      'Cache-Control': 'no-store',
    });
    res.end(xml);
  }

  function xucSignIn(res: ServerResponse, query: URLSearchParams): void {
    const service = query.get('service');
    const ticket = query.get('ticket');
    if (!service || !ticket) {
      return sendError(res, 400, 'CasServerInvalidTicket', 'the service and ticket parameters are required');
    }
    const check = tickets.consume(ticket, service);
    if (!check.ok)
      return sendError(res, 401, 'CasServerInvalidTicket', `CAS refused the ticket: ${check.message}`);
    const user = userByLogin(model, check.entry.login);
    if (!user)
      return sendError(res, 403, 'UserNotFound', `no XiVO user for the CAS user ${check.entry.login}`);
    const entry = tokens.issue(user.id, user.login);
    sendJson(res, 200, { login: user.login, token: entry.token });
  }

  return {
    async handle(req, res, pathname) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      if (pathname === CAS_LOGIN_PATH) {
        await login(req, res, query);
        return true;
      }
      if (pathname !== CAS_VALIDATE_PATH && pathname !== CAS2_VALIDATE_PATH && pathname !== AUTH_CAS_PATH) {
        return false;
      }
      req.resume();
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        sendError(res, 405, 'MethodNotAllowed', 'use GET');
        return true;
      }
      if (pathname === AUTH_CAS_PATH) xucSignIn(res, query);
      else validate(res, query, pathname === CAS_VALIDATE_PATH);
      return true;
    },
  };
}
