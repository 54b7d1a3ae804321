/**
 * Inflate with a hard output limit, reusing one zlib stream per configuration. Opening an
 * envelope inflates once; allocating a fresh inflater each time (a 32 KB window plus state)
 * was most of the garbage a server made verifying join proofs. Inflation is synchronous, so a
 * shared stream is never used by two callers at once.
 */
import { ZStream, Z_BUF_ERROR, Z_NEED_DICT, Z_NO_FLUSH, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2, zlibInflateReset, zlibInflateSetDictionary } from 'pako';
import { concatBytes } from './bytes.js';

export class InflateLimitError extends Error {
  override readonly name = 'InflateLimitError';
}

export class InflateDataError extends Error {
  override readonly name = 'InflateDataError';
}

const CHUNK = 4096;

export class BoundedInflater {
  readonly #stream = new ZStream();

  /** `raw`: no zlib header (deflate-raw); `dictionary`: preset dictionary for raw streams. */
  constructor(
    private readonly raw: boolean,
    private readonly dictionary?: Uint8Array,
  ) {
    zlibInflateInit2(this.#stream, raw ? -15 : 15);
  }

  /** Inflates `input`, refusing to produce more than `limit` bytes. */
  inflate(input: Uint8Array, limit: number): Uint8Array {
    const stream = this.#stream;
    zlibInflateReset(stream);
    if (this.raw && this.dictionary) zlibInflateSetDictionary(stream, this.dictionary);
    stream.input = input;
    stream.next_in = 0;
    stream.avail_in = input.length;
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const out = new Uint8Array(CHUNK);
        stream.output = out;
        stream.next_out = 0;
        stream.avail_out = CHUNK;
        const status = zlibInflate(stream, Z_NO_FLUSH);
        const produced = CHUNK - stream.avail_out;
        total += produced;
        if (total > limit) throw new InflateLimitError(`inflates past ${limit} bytes`);
        if (produced > 0) chunks.push(produced === CHUNK ? out : out.subarray(0, produced));
        if (status === Z_STREAM_END) break;
        if (status === Z_NEED_DICT) throw new InflateDataError('compressed with an unknown dictionary');
        if (status !== Z_OK && status !== Z_BUF_ERROR) throw new InflateDataError(stream.msg || 'corrupt compressed data');
        if (stream.avail_in === 0 && produced < CHUNK) throw new InflateDataError('truncated compressed data');
        if (status === Z_BUF_ERROR && produced === 0) throw new InflateDataError('corrupt compressed data');
      }
    } finally {
      // Drop references to the caller's bytes; the stream itself is kept for the next call.
      stream.input = new Uint8Array(0);
      stream.output = new Uint8Array(0);
    }
    return chunks.length === 1 ? chunks[0]! : concatBytes(...chunks);
  }
}
