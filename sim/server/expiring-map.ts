/**
 * Entries that expire on the server's clock, in a capped map: adding one first prunes the expired
 * ones, then drops the oldest (a Map keeps insertion order) when full, so repeated sign-ins cannot
 * grow it without bound. Expiry on read is the caller's decision, since callers word it differently.
 */
export class ExpiringMap<V extends { expiresAt: number }> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly now: () => number,
    private readonly max: number,
  ) {}

  add(key: string, value: V): void {
    const now = this.now();
    for (const [k, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(k);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Reads the entry and removes it: a one-use key. */
  take(key: string): V | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }
}
