import { expect } from 'chai';
import { ReplayGuard } from './replay-guard.js';

const WINDOW = 120_000;

describe('ReplayGuard', () => {
  it('accepts a nonce once per sender', () => {
    const guard = new ReplayGuard();
    expect(guard.remember('alice', 'n1', 1000, 0)).to.equal(true);
    expect(guard.remember('alice', 'n1', 1000, 0)).to.equal(false);
    expect(guard.remember('bob', 'n1', 1000, 0)).to.equal(true);
  });

  it('answers whether it would accept without recording anything', () => {
    const guard = new ReplayGuard();
    expect(guard.accepts('alice', 'n1', 1000, 0)).to.equal(true);
    expect(guard.accepts('alice', 'n1', 1000, 0)).to.equal(true);
    expect(guard.size).to.equal(0);
    guard.remember('alice', 'n1', 1000, 0);
    expect(guard.accepts('alice', 'n1', 1000, 0)).to.equal(false);
  });

  it('forgets nonces that left the time window', () => {
    const guard = new ReplayGuard();
    guard.remember('alice', 'old', 1000, 0);
    guard.remember('alice', 'new', 5000, 0);
    expect(guard.remember('alice', 'x', 6000, 4000)).to.equal(true);
    expect(guard.size).to.equal(2);
  });

  it('forgets senders whose nonces all left the window', () => {
    const guard = new ReplayGuard();
    for (let i = 0; i < 50; i++) guard.remember(`stranger-${i}`, 'n', 1000, 0);
    for (let i = 0; i < 50; i++) guard.remember('alice', `n${i}`, 10_000_000 + i, 10_000_000 - WINDOW);
    expect(guard.senders).to.equal(1);
    expect(guard.size).to.equal(50);
  });

  it('stays bounded per sender, and a dropped nonce cannot be replayed: its time becomes that sender’s floor', () => {
    const guard = new ReplayGuard(100, 3);
    for (let i = 1; i <= 3; i++) expect(guard.remember('alice', `n${i}`, i * 100, 0)).to.equal(true);
    expect(guard.remember('alice', 'n4', 400, 0)).to.equal(true);
    expect(guard.size).to.equal(3);
    // n1 (ts 100) was dropped to make room: replaying it is still refused.
    expect(guard.remember('alice', 'n1', 100, 0)).to.equal(false);
    expect(guard.remember('alice', 'fresh', 500, 0)).to.equal(true);
    // Alice's floor is hers alone.
    expect(guard.remember('bob', 'b1', 50, 0)).to.equal(true);
  });

  it('stays bounded overall, and a dropped nonce still cannot be replayed', () => {
    const guard = new ReplayGuard(20, 20);
    const now = 1_000_000;
    for (let i = 0; i < 10; i++) expect(guard.remember('alice', `a${i}`, now + i, now - WINDOW)).to.equal(true);
    for (let i = 0; i < 30; i++) expect(guard.remember('bob', `b${i}`, now + i, now - WINDOW)).to.equal(true);
    expect(guard.size + guard.senders).to.be.at.most(20);
    for (let i = 0; i < 10; i++) expect(guard.remember('alice', `a${i}`, now + i, now - WINDOW), `a${i} replayed`).to.equal(false);
    for (let i = 0; i < 30; i++) expect(guard.remember('bob', `b${i}`, now + i, now - WINDOW), `b${i} replayed`).to.equal(false);
  });

  // The attack: envelopes dated at the edge of the future window, fast enough to fill the guard.
  // With one floor for everyone, evicting them raised the floor past "now" and every honest
  // envelope after that was refused as replayed.
  it('a flood of future-dated nonces from one sender does not refuse anyone else', () => {
    const guard = new ReplayGuard(1000);
    const now = 1_000_000;
    for (let i = 0; i < 5000; i++) guard.remember('mallory', `m${i}`, now + WINDOW - 1, now - WINDOW);
    for (let i = 0; i < 100; i++) expect(guard.remember('alice', `a${i}`, now + i, now - WINDOW), `honest nonce ${i}`).to.equal(true);
    expect(guard.size + guard.senders).to.be.at.most(1000);
  });

  it('a flood of future-dated nonces from many throwaway senders does not refuse an honest one', () => {
    const guard = new ReplayGuard(1000);
    const now = 1_000_000;
    expect(guard.remember('alice', 'before', now - 10, now - WINDOW)).to.equal(true);
    for (let i = 0; i < 5000; i++) {
      guard.remember(`mallory-${i % 700}`, `m${i}`, now + WINDOW - 1, now - WINDOW);
      // Honest envelopes keep being accepted during the flood.
      if (i % 500 === 0) expect(guard.remember('alice', `during-${i}`, now + i / 1000, now - WINDOW), `honest during flood (${i})`).to.equal(true);
    }
    expect(guard.remember('bob', 'first', now, now - WINDOW)).to.equal(true);
    expect(guard.remember('alice', 'after', now + 10, now - WINDOW)).to.equal(true);
    expect(guard.size + guard.senders).to.be.at.most(1000);
  });
});
