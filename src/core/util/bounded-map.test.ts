import { expect } from 'chai';
import { BoundedMap, cachedPromise, BoundedSet } from './bounded-map.js';

describe('BoundedMap', () => {
  it('evicts the least recently used entry past its size, and says which', () => {
    const map = new BoundedMap<string, number>(2);
    expect(map.set('a', 1)).to.equal(undefined);
    expect(map.set('b', 2)).to.equal(undefined);
    expect(map.set('c', 3)).to.deep.equal(['a', 1]);
    expect([...map]).to.deep.equal([
      ['b', 2],
      ['c', 3],
    ]);
    expect(map.size).to.equal(2);
  });

  it('counts get and set as a use, peek and has not', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect(map.get('a')).to.equal(1);
    expect([...map.keys()]).to.deep.equal(['b', 'c', 'a']);
    expect(map.peek('b')).to.equal(2);
    expect(map.has('b')).to.equal(true);
    expect(map.oldest()).to.deep.equal(['b', 2]);
    map.set('c', 30);
    expect([...map.entries()]).to.deep.equal([
      ['b', 2],
      ['a', 1],
      ['c', 30],
    ]);
    expect(map.set('d', 4)).to.deep.equal(['b', 2]);
  });

  it('replacing an entry evicts nothing', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.set('a', 10)).to.equal(undefined);
    expect([...map.values()]).to.deep.equal([2, 10]);
  });

  it('a flood of new keys keeps it at its size, the most recent ones kept', () => {
    const map = new BoundedMap<number, number>(64);
    const evicted: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const gone = map.set(i, i);
      if (gone) evicted.push(gone[0]);
    }
    expect(map.size).to.equal(64);
    expect(evicted).to.have.length(10_000 - 64);
    expect(evicted.slice(0, 3)).to.deep.equal([0, 1, 2]);
    expect(map.oldest()).to.deep.equal([10_000 - 64, 10_000 - 64]);
  });

  it('a missing key reads as undefined, deletes as false, and clear empties it', () => {
    const map = new BoundedMap<string, number>(2);
    expect(map.get('x')).to.equal(undefined);
    expect(map.peek('x')).to.equal(undefined);
    expect(map.delete('x')).to.equal(false);
    expect(map.oldest()).to.equal(undefined);
    map.set('a', 1);
    expect(map.delete('a')).to.equal(true);
    map.set('b', 2);
    map.clear();
    expect(map.size).to.equal(0);
  });

  it('refuses a size that could hold nothing', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => new BoundedMap(size)).to.throw(RangeError);
  });
});

describe('cachedPromise', () => {
  it('makes the work once per key, and forgets a failure so the next call tries again', async () => {
    const cache = new BoundedMap<string, Promise<number>>(4);
    let made = 0;
    const work = (outcome: 'ok' | 'fail') => () => (made++, outcome === 'ok' ? Promise.resolve(made) : Promise.reject(new Error('no')));
    expect(await cachedPromise(cache, 'a', work('ok'))).to.equal(1);
    expect(await cachedPromise(cache, 'a', work('ok'))).to.equal(1);
    let failed: unknown;
    await cachedPromise(cache, 'b', work('fail')).catch((error: unknown) => (failed = error));
    expect(failed).to.be.instanceOf(Error);
    expect(cache.has('b')).to.equal(false);
    expect(await cachedPromise(cache, 'b', work('ok'))).to.equal(3);
    expect(made).to.equal(3);
  });
});

describe('BoundedSet', () => {
  it('keeps the most recently added keys and reports the one evicted', () => {
    const set = new BoundedSet<number>(2);
    expect(set.add(1)).to.equal(undefined);
    expect(set.add(2)).to.equal(undefined);
    expect(set.add(1)).to.equal(undefined);
    expect(set.add(3)).to.equal(2);
    expect([...set]).to.deep.equal([1, 3]);
    expect(set.has(2)).to.equal(false);
    expect(set.delete(1)).to.equal(true);
    expect(set.size).to.equal(1);
    expect(set.maxSize).to.equal(2);
  });
});
