/**
 * Files by digest kept in a KeyValueStore: a record per file and its bytes in pieces (records.ts).
 * What a download receives is written a piece at a time, as each piece fills, so a reload loses
 * only the chunks of pieces not filled yet (download.ts).
 *
 * Room is bounded three ways, so no peer can fill the device. All files together stay under
 * `maxBytes`. Files nobody asked for (a peer pushed them, or they were fetched only because a
 * message named them) live in a quota of their own, in all and per sender (the pusher, or the
 * message's author); the oldest go first to make room for a newer push (a sender's own first, once it is
 * at its share) or for the user's files, which pushes never evict. And a partial file nothing
 * arrived for in `partialMaxAgeMs` is dropped: when the store opens, whenever a new file is begun
 * (add(), or a download of a file not held at all), and on expirePartials(). The arithmetic of
 * both is in quota.ts; reading a complete file's chunks for sending, in reader.ts.
 */
import type { KeyValueStore } from '../platform/storage.js';
import { Emitter } from '../util/events.js';
import { PieceDownload, type Download } from './download.js';
import { FileError, asFileError } from './errors.js';
import { DEFAULT_CHUNK_BYTES, MAX_TEXT, chunkSizeFor, hashFile, isDigest, sameChunks, type Manifest } from './manifest.js';
import { DOWNLOAD_TYPE } from './preview.js';
import { expiredPartials, roomFor } from './quota.js';
import { PieceReader, type ChunkReader } from './reader.js';
import { FILE_KEY, PIECE_KEY, fileKey, pieceCount, pieceKey, type Entry, type FileRecord } from './records.js';

export type { ChunkReader } from './reader.js';
export type { Download } from './download.js';

export interface FileStoreOptions {
  /** Bytes kept in all, complete and partial files together (a partial one counts in full). Default 1 GiB. */
  readonly maxBytes?: number;
  /**
   * Bytes per stored record. IndexedDB pays per record (measured: 50 MB as 64 KiB records took
   * 15× longer to write than as 4 MiB ones), so chunks are kept together in pieces. A piece is
   * written once all its chunks are held: a reload loses the chunks of pieces not filled yet. Default 4 MiB.
   */
  readonly pieceBytes?: number;
  /** Bytes of pushed files nobody asked for, every sender's together. Default 64 MiB. */
  readonly pushQuotaBytes?: number;
  /**
   * Bytes of pushed files nobody asked for from one sender: past it, its newer pushes evict its
   * own older ones, so one sender cannot push everyone else's out. Default a quarter of
   * `pushQuotaBytes` (16 MiB).
   */
  readonly pushQuotaPerSenderBytes?: number;
  /** A partial file nothing arrived for in this long is dropped. Default 24 hours. */
  readonly partialMaxAgeMs?: number;
  /** The clock (ms since the epoch) for partial files' age and pushes' order. Default `Date.now`. */
  readonly now?: () => number;
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

export interface DownloadOptions {
  /**
   * Whom the file is charged to while nobody asked for it: the peer that pushed it, or the author
   * of a message naming it that was fetched automatically. It lives in that sender's share of the
   * push quota, and may be evicted, until `keep()` makes it the user's.
   */
  readonly pushedBy?: string;
}

export interface FileStoreEventMap {
  /** A file nobody asked for was evicted to make room: what showed it should say it is gone. */
  evicted: CustomEvent<{ readonly digest: string; readonly pushedBy: string; readonly reason: FileError }>;
}

/**
 * Files by digest, in any KeyValueStore (`browserStore('files')` keeps them in IndexedDB): a
 * record per file (its manifest, complete or not) and its bytes in pieces of several chunks.
 * One FileStore per store at a time: it keeps an index of what is there in memory.
 */
export class FileStore extends Emitter<FileStoreEventMap> {
  readonly #kv: KeyValueStore;
  readonly #maxBytes: number;
  readonly #pieceBytes: number;
  readonly #pushQuota: number;
  readonly #pushPerSender: number;
  readonly #partialMaxAgeMs: number;
  readonly #now: () => number;
  #index: Promise<Map<string, Entry>> | undefined;
  /** add() calls in flight by digest. */
  readonly #adding = new Map<string, Promise<Manifest>>();
  /** Removals in flight by digest: a new record for the digest waits for the old one's removal. */
  readonly #removals = new Map<string, Promise<void>>();

