import { expect } from 'chai';
import { GRAFT_LIMITS, Grafts } from './grafts.js';
import type { SeenState } from './seen-messages.js';

const idOf = (n: number): string => String(n).padStart(16, 'J');

/** Grafts over a dedupe memory the test sets, recording each ask, and resolving `nextAsk` with the next. */
function grafts(graftAfterMs = 10) {
  const states = new Map<string, SeenState>();
  const asks: [string, string][] = [];
  let waiting: ((ask: [string, string]) => void) | undefined;
  const subject = new Grafts({
    graftAfterMs,
    state: (id) => states.get(id),
    ask: (holder, id) => {
      asks.push([holder, id]);
      waiting?.([holder, id]);
    },
  });
  const nextAsk = () => new Promise<[string, string]>((resolve) => (waiting = resolve));
  return { grafts: subject, states, asks, nextAsk };
}

describe('grafts', () => {
  it('asks the neighbours that said they have a message in turn, one per interval, then gives it up', async () => {
    const { grafts: subject, asks, nextAsk } = grafts();
    const id = idOf(1);
    subject.heardOf(id, 'cat');
    subject.heardOf(id, 'dan');
    subject.heardOf(id, 'cat');
    expect(asks).to.deep.equal([]);
    expect(await nextAsk()).to.deep.equal(['cat', id]);
    expect(await nextAsk()).to.deep.equal(['dan', id]);
    // Nobody is left to ask: the next turn gives the id up.
    subject.askNow(id);
    expect(subject.isMissing(id)).to.equal(false);
    expect(asks).to.have.length(2);
  });

  it('asks nobody for a message whose copy verified, and waits while a copy is being checked', () => {
    const { grafts: subject, states, asks } = grafts(60_000);
    subject.heardOf(idOf(1), 'cat');
    subject.heardOf(idOf(2), 'cat');
    states.set(idOf(1), 'verified');
    states.set(idOf(2), 'checking');
    subject.askNow(idOf(1));
    subject.askNow(idOf(2));
    expect(asks).to.deep.equal([]);
    expect([subject.isMissing(idOf(1)), subject.isMissing(idOf(2))]).to.deep.equal([false, true]);
    // The copy being checked proves forged: Cat is asked.
    states.delete(idOf(2));
    subject.askNow(idOf(2));
    expect(asks).to.deep.equal([['cat', idOf(2)]]);
    // Heard of once verified: nothing to wait for.
    subject.heardOf(idOf(1), 'dan');
    expect(subject.isMissing(idOf(1))).to.equal(false);
    subject.close();
  });

  it('tracks a bounded share of the ids one neighbour names, and a few holders per id', () => {
    const { grafts: subject } = grafts(60_000);
    for (let n = 0; n < 2 * GRAFT_LIMITS.maxMissingPerNeighbor; n++) subject.heardOf(idOf(n), 'mal');
    expect(subject.missing).to.equal(GRAFT_LIMITS.maxMissingPerNeighbor);
    // Mal's oldest gave way to his newest, never to another's.
    expect(subject.isMissing(idOf(0))).to.equal(false);
    subject.heardOf(idOf(100_000), 'cat');
    expect(subject.isMissing(idOf(100_000))).to.equal(true);
    expect(subject.missing).to.equal(GRAFT_LIMITS.maxMissingPerNeighbor + 1);
    subject.close();
  });

  it('remembers a few holders of one message, asks each once, then gives it up', async () => {
    const { grafts: subject, asks } = grafts(5);
    const id = idOf(1);
    for (let n = 0; n < GRAFT_LIMITS.maxHolders + 4; n++) subject.heardOf(id, `sybil-${n}`);
    while (subject.isMissing(id)) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(asks.map(([holder]) => holder)).to.deep.equal(Array.from({ length: GRAFT_LIMITS.maxHolders }, (_, n) => `sybil-${n}`));
  });

  it('asks for nothing once closed', () => {
    const { grafts: subject, asks } = grafts(1);
    subject.heardOf(idOf(1), 'cat');
    subject.close();
    subject.heardOf(idOf(2), 'cat');
    subject.askNow(idOf(1));
    expect(subject.missing).to.equal(0);
    expect(asks).to.deep.equal([]);
  });

  it('keeps recent frames to answer a graft, the oldest going first', () => {
    const { grafts: subject } = grafts();
    for (let n = 0; n < GRAFT_LIMITS.maxCached; n++) subject.keep(idOf(n), `frame ${n}`);
    expect(subject.kept(idOf(0))).to.equal('frame 0');
    subject.keep(idOf(GRAFT_LIMITS.maxCached), 'one more');
    expect(subject.kept(idOf(0))).to.equal(undefined);
    expect(subject.kept(idOf(1))).to.equal('frame 1');
  });
});
