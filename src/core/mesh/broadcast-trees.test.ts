import { expect } from 'chai';
import { BroadcastTrees, TREE_LIMITS } from './broadcast-trees.js';

describe('broadcast trees', () => {
  it('prunes a link for one origin only, and a graft makes it eager again', () => {
    const trees = new BroadcastTrees();
    expect(trees.prune('ann', 'cat')).to.equal(true);
    expect(trees.prune('ann', 'cat')).to.equal(false);
    expect([trees.isLazy('ann', 'cat'), trees.isLazy('ben', 'cat'), trees.isLazy('ann', 'dan')]).to.deep.equal([true, false, false]);
    trees.graft('ann', 'cat');
    expect(trees.isLazy('ann', 'cat')).to.equal(false);
  });

  it('turns a grafted link eager for every origin', () => {
    const trees = new BroadcastTrees();
    for (const origin of ['ann', 'ben']) {
      trees.prune(origin, 'cat');
      trees.prune(origin, 'dan');
    }
    trees.graftEverywhere('cat');
    expect(['ann', 'ben'].map((origin) => [trees.isLazy(origin, 'cat'), trees.isLazy(origin, 'dan')])).to.deep.equal([
      [false, true],
      [false, true],
    ]);
  });

  it("starts a new origin's tree as a copy of its seed's, then prunes the two apart", () => {
    const trees = new BroadcastTrees();
    trees.prune('ann', 'cat');
    expect(trees.lazyFor('ben', undefined)).to.equal(undefined);
    expect(trees.lazyFor('ben', 'nobody')).to.equal(undefined);
    expect([...trees.lazyFor('ben', 'ann')!]).to.deep.equal(['cat']);
    // Ben's tree is his own from now on: the seed no longer matters, and changes to one leave the other.
    trees.graft('ben', 'cat');
    trees.prune('ben', 'dan');
    expect([...trees.lazyFor('ben', 'ann')!]).to.deep.equal(['dan']);
    expect([trees.isLazy('ann', 'cat'), trees.isLazy('ann', 'dan')]).to.deep.equal([true, false]);
  });

  it('seeds from the nearest origin heard from lately, the latest on ties, and never from one that left', () => {
    const trees = new BroadcastTrees();
    expect(trees.seed()).to.equal(undefined);
    trees.heardFrom('ann', 3);
    trees.heardFrom('ben', 1);
    trees.heardFrom('cat', 2);
    expect(trees.seed()).to.equal('ben');
    trees.heardFrom('dan', 1);
    expect(trees.seed()).to.equal('dan');
    // Ben is heard from again: the latest of the nearest.
    trees.heardFrom('ben', 1);
    expect(trees.seed()).to.equal('ben');
    trees.forgetOrigin('ben');
    expect(trees.seed()).to.equal('dan');
  });

  it('picks a seed among the most recent origins only', () => {
    const trees = new BroadcastTrees();
    trees.heardFrom('near', 1);
    for (let n = 0; n < TREE_LIMITS.maxSeedCandidates; n++) trees.heardFrom(`far-${n}`, 5);
    expect(trees.seed()).to.equal(`far-${TREE_LIMITS.maxSeedCandidates - 1}`);
  });

  it("forgets a tree that left, and the oldest tree past the bound (whose origin's next message then floods)", () => {
    const trees = new BroadcastTrees();
    trees.prune('ann', 'cat');
    trees.forgetOrigin('ann');
    expect(trees.lazyFor('ann', undefined)).to.equal(undefined);
    trees.prune('first', 'cat');
    for (let n = 1; n < TREE_LIMITS.maxOrigins; n++) trees.prune(`origin-${n}`, 'cat');
    // Looking at a tree does not keep it: the oldest goes first.
    expect(trees.isLazy('first', 'cat')).to.equal(true);
    trees.prune('one-more', 'cat');
    expect(trees.lazyFor('first', undefined)).to.equal(undefined);
    expect(trees.isLazy('origin-1', 'cat')).to.equal(true);
  });
});
