import { expect } from 'chai';
import { LINK_LOW_WATER_BYTES, type LinkEventMap, type LinkState } from '../link/link.js';
import { Emitter } from '../util/events.js';
import { roomOnLink } from './backpressure.js';

/**
 * The part of a link backpressure reads: its state, its send buffer and its events. The buffer is
 * set by hand; `drain` is fired only when asked, as a channel without `bufferedamountlow` (Node's
 * @roamhq/wrtc) never fires it.
 */
class Buffered extends Emitter<LinkEventMap> {
  state: LinkState = 'connected';
  bufferedAmount = 0;

  fire<K extends 'drain' | 'state'>(type: K, detail: LinkEventMap[K]['detail']): void {
    this.emit(type, detail);
  }
}

const MIB = 1024 * 1024;

/** Whether `promise` has settled by the time a few of the waiter's looks have passed. */
async function settledSoon(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  // A negative can only be seen by letting time pass: four looks' worth (one every 5 ms).
  await new Promise((resolve) => setTimeout(resolve, 20));
  return settled;
}

describe('backpressure on a link', () => {
  it('lets a frame go at once (nothing to wait for) while the buffer is under the mark, or the link is not connected', async () => {
    const link = new Buffered();
    link.bufferedAmount = MIB;
    expect(roomOnLink(link, MIB)).to.equal(undefined);
    link.bufferedAmount = 8 * MIB;
    link.state = 'reconnecting';
    expect(roomOnLink(link, MIB)).to.equal(undefined);
  });

  it('over the mark, waits until the buffer is down to half of it, with no drain event (a channel that has none)', async () => {
    const link = new Buffered();
    link.bufferedAmount = 4 * MIB + 1;
    const room = roomOnLink(link, 4 * MIB)!;
    expect(await settledSoon(room), 'over the mark').to.equal(false);
    link.bufferedAmount = 3 * MIB;
    expect(await settledSoon(room), 'still over half').to.equal(false);
    link.bufferedAmount = 2 * MIB;
    expect(await settledSoon(room), 'at half').to.equal(true);
  });

  it('goes on at a drain event, or when the link changes state', async () => {
    const link = new Buffered();
    link.bufferedAmount = 2 * MIB;
    const drained = roomOnLink(link, MIB)!;
    link.fire('drain', { bufferedAmount: LINK_LOW_WATER_BYTES });
    expect(await settledSoon(drained)).to.equal(true);
    const closed = roomOnLink(link, MIB)!;
    expect(await settledSoon(closed)).to.equal(false);
    link.state = 'closed';
    link.fire('state', { state: 'closed' });
    expect(await settledSoon(closed)).to.equal(true);
  });

  it('a mark under the link\'s low-water mark counts as that: a frame never waits for a drain that cannot come', async () => {
    const link = new Buffered();
    // Between the two marks: the channel's `bufferedamountlow` will not fire (the buffer is already under its threshold).
    link.bufferedAmount = LINK_LOW_WATER_BYTES - 1;
    expect(roomOnLink(link, 16 * 1024)).to.equal(undefined);
  });
});
