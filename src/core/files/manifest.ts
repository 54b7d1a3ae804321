/**
 * A file's manifest (its digest, size, name, type, chunk size and every chunk's digest) and the
 * arithmetic of chunks: how large they are, how many a file has, how they are hashed.
 */
import { toHex } from '../util/bytes.js';
import { digest as hash } from '../crypto/digest.js';
import { FileError } from './errors.js';

export interface Manifest {
  /** SHA-256 of the whole file, hex. */
  readonly digest: string;
  readonly size: number;
  readonly name: string;
  /** MIME type, as the sharer's Blob had it. */
  readonly type: string;
  readonly chunkSize: number;
  /** SHA-256 of each chunk, hex, in order. */
  readonly chunks: readonly string[];
}

export const DEFAULT_CHUNK_BYTES = 64 * 1024;
export const MIN_CHUNK_BYTES = 1024;
export const MAX_CHUNK_BYTES = 128 * 1024;
export const MAX_CHUNKS = 4096;

/** The longest `name` and `type` a manifest (or an offer) carries. */
export const MAX_TEXT = 255;
export const DIGEST = /^[0-9a-f]{64}$/;

export const isDigest = (value: unknown): value is string => typeof value === 'string' && DIGEST.test(value);

export function chunkCount(size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize);
}

export function chunkLength(manifest: Manifest, index: number): number {
  return Math.min(manifest.chunkSize, manifest.size - index * manifest.chunkSize);
}

/** The chunk size for a file: the one asked for, or larger if it would make too many chunks. */
export function chunkSizeFor(size: number, wanted: number): number {
  const least = Math.ceil(size / MAX_CHUNKS / MIN_CHUNK_BYTES) * MIN_CHUNK_BYTES;
  const chunkSize = Math.max(Math.min(Math.max(wanted, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES), least);
  if (chunkSize > MAX_CHUNK_BYTES) throw new FileError('too-large', `a file of ${size} bytes needs more than ${MAX_CHUNKS} chunks of ${MAX_CHUNK_BYTES} bytes`);
  return chunkSize;
}

export function sameChunks(a: Manifest, b: Manifest): boolean {
  return a.digest === b.digest && a.size === b.size && a.chunkSize === b.chunkSize && a.chunks.every((chunk, i) => chunk === b.chunks[i]);
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await hash('SHA-256', bytes));
}

/**
 * The SHA-256 of a file and of each of its chunks. The file is read into memory whole, once;
 * nothing keeps that copy once the digests are known.
 */
export async function hashFile(file: Blob, chunkSize: number): Promise<{ digest: string; chunks: string[] }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const count = chunkCount(bytes.length, chunkSize);
  const [digest, ...chunks] = await Promise.all([sha256Hex(bytes), ...Array.from({ length: count }, (_, i) => sha256Hex(bytes.subarray(i * chunkSize, (i + 1) * chunkSize)))]);
  return { digest: digest!, chunks };
}