  constructor(kv: KeyValueStore, options: FileStoreOptions = {}) {
    super();
    this.#kv = kv;
    this.#maxBytes = options.maxBytes ?? 1024 ** 3;
    this.#pieceBytes = options.pieceBytes ?? 4 * 1024 * 1024;
    this.#pushQuota = options.pushQuotaBytes ?? 64 * 1024 * 1024;
    this.#pushPerSender = Math.min(options.pushQuotaPerSenderBytes ?? Math.floor(this.#pushQuota / 4), this.#pushQuota);
    this.#partialMaxAgeMs = options.partialMaxAgeMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** The push quota, in all and per sender: a push larger than `perSenderBytes` can never be kept. */
  get pushQuota(): { readonly bytes: number; readonly perSenderBytes: number } {
    return { bytes: this.#pushQuota, perSenderBytes: this.#pushPerSender };
  }

  /** Hashes a file (whole and per chunk) and keeps it; a file already kept gives its manifest back. */
  async add(file: Blob, options: AddOptions = {}): Promise<Manifest> {
    const { size } = file;
    const maxFileBytes = options.maxFileBytes ?? Number.MAX_SAFE_INTEGER;
    if (size > maxFileBytes) throw new FileError('too-large', `a file of ${size} bytes; the limit is ${maxFileBytes}`);
    const chunkSize = chunkSizeFor(size, options.chunkSize ?? DEFAULT_CHUNK_BYTES);
    const { digest, chunks } = await hashFile(file, chunkSize);
    const name = (options.name ?? (file as Partial<File>).name ?? '').slice(0, MAX_TEXT);
    const manifest: Manifest = { digest, size, name, type: (options.type ?? file.type).slice(0, MAX_TEXT), chunkSize, chunks };
    // The same bytes added twice at once are kept once: the second add gets the first's manifest.
    const adding = this.#adding.get(manifest.digest);
    if (adding) return adding;
    const added = this.#addWhole(file, manifest);
    this.#adding.set(manifest.digest, added);
    const settled = () => this.#adding.delete(manifest.digest);
    added.then(settled, settled);
    return added;
  }

  async #addWhole(file: Blob, manifest: Manifest): Promise<Manifest> {
    const entries = await this.#entries();
    const kept = entries.get(manifest.digest);
    if (kept?.record.complete) {
      // The user's own file now, whoever pushed it first.
      await this.#keepEntry(kept);
      return kept.record.manifest;
    }
    if (kept) await this.#drop(entries, kept, new FileError('cancelled', `${manifest.digest} was added whole`));
    const { entry, recorded } = this.#begin(entries, manifest, undefined);
    await recorded;
    // add() read the whole file into memory once, to hash it; nothing holds that copy now. What is
    // written are slices of the Blob (Blobs over the same bytes: nothing is read here), which the
    // store copies as it keeps them: IndexedDB into the browser's blob storage, a disk store as base64.
    const { chunkSize } = manifest;
    const { pieceChunks } = entry.record;
    const pieces = pieceCount(entry.record);
    await Promise.all(
      Array.from({ length: pieces }, async (_, n) => {
        await this.#tracked(entry, this.#write(pieceKey(manifest.digest, n), file.slice(n * pieceChunks * chunkSize, (n + 1) * pieceChunks * chunkSize)));
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

  /**
   * A complete file, as a Blob made of its stored pieces (from IndexedDB, nothing is read until it
   * is; a store that keeps bytes otherwise, such as the virtual client's disk, reads them now). Its type
   * is always `application/octet-stream`: the manifest's type is the sender's word (see preview.ts).
   */
  async get(digest: string): Promise<Blob | undefined> {
    const entry = (await this.#entries()).get(digest);
    if (!entry?.record.complete) return undefined;
    const { manifest } = entry.record;
    const pieces = await Promise.all(Array.from({ length: pieceCount(entry.record) }, (_, n) => this.#kv.getItem<Blob>(pieceKey(digest, n))));
    if (!pieces.every((piece): piece is Blob => piece instanceof Blob)) throw new FileError('storage', `a piece of ${manifest.digest} is missing from the store`);
    return new Blob(pieces, { type: DOWNLOAD_TYPE });
  }

  async delete(digest: string): Promise<void> {
    const entries = await this.#entries();
    const entry = entries.get(digest);
    if (entry) await this.#drop(entries, entry, new FileError('cancelled', `${digest} was deleted`));
  }

  /**
   * Makes a file the user's (asked for, or pinned): it leaves the push quota and no push evicts
   * it. False when the store has no such file, complete or partial.
   */
  async keep(digest: string): Promise<boolean> {
    const entry = (await this.#entries()).get(digest);
    if (!entry) return false;
    await this.#keepEntry(entry);
    return true;
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

  /** Bytes of pushed files nobody asked for, from `sender` or from everyone. */
  async pushUsage(sender?: string): Promise<number> {
    let total = 0;
    for (const { record } of (await this.#entries()).values()) {
      if (record.pushedBy !== undefined && (sender === undefined || record.pushedBy === sender)) total += record.manifest.size;
    }
    return total;
  }

  /**
   * A download of `manifest`: continues a partial one kept with the same chunks, or starts over.
   * Throws `quota` when the store has no room for it, even after evicting pushes it may evict.
   */
  async download(manifest: Manifest, options: DownloadOptions = {}): Promise<Download> {
    const entries = await this.#entries();
    let entry = entries.get(manifest.digest);
    if (entry && !sameChunks(entry.record.manifest, manifest)) {
      if (entry.record.complete) throw new FileError('storage', `${manifest.digest} is already complete, with other chunks`);
      await this.#drop(entries, entry, new FileError('cancelled', `${manifest.digest} is being downloaded with other chunks`));
      entry = undefined;
    }
    // The record is written while the first chunks are asked for; pieces and finish() wait for it.
    let begun: { entry: Entry; recorded: Promise<void> };
    if (entry) {
      // Resumed: young again, and the user's once the user asks for it.
      const now = this.#now();
      entry.touched = now;
      const { pushedBy, ...record } = entry.record;
      entry.record = { ...record, touched: now, ...(pushedBy !== undefined && options.pushedBy !== undefined ? { pushedBy } : {}) };
      begun = { entry, recorded: this.#writeRecord(entry) };
    } else {
      begun = this.#begin(entries, manifest, options.pushedBy);
    }
    const kept = begun.entry;
    return new PieceDownload(this.#kv, kept, begun.recorded, {
      complete: () => this.#complete(kept),
      discard: () => this.#drop(entries, kept, new FileError('cancelled', `${manifest.digest} was discarded`)),
      touch: () => (kept.touched = this.#now()),
      track: (write) => this.#tracked(kept, write),
    });
  }

  /** Chunks of a complete file, read a piece at a time. */
  async reader(digest: string): Promise<ChunkReader | undefined> {
    const entry = (await this.#entries()).get(digest);
    return entry?.record.complete ? new PieceReader(this.#kv, entry.record) : undefined;
  }

  /**
   * Drops every partial file nothing arrived for in `partialMaxAgeMs` (also done on open and
   * whenever a new file is begun). Resolves to their digests once they are gone from the store.
   */
  async expirePartials(): Promise<string[]> {
    const entries = await this.#entries();
    const expired = this.#expired(entries);
    await Promise.all(expired.map((entry) => this.#drop(entries, entry, this.#expiry(entry))));
    return expired.map((entry) => entry.record.manifest.digest);
  }

  #expired(entries: Map<string, Entry>): Entry[] {
    return expiredPartials(entries.values(), this.#now() - this.#partialMaxAgeMs);
  }

  #expiry(entry: Entry): FileError {
    return new FileError('expired', `nothing of ${entry.record.manifest.digest} arrived for ${this.#partialMaxAgeMs} ms: the partial file was dropped`);
  }

  /**
   * Makes room for a new file (dropping expired partial files, and evicting pushes if need be)
   * and starts writing its record. Throws `quota` when there is no room, having evicted nothing.
   */
  #begin(entries: Map<string, Entry>, manifest: Manifest, pushedBy: string | undefined): { entry: Entry; recorded: Promise<void> } {
    const stale = this.#expired(entries);
    const victims = roomFor(entries.values(), manifest.size, pushedBy, new Set(stale), { maxBytes: this.#maxBytes, pushQuota: this.#pushQuota, pushPerSender: this.#pushPerSender });
    const removals = [
      ...stale.map((entry) => this.#drop(entries, entry, this.#expiry(entry))),
      ...victims.map((entry) => this.#evict(entries, entry)),
      this.#removals.get(manifest.digest),
    ];
    const now = this.#now();
    const record: FileRecord = { manifest, complete: false, pieceChunks: Math.max(1, Math.floor(this.#pieceBytes / manifest.chunkSize)), added: now, touched: now, ...(pushedBy !== undefined ? { pushedBy } : {}) };
    const entry: Entry = { record, pieces: new Set(), touched: now, writing: new Set() };
    entries.set(manifest.digest, entry);
    // A failed removal leaves bytes behind but must not fail the new file: the next open sweeps them.
    return { entry, recorded: Promise.allSettled(removals).then(() => this.#writeRecord(entry)) };
  }

  #evict(entries: Map<string, Entry>, entry: Entry): Promise<void> {
    const { manifest, pushedBy = '' } = entry.record;
    const reason = new FileError('quota', `${manifest.digest}, pushed by ${pushedBy}, was evicted to make room`);
    const removal = this.#drop(entries, entry, reason);
    this.emit('evicted', { digest: manifest.digest, pushedBy, reason });
    return removal;
  }

  /**
   * Takes an entry out of the index and its record and pieces out of the store, once its writes
   * in flight have landed. A download of it still running fails with `reason`. Once per entry.
   */
  #drop(entries: Map<string, Entry>, entry: Entry, reason: FileError): Promise<void> {
    const { digest } = entry.record.manifest;
    if (entry.gone) return this.#removals.get(digest) ?? Promise.resolve();
    entry.gone = reason;
    if (entries.get(digest) === entry) entries.delete(digest);
    const earlier = this.#removals.get(digest);
    const removal = (async () => {
      await Promise.allSettled([earlier, ...entry.writing]);
      const pieces = Array.from({ length: pieceCount(entry.record) }, (_, n) => this.#kv.removeItem(pieceKey(digest, n)));
      await Promise.all([this.#kv.removeItem(fileKey(digest)), ...pieces]);
    })().catch((error: unknown) => {
      throw asFileError(error);
    });
    this.#removals.set(digest, removal);
    const settled = () => {
      if (this.#removals.get(digest) === removal) this.#removals.delete(digest);
    };
    removal.then(settled, settled);
    return removal;
  }

  async #keepEntry(entry: Entry): Promise<void> {
    if (entry.record.pushedBy === undefined) return;
    const { pushedBy: _pushedBy, ...record } = entry.record;
    entry.record = record;
    await this.#writeRecord(entry);
  }

  async #complete(entry: Entry): Promise<void> {
    entry.record = { ...entry.record, complete: true };
    await this.#writeRecord(entry);
  }

  #writeRecord(entry: Entry): Promise<void> {
    if (entry.gone) return Promise.reject(entry.gone);
    return this.#tracked(entry, this.#write(fileKey(entry.record.manifest.digest), entry.record));
  }

  /** A write of `entry`'s that its removal waits for. */
  #tracked<T>(entry: Entry, write: Promise<T>): Promise<T> {
    entry.writing.add(write);
    const settled = () => entry.writing.delete(write);
    write.then(settled, settled);
    return write;
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
          if (!record || !isDigest(record.manifest?.digest)) return;
          // Records from before partial files aged count as untouched since the epoch.
          const touched = Number.isFinite(record.touched) ? record.touched : 0;
          entries.set(record.manifest.digest, { record: { ...record, added: Number.isFinite(record.added) ? record.added : 0, touched }, pieces: new Set(), touched, writing: new Set() });
        }),
    );
    // Pieces whose record is gone (a crash or a failed removal) are nobody's: they go now.
    const orphans: string[] = [];
    for (const key of keys) {
      if (!key.startsWith(PIECE_KEY)) continue;
      const [digest, piece] = key.slice(PIECE_KEY.length).split('/');
      const entry = entries.get(digest!);
      if (entry) entry.pieces.add(Number(piece));
      else orphans.push(key);
    }
    // A removal that fails leaves bytes for the next open to sweep; the store still opens.
    const expired = this.#expired(entries);
    await Promise.allSettled([...orphans.map((key) => this.#kv.removeItem(key)), ...expired.map((entry) => this.#drop(entries, entry, this.#expiry(entry)))]);
    return entries;
  }
}
