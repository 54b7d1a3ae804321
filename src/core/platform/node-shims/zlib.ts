/**
 * Routes kbpgp's `zlib` to pako, so pako is the only compressor in the bundle and the
 * browserify zlib + stream polyfills (~16 KB gzip) stay out. Covers the callback calls kbpgp
 * makes for compressed-data packets.
 */
import { deflate as pakoDeflate, inflate as pakoInflate, deflateRaw as pakoDeflateRaw, inflateRaw as pakoInflateRaw } from 'pako';
import { Buffer } from 'buffer';

type Done = (error: Error | null, result?: Buffer) => void;

function wrap(transform: (input: Uint8Array) => Uint8Array) {
  return (input: Uint8Array, optionsOrDone: unknown, maybeDone?: Done): void => {
    const done = (typeof optionsOrDone === 'function' ? optionsOrDone : maybeDone) as Done;
    let result: Buffer;
    try {
      result = Buffer.from(transform(input));
    } catch (error) {
      queueMicrotask(() => done(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    queueMicrotask(() => done(null, result));
  };
}

export const deflate = wrap((input) => pakoDeflate(input));
export const inflate = wrap((input) => pakoInflate(input));
export const deflateRaw = wrap((input) => pakoDeflateRaw(input));
export const inflateRaw = wrap((input) => pakoInflateRaw(input));
export const Z_FULL_FLUSH = 3;

export function createInflate(): never {
  throw new Error('streaming inflate is not available in the browser build of peerkit');
}

export default { deflate, inflate, deflateRaw, inflateRaw, createInflate, Z_FULL_FLUSH };
