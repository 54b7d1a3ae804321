import { expect } from 'chai';
import { RotationPolicy } from './rotation.js';
import { chordTarget, isPartialMesh, ringNeighbors } from './topology.js';

const rtts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('rotation policy', () => {
  it('names a link only after it was slow for `strikes` checks in a row', () => {
    const policy = new RotationPolicy({ strikes: 3 });
    const slow = rtts({ a: 10, b: 12, c: 11, d: 90 });
    expect(policy.check(slow, () => true)).to.equal(undefined);
    expect(policy.check(slow, () => true)).to.equal(undefined);
    expect(policy.check(slow, () => true)).to.deep.equal({ id: 'd', rtt: 90, median: 11 });
  });

  it('forgets strikes when the link recovers, and ignores links it may not replace', () => {
    const policy = new RotationPolicy({ strikes: 2 });
    policy.check(rtts({ a: 10, b: 10, d: 90 }), () => true);
    policy.check(rtts({ a: 10, b: 10, d: 12 }), () => true);
    expect(policy.check(rtts({ a: 10, b: 10, d: 90 }), () => true)).to.equal(undefined);
    expect(policy.check(rtts({ a: 10, b: 10, d: 90 }), (id) => id !== 'd')).to.equal(undefined);
  });

  it('does not churn fast links: a small absolute gap is not slow', () => {
    const policy = new RotationPolicy({ strikes: 1, minGapMs: 20 });
    expect(policy.check(rtts({ a: 1, b: 1, c: 15 }), () => true)).to.equal(undefined);
    expect(policy.check(rtts({ a: 1, b: 1, c: 25 }), () => true)?.id).to.equal('c');
  });

  it('rate-limits rotations', () => {
    const policy = new RotationPolicy({ minIntervalMs: 1000 });
    expect(policy.mayRotate(0)).to.equal(true);
    policy.rotated('x', 0);
    expect(policy.mayRotate(999)).to.equal(false);
    expect(policy.mayRotate(1000)).to.equal(true);
  });
});

describe('partial mesh topology', () => {
  it('links each peer to the ids before and after it, wrapping around', () => {
    const members = ['b', 'd', 'a', 'c'];
    expect([...ringNeighbors('a', members)].sort()).to.deep.equal(['b', 'd']);
    expect([...ringNeighbors('d', members)].sort()).to.deep.equal(['a', 'c']);
    expect([...ringNeighbors('a', ['b'])]).to.deep.equal(['b']);
    expect([...ringNeighbors('a', [])]).to.deep.equal([]);
  });

  it('every ring is symmetric: a peer is its neighbour\'s neighbour', () => {
    const ids = Array.from({ length: 17 }, (_, i) => `peer-${(i * 7919) % 101}`);
    for (const id of ids) for (const neighbor of ringNeighbors(id, ids)) expect(ringNeighbors(neighbor, ids).has(id)).to.equal(true);
  });

  it('is a partial mesh only above maxLinks, and picks chords to fill up to it', () => {
    expect(isPartialMesh(8, 8)).to.equal(false);
    expect(isPartialMesh(9, 8)).to.equal(true);
    expect(chordTarget(8)).to.equal(3);
    expect(chordTarget(2)).to.equal(0);
  });
});
