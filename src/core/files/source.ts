/**
 * One holder a fetch is taking its file from (see fetcher.ts): the transfer id this side chose for
 * it, the window of chunks asked for and not arrived, the chunks still to ask for, bad copies per
 * chunk, and the timer that notices when it stays silent about what was asked of it.
 */
export class Source {
  state: 'manifest' | 'chunks' | 'finishing' = 'manifest';
  /** Asked for, not arrived. */
  readonly outstanding = new Set<number>();
  /** To ask for, in order. */
  queue: number[] = [];
  /** Bad copies of a chunk from this peer. */
  readonly #failures = new Map<number, number>();
  #heard = performance.now();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly peer: string,
    readonly id: number,
  ) {}

  /** It sent something (or was just asked for more): its silence counts from now. */
  heard(): void {
    this.#heard = performance.now();
  }

  /**
   * Calls `silent` once the source has sent nothing for `timeoutMs` while something was asked of
   * it (the manifest, or chunks); until then, and while nothing is asked, it keeps looking.
   */
  watch(timeoutMs: number, silent: () => void): void {
    clearTimeout(this.#timer);
    const idle = performance.now() - this.#heard;
    this.#timer = setTimeout(
      () => {
        const waiting = this.state === 'manifest' || this.outstanding.size > 0;
        if (!waiting || performance.now() - this.#heard < timeoutMs) return this.watch(timeoutMs, silent);
        silent();
      },
      Math.max(0, timeoutMs - idle),
    );
  }

  /** Stops watching: the source is done with, or finishing. */
  stop(): void {
    clearTimeout(this.#timer);
  }

  /**
   * The chunks to ask for next, marked outstanding: from the queue, skipping those `skip` says are
   * held or being checked, until `window` are outstanding. Undefined while more than half the
   * window is still to arrive (asking in bigger batches); empty when there is nothing to ask for.
   */
  take(window: number, skip: (index: number) => boolean): number[] | undefined {
    if (this.outstanding.size > window / 2) return undefined;
    const picked = new Set<number>();
    let taken = 0;
    while (taken < this.queue.length && this.outstanding.size + picked.size < window) {
      const index = this.queue[taken++]!;
      if (!skip(index) && !this.outstanding.has(index)) picked.add(index);
    }
    this.queue.splice(0, taken);
    for (const index of picked) this.outstanding.add(index);
    return [...picked];
  }

  /** Counts a bad copy of chunk `index` from this source; returns how many it sent. */
  badCopy(index: number): number {
    const failures = (this.#failures.get(index) ?? 0) + 1;
    this.#failures.set(index, failures);
    return failures;
  }
}
