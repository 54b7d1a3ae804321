import { expect } from 'chai';
import { Membership } from './membership.js';

/** Both sides of every pair: exactly one of them offers. */
function offersOnce(views: ReadonlyMap<string, Membership>): void {
  for (const [a, viewA] of views) {
    for (const [b, viewB] of views) {
      if (a < b) expect(viewA.offersTo(b) !== viewB.offersTo(a), `exactly one of ${a} and ${b} offers`).to.equal(true);
    }
  }
}

describe('Membership: who offers a link', () => {
  it('with ordered presence the newer member offers, whatever the ids, and a member that joins again becomes the newer', () => {
    // Joins in this order: z first, then m, then a (ids sorted the other way round).
    const z = new Membership('z', true);
    const m = new Membership('m', true);
    const a = new Membership('a', true);
    z.reconcile([]);
    m.reconcile(['z']);
    z.add('m');
    a.reconcile(['z', 'm']);
    z.add('a');
    m.add('a');
    expect([a.offersTo('z'), a.offersTo('m'), m.offersTo('z')]).to.deep.equal([true, true, true]);
    expect([z.offersTo('m'), z.offersTo('a'), m.offersTo('a')]).to.deep.equal([false, false, false]);
    offersOnce(new Map([['z', z], ['m', m], ['a', a]]));

    // z reloads: the others hear it leave and join again; its own join lists them both.
    m.remove('z');
    a.remove('z');
    z.reconcile(['m', 'a']);
    m.add('z');
    a.add('z');
    expect([z.offersTo('m'), z.offersTo('a')]).to.deep.equal([true, true]);
    offersOnce(new Map([['z', z], ['m', m], ['a', a]]));
  });

  it('keeps the order when a member is named again without leaving (the list a rejoin of ours brings is read as members arrive)', () => {
    const view = new Membership('me', true);
    view.reconcile(['x']);
    view.add('x');
    expect(view.offersTo('x')).to.equal(true);
    view.add('y');
    view.add('y');
    expect(view.offersTo('y')).to.equal(false);
  });

  it('answers a member whose signal came before its announcement: it came after us', () => {
    const early = new Membership('b', true);
    early.reconcile(['c']);
    expect(early.offersTo('a')).to.equal(false);
    early.add('a');
    expect(early.offersTo('a')).to.equal(false);
  });

  it('without ordered presence the smaller id offers, whoever came first', () => {
    const second = new Membership('a', false);
    const first = new Membership('z', false);
    first.reconcile([]);
    second.reconcile(['z']);
    first.add('a');
    expect(second.offersTo('z')).to.equal(true);
    expect(first.offersTo('a')).to.equal(false);
  });
});
