import { expect } from 'chai';
import { FairMap } from './fair-map.js';

describe('FairMap', () => {
  it('keeps each owner to its share: a busy owner pushes out only its own oldest entries', () => {
    const evicted: string[] = [];
    const map = new FairMap<string, number>(10, 3, (key) => evicted.push(key));
    map.set('honest-1', 'ann', 1);
    for (let n = 0; n < 100; n++) map.set(`junk-${n}`, 'mal', n);
    expect(map.countOf('mal')).to.equal(3);
    expect(map.get('honest-1')).to.equal(1);
    expect(map.size).to.equal(4);
    expect(evicted).to.have.length(97);
    expect(evicted.every((key) => key.startsWith('junk-'))).to.equal(true);
    // The newest three are the ones kept.
    expect(['junk-97', 'junk-98', 'junk-99'].every((key) => map.has(key))).to.equal(true);
  });

  it('when full, takes room from the owner holding the most, not from the one adding', () => {
    const map = new FairMap<string, number>(6, 4);
    for (let n = 0; n < 4; n++) map.set(`mal-${n}`, 'mal', n);
    map.set('ann-0', 'ann', 0);
    map.set('ann-1', 'ann', 1);
    expect(map.size).to.equal(6);
    // Full: Ann's next entry costs Mal (who holds 4) his oldest.
    map.set('ann-2', 'ann', 2);
    expect(map.size).to.equal(6);
    expect(map.has('mal-0')).to.equal(false);
    expect(map.countOf('ann')).to.equal(3);
    expect(map.countOf('mal')).to.equal(3);
  });

  it('replaces an entry under its new owner, and forgets a whole owner at once without telling', () => {
    const evicted: string[] = [];
    const map = new FairMap<string, string>(10, 10, (key) => evicted.push(key));
    map.set('dan', 'ann', 'via ann');
    map.set('dan', 'ben', 'via ben');
    expect(map.countOf('ann')).to.equal(0);
    expect(map.get('dan')).to.equal('via ben');
    map.set('eve', 'ben', 'via ben');
    map.deleteOwner('ben');
    expect(map.size).to.equal(0);
    expect(map.countOf('ben')).to.equal(0);
    expect(evicted).to.deep.equal([]);
  });
});
