/**
 * Reading a complete file's chunks out of a FileStore, for sending: a piece at a time, with the
 * next piece read ahead.
 */
import type { KeyValueStore } from '../platform/storage.js';
import { FileError } from './errors.js';
import { chunkLength, type Manifest } from './manifest.js';
import { pieceKey, type FileRecord } from './records.js';
import { BoundedMap, cachedPromise } from '../util/bounded-map.js';

/** A complete file's chunks, from FileStore.reader. */
export interface ChunkReader {
  readonly manifest: Manifest;
  chunk(index: number): Promise<Uint8Array>;
}

/** Reads a piece at a time, and the next piece ahead. */
export class PieceReader implements ChunkReader {
  /** The piece being sent, the one read ahead, and one behind for a chunk asked for again. */
  readonly #cache = new BoundedMap<number, Promise<Uint8Array>>(3);

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
    const { manifest } = this.record;
    // A failed read is not kept: the chunk asked for again reads the piece again.
    return cachedPromise(this.#cache, piece, () =>
      this.kv.getItem<Blob>(pieceKey(manifest.digest, piece)).then(async (blob) => {
        if (!(blob instanceof Blob)) throw new FileError('storage', `piece ${piece} of ${manifest.digest} is missing from the store`);
        return new Uint8Array(await blob.arrayBuffer());
      }),
    );
  }
}
