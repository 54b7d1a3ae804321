/**
 * The wire of files by digest: the frames FileShare sends and takes, how they are encoded, and the
 * checks a frame passes before anything acts on it.
 *
 * Files travel on a named channel of the group, FILE_CHANNEL ('peerkit/files', session/channels.ts),
 * over each direct link (never relayed), in the link's one framing beside chat and the app's
 * messages. Every frame is bytes (a channel value of type binary); its first byte says what it is.
 * Wire format, version 1:
 *
 * Control frames: [2][one JSON object, UTF-8], at most 200,000 bytes of JSON. D is a hex SHA-256,
 * N a transfer id (u32) chosen by the peer that requests the transfer, C an error code (FileErrorCode).
 *   {"t":"hello","v":1,"re"?:true}          sent when the link comes up, and answered ("re") when it
 *                                            comes without "re". Nothing else is sent before a hello
 *                                            arrives (a named channel's frames are dropped by a peer
 *                                            that has not opened that channel: one that runs no
 *                                            FileShare); a second one without "re" means the remote's
 *                                            FileShare started over
 *   {"t":"ask","d":D}                        → {"t":"have","d":D,"ok":true|false}  (complete files only)
 *   {"t":"get","id":N,"d":D,"held"?:bytes}   → {"t":"manifest","id":N,"m":M} or an error about N
 *   {"t":"want","id":N,"i":[[first,last],…]} → one chunk frame per chunk index (≤ 64 ranges)
 *   {"t":"cancel","id":N,"code"?:C}          the requester stops N (C: why, e.g. bad-digest)
 *   {"t":"done","id":N}                      the requester verified the file: N is over
 *   {"t":"offer","d":D,"size":…,"name":…,"type":…}  a push; answered by a `get` or {"t":"decline","d":D};
 *                                            the manifest the `get` brings says the same size, name
 *                                            and type, or the push is cancelled (`offer-mismatch`)
 *   {"t":"error","id"?:N,"code":C,"message":…}      about transfer N that the recipient requested
 * M = {"digest":D,"size":…,"name":…,"type":…,"chunkSize":…,"chunks":B}, B being every chunk's
 * SHA-256 (32 bytes each, in order) in unpadded base64url.
 *
 * Chunk frames: [1][N: u32 big-endian][chunk index: u32 big-endian][chunk bytes].
 *
 * Limits: chunks of 1–128 KiB, at most 4096 of them (a larger file gets larger chunks), files up
 * to `maxFileBytes`, `maxTransfersPerPeer` transfers served to each peer at once, at most as many
 * chunks queued as the file has. Anything else — garbage, oversize frames, chunks nobody asked
 * for — is dropped with a typed `error` event; late frames of a transfer that ended, quietly.
 */
import { fromBase64Url, toBase64Url, toHex, utf8Decode, utf8Encode } from '../util/bytes.js';
import { ERROR_CODES, FileError, type FileErrorCode } from './errors.js';
import { MAX_CHUNK_BYTES, MAX_CHUNKS, MAX_TEXT, MIN_CHUNK_BYTES, chunkCount, isDigest, type Manifest } from './manifest.js';

/** The group's named channel files travel on. */
export const FILE_CHANNEL = 'peerkit/files';
export const FILE_PROTOCOL = 1;

/** The largest control frame's JSON, in bytes of UTF-8 (so in characters too). */
const MAX_CONTROL_BYTES = 200_000;
const MAX_MESSAGE = 200;
const MAX_RANGES = 64;
/** A frame's first byte: what it is. */
export const CHUNK_FRAME = 1;
export const CONTROL_FRAME = 2;
const CHUNK_HEADER = 9;

