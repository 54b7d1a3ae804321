/**
 * One file being received into a FileStore: which chunks are held, the verified chunks gathered
 * in memory and written to the store a piece at a time, and the check of the whole file.
 */
import type { KeyValueStore } from '../platform/storage.js';
import { FileError, asFileError } from './errors.js';
import { chunkLength, sha256Hex, type Manifest } from './manifest.js';
import { DOWNLOAD_TYPE } from './preview.js';
import { pieceKey, type Entry } from './records.js';

/** One file being received, from FileStore.download. */
export interface Download {
  readonly manifest: Manifest;
  /** Bytes of verified chunks held, in memory or in the store. */
  readonly heldBytes: number;
  /** Why the file left the store while being downloaded (evicted, expired, deleted); then nothing more is kept. */
  readonly gone: FileError | undefined;
  holds(index: number): boolean;
  /** Chunk indexes not held yet, in order. */
  missing(): number[];
  /** Takes a chunk already checked against the manifest; ignored once the file left the store. */
  put(index: number, chunk: Uint8Array): void;
  /**
   * Once every chunk is held: checks the whole file against its digest (`bad-digest`: discarded),
   * and keeps it. Fails with `quota` or `expired` when the store evicted or expired the file meanwhile.
   */
  finish(): Promise<Blob>;
  /** Forgets the download and what it stored. */
  discard(): Promise<void>;
  /** Resolves once every piece written so far is in the store. */
  flushed(): Promise<void>;
}

/** What a download needs of its FileStore. */
export interface DownloadHooks {
  /** Marks the file complete in its record. */
  complete(): Promise<void>;
  /** Drops the file and its pieces from the store. */
  discard(): Promise<void>;
  /** A chunk arrived: the partial file is young again. */
  touch(): void;
  /** A write of the file's that its removal waits for. */
  track(write: Promise<void>): Promise<void>;
}

/**
 * Verified chunks are copied into one buffer the size of the file, and each piece, once all its
 * chunks are held, is copied into a Blob and written to the store. So the whole-file digest needs
 * no read back of what arrived in this download; only pieces an earlier one kept are read back.
 */
export class PieceDownload implements Download {
  readonly manifest: Manifest;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #held: Uint8Array;
  /** Chunks held per piece: a piece is written once all of its chunks are. */
  readonly #filled: Uint32Array;
  /** Each piece's Blob, once written here or found in the store. */
  readonly #pieces: (Blob | undefined)[];
  readonly #writes: Promise<void>[] = [];
  /** The file's record is written: pieces follow it into the store. */
  readonly #recorded: Promise<void>;
  #heldBytes = 0;
  #failure: FileError | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly entry: Entry,
    recorded: Promise<void>,
    private readonly on: DownloadHooks,
  ) {
    this.#recorded = recorded;
    this.#track(recorded);
    const { manifest, pieceChunks } = entry.record;
    this.manifest = manifest;
    const count = manifest.chunks.length;
    this.#bytes = new Uint8Array(manifest.size);
    this.#held = new Uint8Array(count);
    this.#filled = new Uint32Array(Math.ceil(count / pieceChunks));
    this.#pieces = Array.from({ length: this.#filled.length });
    // Pieces already in the store (an earlier download's, before a reload or not) count as held; finish() reads them back.
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

  get gone(): FileError | undefined {
    return this.entry.gone;
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
    if (this.#held[index] || this.entry.gone) return;
    this.on.touch();
    const { manifest, pieceChunks } = this.entry.record;
    this.#bytes.set(chunk, index * manifest.chunkSize);
    this.#held[index] = 1;
    this.#heldBytes += chunk.length;
    const piece = Math.floor(index / pieceChunks);
    const inPiece = Math.min(manifest.chunks.length, (piece + 1) * pieceChunks) - piece * pieceChunks;
    if (++this.#filled[piece]! === inPiece) this.#writePiece(piece);
  }

  async finish(): Promise<Blob> {
    if (this.entry.gone) throw this.entry.gone;
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
    return new Blob(this.#pieces as Blob[], { type: DOWNLOAD_TYPE });
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
    const write = this.#recorded.then(async () => {
      if (this.entry.gone) throw this.entry.gone;
      await this.kv.setItem(pieceKey(manifest.digest, piece), blob);
      this.entry.pieces.add(piece);
    });
    this.#track(this.on.track(write));
  }

  /** A write finish() waits for; the first failure is what it reports. */
  #track(write: Promise<unknown>): void {
    this.#writes.push(write.then(
      () => undefined,
      (error: unknown) => void (this.#failure ??= asFileError(error)),
    ));
  }
}
