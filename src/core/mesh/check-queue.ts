/**
 * Copies waiting for their signature check. Checks run one at a time in each lane, in the order
 * they were queued, so messages are delivered (and passed on) in the order they arrived: one lane
 * for what this peer delivers (broadcasts, messages for it), one for messages for other peers it
 * passes on, so relaying for others never holds up its own deliveries or the other way round.
 *
 * Each copy waits in memory, so the queue is bounded per neighbour that sent it and in all; past
 * the whole's bound a neighbour still gets its equal share, so no link, however fast, can fill the
 * queue for the others.
 */
export const CHECK_QUEUE_LIMITS = {
  /** Frames waiting for their check from one neighbour, and in all (past which a neighbour still gets its equal share). */
  maxPendingChecksPerNeighbor: 256,
  maxPendingChecks: 1024,
} as const;

export type CheckLane = 'deliver' | 'relay';

export class CheckQueue {
  readonly #lanes: Record<CheckLane, Promise<void>> = { deliver: Promise.resolve(), relay: Promise.resolve() };
  readonly #pendingFrom = new Map<string, number>();
  #pending = 0;
  #closed = false;

  /** Checks queued and not yet ended. */
  get pending(): number {
    return this.#pending;
  }

  /** Whether another copy from `via` may wait: within its share. */
  mayQueue(via: string): boolean {
    const mine = this.#pendingFrom.get(via) ?? 0;
    if (mine >= CHECK_QUEUE_LIMITS.maxPendingChecksPerNeighbor) return false;
    return this.#pending < CHECK_QUEUE_LIMITS.maxPendingChecks || mine < CHECK_QUEUE_LIMITS.maxPendingChecks / this.#pendingFrom.size;
  }

  /**
   * Queues a check of a copy from `via` in `lane`. Nothing a check does (throw, reject) stops the
   * ones queued after it; a check whose turn comes after `close()` does not run.
   */
  add(via: string, lane: CheckLane, check: () => Promise<void>): void {
    this.#count(via, 1);
    const run = async (): Promise<void> => {
      if (!this.#closed) await check();
    };
    this.#lanes[lane] = this.#lanes[lane].then(() =>
      run()
        .catch(() => undefined)
        .finally(() => this.#count(via, -1)),
    );
  }

  close(): void {
    this.#closed = true;
  }

  #count(via: string, change: 1 | -1): void {
    const count = (this.#pendingFrom.get(via) ?? 0) + change;
    if (count > 0) this.#pendingFrom.set(via, count);
    else this.#pendingFrom.delete(via);
    this.#pending += change;
  }
}