export type Control =
  | { t: 'hello'; v: number; re?: true }
  | { t: 'ask'; d: string }
  | { t: 'have'; d: string; ok: boolean }
  | { t: 'get'; id: number; d: string; held?: number }
  | { t: 'manifest'; id: number; m: Record<string, unknown> }
  | { t: 'want'; id: number; i: [number, number][] }
  | { t: 'cancel'; id: number; code?: FileErrorCode }
  | { t: 'done'; id: number }
  | { t: 'offer'; d: string; size: number; name: string; type: string }
  | { t: 'decline'; d: string }
  | { t: 'error'; id?: number; code: FileErrorCode; message: string };

export type WireManifest = Omit<Manifest, 'chunks'> & { chunks: string };

/** What this side sends: the frames it takes, with a manifest in its wire form. */
export type OutgoingControl = Control | { t: 'manifest'; id: number; m: WireManifest };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isCode = (value: unknown): value is FileErrorCode => typeof value === 'string' && ERROR_CODES.has(value);
const isRanges = (value: unknown): value is [number, number][] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= MAX_RANGES &&
  value.every((range) => Array.isArray(range) && range.length === 2 && isId(range[0]) && isId(range[1]) && range[0] <= range[1] && range[1] < MAX_CHUNKS);

/** Whether a frame off the channel is a control frame (the others are taken for chunk frames). */
export const isControlFrame = (frame: Uint8Array): boolean => frame[0] === CONTROL_FRAME;

/** Reads a control frame; throws a FileError (`too-large`, `malformed`) for anything but one of the frames above. */
export function parseControl(frame: Uint8Array): Control {
  if (frame.length - 1 > MAX_CONTROL_BYTES) throw new FileError('too-large', `a control frame of ${frame.length - 1} bytes`);
  if (frame[0] !== CONTROL_FRAME) throw new FileError('malformed', 'not a control frame');
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(frame.subarray(1)));
  } catch {
    throw new FileError('malformed', 'a control frame that is not JSON in UTF-8');
  }
  if (!isObject(value) || typeof value.t !== 'string') throw new FileError('malformed', 'a control frame without a type');
  const { t, id, d } = value;
  switch (t) {
    case 'hello':
      if (Number.isInteger(value.v) && (value.re === undefined || value.re === true)) return { t, v: value.v as number, ...(value.re ? { re: true as const } : {}) };
      break;
    case 'ask':
    case 'decline':
      if (isDigest(d)) return { t, d };
      break;
    case 'have':
      if (isDigest(d) && typeof value.ok === 'boolean') return { t, d, ok: value.ok };
      break;
    case 'get':
      if (isId(id) && isDigest(d) && (value.held === undefined || isSize(value.held))) return { t, id, d, ...(value.held !== undefined ? { held: value.held as number } : {}) };
      break;
    case 'manifest':
      if (isId(id) && isObject(value.m)) return { t, id, m: value.m };
      break;
    case 'want':
      if (isId(id) && isRanges(value.i)) return { t, id, i: value.i.map(([first, last]) => [first, last]) };
      break;
    case 'cancel':
      if (isId(id) && (value.code === undefined || isCode(value.code))) return { t, id, ...(value.code !== undefined ? { code: value.code as FileErrorCode } : {}) };
      break;
    case 'done':
      if (isId(id)) return { t, id };
      break;
    case 'offer':
      if (isDigest(d) && isSize(value.size) && isText(value.name) && isText(value.type)) return { t, d, size: value.size, name: value.name, type: value.type };
      break;
    case 'error':
      if ((id === undefined || isId(id)) && isCode(value.code) && typeof value.message === 'string') {
        return { t, ...(id !== undefined ? { id: id as number } : {}), code: value.code, message: value.message.slice(0, MAX_MESSAGE) };
      }
      break;
  }
  throw new FileError('malformed', `a malformed or unknown "${t.slice(0, 20)}" frame`);
}

