/**
 * A rate limit with shares: one token bucket per key in each share (per neighbour, per origin, per
 * asker…) and one for the whole. Spending takes a token from the key's bucket in every share and
 * from the whole's, or from none: one busy key runs out of its own tokens, never everyone's.
 */
import { TokenBucket, TokenBuckets } from '../util/token-bucket.js';

export interface Rate {
  /** Tokens a second. */
  readonly rate: number;
  /** Tokens held at most (and at first). */
  readonly burst: number;
}

export class SharedBudget<Share extends string> {
  readonly #shares: readonly (readonly [Share, TokenBuckets])[];
  readonly #all: TokenBucket;

  constructor(shares: Readonly<Record<Share, Rate>>, all: Rate, now = Date.now()) {
    this.#shares = (Object.entries(shares) as [Share, Rate][]).map(([share, { rate, burst }]) => [share, new TokenBuckets(rate, burst)] as const);
    this.#all = new TokenBucket(all.rate, all.burst, now);
  }

  /**
   * Takes a token for each share's key and one of the whole's if every one of those buckets has
   * one; else takes none and returns false. Buckets are looked at in the order the shares were
   * given, so a key's bucket is made only when the shares before it had a token.
   */
  spend(keys: Readonly<Record<Share, string>>, now = Date.now()): boolean {
    const buckets: TokenBucket[] = [];
    for (const [share, perKey] of this.#shares) {
      const bucket = perKey.bucket(keys[share], now);
      if (bucket.available(now) < 1) return false;
      buckets.push(bucket);
    }
    if (this.#all.available(now) < 1) return false;
    for (const bucket of buckets) bucket.take(now);
    this.#all.take(now);
    return true;
  }
}
