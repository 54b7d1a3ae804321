/**
 * The dedupe memory: message ids this peer has had a copy of, each either verified or still being
 * checked, and for an id being checked, the other copies that came meanwhile (*candidates*).
 *
 * Any neighbour can send a copy under an id it saw go by elsewhere, so the first copy in hand may
 * be a forgery. Candidates are what keeps such a copy from costing the message: when the copy in
 * hand fails its check, the next candidate is checked in its place. They are bounded per id, per
 * id and neighbour, per neighbour and in all, so one neighbour can take only its share of the
 * places. Several can take them all; a copy that then finds no place is the caller's to handle
 * (gossip.ts asks its neighbour for the message if every copy in hand fails).
 *
 * The ids themselves are bounded in all only, oldest first out: a neighbour sending frames under
 * fresh ids pushes out others' ids. A copy whose id was pushed out is taken as a first copy again:
 * checked, and refused as replayed (or stale) if it is one that verified before (a broadcast is
 * forwarded before that check, so an old one replayed goes on again, as far as its hops allow).
 */
import { BoundedMap } from '../util/bounded-map.js';
import type { RelayFrame } from './relay-frame.js';

export const SEEN_LIMITS = {
  /** Message ids remembered for dedupe. */
  maxSeen: 8192,
  /** Copies of one message kept while another copy of it is checked: in all, and from one neighbour. */
  maxCandidatesPerId: 8,
  maxCandidatesPerIdPerNeighbor: 2,
  /** Copies kept that way for all messages: in all, and from one neighbour. */
  maxCandidates: 256,
  maxCandidatesPerNeighbor: 64,
} as const;

export interface Candidate {
  readonly via: string;
  readonly frame: RelayFrame;
}

/** Verified, or a copy of it is being checked. */
export type SeenState = 'verified' | 'checking';

interface Seen {
  verified: boolean;
  /** Other copies with this id, oldest first. */
  readonly candidates: Candidate[];
}

export class SeenMessages {
  /** Oldest first; read with `peek` only, so the order stays the order ids came in. */
  readonly #seen = new BoundedMap<string, Seen>(SEEN_LIMITS.maxSeen);
  /** Candidates held, per neighbour that brought them. */
  readonly #candidatesFrom = new Map<string, number>();
  #candidateCount = 0;

  get size(): number {
    return this.#seen.size;
  }

  /** Candidate copies held for all ids. */
  get candidates(): number {
    return this.#candidateCount;
  }

  state(id: string): SeenState | undefined {
    const seen = this.#seen.peek(id);
    if (!seen) return undefined;
    return seen.verified ? 'verified' : 'checking';
  }

  /** A message of ours: its copies coming back are copies. */
  sent(id: string): void {
    this.#remember(id, { verified: true, candidates: [] });
  }

  /** A copy of `id` is being checked (the first, or the next candidate: its entry stays as it is). */
  checking(id: string): void {
    if (!this.#seen.has(id)) this.#remember(id, { verified: false, candidates: [] });
  }

  /** The copy in hand verified: the other copies are of no more use. */
  verified(id: string): void {
    const seen = this.#seen.peek(id);
    if (!seen) return;
    seen.verified = true;
    this.#dropCandidates(seen);
  }

  /** Keeps another copy of an id being checked; false when it finds no place (or the id is not being checked). */
  keep(id: string, candidate: Candidate): boolean {
    const seen = this.#seen.peek(id);
    if (!seen || seen.verified) return false;
    const { via } = candidate;
    const fromVia = seen.candidates.reduce((count, kept) => count + (kept.via === via ? 1 : 0), 0);
    const held = this.#candidatesFrom.get(via) ?? 0;
    const full =
      seen.candidates.length >= SEEN_LIMITS.maxCandidatesPerId ||
      fromVia >= SEEN_LIMITS.maxCandidatesPerIdPerNeighbor ||
      held >= SEEN_LIMITS.maxCandidatesPerNeighbor ||
      this.#candidateCount >= SEEN_LIMITS.maxCandidates;
    if (full) return false;
    seen.candidates.push(candidate);
    this.#candidatesFrom.set(via, held + 1);
    this.#candidateCount++;
    return true;
  }

  /** Takes the oldest candidate for `id` out, to be checked next; the id stays being checked. */
  next(id: string): Candidate | undefined {
    const seen = this.#seen.peek(id);
    if (!seen || seen.verified) return undefined;
    const candidate = seen.candidates.shift();
    if (candidate) this.#candidateGone(candidate.via);
    return candidate;
  }

  /** No copy of `id` verified and none is left: a copy that comes later is checked as a first one. */
  forget(id: string): void {
    const seen = this.#seen.peek(id);
    if (!seen) return;
    this.#dropCandidates(seen);
    this.#seen.delete(id);
  }

  #remember(id: string, seen: Seen): void {
    const evicted = this.#seen.set(id, seen);
    if (evicted) this.#dropCandidates(evicted[1]);
  }

  #dropCandidates(seen: Seen): void {
    for (const { via } of seen.candidates.splice(0)) this.#candidateGone(via);
  }

  #candidateGone(via: string): void {
    const held = (this.#candidatesFrom.get(via) ?? 1) - 1;
    if (held > 0) this.#candidatesFrom.set(via, held);
    else this.#candidatesFrom.delete(via);
    this.#candidateCount--;
  }
}