export function encodeControl(frame: OutgoingControl): Uint8Array {
  const json = utf8Encode(JSON.stringify(frame));
  const out = new Uint8Array(1 + json.length);
  out[0] = CONTROL_FRAME;
  out.set(json, 1);
  return out;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function encodeManifest(manifest: Manifest): WireManifest {
  const chunks = new Uint8Array(manifest.chunks.length * 32);
  manifest.chunks.forEach((chunk, i) => chunks.set(fromHex(chunk), i * 32));
  const { digest, size, name, type, chunkSize } = manifest;
  return { digest, size, name, type, chunkSize, chunks: toBase64Url(chunks) };
}

/** A manifest off the wire; throws `malformed`, or `too-large` past `maxFileBytes`. */
export function decodeManifest(wire: Record<string, unknown>, maxFileBytes: number): Manifest {
  const { digest, size, name, type, chunkSize, chunks } = wire;
  const shaped = isDigest(digest) && isSize(size) && isText(name) && isText(type) && Number.isInteger(chunkSize) && typeof chunks === 'string';
  if (!shaped || (chunkSize as number) < MIN_CHUNK_BYTES || (chunkSize as number) > MAX_CHUNK_BYTES) throw new FileError('malformed', 'a malformed manifest');
  if (size > maxFileBytes) throw new FileError('too-large', `a file of ${size} bytes; the limit is ${maxFileBytes}`);
  const count = chunkCount(size, chunkSize as number);
  if (count > MAX_CHUNKS) throw new FileError('too-large', `a file of ${count} chunks; the limit is ${MAX_CHUNKS}`);
  let bytes: Uint8Array | undefined;
  if (chunks.length === Math.ceil((count * 32 * 4) / 3)) {
    try {
      bytes = fromBase64Url(chunks);
    } catch {
      bytes = undefined;
    }
  }
  if (bytes?.length !== count * 32) throw new FileError('malformed', 'manifest chunk digests do not match its size');
  const digests = Array.from({ length: count }, (_, i) => toHex(bytes.subarray(i * 32, i * 32 + 32)));
  return { digest, size, name, type, chunkSize: chunkSize as number, chunks: digests };
}

/** Reads a chunk frame (anything not a control frame is taken for one); the chunk is a view into `frame`. */
export function parseChunkFrame(frame: Uint8Array): { id: number; index: number; bytes: Uint8Array } {
  if (frame.length > CHUNK_HEADER + MAX_CHUNK_BYTES) throw new FileError('too-large', `a binary frame of ${frame.length} bytes`);
  if (frame.length <= CHUNK_HEADER) throw new FileError('malformed', 'a binary frame too short for a chunk');
  if (frame[0] !== CHUNK_FRAME) throw new FileError('malformed', `an unknown frame kind ${frame[0]}`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { id: view.getUint32(1), index: view.getUint32(5), bytes: frame.subarray(CHUNK_HEADER) };
}

/**
 * A buffer that holds any chunk frame: one per peer is enough when each frame is sent before the
 * next is written (the channel has copied a frame into its parts by the time its send resolves).
 */
export function chunkFrameBuffer(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(CHUNK_HEADER + MAX_CHUNK_BYTES);
}

/** Writes the frame of chunk `index` of transfer `id` into `frame` (from chunkFrameBuffer); returns the bytes to send. */
export function encodeChunkFrame(frame: Uint8Array<ArrayBuffer>, id: number, index: number, chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  const view = new DataView(frame.buffer);
  view.setUint8(0, CHUNK_FRAME);
  view.setUint32(1, id);
  view.setUint32(5, index);
  frame.set(chunk, CHUNK_HEADER);
  return frame.subarray(0, CHUNK_HEADER + chunk.length);
}

/** Sorted indexes as inclusive ranges, at most MAX_RANGES per group (one `want` frame each). */
export function rangesOf(indexes: readonly number[]): [number, number][][] {
  const ranges: [number, number][] = [];
  for (const index of [...indexes].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && index === last[1] + 1) last[1] = index;
    else ranges.push([index, index]);
  }
  const groups: [number, number][][] = [];
  for (let at = 0; at < ranges.length; at += MAX_RANGES) groups.push(ranges.slice(at, at + MAX_RANGES));
  return groups;
}
