/**
 * Serves the renderer from `agent-desk://app/…` (Electron's advice: a custom scheme, not `file://`).
 * Only files under the renderer folder, only known types, every response with the strict CSP.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_RESPONSE_HEADERS, APP_SCHEME } from './security';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file a request maps to, or null (wrong scheme or host, traversal, unknown type). Pure. */
export function resolveAppAsset(rootDir: string, requestUrl: string): { path: string; mime: string } | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const path = resolve(root, '.' + pathname);
  if (!path.startsWith(root + sep)) return null;
  const mime = MIME[extname(path).toLowerCase()];
  if (mime === undefined) return null;
  return { path, mime };
}

/** The protocol handler: a Response for every request, 404 for anything not served. */
export function appProtocolHandler(rootDir: string, read: (path: string) => Promise<Buffer> = readFile) {
  return async (request: { url: string; method?: string }): Promise<Response> => {
    if (request.method !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: APP_RESPONSE_HEADERS });
    }
    const asset = resolveAppAsset(rootDir, request.url);
    if (asset === null) return new Response('Not found', { status: 404, headers: APP_RESPONSE_HEADERS });
    try {
      const body = await read(asset.path);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': asset.mime },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: APP_RESPONSE_HEADERS });
    }
  };
}

/**
 * Registered before `ready`: a standard, secure scheme, so `'self'` in the CSP means the app; CORS
 * enabled because the renderer is an ES module script, which Chromium fetches in CORS mode.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;
