/**
 * Attachments by SHA-256 digest, over WebRTC.
 *
 * A file is addressed by the SHA-256 of its bytes. Whoever shares it computes that digest and a
 * manifest (size, name, type, chunk size, and the SHA-256 of every chunk) and keeps the file in a
 * FileStore. A peer that lacks a file asks the connected peers who holds it, takes the manifest
 * from one, and asks it for the chunks it is missing, a window at a time. Every chunk is checked
 * against the manifest as it arrives (a bad one is asked for again, from the same or another
 * peer); the whole file is checked against its digest before it is accepted, because a manifest
 * is only as honest as the peer that sent it. Chunks already held are never asked for again: they
 * outlive a dropped link in memory and a reload in the store, piece by piece.
 *
 * Files travel on a negotiated data channel of their own on each link (FILE_CHANNEL), beside the
 * text message path, on the same DTLS session as the bound link. Wire format, version 1:
 *
 * Text frames: one JSON object each, at most 200,000 characters. D is a hex SHA-256, N a transfer
 * id (u32) chosen by the peer that requests the transfer, C an error code (FileErrorCode).
 *   {"t":"hello","v":1,"re"?:true}          sent when the channel opens, and answered ("re") when it
 *                                            comes without "re". Nothing else is sent before a hello
 *                                            arrives (the browser drops what arrives before the remote
 *                                            side of a negotiated channel exists); a second one without
 *                                            "re" means the remote's FileShare started over
 *   {"t":"ask","d":D}                        → {"t":"have","d":D,"ok":true|false}  (complete files only)
 *   {"t":"get","id":N,"d":D,"held"?:bytes}   → {"t":"manifest","id":N,"m":M} or an error about N
 *   {"t":"want","id":N,"i":[[first,last],…]} → one binary frame per chunk index (≤ 64 ranges)
 *   {"t":"cancel","id":N,"code"?:C}          the requester stops N (C: why, e.g. bad-digest)
 *   {"t":"done","id":N}                      the requester verified the file: N is over
 *   {"t":"offer","d":D,"size":…,"name":…,"type":…}  a push; answered by a `get` or {"t":"decline","d":D}
 *   {"t":"error","id"?:N,"code":C,"message":…}      about transfer N that the recipient requested
 * M = {"digest":D,"size":…,"name":…,"type":…,"chunkSize":…,"chunks":B}, B being every chunk's
 * SHA-256 (32 bytes each, in order) in unpadded base64url.
 *
 * Binary frames: [1][N: u32 big-endian][chunk index: u32 big-endian][chunk bytes].
 *
 * Limits: chunks of 1–128 KiB, at most 4096 of them (a larger file gets larger chunks), files up
 * to `maxFileBytes`, `maxTransfersPerPeer` transfers served to each peer at once, at most as many
 * chunks queued as the file has. Anything else — garbage, oversize frames, chunks nobody asked
 * for — is dropped with a typed `error` event; late frames of a transfer that ended, quietly.
 */
import { fromBase64Url, toBase64Url, toHex } from './bytes.js';
import { digest as hash } from './crypto/digest.js';
import type { KeyValueStore } from './storage.js';

export type FileErrorCode =
  | 'malformed'
  | 'too-large'
  | 'unknown-digest'
  | 'bad-chunk'
  | 'bad-digest'
  | 'cancelled'
  | 'busy'
  | 'timeout'
  | 'unavailable'
  | 'quota'
  | 'storage';

const ERROR_CODES: ReadonlySet<string> = new Set<FileErrorCode>(['malformed', 'too-large', 'unknown-digest', 'bad-chunk', 'bad-digest', 'cancelled', 'busy', 'timeout', 'unavailable', 'quota', 'storage']);

export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

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

/** The negotiated data channel files travel on, the same on every link. */
export const FILE_CHANNEL = { label: 'peerkit-files', id: 1000 } as const;
export const FILE_PROTOCOL = 1;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
export const MIN_CHUNK_BYTES = 1024;
export const MAX_CHUNK_BYTES = 128 * 1024;
export const MAX_CHUNKS = 4096;

const MAX_CONTROL_CHARS = 200_000;
const MAX_TEXT = 255;
const MAX_MESSAGE = 200;
const MAX_RANGES = 64;
const CHUNK_FRAME = 1;
const CHUNK_HEADER = 9;
const DIGEST = /^[0-9a-f]{64}$/;
/** Late frames for transfers that ended are dropped quietly; this many ended ids are remembered. */
const RETIRED_IDS = 256;

// ---------------------------------------------------------------------------------------------
// Wire

type Control =
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

