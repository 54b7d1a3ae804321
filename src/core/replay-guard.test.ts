import { expect } from 'chai';
import { ReplayGuard } from './replay-guard.js';

describe('ReplayGuard', () => {
  it('accepts a nonce once per sender', () => {
    const guard = new ReplayGuard();
    expect(guard.remember('alice', 'n1', 1000, 0)).to.equal(true);
    expect(guard.remember('alice', 'n1', 1000, 0)).to.equal(false);
    expect(guard.remember('bob', 'n1', 1000, 0)).to.equal(true);
  });

  it('forgets nonces that left the time window', () => {
    const guard = new ReplayGuard();
    guard.remember('alice', 'old', 1000, 0);
    guard.remember('alice', 'new', 5000, 0);
    expect(guard.remember('alice', 'x', 6000, 4000)).to.equal(true);
    expect(guard.size).to.equal(2);
  });

  it('stays bounded, and a dropped nonce cannot be replayed: its time range becomes a floor', () => {
    const guard = new ReplayGuard(3);
    for (let i = 1; i <= 3; i++) expect(guard.remember('alice', `n${i}`, i * 100, 0)).to.equal(true);
    expect(guard.remember('alice', 'n4', 400, 0)).to.equal(true);
    expect(guard.size).to.equal(3);
    // n1 (ts 100) was dropped to make room: replaying it is still refused.
    expect(guard.remember('alice', 'n1', 100, 0)).to.equal(false);
    expect(guard.remember('alice', 'fresh', 500, 0)).to.equal(true);
  });
});
