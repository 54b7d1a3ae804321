import { expect } from 'chai';
import type { RelayFrame } from './relay-frame.js';
import { SEEN_LIMITS, SeenMessages } from './seen-messages.js';

const idOf = (n: number): string => String(n).padStart(16, 'J');
const copy = (id: string, via: string, n = 0) => ({ via, frame: { i: id, t: 1, f: 'ann', e: `copy ${n}` } satisfies RelayFrame });

describe('seen messages (dedupe and candidate copies)', () => {
  it('tells ids being checked from verified ones, and ours are verified from the start', () => {
    const seen = new SeenMessages();
    seen.sent(idOf(1));
    seen.checking(idOf(2));
    expect([seen.state(idOf(1)), seen.state(idOf(2)), seen.state(idOf(3))]).to.deep.equal(['verified', 'checking', undefined]);
    seen.verified(idOf(2));
    expect(seen.state(idOf(2))).to.equal('verified');
    // A verified id takes no candidates: its copies are only copies.
    expect(seen.keep(idOf(2), copy(idOf(2), 'cat'))).to.equal(false);
    expect(seen.candidates).to.equal(0);
  });

  it('gives the candidates back oldest first, keeping the id being checked', () => {
    const seen = new SeenMessages();
    const id = idOf(1);
    seen.checking(id);
    const [first, second] = [copy(id, 'cat', 1), copy(id, 'dan', 2)];
    expect(seen.keep(id, first)).to.equal(true);
    expect(seen.keep(id, second)).to.equal(true);
    expect(seen.next(id)).to.equal(first);
    seen.checking(id);
    expect(seen.state(id)).to.equal('checking');
    expect(seen.next(id)).to.equal(second);
    expect(seen.next(id)).to.equal(undefined);
    expect(seen.candidates).to.equal(0);
  });

  it('keeps a neighbour to its share of the copies of one id, and of all ids, while others still find places', () => {
    const seen = new SeenMessages();
    const id = idOf(1);
    seen.checking(id);
    for (let n = 0; n < SEEN_LIMITS.maxCandidatesPerIdPerNeighbor; n++) expect(seen.keep(id, copy(id, 'mal', n))).to.equal(true);
    expect(seen.keep(id, copy(id, 'mal', 99))).to.equal(false);
    expect(seen.keep(id, copy(id, 'cat'))).to.equal(true);
    // Across ids: Mal fills his share of all places, then finds none for a new id; Cat still does.
    const perNeighbor = SEEN_LIMITS.maxCandidatesPerNeighbor;
    let kept = SEEN_LIMITS.maxCandidatesPerIdPerNeighbor;
    for (let n = 2; kept < perNeighbor; n++) {
      seen.checking(idOf(n));
      for (let c = 0; c < SEEN_LIMITS.maxCandidatesPerIdPerNeighbor && kept < perNeighbor; c++, kept++) expect(seen.keep(idOf(n), copy(idOf(n), 'mal', c))).to.equal(true);
    }
    seen.checking(idOf(999));
    expect(seen.keep(idOf(999), copy(idOf(999), 'mal'))).to.equal(false);
    expect(seen.keep(idOf(999), copy(idOf(999), 'cat'))).to.equal(true);
    expect(seen.candidates).to.equal(perNeighbor + 2);
  });

  it('keeps at most a few copies of one id, and a bounded number in all', () => {
    const seen = new SeenMessages();
    const id = idOf(1);
    seen.checking(id);
    for (let n = 0; n < SEEN_LIMITS.maxCandidatesPerId; n++) expect(seen.keep(id, copy(id, `sybil-${n}`))).to.equal(true);
    expect(seen.keep(id, copy(id, 'cat'))).to.equal(false);
    let neighbor = 0;
    for (let n = 2; seen.candidates < SEEN_LIMITS.maxCandidates; n++) {
      seen.checking(idOf(n));
      expect(seen.keep(idOf(n), copy(idOf(n), `sybil-${neighbor++}`))).to.equal(true);
    }
    seen.checking(idOf(99_999));
    expect(seen.keep(idOf(99_999), copy(idOf(99_999), 'cat'))).to.equal(false);
  });

  it('frees the places of the copies of an id that verifies, is forgotten, or is pushed out of the memory', () => {
    const seen = new SeenMessages();
    const share = SEEN_LIMITS.maxCandidatesPerIdPerNeighbor;
    const ids = SEEN_LIMITS.maxCandidatesPerNeighbor / share;
    /** Mal sends `share` copies of each of `count` ids from `first` on; whether each found a place. */
    const fill = (first: number, count = 1) => {
      const kept: boolean[] = [];
      for (let n = first; n < first + count; n++) {
        seen.checking(idOf(n));
        for (let c = 0; c < share; c++) kept.push(seen.keep(idOf(n), copy(idOf(n), 'mal', c)));
      }
      return kept;
    };
    expect(fill(0, ids).every(Boolean)).to.equal(true);
    expect(fill(100)).to.deep.equal([false, false]);
    seen.verified(idOf(0));
    expect(fill(101)).to.deep.equal([true, true]);
    seen.forget(idOf(1));
    expect(seen.state(idOf(1))).to.equal(undefined);
    expect(fill(102)).to.deep.equal([true, true]);
    expect(fill(103)).to.deep.equal([false, false]);
    // As many ids of ours as the memory holds push every one of those out, and their copies with them.
    for (let n = 0; n < SEEN_LIMITS.maxSeen; n++) seen.sent(idOf(10_000 + n));
    expect(seen.size).to.equal(SEEN_LIMITS.maxSeen);
    expect(seen.state(idOf(2))).to.equal(undefined);
    expect(seen.candidates).to.equal(0);
    expect(fill(20_000, ids).every(Boolean)).to.equal(true);
  });

  it('pushes out the id that came first, however often it was looked at', () => {
    const seen = new SeenMessages();
    seen.sent(idOf(0));
    for (let n = 1; n < SEEN_LIMITS.maxSeen; n++) {
      seen.sent(idOf(n));
      expect(seen.state(idOf(0))).to.equal('verified');
    }
    seen.sent(idOf(SEEN_LIMITS.maxSeen));
    expect(seen.state(idOf(0))).to.equal(undefined);
    expect(seen.state(idOf(1))).to.equal('verified');
  });
});
