import { expect } from 'chai';
import { CHECK_QUEUE_LIMITS, CheckQueue } from './check-queue.js';

/** A check that ends when `end()` is called. */
function gate(): { readonly check: () => Promise<void>; readonly end: () => void; readonly started: () => boolean } {
  let end: () => void = () => undefined;
  let started = false;
  const done = new Promise<void>((resolve) => (end = resolve));
  return {
    check: () => {
      started = true;
      return done;
    },
    end: () => end(),
    started: () => started,
  };
}

/** Resolves once `queue` has no check pending. */
async function drained(queue: CheckQueue): Promise<void> {
  while (queue.pending > 0) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('check queue', () => {
  it('runs the checks of one lane one at a time, in the order they were queued', async () => {
    const queue = new CheckQueue();
    const order: string[] = [];
    const first = gate();
    queue.add('cat', 'deliver', async () => {
      order.push('first starts');
      await first.check();
      order.push('first ends');
    });
    queue.add('dan', 'deliver', async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).to.deep.equal(['first starts']);
    expect(queue.pending).to.equal(2);
    first.end();
    await drained(queue);
    expect(order).to.deep.equal(['first starts', 'first ends', 'second']);
  });

  it('does not hold up relaying for a delivery check, nor the other way round', async () => {
    const queue = new CheckQueue();
    const delivering = gate();
    const relaying = gate();
    queue.add('cat', 'deliver', delivering.check);
    queue.add('cat', 'relay', relaying.check);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([delivering.started(), relaying.started()]).to.deep.equal([true, true]);
    delivering.end();
    relaying.end();
    await drained(queue);
  });

  it('goes on with the next check when one throws or rejects', async () => {
    const queue = new CheckQueue();
    const ran: string[] = [];
    queue.add('cat', 'deliver', () => {
      throw new Error('thrown');
    });
    queue.add('cat', 'deliver', () => Promise.reject(new Error('rejected')));
    queue.add('cat', 'deliver', async () => {
      ran.push('after');
    });
    await drained(queue);
    expect(ran).to.deep.equal(['after']);
  });

  it("holds a neighbour's checks to its share, and past the whole's bound gives each neighbour an equal share", async () => {
    const queue = new CheckQueue();
    const held = gate();
    const perNeighbor = CHECK_QUEUE_LIMITS.maxPendingChecksPerNeighbor;
    for (let n = 0; n < perNeighbor; n++) {
      expect(queue.mayQueue('mal')).to.equal(true);
      queue.add('mal', 'deliver', held.check);
    }
    expect(queue.mayQueue('mal')).to.equal(false);
    expect(queue.mayQueue('cat')).to.equal(true);
    // Sybils fill the rest of the queue: past the bound, a neighbour is held to the whole's equal share.
    const sybils = CHECK_QUEUE_LIMITS.maxPendingChecks / perNeighbor;
    for (let sybil = 1; sybil < sybils; sybil++) for (let n = 0; n < perNeighbor; n++) queue.add(`sybil-${sybil}`, 'relay', held.check);
    expect(queue.pending).to.equal(CHECK_QUEUE_LIMITS.maxPendingChecks);
    expect(queue.mayQueue('cat')).to.equal(true);
    while (queue.mayQueue('cat')) queue.add('cat', 'deliver', held.check);
    const neighbors = sybils + 1;
    expect(queue.pending - CHECK_QUEUE_LIMITS.maxPendingChecks).to.equal(Math.ceil(CHECK_QUEUE_LIMITS.maxPendingChecks / neighbors));
    held.end();
    await drained(queue);
    expect(queue.mayQueue('mal')).to.equal(true);
  });

  it('runs no check whose turn comes after close(), yet counts every one as ended', async () => {
    const queue = new CheckQueue();
    const first = gate();
    let laterRan = false;
    queue.add('cat', 'deliver', first.check);
    queue.add('cat', 'deliver', async () => {
      laterRan = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    queue.close();
    first.end();
    await drained(queue);
    expect(first.started()).to.equal(true);
    expect(laterRan).to.equal(false);
  });
});
