/**
 * "Seen by": each reader tells the room the newest message it has actually seen, and each peer
 * keeps, per reader, the latest such id. Ids sort by time, so "seen up to id" answers for every
 * message before it too.
 *
 * Sending (SeenOutbox): at most one receipt a second, always newer than the last one sent; marks
 * that come faster are coalesced into the newest.
 *
 * Receiving (SeenLedger): a receipt counts for the peer that sent it and nobody else — its `from`
 * is authenticated by the channel (a link's peer, or a relayed frame's signed origin), and a
 * receipt names no one. It must be a well-formed id, newer than that peer's last, not dated beyond
 * the clock skew, and either held here or no newer than the newest held. One not yet held but
 * plausible (its message is still on the way) waits, one per peer, until it is. A peer is heard
 * at most SEEN_RECEIPTS_PER_SECOND (an honest one sends one a second, and one per link that comes
 * up), so stepping through the history one id at a time cannot make every view redraw as fast as
 * it sends. Memory: two ids per peer, peers forgotten when they leave, and at most MAX_SEEN_PEERS
 * in all.
 */
import { DEFAULT_ENVELOPE_LIMITS } from '../envelope/envelope.js';
import { BoundedMap } from '../util/bounded-map.js';
import type { Clock } from '../util/clock.js';
import { TokenBuckets } from '../util/token-bucket.js';
import { isChatId, timeOfId } from './ids.js';

/** Peers whose receipts are kept at once; the least recently heard go first past it. */
export const MAX_SEEN_PEERS = 1024;
/** A reader sends at most one receipt per this many ms. */
export const SEEN_INTERVAL_MS = 1000;
/** Receipts heard from one peer: a second, and burst. */
export const SEEN_RECEIPTS_PER_SECOND = 2;
export const SEEN_RECEIPT_BURST = 4;

export class SeenOutbox {
  #sent: string | undefined;
  #pending: string | undefined;
  #sentAt = Number.NEGATIVE_INFINITY;
  #timer: unknown;
  #closed = false;

  constructor(
    private readonly send: (id: string) => void,
    private readonly clock: Clock,
  ) {}

  /** The newest id sent so far: what a peer that links later is told. */
  get latest(): string | undefined {
    return this.#sent;
  }

  /** The reader has seen `id` (a well-formed id; older than one already marked changes nothing). */
  mark(id: string): void {
    if (this.#closed || id <= (this.#pending ?? this.#sent ?? '')) return;
    this.#pending = id;
    if (this.#timer !== undefined) return;
    const wait = this.#sentAt + SEEN_INTERVAL_MS - this.clock.now();
    if (wait <= 0) this.#flush();
    else this.#timer = this.clock.setTimeout(() => this.#flush(), wait);
  }

  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#pending === undefined) return;
    this.#sent = this.#pending;
    this.#pending = undefined;
    this.#sentAt = this.clock.now();
    this.send(this.#sent);
  }
}

/** What the ledger needs of the history. */
export interface HeldMessages {
  has(id: string): boolean;
  readonly newestId: string | undefined;
}

export type SeenRefusal = { readonly code: 'malformed' | 'future' | 'rate-limited'; readonly reason: string };
export type SeenOutcome = { readonly seen: string } | { readonly refused: SeenRefusal } | 'older' | 'waiting';

export class SeenLedger {
  readonly #latest = new BoundedMap<string, string>(MAX_SEEN_PEERS);
  /** Per peer, a receipt for a message not held yet. */
  readonly #waiting = new BoundedMap<string, string>(MAX_SEEN_PEERS);
  readonly #rate = new TokenBuckets(SEEN_RECEIPTS_PER_SECOND, SEEN_RECEIPT_BURST);

  constructor(
    private readonly held: HeldMessages,
    private readonly now: () => number,
    private readonly maxClockSkewMs = DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs,
  ) {}

  /** A receipt from `peer` (authenticated by the channel) for `id`. */
  receive(peer: string, id: unknown): SeenOutcome {
    if (!this.#rate.take(peer, this.now())) return { refused: { code: 'rate-limited', reason: `more than ${SEEN_RECEIPTS_PER_SECOND} receipts a second` } };
    if (!isChatId(id)) return { refused: { code: 'malformed', reason: 'a receipt names a message id' } };
    if (timeOfId(id) > this.now() + this.maxClockSkewMs) return { refused: { code: 'future', reason: `receipt for ${id}, dated beyond the clock skew` } };
    if (id <= (this.#latest.peek(peer) ?? '')) return 'older';
    if (!this.#isHeld(id)) {
      if (id > (this.#waiting.peek(peer) ?? '')) this.#waiting.set(peer, id);
      return 'waiting';
    }
    this.#waiting.delete(peer);
    this.#latest.set(peer, id);
    return { seen: id };
  }

  /** After messages were stored: the waiting receipts that now count, each as {peer, id}. */
  settle(): { readonly peer: string; readonly id: string }[] {
    // Called on every stored batch and every own send: nothing waiting, nothing to copy.
    if (this.#waiting.size === 0) return [];
    const settled: { peer: string; id: string }[] = [];
    for (const [peer, id] of [...this.#waiting]) {
      if (!this.#isHeld(id)) continue;
      this.#waiting.delete(peer);
      if (id <= (this.#latest.peek(peer) ?? '')) continue;
      this.#latest.set(peer, id);
      settled.push({ peer, id });
    }
    return settled;
  }

  /** The peers that have seen `id` (their latest receipt is for it or a newer message). */
  seenBy(id: string): string[] {
    const readers: string[] = [];
    for (const [peer, latest] of this.#latest) if (latest >= id) readers.push(peer);
    return readers;
  }

  /** The newest message `peer` said it has seen. */
  latestOf(peer: string): string | undefined {
    return this.#latest.peek(peer);
  }

  /** The peer left the room. */
  forget(peer: string): void {
    this.#latest.delete(peer);
    this.#waiting.delete(peer);
  }

  #isHeld(id: string): boolean {
    return this.held.has(id) || id <= (this.held.newestId ?? '');
  }
}
