/** A token bucket: `rate` tokens a second, holding at most `burst`. */
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

  take(now = Date.now()): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
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

  take(key: string, now = Date.now()): boolean {
    this.#sweep(now);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, this.burst, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now);
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
