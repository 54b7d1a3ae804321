/**
 * Messages waiting for a peer whose link is down: held per peer (bounded, oldest out first),
 * handed over in order when the link is up again, and reported as failed — never dropped silently
 * — when the peer does not come back, when a queue overflows, or when the group stops. A peer
 * that left is waited for a while, because a reload looks like leaving and joining again.
 */
export interface OutboxOptions<T> {
  /** Messages held per peer. */
  readonly maxPerPeer: number;
  /** How long messages for a peer that left wait for it to come back before they fail, ms. */
  readonly returnGraceMs: number;
  /** A message that will not be delivered, and why. */
  readonly failed: (to: string, item: T, reason: string) => void;
}

export class Outbox<T> {
  readonly #queues = new Map<string, T[]>();
  /** Peers that left recently, with the timer that fails their messages. */
  readonly #away = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: OutboxOptions<T>) {}

  /** Whether `to` left recently and may come back: messages for it are still held. */
  isAway(to: string): boolean {
    return this.#away.has(to);
  }

  hold(to: string, item: T): void {
    const queue = this.#queues.get(to) ?? [];
    queue.push(item);
    const limit = this.options.maxPerPeer;
    if (queue.length > limit) this.options.failed(to, queue.shift()!, `more than ${limit} messages queued`);
    this.#queues.set(to, queue);
  }

  /**
   * Hands what is held for `to`, in order, to `send`, which returns false when the link closed
   * under it: what did not go out waits for the next link.
   */
  flush(to: string, send: (item: T) => boolean): void {
    const queue = this.#queues.get(to);
    if (!queue) return;
    const unsent = queue.findIndex((item) => !send(item));
    if (unsent < 0) this.#queues.delete(to);
    else queue.splice(0, unsent);
  }

  /** Takes everything held for `to` (to send another way, e.g. by relay). */
  take(to: string): T[] {
    const queue = this.#queues.get(to) ?? [];
    this.#queues.delete(to);
    return queue;
  }

  /** The peer is back (or never left): its messages wait for its link, not for a deadline. */
  returned(to: string): void {
    clearTimeout(this.#away.get(to));
    this.#away.delete(to);
  }

  /** The peer left: its messages fail unless it returns within the grace (0: at once). */
  left(to: string, graceMs = this.options.returnGraceMs): void {
    clearTimeout(this.#away.get(to));
    this.#away.set(
      to,
      setTimeout(() => this.#giveUp(to, 'the peer left'), graceMs),
    );
  }

  /** Fails everything held, for everyone: the group stopped. */
  close(reason: string): void {
    for (const timer of this.#away.values()) clearTimeout(timer);
    this.#away.clear();
    for (const to of [...this.#queues.keys()]) this.#giveUp(to, reason);
  }

  #giveUp(to: string, reason: string): void {
    this.#away.delete(to);
    const queue = this.#queues.get(to) ?? [];
    this.#queues.delete(to);
    for (const item of queue) this.options.failed(to, item, reason);
  }
}
