/**
 * CORS for the REST endpoints, as a real xuc answers integrations served from another origin (the
 * GLPI plugin logs in from the CRM's pages with `Content-Type: application/json`, then checks its
 * token with an `Authorization` header: both need a preflight).
 *
 * - Only listed origins get `Access-Control-Allow-Origin`, always the exact origin, never `*`, so
 *   `Access-Control-Allow-Credentials: true` is safe to send with it; `Vary: Origin` on every answer
 *   so no cache hands one origin's answer to another.
 * - A pattern is an exact origin (`https://crm.example.com`) or one with any port
 *   (`http://127.0.0.1:*`). Default: any loopback origin over http or https.
 * - A preflight from an origin not listed, or asking for a method or header the route does not
 *   take, is answered 403 without CORS headers: the browser then blocks the real request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const LOOPBACK_ORIGINS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'].flatMap((host) => [
  `http://${host}:*`,
  `https://${host}:*`,
]);

const ALLOWED_HEADERS = ['content-type', 'authorization'];
const MAX_AGE_SECONDS = 600;

interface OriginPattern {
  protocol: string;
  hostname: string;
  /** null: any port. */
  port: string | null;
}

/** Parses an origin pattern; throws with a sentence naming the bad pattern. */
export function parseOriginPattern(pattern: string): OriginPattern {
  const anyPort = pattern.endsWith(':*');
  let url: URL;
  try {
    url = new URL(anyPort ? pattern.slice(0, -2) : pattern);
  } catch {
    throw new Error(
      `CORS origin ${JSON.stringify(pattern)} is not an origin such as https://crm.example.com`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '') {
    throw new Error(
      `CORS origin ${JSON.stringify(pattern)} must be http(s)://host[:port] or http(s)://host:*`,
    );
  }
  return { protocol: url.protocol, hostname: url.hostname, port: anyPort ? null : url.port };
}

export class CorsPolicy {
  private readonly patterns: OriginPattern[];

  constructor(origins: readonly string[] = LOOPBACK_ORIGINS) {
    this.patterns = origins.map(parseOriginPattern);
  }

  allows(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    // An origin is exactly scheme://host[:port]; anything more is not an Origin header a browser sends.
    if (url.origin !== origin) return false;
    return this.patterns.some(
      (p) =>
        p.protocol === url.protocol &&
        p.hostname === url.hostname &&
        (p.port === null || p.port === url.port),
    );
  }

  /** Headers for an actual (non-preflight) request: CORS headers only for an allowed origin. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !this.allows(origin)) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }

  /** Answers an OPTIONS request for a route that takes `method`. */
  preflight(req: IncomingMessage, res: ServerResponse, method: string): void {
    req.resume();
    const origin = req.headers.origin;
    const allowList = `${method}, OPTIONS`;
    res.setHeader('Vary', 'Origin');
    res.setHeader('Allow', allowList);
    if (origin === undefined) {
      // Not a CORS preflight: a plain OPTIONS asking what the route takes.
      res.writeHead(204).end();
      return;
    }
    const requestedMethod = String(req.headers['access-control-request-method'] ?? '');
    const requestedHeaders = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((header) => header.trim().toLowerCase())
      .filter((header) => header !== '');
    const refused =
      !this.allows(origin) ||
      requestedMethod !== method ||
      requestedHeaders.some((header) => !ALLOWED_HEADERS.includes(header));
    if (refused) {
      const body = JSON.stringify({
        error: 'CorsRefused',
        message: `origin ${origin} may not call this route`,
      });
      res.writeHead(403, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    res.writeHead(204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': allowList,
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Max-Age': String(MAX_AGE_SECONDS),
    });
    res.end();
  }
}
