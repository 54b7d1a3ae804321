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

/** A channel frame waits while its link has this much unsent, unless its sender gives another mark (SendOptions.highWaterMark). */
export const CHANNEL_HIGH_WATER_BYTES = 1024 * 1024;

/** How often a waiting frame looks at the buffer, ms. */
const POLL_MS = 5;

/**
 * Undefined when `link` has room under `highWaterMark` (or is not connected): nothing to wait for,
 * so the caller goes on in the same turn and keeps its place among other sends. Otherwise a
 * promise that resolves once the buffer has drained to half of the mark.
 */
export function roomOnLink(link: Pick<Link, 'state' | 'bufferedAmount' | 'on'>, highWaterMark: number): Promise<void> | undefined {
  const mark = Math.max(highWaterMark, LINK_LOW_WATER_BYTES);
  if (link.state !== 'connected' || link.bufferedAmount <= mark) return undefined;
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
