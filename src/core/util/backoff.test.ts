import { expect } from 'chai';
import { Backoff } from './backoff.js';

/** Delays with the jitter at its middle (1×), so the bases show. */
const steady = () => 0.5;

describe('Backoff', () => {
  it('doubles from the first delay up to the cap', () => {
    const backoff = new Backoff({ firstMs: 250, maxMs: 2000, random: steady });
    expect(Array.from({ length: 6 }, () => backoff.next())).to.deep.equal([250, 500, 1000, 2000, 2000, 2000]);
    expect(backoff.attempt).to.equal(6);
  });

  it('scales each delay by 0.5–1.5×', () => {
    const low = new Backoff({ firstMs: 100, maxMs: 400, random: () => 0 });
    const high = new Backoff({ firstMs: 100, maxMs: 400, random: () => 0.999_999 });
    expect([low.next(), low.next(), low.next(), low.next()]).to.deep.equal([50, 100, 200, 200]);
    const highs = [high.next(), high.next(), high.next(), high.next()];
    expect(highs.map(Math.round)).to.deep.equal([150, 300, 600, 600]);
    const real = new Backoff({ firstMs: 1000, maxMs: 1000 });
    for (let i = 0; i < 200; i++) expect(real.next()).to.be.within(500, 1500);
  });

  it('starts over from the first delay after a reset', () => {
    const backoff = new Backoff({ firstMs: 10, maxMs: 1000, random: steady });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).to.equal(0);
    expect(backoff.next()).to.equal(10);
  });

  it('grows by the factor given', () => {
    const backoff = new Backoff({ firstMs: 1, maxMs: 100, factor: 3, random: steady });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).to.deep.equal([1, 3, 9, 27, 81]);
  });

  it('stays at the cap however many tries fail (no overflow to Infinity or NaN)', () => {
    const backoff = new Backoff({ firstMs: 0, maxMs: 0, random: steady });
    const capped = new Backoff({ firstMs: 1, maxMs: 10_000, random: steady });
    for (let i = 0; i < 5000; i++) {
      backoff.next();
      capped.next();
    }
    expect(backoff.next()).to.equal(0);
    expect(capped.next()).to.equal(10_000);
  });

  it('refuses options that make no schedule', () => {
    expect(() => new Backoff({ firstMs: -1, maxMs: 10 })).to.throw(RangeError);
    expect(() => new Backoff({ firstMs: 100, maxMs: 10 })).to.throw(RangeError);
    expect(() => new Backoff({ firstMs: 1, maxMs: Number.POSITIVE_INFINITY })).to.throw(RangeError);
    expect(() => new Backoff({ firstMs: 1, maxMs: 10, factor: 0.5 })).to.throw(RangeError);
    expect(() => new Backoff({ firstMs: Number.NaN, maxMs: 10 })).to.throw(RangeError);
  });
});
