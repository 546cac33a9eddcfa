/**
 * REST authentication (xuc-protocol.md §1): POST /xuc/api/2.0/auth/login and GET /auth/check.
 * Failures are `{error, message}`: 400 InvalidJson, 401 InvalidCredentials, 401 TokenExpired
 * (unknown or expired token: either way the client must log in again), 401 InvalidToken (no
 * Bearer header at all).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ContactCentre } from '../model/contact-centre';
import { HttpError, readJson, sendError, sendJson } from './http-util';
import type { TokenStore } from './tokens';

export const AUTH_LOGIN_PATH = '/xuc/api/2.0/auth/login';
export const AUTH_CHECK_PATH = '/xuc/api/2.0/auth/check';

const LoginBody = z.object({
  login: z.string().min(1).max(128),
  password: z.string().max(1024),
  softwareType: z.string().max(64).optional(),
  applicationType: z.string().max(64).optional(),
});

/** Constant-time comparison of two secrets of any length (hashes first, so lengths do not leak). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

export async function handleLogin(
  req: IncomingMessage,
  res: ServerResponse,
  model: ContactCentre,
  tokens: TokenStore,
) {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (error) {
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
    throw error;
  }
  const parsed = LoginBody.safeParse(body);
  if (!parsed.success) {
    return sendError(res, 400, 'InvalidJson', 'expected {"login": string, "password": string}');
  }
  const { login, password } = parsed.data;
  const user = [...model.users.values()].find((candidate) => candidate.login === login);
  // Compare even for an unknown login, so the answer time does not tell which logins exist.
  const matches = sameSecret(password, user?.password ?? '\u0000no-such-user');
  if (!user || !matches) return sendError(res, 401, 'InvalidCredentials', 'wrong login or password');
  const entry = tokens.issue(user.id, user.login);
  sendJson(res, 200, { login: user.login, token: entry.token, TTL: tokens.ttlSeconds });
}

/** A valid token is answered with a fresh one (the old stays valid until its own expiry). */
export function handleCheck(req: IncomingMessage, res: ServerResponse, tokens: TokenStore): void {
  const token = bearerToken(req);
  if (token === null)
    return sendError(res, 401, 'InvalidToken', 'send the header Authorization: Bearer <token>');
  const checked = tokens.check(token);
  if (!checked.ok) {
    const message = checked.reason === 'expired' ? 'the token has expired' : 'the token is not known';
    return sendError(res, 401, 'TokenExpired', message);
  }
  const entry = tokens.issue(checked.entry.userId, checked.entry.login);
  sendJson(res, 200, { login: entry.login, token: entry.token, TTL: tokens.ttlSeconds });
}
