/**
 * Envelopes a transport was asked to send while away from the server. Each goes out once we are
 * back in its room *and* its recipient is too (after a server restart both sides re-join, in
 * either order), or is reported lost: when it waited `holdMs` (its recipient did not come back),
 * or when more than `max` wait (the oldest goes first). Bounded in count and in time, so a long
 * outage costs a fixed amount of memory.
 */
export interface HeldEnvelopesOptions {
  readonly max: number;
  readonly holdMs: number;
  /** An envelope given up on: `code` 507 (too many held) or 404 (its recipient did not come back). */
  readonly lost: (failure: { readonly code: 404 | 507; readonly message: string }) => void;
  readonly now?: () => number;
}

interface Held<F> {
  readonly room: string;
  readonly to: string;
  readonly frame: F;
  readonly at: number;
}

export class HeldEnvelopes<F> {
  readonly #options: HeldEnvelopesOptions;
  readonly #held: Held<F>[] = [];
  #expiryTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: HeldEnvelopesOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#held.length;
  }

  /** Holds `frame` for `to` in `room` (a room key) until release() finds both back. */
  hold(room: string, to: string, frame: F): void {
    this.#held.push({ room, to, frame, at: this.#now() });
    this.#expiryTimer ??= setInterval(() => this.expire(), 1000);
    if (this.#held.length > this.#options.max) {
      this.#held.shift();
      this.#options.lost({ code: 507, message: `more than ${this.#options.max} envelopes queued while disconnected; the oldest was dropped` });
    }
  }

  /** Sends, in order, what is held for `room` to those of `members` who are back. */
  release(room: string, members: ReadonlySet<string>, send: (frame: F) => void): void {
    for (let i = 0; i < this.#held.length; ) {
      const entry = this.#held[i]!;
      if (entry.room === room && members.has(entry.to)) {
        this.#held.splice(i, 1);
        send(entry.frame);
      } else {
        i++;
      }
    }
    this.#stopWhenEmpty();
  }

  /** Drops what is held for `room` (we left it): nobody is waiting for those any more. */
  forget(room: string): void {
    for (let i = this.#held.length - 1; i >= 0; i--) if (this.#held[i]!.room === room) this.#held.splice(i, 1);
    this.#stopWhenEmpty();
  }

  /** Reports lost what waited longer than `holdMs` (also run every second while anything is held). */
  expire(): void {
    const oldest = this.#now() - this.#options.holdMs;
    for (let i = 0; i < this.#held.length; ) {
      const entry = this.#held[i]!;
      if (entry.at < oldest) {
        this.#held.splice(i, 1);
        this.#options.lost({ code: 404, message: `peer ${entry.to} did not come back within ${this.#options.holdMs} ms; an envelope to it was dropped` });
      } else {
        i++;
      }
    }
    this.#stopWhenEmpty();
  }

  /** Stops the expiry timer; what is held stays (and is never reported). */
  stop(): void {
    clearInterval(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }

  #stopWhenEmpty(): void {
    if (this.#held.length === 0) this.stop();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
