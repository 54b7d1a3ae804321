/**
 * Compares a picture with its baseline: pixelmatch counts the pixels that differ beyond a colour
 * threshold, anti-aliased ones included (a changed radius or border moves only edge pixels, which
 * pixelmatch would otherwise excuse as anti-aliasing), and a small share of them is tolerated: a
 * stray pixel passes, a changed token, size or string does not.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * Pixelmatch's per-pixel colour distance (0 to 1) under which two pixels count as the same: 0.02,
 * a fifth of its default, so that a colour token moved by a few steps (#2456c7 to #2a5bd0) is
 * seen. The pictures come out pixel-identical run after run on one machine; the tolerance is for
 * a stray pixel, not for drift.
 */
const COLOUR_THRESHOLD = 0.02;
/** The share of pixels that may differ (0.01 %: about 40 in a 520×800 picture). */
const TOLERATED_SHARE = 0.0001;

export interface Comparison {
  /** Within the tolerance. */
  readonly same: boolean;
  /** What differs, said for a test failure. */
  readonly summary: string;
  /** The differing pixels in red over a faded baseline (absent when the sizes differ). */
  readonly diff?: Buffer;
}

export function comparePictures(actualPng: Buffer, baselinePng: Buffer): Comparison {
  const actual = PNG.sync.read(actualPng);
  const baseline = PNG.sync.read(baselinePng);
  if (actual.width !== baseline.width || actual.height !== baseline.height) {
    return { same: false, summary: `size ${actual.width}×${actual.height}, baseline ${baseline.width}×${baseline.height}` };
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  const differing = pixelmatch(actual.data, baseline.data, diff.data, width, height, { threshold: COLOUR_THRESHOLD, includeAA: true });
  const tolerated = Math.floor(width * height * TOLERATED_SHARE);
  return {
    same: differing <= tolerated,
    summary: `${differing} of ${width * height} pixels differ (tolerated: ${tolerated})`,
    diff: PNG.sync.write(diff),
  };
}

/** Whether two pictures have exactly the same pixels (their PNG bytes may still differ). */
export function samePixels(a: Buffer, b: Buffer): boolean {
  const first = PNG.sync.read(a);
  const second = PNG.sync.read(b);
  return first.width === second.width && first.height === second.height && first.data.equals(second.data);
}
