/**
 * Files by digest kept in a KeyValueStore: a record per file and its bytes in pieces. What a
 * download receives is kept as it arrives, so a dropped link or a reload loses at most a piece.
 *
 * Room is bounded three ways, so no peer can fill the device. All files together stay under
 * `maxBytes`. Files nobody asked for (a peer pushed them, or they were fetched only because a
 * message named them) live in a quota of their own, in all and per sender (the pusher, or the
 * message's author); the oldest go first to make room for a newer push (a sender's own first, once it is
 * at its share) or for the user's files, which pushes never evict. And a partial file nothing
 * arrived for in `partialMaxAgeMs` is dropped: when the store opens and whenever a download begins.
 */
import type { KeyValueStore } from '../platform/storage.js';
import { FileError, asFileError } from './errors.js';
import { DEFAULT_CHUNK_BYTES, MAX_TEXT, chunkCount, chunkLength, chunkSizeFor, isDigest, sameChunks, sha256Hex, type Manifest } from './manifest.js';
import { DOWNLOAD_TYPE } from './preview.js';

export interface FileStoreOptions {
  /** Bytes kept in all, complete and partial files together (a partial one counts in full). Default 1 GiB. */
  readonly maxBytes?: number;
  /**
   * Bytes per stored record. IndexedDB pays per record (measured: 50 MB as 64 KiB records took
   * 15× longer to write than as 4 MiB ones), so chunks are kept together in pieces; a reload loses
   * at most the piece being filled. Default 4 MiB.
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

interface FileRecord {
  readonly manifest: Manifest;
  readonly complete: boolean;
  /** Chunks per stored piece, fixed when the file was first stored. */
  readonly pieceChunks: number;
  /** When it was first stored (ms): pushes are evicted oldest first. */
  readonly added: number;
  /** When a download of it last began or resumed (ms): a partial file's age after a reload. */
  readonly touched: number;
  /** The peer that pushed it while nobody asked for it; absent for files added here or asked for. */
  readonly pushedBy?: string;
}

interface Entry {
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

const FILE_KEY = 'file/';
const PIECE_KEY = 'piece/';
const fileKey = (digest: string) => FILE_KEY + digest;
const pieceKey = (digest: string, piece: number) => `${PIECE_KEY}${digest}/${piece}`;
const pieceCount = ({ manifest, pieceChunks }: FileRecord) => Math.ceil(manifest.chunks.length / pieceChunks);

/**
 * Files by digest, in any KeyValueStore (`browserStore('files')` keeps them in IndexedDB): a
 * record per file (its manifest, complete or not) and its bytes in pieces of several chunks.
 * One FileStore per store at a time: it keeps an index of what is there in memory.
 */
export class FileStore extends EventTarget {
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
    const bytes = new Uint8Array(await file.arrayBuffer());
    const count = chunkCount(size, chunkSize);
    const [digest, ...chunks] = await Promise.all([sha256Hex(bytes), ...Array.from({ length: count }, (_, i) => sha256Hex(bytes.subarray(i * chunkSize, (i + 1) * chunkSize)))]);
    const name = (options.name ?? (file as Partial<File>).name ?? '').slice(0, MAX_TEXT);
    const manifest: Manifest = { digest: digest!, size, name, type: (options.type ?? file.type).slice(0, MAX_TEXT), chunkSize, chunks };
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
    // The bytes go in as slices of the Blob itself: no copy of the file in script memory.
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
   * A complete file, as a Blob made of its stored pieces (nothing is read until it is). Its type
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
   * whenever a download begins). Resolves to their digests once they are gone from the store.
   */
  async expirePartials(): Promise<string[]> {
    const entries = await this.#entries();
    const expired = this.#expired(entries);
    await Promise.all(expired.map((entry) => this.#drop(entries, entry, this.#expiry(entry))));
    return expired.map((entry) => entry.record.manifest.digest);
  }

  #expired(entries: Map<string, Entry>): Entry[] {
    const cutoff = this.#now() - this.#partialMaxAgeMs;
    return [...entries.values()].filter((entry) => !entry.record.complete && entry.touched < cutoff);
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
    const victims = this.#roomFor(entries, manifest.size, pushedBy, new Set(stale));
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

  /**
   * The pushes to evict so that `size` more bytes fit: for a push, within its sender's share and
   * the push quota; for any file, within `maxBytes`. Oldest pushes first; never a file the user
   * added or asked for. Throws `quota` when even that is not enough.
   */
  #roomFor(entries: Map<string, Entry>, size: number, pushedBy: string | undefined, leaving: ReadonlySet<Entry>): Entry[] {
    if (pushedBy !== undefined && size > this.#pushPerSender) throw new FileError('quota', `a push of ${size} bytes; one sender's pushes may hold ${this.#pushPerSender}`);
    let used = 0;
    let pushed = 0;
    let bySender = 0;
    const pushes: Entry[] = [];
    for (const entry of entries.values()) {
      if (leaving.has(entry)) continue;
      const { manifest, pushedBy: sender } = entry.record;
      used += manifest.size;
      if (sender === undefined) continue;
      pushes.push(entry);
      pushed += manifest.size;
      if (sender === pushedBy) bySender += manifest.size;
    }
    pushes.sort((a, b) => a.record.added - b.record.added);
    const victims = new Set<Entry>();
    const evictWhile = (over: () => boolean, which: (entry: Entry) => boolean) => {
      for (const entry of pushes) {
        if (!over()) return;
        if (victims.has(entry) || !which(entry)) continue;
        victims.add(entry);
        used -= entry.record.manifest.size;
        pushed -= entry.record.manifest.size;
        if (entry.record.pushedBy === pushedBy) bySender -= entry.record.manifest.size;
      }
    };
    if (pushedBy !== undefined) {
      evictWhile(() => bySender + size > this.#pushPerSender, (entry) => entry.record.pushedBy === pushedBy);
      evictWhile(() => pushed + size > this.#pushQuota, () => true);
    }
    evictWhile(() => used + size > this.#maxBytes, () => true);
    if (used + size > this.#maxBytes) throw new FileError('quota', `no room for ${size} bytes: ${used} of ${this.#maxBytes} in use`);
    return [...victims];
  }

  #evict(entries: Map<string, Entry>, entry: Entry): Promise<void> {
    const { manifest, pushedBy = '' } = entry.record;
    const reason = new FileError('quota', `${manifest.digest}, pushed by ${pushedBy}, was evicted to make room`);
    const removal = this.#drop(entries, entry, reason);
    this.dispatchEvent(new CustomEvent('evicted', { detail: { digest: manifest.digest, pushedBy, reason } }));
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
  /** The file's record is written: pieces follow it into the store. */
  readonly #recorded: Promise<void>;
  #heldBytes = 0;
  #failure: FileError | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly entry: Entry,
    recorded: Promise<void>,
    private readonly on: { complete(): Promise<void>; discard(): Promise<void>; touch(): void; track(write: Promise<void>): Promise<void> },
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
