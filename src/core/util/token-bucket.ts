/**
 * A token bucket: `rate` tokens a second, holding at most `burst`. A token is whatever the caller
 * counts: a frame, a request, a byte.
 */
export class TokenBucket {
  #tokens: number;
  #updated: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now = Date.now(),
  ) {
    this.#tokens = burst;
    this.#updated = now;
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
  take(now = Date.now(), cost = 1): boolean {
    this.#refill(now);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Tokens there are now (whole ones). */
  available(now = Date.now()): number {
    this.#refill(now);
    return Math.floor(this.#tokens);
  }

  isFull(now = Date.now()): boolean {
    this.#refill(now);
    return this.#tokens >= this.burst;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#updated) / 1000) * this.rate);
    this.#updated = now;
  }
}

/** One bucket per key (e.g. per IP), forgotten once idle long enough to be full again. */
export class TokenBuckets {
  readonly #buckets = new Map<string, TokenBucket>();
  #lastSweep = Date.now();

  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {}

  take(key: string, now = Date.now(), cost = 1): boolean {
    return this.bucket(key, now).take(now, cost);
  }

  /** The key's bucket (a full one for a key not seen lately). */
  bucket(key: string, now = Date.now()): TokenBucket {
    this.#sweep(now);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, this.burst, now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #sweep(now: number): void {
    const refillMs = (this.burst / this.rate) * 1000;
    if (now - this.#lastSweep < refillMs) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) {
      // A full bucket holds no information worth its memory.
      if (bucket.isFull(now)) this.#buckets.delete(key);
    }
  }
}
