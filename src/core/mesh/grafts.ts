/**
 * The repair half of the broadcast trees: asking for a message this peer heard of but has not
 * got, and keeping recent ones to answer others who ask.
 *
 * A neighbour says it has a message ("I have" over a lazy link, or a copy that found no place as a
 * candidate); if no copy that verifies comes within `graftAfterMs`, the first neighbour that said
 * so is asked for it (a graft), then the next, one per `graftAfterMs`. A copy still being checked
 * does not count as had: it may be a forgery sent ahead of the genuine one. Ids heard of are
 * bounded per neighbour that first named them and in all (FairMap), each with a few holders.
 *
 * Broadcasts are kept as forwarded, to answer a graft, for a bounded number of messages in all
 * (oldest first out). They are kept before their check, as they are forwarded before it: a forged
 * copy kept is what a graft gets (the asker refuses it and asks its next holder), and junk under
 * fresh ids pushes genuine messages out, so a graft for one gets no answer from here and the
 * asker turns to the next neighbour that said it has it, if there is one.
 */
import { BoundedMap } from '../util/bounded-map.js';
import { FairMap } from './fair-map.js';
import type { SeenState } from './seen-messages.js';

export const GRAFT_LIMITS = {
  /** Messages kept to answer a graft. */
  maxCached: 1024,
  /** Ids heard of but not received: in all, and first announced by one neighbour (a full "I have" fits). */
  maxMissing: 1024,
  maxMissingPerNeighbor: 256,
  /** Neighbours remembered as having one missing message. */
  maxHolders: 8,
} as const;

export interface GraftsOptions {
  /** How long an id may stay missing before it is asked for, and between asks, ms. */
  readonly graftAfterMs: number;
  /** Whether a copy of `id` is in hand, verified or being checked. */
  readonly state: (id: string) => SeenState | undefined;
  /** Asks `holder` for the message `id`. */
  readonly ask: (holder: string, id: string) => void;
}

interface Missing {
  /** Neighbours that said they have it, to ask in turn. */
  readonly holders: string[];
  timer?: ReturnType<typeof setTimeout>;
}

export class Grafts {
  /** Ids heard of but not received (or received only in copies not yet verified), owned by the neighbour that first said so. */
  readonly #missing = new FairMap<string, Missing>(GRAFT_LIMITS.maxMissing, GRAFT_LIMITS.maxMissingPerNeighbor, (_, entry) => clearTimeout(entry.timer));
  readonly #cache = new BoundedMap<string, string>(GRAFT_LIMITS.maxCached);
  #closed = false;

  constructor(private readonly options: GraftsOptions) {}

  /** Ids waiting to be received. */
  get missing(): number {
    return this.#missing.size;
  }

  isMissing(id: string): boolean {
    return this.#missing.has(id);
  }

  /** `holder` has the message `id`: it is asked for it unless a copy that verifies comes first. */
  heardOf(id: string, holder: string): void {
    if (this.#closed || this.options.state(id) === 'verified') return;
    const missing = this.#missing.get(id);
    if (missing) {
      if (!missing.holders.includes(holder) && missing.holders.length < GRAFT_LIMITS.maxHolders) missing.holders.push(holder);
      return;
    }
    const entry: Missing = { holders: [holder] };
    this.#missing.set(id, holder, entry);
    entry.timer = setTimeout(() => this.askNow(id), this.options.graftAfterMs);
  }

  /**
   * Asks the next holder for `id` now, unless a copy of it is in hand (a verified one ends the
   * wait; one being checked is given another `graftAfterMs`). With no holder left, the id is given up.
   */
  askNow(id: string): void {
    const entry = this.#missing.get(id);
    if (!entry || this.#closed) return;
    clearTimeout(entry.timer);
    const state = this.options.state(id);
    if (state === 'verified') return this.stopAsking(id);
    if (state === undefined) {
      const holder = entry.holders.shift();
      if (holder === undefined) return this.stopAsking(id);
      this.options.ask(holder, id);
    }
    entry.timer = setTimeout(() => this.askNow(id), this.options.graftAfterMs);
  }

  /** A copy of `id` verified, or there is nobody left to ask: it is no longer waited for. */
  stopAsking(id: string): void {
    clearTimeout(this.#missing.get(id)?.timer);
    this.#missing.delete(id);
  }

  /** Keeps a broadcast's frame as forwarded, to answer a graft for it. */
  keep(id: string, text: string): void {
    this.#cache.set(id, text);
  }

  /** The frame kept for `id`, if it still is. */
  kept(id: string): string | undefined {
    return this.#cache.peek(id);
  }

  /** Stops every timer; nothing is asked for from now on. */
  close(): void {
    this.#closed = true;
    for (const { timer } of this.#missing.values()) clearTimeout(timer);
    this.#missing.clear();
  }
}
