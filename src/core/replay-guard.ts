/**
 * Remembers the nonces of envelopes opened within the freshness window so a replayed one is
 * refused. Memory is bounded: when full, the oldest entries are dropped and their time range is
 * treated as expired (a floor), so dropping never re-opens a door for a replay.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  #floor = Number.NEGATIVE_INFINITY;

  constructor(readonly maxEntries = 10_000) {}

  /** True when (sender, nonce) is new and `ts` is above the floor; records it. */
  remember(sender: string, nonce: string, ts: number, oldestAllowed: number): boolean {
    this.#expire(oldestAllowed);
    if (ts <= this.#floor) return false;
    const key = `${sender}:${nonce}`;
    if (this.#seen.has(key)) return false;
    if (this.#seen.size >= this.maxEntries) this.#evictOldest();
    this.#seen.set(key, ts);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  #expire(oldestAllowed: number): void {
    // Insertion order is roughly time order; stop at the first live entry.
    for (const [key, ts] of this.#seen) {
      if (ts >= oldestAllowed) break;
      this.#seen.delete(key);
    }
  }

  #evictOldest(): void {
    // The first inserted entry is close enough to the oldest; raising the floor to its time keeps
    // the guard safe even if a slightly older entry survives.
    const first = this.#seen.entries().next();
    if (first.done) return;
    const [key, ts] = first.value;
    this.#seen.delete(key);
    this.#floor = Math.max(this.#floor, ts);
  }
}
