/**
 * How a FileStore lays files out in its KeyValueStore: a record per file under `file/<digest>`
 * (its manifest, whether it is complete, how its bytes are cut into pieces, whom it is charged
 * to), and its bytes as Blobs of several chunks each under `piece/<digest>/<n>`; and the entry the
 * store's in-memory index keeps for each file.
 */
import type { FileError } from './errors.js';
import type { Manifest } from './manifest.js';

export interface FileRecord {
  readonly manifest: Manifest;
  readonly complete: boolean;
  /** Chunks per stored piece, fixed when the file was first stored. */
  readonly pieceChunks: number;
  /** When it was first stored (ms): pushes are evicted oldest first. */
  readonly added: number;
  /** When a download of it last began or resumed (ms): a partial file's age after a reload. */
  readonly touched: number;
  /**
   * Whom it is charged to while nobody asked for it: the peer that pushed it, or the author of a
   * message naming it that was prefetched. Absent for files added here or asked for.
   */
  readonly pushedBy?: string;
}

export interface Entry {
  record: FileRecord;
  /** Pieces written to the store. */
  readonly pieces: Set<number>;
  /** When a download of it began or a chunk of it arrived (ms), in this session. */
  touched: number;
  /** Why it left the store (evicted, expired, deleted): a download of it still running fails so. */
  gone?: FileError;
  /** Its writes in flight: its removal waits for them, so none lands after it. */
  readonly writing: Set<Promise<unknown>>;
}

export const FILE_KEY = 'file/';
export const PIECE_KEY = 'piece/';
export const fileKey = (digest: string) => FILE_KEY + digest;
export const pieceKey = (digest: string, piece: number) => `${PIECE_KEY}${digest}/${piece}`;
export const pieceCount = ({ manifest, pieceChunks }: FileRecord) => Math.ceil(manifest.chunks.length / pieceChunks);
