/**
 * When to replace a link for latency: a link is slow when its round-trip time stays well above
 * this peer's typical one (the median of its links) for several checks in a row — one spike is
 * not enough. Rotations are rate-limited, and a peer rotated away from is not linked again for a
 * while (paired-peer memory), so the mesh settles instead of flapping.
 */
export interface RotationOptions {
  /** How often RTTs are checked and reported to the server, ms (default 10 s). */
  readonly intervalMs?: number;
  /** A link is slow above this multiple of the median RTT of this peer's links (default 2)... */
  readonly slowFactor?: number;
  /** ...and at least this many ms above it (default 20), so fast links are not churned. */
  readonly minGapMs?: number;
  /** Consecutive slow checks before a link is replaced (default 3). */
  readonly strikes?: number;
  /** At most one rotation per this many ms (default 60 s). */
  readonly minIntervalMs?: number;
  /** A peer rotated away from is not linked again for this long, ms (default 5 min). */
  readonly memoryMs?: number;
}

export const DEFAULT_ROTATION: Required<RotationOptions> = {
  intervalMs: 10_000,
  slowFactor: 2,
  minGapMs: 20,
  strikes: 3,
  minIntervalMs: 60_000,
  memoryMs: 5 * 60_000,
};

export interface SlowLink {
  readonly id: string;
  readonly rtt: number;
  /** The typical RTT of this peer's links: a replacement should be near it. */
  readonly median: number;
}

export class RotationPolicy {
  readonly settings: Required<RotationOptions>;
  readonly #strikes = new Map<string, number>();
  #lastRotation = Number.NEGATIVE_INFINITY;

  constructor(options: RotationOptions = {}) {
    this.settings = { ...DEFAULT_ROTATION, ...options };
  }

  /**
   * One check: the RTT of every measured link, and which of them may be replaced (not the
   * connectivity floor). Returns the slowest link that has been slow long enough, if any.
   */
  check(rtts: ReadonlyMap<string, number>, replaceable: (id: string) => boolean): SlowLink | undefined {
    const { slowFactor, minGapMs, strikes } = this.settings;
    const values = [...rtts.values()].sort((a, b) => a - b);
    if (values.length < 2) return undefined;
    const median = values[Math.floor((values.length - 1) / 2)]!;
    const threshold = Math.max(median * slowFactor, median + minGapMs);
    let slowest: SlowLink | undefined;
    for (const id of this.#strikes.keys()) if (!rtts.has(id)) this.#strikes.delete(id);
    for (const [id, rtt] of rtts) {
      if (rtt <= threshold) {
        this.#strikes.delete(id);
        continue;
      }
      const count = (this.#strikes.get(id) ?? 0) + 1;
      this.#strikes.set(id, count);
      if (count >= strikes && replaceable(id) && (!slowest || rtt > slowest.rtt)) slowest = { id, rtt, median };
    }
    return slowest;
  }

  /** Whether the rate limit lets a rotation happen now. */
  mayRotate(now: number): boolean {
    return now - this.#lastRotation >= this.settings.minIntervalMs;
  }

  rotated(id: string, now: number): void {
    this.#lastRotation = now;
    this.#strikes.delete(id);
  }
}
