/**
 * Files by digest kept in a KeyValueStore: a record per file and its bytes in pieces. What a
 * download receives is kept as it arrives, so a dropped link or a reload loses at most a piece.
 */
import type { KeyValueStore } from '../storage.js';
import { FileError, asFileError } from './errors.js';
import { DEFAULT_CHUNK_BYTES, MAX_TEXT, chunkCount, chunkLength, chunkSizeFor, isDigest, sameChunks, sha256Hex, type Manifest } from './manifest.js';

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
