/**
 * Exponential backoff with jitter, for retrying something that failed (a socket, a link, a
 * pairing): the first delay, then each one `factor` times the last up to a cap, each scaled by a
 * random 0.5–1.5× so that peers that failed together (a server restart) do not all retry at the
 * same moment. `reset()` after a success starts over from the first delay.
 */
export interface BackoffOptions {
  /** The first delay, ms (before jitter). */
  readonly firstMs: number;
  /** No delay grows past this, ms (before jitter). */
  readonly maxMs: number;
  /** Each delay is the previous one times this (default 2). */
  readonly factor?: number;
  /** The jitter's source, a number in [0, 1) (default Math.random). */
  readonly random?: () => number;
}

export class Backoff {
  readonly #firstMs: number;
  readonly #maxMs: number;
  readonly #factor: number;
  readonly #random: () => number;
  #baseMs: number;
  #attempt = 0;

  constructor(options: BackoffOptions) {
    const { firstMs, maxMs, factor = 2, random = Math.random } = options;
    if (!(Number.isFinite(firstMs) && firstMs >= 0)) throw new RangeError(`backoff: firstMs must be a finite delay ≥ 0 (got ${firstMs})`);
    if (!(Number.isFinite(maxMs) && maxMs >= firstMs)) throw new RangeError(`backoff: maxMs must be finite and ≥ firstMs (got ${maxMs})`);
    if (!(Number.isFinite(factor) && factor >= 1)) throw new RangeError(`backoff: factor must be ≥ 1 (got ${factor})`);
    this.#firstMs = this.#baseMs = firstMs;
    this.#maxMs = maxMs;
    this.#factor = factor;
    this.#random = random;
  }

  /** How many delays were handed out since the last reset: 0 before the first retry. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next try (ms); the one after it grows, up to the cap. */
  next(): number {
    const delay = this.#baseMs * (0.5 + this.#random());
    this.#baseMs = Math.min(this.#maxMs, this.#baseMs * this.#factor);
    this.#attempt++;
    return delay;
  }

  /** It worked: the next failure waits the first delay again. */
  reset(): void {
    this.#baseMs = this.#firstMs;
    this.#attempt = 0;
  }
}
