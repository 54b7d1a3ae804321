/**
 * Backpressure on a link: a frame waits before going to a link whose send buffer holds more than a
 * high-water mark, until the buffer has drained to half of it (so the link still has plenty to
 * send when the next frames come) or the link's state changed.
 *
 * The buffer is watched two ways: the link's `drain` event (its channel's `bufferedamountlow`, at
 * LINK_LOW_WATER_BYTES) and a look every few milliseconds — the half-way point is above that
 * event, and some channels (Node's @roamhq/wrtc) have no such event at all.
 */
import { LINK_LOW_WATER_BYTES, type Link } from '../link/link.js';

/** How often a waiting frame looks at the buffer, ms. */
const POLL_MS = 5;

/** Resolves at once when `link` has room under `highWaterMark` (or is not connected); else once it has drained to half of it. */
export function roomOnLink(link: Pick<Link, 'state' | 'bufferedAmount' | 'on'>, highWaterMark: number): Promise<void> {
  const mark = Math.max(highWaterMark, LINK_LOW_WATER_BYTES);
  if (link.state !== 'connected' || link.bufferedAmount <= mark) return Promise.resolve();
  const resumeAt = Math.max(mark / 2, LINK_LOW_WATER_BYTES);
  return new Promise<void>((resolve) => {
    const done = new AbortController();
    const go = () => {
      done.abort();
      clearInterval(poll);
      resolve();
    };
    const check = () => {
      if (link.state !== 'connected' || link.bufferedAmount <= resumeAt) go();
    };
    const poll = setInterval(check, POLL_MS);
    link.on('drain', go, { signal: done.signal });
    link.on('state', go, { signal: done.signal });
  });
}