type WireManifest = Omit<Manifest, 'chunks'> & { chunks: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDigest = (value: unknown): value is string => typeof value === 'string' && DIGEST.test(value);
const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isCode = (value: unknown): value is FileErrorCode => typeof value === 'string' && ERROR_CODES.has(value);
const isRanges = (value: unknown): value is [number, number][] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= MAX_RANGES &&
  value.every((range) => Array.isArray(range) && range.length === 2 && isId(range[0]) && isId(range[1]) && range[0] <= range[1] && range[1] < MAX_CHUNKS);

/** Checks a text frame's shape; throws a FileError (`too-large`, `malformed`) for anything else. */
function parseControl(text: string): Control {
  if (text.length > MAX_CONTROL_CHARS) throw new FileError('too-large', `a control frame of ${text.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FileError('malformed', 'a control frame that is not JSON');
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

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeManifest(manifest: Manifest): WireManifest {
  const chunks = new Uint8Array(manifest.chunks.length * 32);
  manifest.chunks.forEach((chunk, i) => chunks.set(fromHex(chunk), i * 32));
  const { digest, size, name, type, chunkSize } = manifest;
  return { digest, size, name, type, chunkSize, chunks: toBase64Url(chunks) };
}

/** A manifest off the wire; throws `malformed`, or `too-large` past `maxFileBytes`. */
function decodeManifest(wire: Record<string, unknown>, maxFileBytes: number): Manifest {
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

function parseChunkFrame(data: ArrayBuffer): { id: number; index: number; bytes: Uint8Array<ArrayBuffer> } {
  if (data.byteLength > CHUNK_HEADER + MAX_CHUNK_BYTES) throw new FileError('too-large', `a binary frame of ${data.byteLength} bytes`);
  if (data.byteLength <= CHUNK_HEADER) throw new FileError('malformed', 'a binary frame too short for a chunk');
  const view = new DataView(data);
  if (view.getUint8(0) !== CHUNK_FRAME) throw new FileError('malformed', `an unknown binary frame kind ${view.getUint8(0)}`);
  return { id: view.getUint32(1), index: view.getUint32(5), bytes: new Uint8Array(data, CHUNK_HEADER) };
}

function chunkCount(size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize);
}

function chunkLength(manifest: Manifest, index: number): number {
  return Math.min(manifest.chunkSize, manifest.size - index * manifest.chunkSize);
}

/** Sorted indexes as inclusive ranges, at most MAX_RANGES per group (one `want` frame each). */
function rangesOf(indexes: readonly number[]): [number, number][][] {
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

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await hash('SHA-256', bytes));
}

function asFileError(error: unknown, code: FileErrorCode = 'storage'): FileError {
  return error instanceof FileError ? error : new FileError(code, (error as Error)?.message ?? String(error));
}

// ---------------------------------------------------------------------------------------------
// Store

export interface FileStoreOptions {
  /** Bytes kept in all, complete and partial files together (a partial one counts in full). Default 1 GiB. */
  readonly maxBytes?: number;
  /**
   * Bytes per stored record. IndexedDB pays per record (measured: 50 MB as 64 KiB records took
   * 15× longer to write than as 4 MiB ones), so chunks are kept together in pieces; a reload loses
   * at most the piece being filled. Default 4 MiB.
   */
  readonly pieceBytes?: number;
}

export interface AddOptions {
  /** Default: the File's name, or empty. */
  readonly name?: string;
  /** Default: the Blob's type. */
  readonly type?: string;
  /** Default 64 KiB; larger when the file would otherwise have more than MAX_CHUNKS chunks. */
  readonly chunkSize?: number;
  /** Refused above this (`too-large`). */
  readonly maxFileBytes?: number;
}

interface FileRecord {
  readonly manifest: Manifest;
  readonly complete: boolean;
  /** Chunks per stored piece, fixed when the file was first stored. */
  readonly pieceChunks: number;
}

interface Entry {
  record: FileRecord;
  /** Pieces written to the store. */
  readonly pieces: Set<number>;
}

const FILE_KEY = 'file/';
const PIECE_KEY = 'piece/';
const fileKey = (digest: string) => FILE_KEY + digest;
const pieceKey = (digest: string, piece: number) => `${PIECE_KEY}${digest}/${piece}`;

function sameChunks(a: Manifest, b: Manifest): boolean {
  return a.digest === b.digest && a.size === b.size && a.chunkSize === b.chunkSize && a.chunks.every((chunk, i) => chunk === b.chunks[i]);
}

/** The chunk size for a file: the one asked for, or larger if it would make too many chunks. */
function chunkSizeFor(size: number, wanted: number): number {
  const least = Math.ceil(size / MAX_CHUNKS / MIN_CHUNK_BYTES) * MIN_CHUNK_BYTES;
  const chunkSize = Math.max(Math.min(Math.max(wanted, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES), least);
  if (chunkSize > MAX_CHUNK_BYTES) throw new FileError('too-large', `a file of ${size} bytes needs more than ${MAX_CHUNKS} chunks of ${MAX_CHUNK_BYTES} bytes`);
  return chunkSize;
}

/**
 * Files by digest, in any KeyValueStore (`browserStore('files')` keeps them in IndexedDB): a
 * record per file (its manifest, complete or not) and its bytes in pieces of several chunks.
 * One FileStore per store at a time: it keeps an index of what is there in memory.
 */
export class FileStore {
  readonly #kv: KeyValueStore;
  readonly #maxBytes: number;
  readonly #pieceBytes: number;
  #index: Promise<Map<string, Entry>> | undefined;

  constructor(kv: KeyValueStore, options: FileStoreOptions = {}) {
    this.#kv = kv;
    this.#maxBytes = options.maxBytes ?? 1024 ** 3;
    this.#pieceBytes = options.pieceBytes ?? 4 * 1024 * 1024;
  }

  /** Hashes a file (whole and per chunk) and keeps it; a file already kept gives its manifest back. */
  async add(file: Blob, options: AddOptions = {}): Promise<Manifest> {
    const { size } = file;
    const maxFileBytes = options.maxFileBytes ?? Number.MAX_SAFE_INTEGER;
    if (size > maxFileBytes) throw new FileError('too-large', `a file of ${size} bytes; the limit is ${maxFileBytes}`);
    const chunkSize = chunkSizeFor(size, options.chunkSize ?? DEFAULT_CHUNK_BYTES);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const count = chunkCount(size, chunkSize);
    const [digest, ...chunks] = await Promise.all([sha256Hex(bytes), ...Array.from({ length: count }, (_, i) => sha256Hex(bytes.subarray(i * chunkSize, (i + 1) * chunkSize)))]);
    const name = (options.name ?? (file as Partial<File>).name ?? '').slice(0, MAX_TEXT);
    const manifest: Manifest = { digest: digest!, size, name, type: (options.type ?? file.type).slice(0, MAX_TEXT), chunkSize, chunks };
    const entries = await this.#entries();
    const kept = entries.get(manifest.digest);
    if (kept?.record.complete) return kept.record.manifest;
    if (kept) await this.delete(manifest.digest);
    const { entry, recorded } = this.#begin(entries, manifest);
    await recorded;
    // The bytes go in as slices of the Blob itself: no copy of the file in script memory.
    const { pieceChunks } = entry.record;
    const pieces = Math.ceil(count / pieceChunks);
    await Promise.all(
      Array.from({ length: pieces }, async (_, n) => {
        await this.#write(pieceKey(manifest.digest, n), file.slice(n * pieceChunks * chunkSize, (n + 1) * pieceChunks * chunkSize));
        entry.pieces.add(n);
      }),
    );
    await this.#complete(entry);
    return manifest;
  }

  /** Whether the file is here, complete and verified. */
  async has(digest: string): Promise<boolean> {
    return (await this.#entries()).get(digest)?.record.complete === true;
  }

  /** The manifest of a complete file. */
  async manifest(digest: string): Promise<Manifest | undefined> {
    const record = (await this.#entries()).get(digest)?.record;
    return record?.complete ? record.manifest : undefined;
  }

  /** A complete file, as a Blob made of its stored pieces (nothing is read until it is). */
  async get(digest: string): Promise<Blob | undefined> {
    const entry = (await this.#entries()).get(digest);
    if (!entry?.record.complete) return undefined;
    const { manifest, pieceChunks } = entry.record;
    const pieces = await Promise.all(Array.from({ length: Math.ceil(manifest.chunks.length / pieceChunks) }, (_, n) => this.#kv.getItem<Blob>(pieceKey(digest, n))));
    if (!pieces.every((piece): piece is Blob => piece instanceof Blob)) throw new FileError('storage', `a piece of ${digest} is missing from the store`);
    return new Blob(pieces, { type: manifest.type });
  }

  async delete(digest: string): Promise<void> {
    const entries = await this.#entries();
    const entry = entries.get(digest);
    if (!entry) return;
    entries.delete(digest);
    const { manifest, pieceChunks } = entry.record;
    const pieces = Math.ceil(manifest.chunks.length / pieceChunks);
    await Promise.all([this.#kv.removeItem(fileKey(digest)), ...Array.from({ length: pieces }, (_, n) => this.#kv.removeItem(pieceKey(digest, n)))]);
  }

  /** Every file kept, complete or partial (a download that may resume). */
  async digests(): Promise<string[]> {
    return [...(await this.#entries()).keys()];
  }

  /** Bytes held or reserved, complete and partial files together. */
  async usage(): Promise<number> {
    let total = 0;
    for (const { record } of (await this.#entries()).values()) total += record.manifest.size;
    return total;
  }

  /**
   * A download of `manifest`: continues a partial one kept with the same chunks, or starts over.
   * Throws `quota` when the store has no room for it.
   */
  async download(manifest: Manifest): Promise<Download> {
    const entries = await this.#entries();
    let entry = entries.get(manifest.digest);
    if (entry && !sameChunks(entry.record.manifest, manifest)) {
      if (entry.record.complete) throw new FileError('storage', `${manifest.digest} is already complete, with other chunks`);
      await this.delete(manifest.digest);
      entry = undefined;
    }
    // The record is written while the first chunks are asked for; finish() waits for it.
    const begun = entry ? { entry, recorded: Promise.resolve() } : this.#begin(entries, manifest);
    entry = begun.entry;
    return new PieceDownload(this.#kv, entry, begun.recorded, {
      complete: () => this.#complete(entry),
      discard: () => this.delete(manifest.digest),
    });
  }

  /** Chunks of a complete file, read a piece at a time. */
  async reader(digest: string): Promise<ChunkReader | undefined> {
    const entry = (await this.#entries()).get(digest);
    return entry?.record.complete ? new PieceReader(this.#kv, entry.record) : undefined;
  }

  /** Reserves room for a new file and starts writing its record. */
  #begin(entries: Map<string, Entry>, manifest: Manifest): { entry: Entry; recorded: Promise<void> } {
    let used = 0;
    for (const { record } of entries.values()) used += record.manifest.size;
    if (used + manifest.size > this.#maxBytes) throw new FileError('quota', `no room for ${manifest.size} bytes: ${used} of ${this.#maxBytes} in use`);
    const entry: Entry = { record: { manifest, complete: false, pieceChunks: Math.max(1, Math.floor(this.#pieceBytes / manifest.chunkSize)) }, pieces: new Set() };
    entries.set(manifest.digest, entry);
    return { entry, recorded: this.#write(fileKey(manifest.digest), entry.record) };
  }

  async #complete(entry: Entry): Promise<void> {
    entry.record = { ...entry.record, complete: true };
    await this.#write(fileKey(entry.record.manifest.digest), entry.record);
  }

  async #write(key: string, value: unknown): Promise<void> {
    try {
      await this.#kv.setItem(key, value);
    } catch (error) {
      throw asFileError(error);
    }
  }

  #entries(): Promise<Map<string, Entry>> {
    this.#index ??= this.#load().catch((error: unknown) => {
      this.#index = undefined;
      throw asFileError(error);
    });
    return this.#index;
  }

  async #load(): Promise<Map<string, Entry>> {
    const keys = await this.#kv.keys();
    const entries = new Map<string, Entry>();
    await Promise.all(
      keys
        .filter((key) => key.startsWith(FILE_KEY))
        .map(async (key) => {
          const record = await this.#kv.getItem<FileRecord>(key);
          if (record && isDigest(record.manifest?.digest)) entries.set(record.manifest.digest, { record, pieces: new Set() });
        }),
    );
    for (const key of keys) {
      if (!key.startsWith(PIECE_KEY)) continue;
      const [digest, piece] = key.slice(PIECE_KEY.length).split('/');
      entries.get(digest!)?.pieces.add(Number(piece));
    }
    return entries;
  }
}

/** One file being received, from FileStore.download. */
export interface Download {
  readonly manifest: Manifest;
  /** Bytes of verified chunks held, in memory or in the store. */
  readonly heldBytes: number;
  holds(index: number): boolean;
  /** Chunk indexes not held yet, in order. */
  missing(): number[];
  /** Takes a chunk already checked against the manifest. */
  put(index: number, chunk: Uint8Array): void;
  /** Once every chunk is held: checks the whole file against its digest (`bad-digest`: discarded), and keeps it. */
  finish(): Promise<Blob>;
  /** Forgets the download and what it stored. */
  discard(): Promise<void>;
  /** Resolves once every piece written so far is in the store. */
  flushed(): Promise<void>;
}

/** A complete file's chunks, from FileStore.reader. */
export interface ChunkReader {
  readonly manifest: Manifest;
  chunk(index: number): Promise<Uint8Array>;
}

/**
 * Verified chunks are copied into one buffer the size of the file (so the whole-file digest needs
 * no read back) and written to the store a piece at a time.
 */
class PieceDownload implements Download {
  readonly manifest: Manifest;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #held: Uint8Array;
  /** Chunks held per piece: a piece is written once all of its chunks are. */
  readonly #filled: Uint32Array;
  /** Each piece's Blob, once written here or found in the store. */
  readonly #pieces: (Blob | undefined)[];
  readonly #writes: Promise<void>[] = [];
  #heldBytes = 0;
  #failure: FileError | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly entry: Entry,
    recorded: Promise<void>,
    private readonly on: { complete(): Promise<void>; discard(): Promise<void> },
  ) {
    this.#track(recorded);
    const { manifest, pieceChunks } = entry.record;
    this.manifest = manifest;
    const count = manifest.chunks.length;
    this.#bytes = new Uint8Array(manifest.size);
    this.#held = new Uint8Array(count);
    this.#filled = new Uint32Array(Math.ceil(count / pieceChunks));
    this.#pieces = Array.from({ length: this.#filled.length });
    // Pieces kept by an earlier session count as held; their bytes are read back in finish().
    for (const piece of entry.pieces) {
      for (let index = piece * pieceChunks; index < Math.min(count, (piece + 1) * pieceChunks); index++) {
        this.#held[index] = 1;
        this.#heldBytes += chunkLength(manifest, index);
      }
      this.#filled[piece] = Math.min(count, (piece + 1) * pieceChunks) - piece * pieceChunks;
    }
  }

  get heldBytes(): number {
    return this.#heldBytes;
  }

  holds(index: number): boolean {
    return this.#held[index] === 1;
  }

  missing(): number[] {
    const missing: number[] = [];
    this.#held.forEach((held, index) => held || missing.push(index));
    return missing;
  }

  put(index: number, chunk: Uint8Array): void {
    if (this.#held[index]) return;
    const { manifest, pieceChunks } = this.entry.record;
    this.#bytes.set(chunk, index * manifest.chunkSize);
    this.#held[index] = 1;
    this.#heldBytes += chunk.length;
    const piece = Math.floor(index / pieceChunks);
    const inPiece = Math.min(manifest.chunks.length, (piece + 1) * pieceChunks) - piece * pieceChunks;
    if (++this.#filled[piece]! === inPiece) this.#writePiece(piece);
  }

  async finish(): Promise<Blob> {
    if (this.#heldBytes !== this.manifest.size) throw new Error('the download is not complete');
    const { manifest, pieceChunks } = this.entry.record;
    const pieceBytes = pieceChunks * manifest.chunkSize;
    await Promise.all(
      this.#pieces.map(async (written, piece) => {
        if (written) return;
        const stored = await this.kv.getItem<Blob>(pieceKey(manifest.digest, piece));
        const expected = Math.min(pieceBytes, manifest.size - piece * pieceBytes);
        if (!(stored instanceof Blob) || stored.size !== expected) throw new FileError('storage', `piece ${piece} of ${manifest.digest} is missing from the store`);
        this.#bytes.set(new Uint8Array(await stored.arrayBuffer()), piece * pieceBytes);
        this.#pieces[piece] = stored;
      }),
    );
    // The last pieces are still being written: hash meanwhile.
    const [actual] = await Promise.all([sha256Hex(this.#bytes), this.flushed()]);
    if (this.#failure) throw this.#failure;
    if (actual !== manifest.digest) {
      await this.discard();
      throw new FileError('bad-digest', `the chunks of ${manifest.digest} make another file: its manifest lied`);
    }
    await this.on.complete();
    return new Blob(this.#pieces as Blob[], { type: manifest.type });
  }

  discard(): Promise<void> {
    return this.on.discard();
  }

  async flushed(): Promise<void> {
    await Promise.all(this.#writes);
  }

  #writePiece(piece: number): void {
    const { manifest, pieceChunks } = this.entry.record;
    const start = piece * pieceChunks * manifest.chunkSize;
    const blob = new Blob([this.#bytes.subarray(start, Math.min(manifest.size, start + pieceChunks * manifest.chunkSize))]);
    this.#pieces[piece] = blob;
    this.#track(this.kv.setItem(pieceKey(manifest.digest, piece), blob).then(() => void this.entry.pieces.add(piece)));
  }

  /** A write finish() waits for; the first failure is what it reports. */
  #track(write: Promise<unknown>): void {
    this.#writes.push(write.then(
      () => undefined,
      (error: unknown) => void (this.#failure ??= asFileError(error)),
    ));
  }
}

/** Reads a piece at a time, and the next piece ahead. */
class PieceReader implements ChunkReader {
  readonly #cache = new Map<number, Promise<Uint8Array>>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly record: FileRecord,
  ) {}

  get manifest(): Manifest {
    return this.record.manifest;
  }

  async chunk(index: number): Promise<Uint8Array> {
    const { manifest, pieceChunks } = this.record;
    const piece = Math.floor(index / pieceChunks);
    const bytes = this.#piece(piece);
    if ((piece + 1) * pieceChunks < manifest.chunks.length) void this.#piece(piece + 1).catch(() => undefined);
    const start = (index - piece * pieceChunks) * manifest.chunkSize;
    return (await bytes).subarray(start, start + chunkLength(manifest, index));
  }

  #piece(piece: number): Promise<Uint8Array> {
    let bytes = this.#cache.get(piece);
    if (bytes) return bytes;
    const { manifest } = this.record;
    bytes = this.kv.getItem<Blob>(pieceKey(manifest.digest, piece)).then(async (blob) => {
      if (!(blob instanceof Blob)) throw new FileError('storage', `piece ${piece} of ${manifest.digest} is missing from the store`);
      return new Uint8Array(await blob.arrayBuffer());
    });
    bytes.catch(() => this.#cache.delete(piece));
    this.#cache.set(piece, bytes);
    // The piece being sent, the one read ahead, and one behind for a chunk asked for again.
    if (this.#cache.size > 3) this.#cache.delete(this.#cache.keys().next().value!);
    return bytes;
  }
}

// ---------------------------------------------------------------------------------------------
// Sharing over a room

/** What FileShare needs from a room: its peers, link-up events and a channel per bound link. */
export interface FileRoom extends EventTarget {
  readonly peers: readonly string[];
  /** A negotiated data channel on the bound link to `peer`; undefined while there is none. */
  channel(peer: string, label: string, id: number): RTCDataChannel | undefined;
}

export interface FileOffer {
  readonly digest: string;
  readonly size: number;
  readonly name: string;
  readonly type: string;
  readonly from: string;
}

export interface FileShareOptions {
  /** A `Room` or `Pairing`: its `peer` events say when a link is up. */
  readonly room: FileRoom;
  readonly store: FileStore;
  /** Larger files are neither shared nor fetched (`too-large`). Default 100 MiB. */
  readonly maxFileBytes?: number;
  /** Chunk size of files shared from here. Default 64 KiB. */
  readonly chunkSize?: number;
  /** Files up to this size are offered to linked peers when shared. Default 1 MiB; 0: no push. */
  readonly pushMaxBytes?: number;
  /** Offers (and the pushes they start) in flight at once, sending or receiving. Default 3. */
  readonly pushPeers?: number;
  /** Which offered files to take. Default: those up to `pushMaxBytes`. */
  readonly wantPush?: (offer: FileOffer) => boolean;
  /** Transfers served to one peer at once; more are refused (`busy`). Default 4. */
  readonly maxTransfersPerPeer?: number;
  /** Bytes asked for ahead of what has arrived. Default 8 MiB. */
  readonly windowBytes?: number;
  /** The sender keeps the channel's `bufferedAmount` under this. Default 4 MiB. */
  readonly highWaterMark?: number;
  /** A peer silent this long about a request is given up on (`timeout`). Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** How long a fetch waits for a peer that has the file to (re)appear. Default 30 s. */
  readonly waitMs?: number;
}

export type FileDirection = 'send' | 'receive';

export interface FileShareEventMap {
  /** A peer's file channel is up on both sides: files can be asked of it. */
  peer: CustomEvent<{ readonly id: string }>;
  /** `bytes` of `total` the receiving side holds, as each chunk is sent or verified. */
  progress: CustomEvent<{ readonly digest: string; readonly peer: string; readonly direction: FileDirection; readonly bytes: number; readonly total: number }>;
  /** A transfer ended well: the receiver verified the whole file. */
  complete: CustomEvent<{ readonly digest: string; readonly peer: string; readonly direction: FileDirection; readonly manifest: Manifest }>;
  /** Something went wrong: a bad frame or chunk from a peer, a transfer that stopped, a fetch that failed. */
  error: CustomEvent<{ readonly code: FileErrorCode; readonly message: string; readonly peer?: string; readonly digest?: string; readonly direction?: FileDirection; readonly index?: number }>;
}

interface PeerChannel {
  readonly peer: string;
  readonly channel: RTCDataChannel;
  /** The remote's hello arrived: its side of the channel exists. */
  ready: boolean;
  /** Transfers this side sends, by the requester's id. */
  readonly serving: Map<number, Serving>;
  readonly retiredServing: Set<number>;
  readonly retiredFetches: Set<number>;
  /** One reusable frame buffer: `send` copies what it is given. */
  readonly frame: Uint8Array<ArrayBuffer>;
  pumping: boolean;
  /** Control frames are handled one after another, in arrival order, though some wait on the store. */
  inbox: Promise<void>;
  readonly detach: () => void;
}

interface Serving {
  readonly id: number;
  readonly reader: ChunkReader;
  readonly queue: number[];
  head: number;
  /** Bytes the requester held when it asked, plus what was sent since: its progress. */
  progress: number;
  readonly push: boolean;
}

interface Source {
  readonly peer: string;
  readonly id: number;
  state: 'manifest' | 'chunks' | 'finishing';
  /** Asked for, not arrived. */
  readonly outstanding: Set<number>;
  /** To ask for. */
  queue: number[];
  /** Bad copies of a chunk from this peer. */
  readonly failures: Map<number, number>;
  heard: number;
  timer?: ReturnType<typeof setTimeout>;
}

interface Fetch {
  readonly digest: string;
  readonly from: string | undefined;
  readonly promise: Promise<Blob>;
  readonly resolve: (blob: Blob) => void;
  readonly reject: (error: FileError) => void;
  settled: boolean;
  download?: Download;
  source?: Source;
  /** Peers asked whether they hold the file, with the timer that gives up on their answer. */
  readonly asked: Map<string, ReturnType<typeof setTimeout>>;
  readonly willing: string[];
  readonly refused: Set<string>;
  /** Peers that failed or misbehaved for this file. */
  readonly excluded: Set<string>;
  /** Chunks being hashed. */
  readonly verifying: Set<number>;
  lastError?: FileError;
  /** The last source was lost with its link: worth waiting for it (or another) to come back. */
  dropped: boolean;
  waitTimer?: ReturnType<typeof setTimeout>;
}

/** Bad copies of one chunk a peer may send before it is given up on. */
const CHUNK_ATTEMPTS = 3;

function retire(ids: Set<number>, id: number): void {
  ids.add(id);
  if (ids.size > RETIRED_IDS) ids.delete(ids.values().next().value!);
}

/**
 * Shares and fetches files by digest with the peers of a room. One per room: it owns the
 * FILE_CHANNEL of every link.
 */
export class FileShare extends EventTarget {
  readonly #room: FileRoom;
  readonly #store: FileStore;
  readonly #maxFileBytes: number;
  readonly #chunkSize: number;
  readonly #pushMaxBytes: number;
  readonly #pushPeers: number;
  readonly #wantPush: (offer: FileOffer) => boolean;
  readonly #maxTransfers: number;
  readonly #windowBytes: number;
  readonly #highWater: number;
  readonly #timeoutMs: number;
  readonly #waitMs: number;
  readonly #peers = new Map<string, PeerChannel>();
  readonly #fetches = new Map<string, Fetch>();
  /** Our fetches by transfer id. */
  readonly #byId = new Map<number, Fetch>();
  #lastId = Math.floor(Math.random() * 0xffffffff);
  /** Offers waiting for a slot, and those out (by peer + digest) with the timer that frees them. */
  readonly #offerQueue: { readonly peer: string; readonly manifest: Manifest }[] = [];
  readonly #offers = new Map<string, ReturnType<typeof setTimeout> | undefined>();
  #pushFetches = 0;
  readonly #onPeer = (event: Event) => this.#attach((event as CustomEvent<{ id: string }>).detail.id);
  #closed = false;

  constructor(options: FileShareOptions) {
    super();
    this.#room = options.room;
    this.#store = options.store;
    this.#maxFileBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
    this.#chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
    this.#pushMaxBytes = options.pushMaxBytes ?? 1024 * 1024;
    this.#pushPeers = Math.max(1, options.pushPeers ?? 3);
    this.#wantPush = options.wantPush ?? ((offer) => offer.size <= this.#pushMaxBytes);
    this.#maxTransfers = options.maxTransfersPerPeer ?? 4;
    this.#windowBytes = options.windowBytes ?? 8 * 1024 * 1024;
    this.#highWater = options.highWaterMark ?? 4 * 1024 * 1024;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#waitMs = options.waitMs ?? 30_000;
    this.#room.addEventListener('peer', this.#onPeer);
    for (const peer of this.#room.peers) this.#attach(peer);
  }

  get store(): FileStore {
    return this.#store;
  }

  /** Peers whose file channel is up on both sides. */
  get peers(): string[] {
    return [...this.#peers.values()].filter((peer) => peer.ready && peer.channel.readyState === 'open').map((peer) => peer.peer);
  }

  /** Keeps a file (digest computed here) and offers it to linked peers when it is small enough. */
  async share(file: Blob, options: Omit<AddOptions, 'maxFileBytes' | 'chunkSize'> = {}): Promise<Manifest> {
    const manifest = await this.#store.add(file, { ...options, chunkSize: this.#chunkSize, maxFileBytes: this.#maxFileBytes });
    if (manifest.size <= this.#pushMaxBytes && !this.#closed) {
      for (const peer of this.peers) this.#offerQueue.push({ peer, manifest });
      this.#sendOffers();
    }
    return manifest;
  }

  /**
   * A file by digest: from the store, or from whichever linked peer has it (`from` is asked
   * first). Survives dropped links, resuming with the chunks still missing. Rejects with a
   * FileError: `unknown-digest` (the peers asked do not have it), `unavailable` (no peer to ask
   * within `waitMs`), `too-large`, `bad-digest`, `cancelled`, `quota`, `storage`.
   */
  fetch(digest: string, options: { readonly from?: string } = {}): Promise<Blob> {
    if (!DIGEST.test(digest)) return Promise.reject(new FileError('malformed', 'a digest is 64 lowercase hex digits'));
    if (this.#closed) return Promise.reject(new FileError('cancelled', 'this FileShare is closed'));
    const running = this.#fetches.get(digest);
    if (running) return running.promise;
    let resolve!: (blob: Blob) => void;
    let reject!: (error: FileError) => void;
    const promise = new Promise<Blob>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const fetch: Fetch = { digest, from: options.from, promise, resolve, reject, settled: false, asked: new Map(), willing: [], refused: new Set(), excluded: new Set(), verifying: new Set(), dropped: false };
    this.#fetches.set(digest, fetch);
    void this.#begin(fetch);
    return promise;
  }

  /** Stops fetching `digest` (what arrived is kept: a later fetch resumes) and stops sending it. */
  cancel(digest: string): void {
    const fetch = this.#fetches.get(digest);
    if (fetch) {
      const source = fetch.source;
      if (source) this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
      this.#settle(fetch, new FileError('cancelled', `fetching ${digest} was cancelled`));
    }
    for (const pc of this.#peers.values()) {
      for (const serving of [...pc.serving.values()]) {
        if (serving.reader.manifest.digest !== digest) continue;
        this.#send(pc, { t: 'error', id: serving.id, code: 'cancelled', message: 'the sender cancelled' });
        this.#endServing(pc, serving);
        this.#emit('error', { code: 'cancelled', message: `sending ${digest} was cancelled`, peer: pc.peer, digest, direction: 'send' });
      }
    }
    for (let i = this.#offerQueue.length - 1; i >= 0; i--) if (this.#offerQueue[i]!.manifest.digest === digest) this.#offerQueue.splice(i, 1);
  }

  /**
   * Stops everything: fetches reject with `cancelled`, peers are told. Resolves once what was
   * received is in the store (a later fetch, after a reload too, resumes from it). The channels
   * stay with their links: a new FileShare on the same room takes them over.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const writing = [...this.#fetches.values()].map((fetch) => fetch.download?.flushed());
    this.#room.removeEventListener('peer', this.#onPeer);
    for (const digest of [...this.#fetches.keys()]) this.cancel(digest);
    for (const pc of this.#peers.values()) {
      for (const serving of pc.serving.values()) this.#send(pc, { t: 'error', id: serving.id, code: 'cancelled', message: 'the sender closed' });
      pc.serving.clear();
      pc.detach();
    }
    this.#peers.clear();
    for (const timer of this.#offers.values()) clearTimeout(timer);
    this.#offers.clear();
    this.#offerQueue.length = 0;
    await Promise.all(writing);
  }

  // -- channels ---------------------------------------------------------------------------------

  #attach(peer: string): void {
    if (this.#closed) return;
    let channel: RTCDataChannel | undefined;
    try {
      channel = this.#room.channel(peer, FILE_CHANNEL.label, FILE_CHANNEL.id);
    } catch (error) {
      // The stream id is still held by a channel closing on this link: the next `peer` event retries.
      this.#emit('error', { code: 'unavailable', message: `no file channel to ${peer}: ${(error as Error).message}`, peer });
      return;
    }
    const known = this.#peers.get(peer);
    if (!channel || known?.channel === channel) return;
    if (known) this.#gone(known);
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = this.#highWater / 2;
    const onMessage = (event: MessageEvent) => this.#onFrame(pc, event.data);
    const onOpen = () => this.#send(pc, { t: 'hello', v: FILE_PROTOCOL });
    const onClose = () => this.#gone(pc);
    const pc: PeerChannel = {
      peer,
      channel,
      ready: false,
      serving: new Map(),
      retiredServing: new Set(),
      retiredFetches: new Set(),
      frame: new Uint8Array(CHUNK_HEADER + MAX_CHUNK_BYTES),
      pumping: false,
      inbox: Promise.resolve(),
      detach: () => {
        channel.removeEventListener('message', onMessage);
        channel.removeEventListener('open', onOpen);
        channel.removeEventListener('close', onClose);
      },
    };
    this.#peers.set(peer, pc);
    channel.addEventListener('message', onMessage);
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
    if (channel.readyState === 'open') onOpen();
  }

  /** The channel closed (the link dropped) or was replaced: what went through it stops. */
  #gone(pc: PeerChannel): void {
    if (this.#peers.get(pc.peer) !== pc) return;
    this.#peers.delete(pc.peer);
    pc.detach();
    this.#forget(pc, 'the link closed');
  }

  /** Ends what this side had going with a peer: its channel closed, or its FileShare started over. */
  #forget(pc: PeerChannel, why: string): void {
    for (const serving of [...pc.serving.values()]) {
      this.#endServing(pc, serving);
      this.#emit('error', { code: 'unavailable', message: `sending to ${pc.peer} stopped: ${why}`, peer: pc.peer, digest: serving.reader.manifest.digest, direction: 'send' });
    }
    for (const key of [...this.#offers.keys()]) if (key.startsWith(`${pc.peer}\n`)) this.#freeOffer(key);
    for (const fetch of [...this.#fetches.values()]) {
      clearTimeout(fetch.asked.get(pc.peer));
      fetch.asked.delete(pc.peer);
      const willing = fetch.willing.indexOf(pc.peer);
      if (willing >= 0) fetch.willing.splice(willing, 1);
      if (fetch.source?.peer === pc.peer) {
        fetch.dropped = true;
        this.#dropSource(fetch, { exclude: false });
      } else {
        this.#advance(fetch);
      }
    }
  }

  #send(pc: PeerChannel, frame: Control | { t: 'manifest'; id: number; m: WireManifest }): boolean {
    if (pc.channel.readyState !== 'open') return false;
    try {
      pc.channel.send(JSON.stringify(frame));
      return true;
    } catch {
      // Closing under us: its close event ends what depended on it.
      return false;
    }
  }

  #onFrame(pc: PeerChannel, data: unknown): void {
    if (this.#peers.get(pc.peer) !== pc) return;
    if (data instanceof ArrayBuffer) {
      try {
        this.#onChunk(pc, data);
      } catch (error) {
        this.#frameError(pc, error);
      }
      return;
    }
    if (typeof data !== 'string') return this.#frameError(pc, new FileError('malformed', 'a frame neither text nor binary'));
    pc.inbox = pc.inbox.then(() => this.#onControl(pc, parseControl(data))).catch((error: unknown) => this.#frameError(pc, error));
  }

  #frameError(pc: PeerChannel, error: unknown): void {
    const failure = asFileError(error, 'malformed');
    this.#emit('error', { code: failure.code, message: `from ${pc.peer}: ${failure.message}`, peer: pc.peer });
  }

  async #onControl(pc: PeerChannel, frame: Control): Promise<void> {
    if (this.#peers.get(pc.peer) !== pc) return;
    if (frame.t === 'hello') return this.#onHello(pc, frame);
    if (!pc.ready) throw new FileError('malformed', `a "${frame.t}" frame before hello`);
    switch (frame.t) {
      case 'ask':
        this.#send(pc, { t: 'have', d: frame.d, ok: await this.#store.has(frame.d) });
        return;
      case 'have':
        return this.#onHave(pc.peer, frame.d, frame.ok);
      case 'get':
        return this.#serve(pc, frame.id, frame.d, frame.held ?? 0);
      case 'want':
        return this.#onWant(pc, frame.id, frame.i);
      case 'cancel':
      case 'done':
        return this.#onEnd(pc, frame.id, frame.t === 'done' ? undefined : (frame.code ?? 'cancelled'));
      case 'offer':
        return this.#onOffer(pc, { digest: frame.d, size: frame.size, name: frame.name, type: frame.type, from: pc.peer });
      case 'decline':
        return this.#freeOffer(`${pc.peer}\n${frame.d}`);
      case 'manifest':
        return this.#onManifest(pc, frame.id, frame.m);
      case 'error':
        return this.#onRemoteError(pc, frame.id, frame.code, frame.message);
    }
  }

  #onHello(pc: PeerChannel, frame: { v: number; re?: true }): void {
    if (frame.v !== FILE_PROTOCOL) throw new FileError('malformed', `file protocol version ${frame.v}; this side speaks ${FILE_PROTOCOL}`);
    // A first hello again, on a channel already up: the remote's FileShare started over.
    if (pc.ready && !frame.re) this.#forget(pc, 'the peer started over');
    const fresh = !pc.ready || !frame.re;
    pc.ready = true;
    if (!frame.re) this.#send(pc, { t: 'hello', v: FILE_PROTOCOL, re: true });
    if (fresh) this.#emit('peer', { id: pc.peer });
    for (const fetch of this.#fetches.values()) {
      fetch.refused.delete(pc.peer);
      this.#advance(fetch);
    }
    this.#sendOffers();
  }

  // -- sending ----------------------------------------------------------------------------------

  async #serve(pc: PeerChannel, id: number, digest: string, held: number): Promise<void> {
    if (pc.serving.has(id)) throw new FileError('malformed', `transfer ${id} is already open`);
    if (pc.serving.size >= this.#maxTransfers) {
      this.#send(pc, { t: 'error', id, code: 'busy', message: `${this.#maxTransfers} transfers to this peer already` });
      return;
    }
    const reader = await this.#store.reader(digest);
    if (!reader) {
      this.#send(pc, { t: 'error', id, code: 'unknown-digest', message: 'not here' });
      return;
    }
    if (this.#peers.get(pc.peer) !== pc) return;
    const key = `${pc.peer}\n${digest}`;
    const push = this.#offers.has(key);
    // An offer taken: its slot stays busy until this transfer ends.
    if (push) {
      clearTimeout(this.#offers.get(key));
      this.#offers.set(key, undefined);
    }
    pc.serving.set(id, { id, reader, queue: [], head: 0, progress: Math.min(held, reader.manifest.size), push });
    this.#send(pc, { t: 'manifest', id, m: encodeManifest(reader.manifest) });
  }

  #onWant(pc: PeerChannel, id: number, ranges: readonly [number, number][]): void {
    const serving = pc.serving.get(id);
    if (!serving) {
      if (pc.retiredServing.has(id)) return;
      throw new FileError('malformed', `chunks asked for in unknown transfer ${id}`);
    }
    const count = serving.reader.manifest.chunks.length;
    let asked = 0;
    for (const [first, last] of ranges) {
      if (last >= count) throw new FileError('malformed', `chunk ${last} asked for; the file has ${count}`);
      asked += last - first + 1;
    }
    // An honest requester never has a chunk asked for twice at once.
    if (serving.queue.length - serving.head + asked > count) throw new FileError('too-large', `more chunks asked for than the file has`);
    if (serving.head > 1024) {
      serving.queue.splice(0, serving.head);
      serving.head = 0;
    }
    for (const [first, last] of ranges) for (let index = first; index <= last; index++) serving.queue.push(index);
    void this.#pump(pc);
  }

  /** The requester ended a transfer: `done` (verified; `code` undefined) or `cancel`. */
  #onEnd(pc: PeerChannel, id: number, code: FileErrorCode | undefined): void {
    const serving = pc.serving.get(id);
    if (!serving) {
      if (pc.retiredServing.has(id)) return;
      throw new FileError('malformed', `unknown transfer ${id} ended`);
    }
    this.#endServing(pc, serving);
    const { manifest } = serving.reader;
    if (code === undefined) this.#emit('complete', { digest: manifest.digest, peer: pc.peer, direction: 'send', manifest });
    else this.#emit('error', { code, message: `${pc.peer} stopped receiving ${manifest.digest} (${code})`, peer: pc.peer, digest: manifest.digest, direction: 'send' });
  }

  #endServing(pc: PeerChannel, serving: Serving): void {
    if (pc.serving.get(serving.id) !== serving) return;
    pc.serving.delete(serving.id);
    retire(pc.retiredServing, serving.id);
    if (serving.push) this.#freeOffer(`${pc.peer}\n${serving.reader.manifest.digest}`);
  }

  /** Sends what is asked for on one channel, round-robin between transfers, under the high-water mark. */
  async #pump(pc: PeerChannel): Promise<void> {
    if (pc.pumping) return;
    pc.pumping = true;
    const { channel } = pc;
    try {
      while (channel.readyState === 'open') {
        const serving = [...pc.serving.values()].find((each) => each.head < each.queue.length);
        if (!serving) break;
        // To the back of the line: the next chunk goes to the next transfer.
        pc.serving.delete(serving.id);
        pc.serving.set(serving.id, serving);
        const index = serving.queue[serving.head++]!;
        let chunk: Uint8Array;
        try {
          chunk = await serving.reader.chunk(index);
        } catch (error) {
          const failure = asFileError(error);
          this.#send(pc, { t: 'error', id: serving.id, code: failure.code, message: failure.message });
          this.#endServing(pc, serving);
          this.#emit('error', { code: failure.code, message: failure.message, peer: pc.peer, digest: serving.reader.manifest.digest, direction: 'send' });
          continue;
        }
        if (channel.bufferedAmount > this.#highWater) await drained(channel, this.#highWater / 2);
        if (pc.serving.get(serving.id) !== serving || channel.readyState !== 'open') continue;
        const view = new DataView(pc.frame.buffer);
        view.setUint8(0, CHUNK_FRAME);
        view.setUint32(1, serving.id);
        view.setUint32(5, index);
        pc.frame.set(chunk, CHUNK_HEADER);
        channel.send(pc.frame.subarray(0, CHUNK_HEADER + chunk.length));
        const { manifest } = serving.reader;
        serving.progress = Math.min(manifest.size, serving.progress + chunk.length);
        this.#emit('progress', { digest: manifest.digest, peer: pc.peer, direction: 'send', bytes: serving.progress, total: manifest.size });
      }
    } catch {
      // The channel closed under a send: its close event ends the transfers.
    } finally {
      pc.pumping = false;
    }
  }

  // -- pushing ----------------------------------------------------------------------------------

  #sendOffers(): void {
    while (this.#offers.size < this.#pushPeers && this.#offerQueue.length > 0) {
      const { peer, manifest } = this.#offerQueue.shift()!;
      const pc = this.#peers.get(peer);
      const key = `${peer}\n${manifest.digest}`;
      if (!pc?.ready || this.#offers.has(key)) continue;
      if (!this.#send(pc, { t: 'offer', d: manifest.digest, size: manifest.size, name: manifest.name, type: manifest.type })) continue;
      this.#offers.set(
        key,
        setTimeout(() => this.#freeOffer(key), this.#timeoutMs),
      );
    }
  }

  #freeOffer(key: string): void {
    if (!this.#offers.has(key)) return;
    clearTimeout(this.#offers.get(key));
    this.#offers.delete(key);
    this.#sendOffers();
  }

  async #onOffer(pc: PeerChannel, offer: FileOffer): Promise<void> {
    const decline = () => void this.#send(pc, { t: 'decline', d: offer.digest });
    if (this.#fetches.has(offer.digest) || this.#pushFetches >= this.#pushPeers || offer.size > this.#maxFileBytes) return decline();
    let wanted: boolean;
    try {
      wanted = this.#wantPush(offer) && !(await this.#store.has(offer.digest));
    } catch {
      wanted = false;
    }
    if (!wanted || this.#fetches.has(offer.digest)) return decline();
    this.#pushFetches++;
    this.fetch(offer.digest, { from: pc.peer })
      .catch(() => undefined)
      .finally(() => this.#pushFetches--);
  }

  // -- fetching ---------------------------------------------------------------------------------

  async #begin(fetch: Fetch): Promise<void> {
    try {
      const kept = await this.#store.get(fetch.digest);
      if (kept) return this.#settle(fetch, kept);
    } catch (error) {
      return this.#settle(fetch, asFileError(error));
    }
    this.#advance(fetch);
  }

  /** Finds the next peer to take the file from: asks who has it, then asks the first for it. */
  #advance(fetch: Fetch): void {
    if (fetch.settled || fetch.source) return;
    const usable = this.peers.filter((peer) => !fetch.excluded.has(peer) && !fetch.refused.has(peer));
    const willing = fetch.willing.findIndex((peer) => usable.includes(peer));
    if (willing >= 0) return this.#startSource(fetch, fetch.willing.splice(willing, 1)[0]!);
    const preferred = fetch.from !== undefined && usable.includes(fetch.from) ? fetch.from : undefined;
    if (preferred !== undefined) {
      if (!fetch.asked.has(preferred)) this.#ask(fetch, preferred);
      return;
    }
    for (const peer of usable) if (!fetch.asked.has(peer)) this.#ask(fetch, peer);
    if (fetch.asked.size > 0) return;
    // Nobody left to ask. Fails now if peers answered, unless the last source went with its link:
    // then, as when there is nobody to ask at all, wait a while for a peer with the file.
    const answered = fetch.refused.size > 0 || fetch.excluded.size > 0;
    if (answered && !fetch.dropped) return this.#settle(fetch, this.#givingUp(fetch, 'unknown-digest'));
    fetch.waitTimer ??= setTimeout(() => {
      fetch.waitTimer = undefined;
      if (!fetch.source) this.#settle(fetch, this.#givingUp(fetch, 'unavailable'));
    }, this.#waitMs);
  }

  #givingUp(fetch: Fetch, code: FileErrorCode): FileError {
    const last = fetch.lastError;
    return new FileError(last?.code ?? code, `no linked peer could provide ${fetch.digest}${last ? `: ${last.message}` : ''}`);
  }

  #ask(fetch: Fetch, peer: string): void {
    const pc = this.#peers.get(peer);
    if (!pc || !this.#send(pc, { t: 'ask', d: fetch.digest })) return;
    fetch.asked.set(
      peer,
      setTimeout(() => {
        fetch.asked.delete(peer);
        fetch.refused.add(peer);
        this.#advance(fetch);
      }, this.#timeoutMs),
    );
  }

  #onHave(peer: string, digest: string, ok: boolean): void {
    const fetch = this.#fetches.get(digest);
    if (!fetch?.asked.has(peer)) return;
    clearTimeout(fetch.asked.get(peer));
    fetch.asked.delete(peer);
    if (ok) fetch.willing.push(peer);
    else fetch.refused.add(peer);
    this.#advance(fetch);
  }

  #startSource(fetch: Fetch, peer: string): void {
    const pc = this.#peers.get(peer);
    if (!pc) return this.#advance(fetch);
    clearTimeout(fetch.waitTimer);
    fetch.waitTimer = undefined;
    fetch.dropped = false;
    this.#lastId = (this.#lastId + 1) >>> 0;
    const source: Source = { peer, id: this.#lastId, state: 'manifest', outstanding: new Set(), queue: [], failures: new Map(), heard: performance.now() };
    fetch.source = source;
    this.#byId.set(source.id, fetch);
    this.#send(pc, { t: 'get', id: source.id, d: fetch.digest, held: fetch.download?.heldBytes ?? 0 });
    this.#watch(fetch, source);
  }

  /** Gives up on a source that stays silent about what was asked of it. */
  #watch(fetch: Fetch, source: Source): void {
    clearTimeout(source.timer);
    const idle = performance.now() - source.heard;
    source.timer = setTimeout(
      () => {
        if (fetch.source !== source) return;
        const waiting = source.state === 'manifest' || source.outstanding.size > 0;
        if (!waiting || performance.now() - source.heard < this.#timeoutMs) return this.#watch(fetch, source);
        fetch.lastError = new FileError('timeout', `${source.peer} sent nothing for ${this.#timeoutMs} ms`);
        this.#emit('error', { code: 'timeout', message: fetch.lastError.message, peer: source.peer, digest: fetch.digest, direction: 'receive' });
        this.#dropSource(fetch, { exclude: true, cancel: 'timeout' });
      },
      Math.max(0, this.#timeoutMs - idle),
    );
  }

  /** Our request `id` to `pc`, if it is the live one; undefined (after checks) for late frames. */
  #fetchFor(pc: PeerChannel, id: number, what: string): Fetch | undefined {
    const fetch = this.#byId.get(id);
    if (fetch?.source?.peer === pc.peer && fetch.source.id === id) return fetch;
    if (pc.retiredFetches.has(id)) return undefined;
    throw new FileError('malformed', `${what} for transfer ${id}, which this side did not ask for`);
  }

  async #onManifest(pc: PeerChannel, id: number, wire: Record<string, unknown>): Promise<void> {
    const fetch = this.#fetchFor(pc, id, 'a manifest');
    const source = fetch?.source;
    if (!fetch || !source) return;
    if (source.state !== 'manifest') throw new FileError('malformed', `a second manifest for transfer ${id}`);
    source.heard = performance.now();
    let manifest: Manifest;
    try {
      manifest = decodeManifest(wire, this.#maxFileBytes);
      if (manifest.digest !== fetch.digest) throw new FileError('malformed', `a manifest for ${manifest.digest}, not ${fetch.digest}`);
    } catch (error) {
      return this.#sourceFailed(fetch, asFileError(error, 'malformed'));
    }
    if (fetch.download && !sameChunks(fetch.download.manifest, manifest)) fetch.download = undefined;
    let download: Download;
    try {
      download = fetch.download ?? (await this.#store.download(manifest));
    } catch (error) {
      if (fetch.source !== source) return;
      this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
      return this.#settle(fetch, asFileError(error));
    }
    if (fetch.source !== source || fetch.settled) return;
    fetch.download = download;
    source.state = 'chunks';
    source.queue = download.missing().filter((index) => !fetch.verifying.has(index));
    this.#emit('progress', { digest: fetch.digest, peer: pc.peer, direction: 'receive', bytes: download.heldBytes, total: manifest.size });
    this.#topUp(fetch);
  }

  /** Asks for more chunks once half the window has arrived; finishes when nothing is missing. */
  #topUp(fetch: Fetch): void {
    const { source, download } = fetch;
    const pc = source && this.#peers.get(source.peer);
    if (!source || source.state !== 'chunks' || !download || !pc) return;
    const window = Math.max(2, Math.floor(this.#windowBytes / download.manifest.chunkSize));
    if (source.outstanding.size > window / 2) return;
    const picked = new Set<number>();
    let taken = 0;
    while (taken < source.queue.length && source.outstanding.size + picked.size < window) {
      const index = source.queue[taken++]!;
      if (!download.holds(index) && !source.outstanding.has(index) && !fetch.verifying.has(index)) picked.add(index);
    }
    source.queue.splice(0, taken);
    if (picked.size === 0) {
      if (source.queue.length === 0 && source.outstanding.size === 0 && fetch.verifying.size === 0) void this.#finish(fetch, source, download);
      return;
    }
    for (const index of picked) source.outstanding.add(index);
    for (const ranges of rangesOf([...picked])) this.#send(pc, { t: 'want', id: source.id, i: ranges });
    source.heard = performance.now();
  }

  #onChunk(pc: PeerChannel, data: ArrayBuffer): void {
    const { id, index, bytes } = parseChunkFrame(data);
    const fetch = this.#fetchFor(pc, id, 'a chunk');
    if (!fetch) return;
    const { source, download } = fetch;
    if (!source || source.state !== 'chunks' || !download || !source.outstanding.delete(index)) throw new FileError('malformed', `chunk ${index} of transfer ${id} was not asked for`);
    source.heard = performance.now();
    const { manifest } = download;
    fetch.verifying.add(index);
    const check = bytes.length === chunkLength(manifest, index) ? sha256Hex(bytes).catch(() => '') : Promise.resolve('');
    void check.then((actual) => {
      fetch.verifying.delete(index);
      if (fetch.settled || fetch.download !== download) return;
      if (actual === manifest.chunks[index]) {
        download.put(index, bytes);
        this.#emit('progress', { digest: fetch.digest, peer: pc.peer, direction: 'receive', bytes: download.heldBytes, total: manifest.size });
      } else {
        this.#badChunk(fetch, source, index);
      }
      this.#topUp(fetch);
    });
  }

  /** A chunk that does not match the manifest: asked for again, from another peer after a few tries. */
  #badChunk(fetch: Fetch, source: Source, index: number): void {
    this.#emit('error', { code: 'bad-chunk', message: `chunk ${index} of ${fetch.digest} from ${source.peer} does not match its digest`, peer: source.peer, digest: fetch.digest, direction: 'receive', index });
    const failures = (source.failures.get(index) ?? 0) + 1;
    source.failures.set(index, failures);
    if (fetch.source !== source) {
      fetch.source?.queue.push(index);
      return;
    }
    source.queue.push(index);
    if (failures >= CHUNK_ATTEMPTS) {
      fetch.lastError = new FileError('bad-chunk', `${source.peer} sent chunk ${index} wrong ${failures} times`);
      this.#dropSource(fetch, { exclude: true, cancel: 'bad-chunk' });
    }
  }

  async #finish(fetch: Fetch, source: Source, download: Download): Promise<void> {
    source.state = 'finishing';
    clearTimeout(source.timer);
    const pc = this.#peers.get(source.peer);
    let blob: Blob;
    try {
      blob = await download.finish();
    } catch (error) {
      const failure = asFileError(error);
      if (fetch.settled) return;
      if (fetch.download === download) fetch.download = undefined;
      if (failure.code !== 'bad-digest') {
        if (fetch.source === source) this.#dropSource(fetch, { exclude: false, cancel: failure.code, advance: false });
        return this.#settle(fetch, failure);
      }
      this.#emit('error', { code: 'bad-digest', message: `from ${source.peer}: ${failure.message}`, peer: source.peer, digest: fetch.digest, direction: 'receive' });
      fetch.lastError = failure;
      if (fetch.source === source) this.#dropSource(fetch, { exclude: true, cancel: 'bad-digest' });
      return;
    }
    if (fetch.source === source) {
      this.#byId.delete(source.id);
      if (pc) {
        retire(pc.retiredFetches, source.id);
        this.#send(pc, { t: 'done', id: source.id });
      }
      fetch.source = undefined;
    }
    if (fetch.settled) return;
    this.#settle(fetch, blob);
    this.#emit('complete', { digest: fetch.digest, peer: source.peer, direction: 'receive', manifest: download.manifest });
  }

  #onRemoteError(pc: PeerChannel, id: number | undefined, code: FileErrorCode, message: string): void {
    if (id === undefined) {
      this.#emit('error', { code, message: `${pc.peer} says: ${message}`, peer: pc.peer });
      return;
    }
    const fetch = this.#fetchFor(pc, id, 'an error');
    if (!fetch) return;
    const failure = new FileError(code, `${pc.peer}: ${message}`);
    if (code === 'unknown-digest') {
      fetch.lastError = failure;
      fetch.refused.add(pc.peer);
      return this.#dropSource(fetch, { exclude: false });
    }
    this.#sourceFailed(fetch, failure);
  }

  #sourceFailed(fetch: Fetch, failure: FileError): void {
    const peer = fetch.source?.peer;
    fetch.lastError = failure;
    this.#emit('error', { code: failure.code, message: failure.message, ...(peer ? { peer } : {}), digest: fetch.digest, direction: 'receive' });
    this.#dropSource(fetch, { exclude: true, cancel: failure.code });
  }

  /** Lets go of the current source; `cancel` tells it why, `exclude` rules it out for this file. */
  #dropSource(fetch: Fetch, how: { exclude: boolean; cancel?: FileErrorCode; advance?: boolean }): void {
    const source = fetch.source;
    if (!source) return;
    clearTimeout(source.timer);
    this.#byId.delete(source.id);
    fetch.source = undefined;
    const pc = this.#peers.get(source.peer);
    if (pc) {
      retire(pc.retiredFetches, source.id);
      if (how.cancel) this.#send(pc, { t: 'cancel', id: source.id, code: how.cancel });
    }
    if (how.exclude) fetch.excluded.add(source.peer);
    if (how.advance !== false) this.#advance(fetch);
  }

  #settle(fetch: Fetch, outcome: Blob | FileError): void {
    if (fetch.settled) return;
    fetch.settled = true;
    if (this.#fetches.get(fetch.digest) === fetch) this.#fetches.delete(fetch.digest);
    for (const timer of fetch.asked.values()) clearTimeout(timer);
    fetch.asked.clear();
    clearTimeout(fetch.waitTimer);
    if (fetch.source) this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
    if (outcome instanceof Blob) return fetch.resolve(outcome);
    this.#emit('error', { code: outcome.code, message: outcome.message, digest: fetch.digest, direction: 'receive' });
    fetch.reject(outcome);
  }

  #emit<K extends keyof FileShareEventMap>(type: K, detail: FileShareEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * Resolves when the channel's buffer has drained to `low` (its `bufferedAmountLowThreshold`), or
 * the channel closed. Where channels have no `bufferedamountlow` event (Node's @roamhq/wrtc), the
 * buffer is looked at every few milliseconds instead.
 */
function drained(channel: RTCDataChannel, low: number): Promise<void> {
  const hasLowEvent = 'onbufferedamountlow' in (channel as object);
  if (!hasLowEvent) {
    return new Promise((resolve) => {
      const check = () => (channel.bufferedAmount <= low || channel.readyState !== 'open' ? resolve() : setTimeout(check, 4));
      check();
    });
  }
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener('bufferedamountlow', done);
      channel.removeEventListener('close', done);
      resolve();
    };
    channel.addEventListener('bufferedamountlow', done);
    channel.addEventListener('close', done);
  });
}
