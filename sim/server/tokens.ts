/**
 * Session tokens of the REST login: random (32 bytes), valid for a configurable TTL on the
 * server's clock. Never logged. Expired tokens are pruned as new ones are issued, and the store
 * is capped so repeated logins cannot grow it without bound.
 */
import { randomBytes } from 'node:crypto';
import { ExpiringMap } from './expiring-map';

export interface TokenEntry {
  token: string;
  userId: number;
  login: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; entry: TokenEntry } | { ok: false; reason: 'unknown' | 'expired' };

const MAX_TOKENS = 50_000;

export class TokenStore {
  private readonly tokens: ExpiringMap<TokenEntry>;

  constructor(
    private readonly now: () => number,
    readonly ttlSeconds: number,
  ) {
    this.tokens = new ExpiringMap(now, MAX_TOKENS);
  }

  issue(userId: number, login: string): TokenEntry {
    const entry = {
      token: randomBytes(32).toString('base64url'),
      userId,
      login,
      expiresAt: this.now() + this.ttlSeconds * 1000,
    };
    this.tokens.add(entry.token, entry);
    return entry;
  }

  check(token: string | null | undefined): TokenCheck {
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry) return { ok: false, reason: 'unknown' };
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, entry };
  }
}
