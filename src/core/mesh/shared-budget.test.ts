import { expect } from 'chai';
import { SharedBudget } from './shared-budget.js';

const NOW = Date.now();

function budget() {
  return new SharedBudget({ neighbor: { rate: 4, burst: 4 }, origin: { rate: 1, burst: 2 } }, { rate: 10, burst: 6 }, NOW);
}

/** How many of `count` spends for these keys went through. */
function spent(shared: ReturnType<typeof budget>, keys: { neighbor: string; origin: string }, count: number, now = NOW): number {
  let passed = 0;
  for (let n = 0; n < count; n++) if (shared.spend(keys, now)) passed++;
  return passed;
}

describe('shared budget', () => {
  it('holds one key to its share, while other keys spend theirs', () => {
    const shared = budget();
    expect(spent(shared, { neighbor: 'cat', origin: 'mal' }, 5)).to.equal(2);
    expect(spent(shared, { neighbor: 'cat', origin: 'ann' }, 5)).to.equal(2);
    // Cat's neighbour share (4) is gone now, whatever the origin.
    expect(spent(shared, { neighbor: 'cat', origin: 'ben' }, 1)).to.equal(0);
    expect(spent(shared, { neighbor: 'dan', origin: 'ben' }, 5)).to.equal(2);
  });

  it('takes from every bucket or from none: a refused spend costs no share anything', () => {
    const shared = budget();
    // Mal's origin share runs out first; the spends refused for it take nothing from Cat's share.
    expect(spent(shared, { neighbor: 'cat', origin: 'mal' }, 10)).to.equal(2);
    expect(spent(shared, { neighbor: 'cat', origin: 'ann' }, 10)).to.equal(2);
  });

  it('holds everyone to the whole', () => {
    const shared = budget();
    const origins = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const passed = origins.reduce((sum, origin, n) => sum + spent(shared, { neighbor: `n${n}`, origin }, 2), 0);
    expect(passed).to.equal(6);
  });

  it('refills each bucket at its rate', () => {
    const shared = budget();
    expect(spent(shared, { neighbor: 'cat', origin: 'mal' }, 3)).to.equal(2);
    expect(spent(shared, { neighbor: 'cat', origin: 'mal' }, 3, NOW + 500)).to.equal(0);
    expect(spent(shared, { neighbor: 'cat', origin: 'mal' }, 3, NOW + 1000)).to.equal(1);
  });
});
