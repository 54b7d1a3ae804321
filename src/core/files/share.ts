/**
 * Sharing over a group of peers: FileShare asks linked peers for files by digest and serves what
 * its FileStore holds, on the group's named channel FILE_CHANNEL. This is the façade; the work is
 * done by
 *   channel.ts  the file channel, and the session with each peer on it: its hello, its lifetime
 *   sender.ts   serving chunks: round-robin between transfers, under the high-water mark
 *   fetcher.ts  asking holders for a file: the manifest, windows of chunks, checks, retries, resuming
 *   push.ts     offers and pushes of small files: the slots, and one sender's share of them
 */
import { FileError } from './errors.js';
import { FileChannels, type FileGroup, type PeerChannel, type PeerControl } from './channel.js';
import type { EmitFileEvent, FileOffer, FileShareEventMap } from './events.js';
import { FileFetcher } from './fetcher.js';
import { DEFAULT_CHUNK_BYTES, DIGEST, type Manifest } from './manifest.js';
import { FilePushes } from './push.js';
import { FileSender } from './sender.js';
import type { AddOptions, FileStore } from './store.js';
import { Emitter } from '../util/events.js';

/**
 * @deprecated Use FileGroup, the part of PeerGroup files need. Kept so that code naming the old
 * interface compiles; it is the same type.
 */
export type FileRoom = FileGroup;

export interface FileShareOptions {
  /** A `Room` or a `Pairing` (a PeerGroup with named channels): its `peer` events say when a link is up. */
  readonly room: FileGroup;
  readonly store: FileStore;
  /** Larger files are neither shared nor fetched (`too-large`). Default 100 MiB. */
  readonly maxFileBytes?: number;
  /** Chunk size of files shared from here. Default 64 KiB. */
  readonly chunkSize?: number;
  /** Files up to this size are offered to linked peers when shared. Default 1 MiB; 0: no push. */
  readonly pushMaxBytes?: number;
  /**
   * Offers out at once (each slot held until the offer is declined, times out, its peer goes, or
   * the push it started ends), and, separately, pushes received at once. Default 3. One sender's pushes take
   * at most all but one of the receiving slots (at least one), so one sender cannot take every
   * slot. What pushes may keep is the store's push quota (FileStoreOptions).
   */
  readonly pushPeers?: number;
  /**
   * Which offered files to take. Default: those up to `pushMaxBytes`. An offer larger than the
   * store's push quota for one sender is declined whatever this says.
   */
  readonly wantPush?: (offer: FileOffer) => boolean;
  /** Transfers served to one peer at once; more are refused (`busy`). Default 4. */
  readonly maxTransfersPerPeer?: number;
  /** Bytes asked for ahead of what has arrived. Default 8 MiB. */
  readonly windowBytes?: number;
  /**
   * File frames wait before going to a link whose send buffer holds more than this many bytes.
   * Default: the group's (1 MiB; see SendOptions in session/channels.ts). The buffer is the
   * link's, shared with chat and the app's messages, which wait behind it.
   */
  readonly highWaterMark?: number;
  /** A peer silent this long about a request is given up on (`timeout`). Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** How long a fetch waits for a peer that has the file to (re)appear. Default 30 s. */
  readonly waitMs?: number;
}

const malformedDigest = () => Promise.reject(new FileError('malformed', 'a digest is 64 lowercase hex digits'));
const closedShare = () => Promise.reject(new FileError('cancelled', 'this FileShare is closed'));

/**
 * Shares and fetches files by digest with the peers of a group. One per group at a time: it owns
 * the group's FILE_CHANNEL.
 */
export class FileShare extends Emitter<FileShareEventMap> {
  readonly #store: FileStore;
  readonly #maxFileBytes: number;
  readonly #chunkSize: number;
  readonly #channels: FileChannels;
  readonly #sender: FileSender;
  readonly #fetcher: FileFetcher;
  readonly #pushes: FilePushes;
  #closed = false;

  constructor(options: FileShareOptions) {
    super();
    const emit: EmitFileEvent = (type, detail) => this.emit(type, detail);
    const { store } = options;
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#store = store;
    this.#maxFileBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
    this.#chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
    const channels = (this.#channels = new FileChannels(
      options.room,
      {
        hello: (pc, fresh) => this.#onHello(pc, fresh),
        control: (pc, frame) => this.#onControl(pc, frame),
        chunk: (pc, frame) => this.#fetcher.onChunk(pc, frame),
        forget: (pc, why) => this.#forget(pc, why),
      },
      emit,
      options.highWaterMark,
    ));
    this.#fetcher = new FileFetcher({
      store,
      channels,
      emit,
      maxFileBytes: this.#maxFileBytes,
      windowBytes: options.windowBytes ?? 8 * 1024 * 1024,
      requestTimeoutMs,
      waitMs: options.waitMs ?? 30_000,
    });
    this.#pushes = new FilePushes({
      store,
      channels,
      fetcher: this.#fetcher,
      emit,
      maxFileBytes: this.#maxFileBytes,
      pushMaxBytes: options.pushMaxBytes ?? 1024 * 1024,
      pushPeers: Math.max(1, options.pushPeers ?? 3),
      wantPush: options.wantPush,
      requestTimeoutMs,
    });
    this.#sender = new FileSender({
      store,
      channels,
      emit,
      maxTransfersPerPeer: options.maxTransfersPerPeer ?? 4,
      claimOffer: (peer, digest) => this.#pushes.claim(peer, digest),
      releaseOffer: (peer, digest) => this.#pushes.release(peer, digest),
    });
    channels.start();
  }

  get store(): FileStore {
    return this.#store;
  }

  /** Peers whose FileShare said hello over the link that is up to them. */
  get peers(): string[] {
    return this.#channels.ready;
  }

  /** Keeps a file (digest computed here) and offers it to linked peers when it is small enough. */
  async share(file: Blob, options: Omit<AddOptions, 'maxFileBytes' | 'chunkSize'> = {}): Promise<Manifest> {
    const manifest = await this.#store.add(file, { ...options, chunkSize: this.#chunkSize, maxFileBytes: this.#maxFileBytes });
    if (!this.#closed) this.#pushes.offer(manifest);
    return manifest;
  }

  /**
   * A file by digest: from the store, or from whichever linked peer has it (`from` is asked
   * first). Survives dropped links, resuming with the chunks still missing. The file is the
   * user's from then on: a push of it leaves the push quota, and no push evicts it. The Blob is
   * `application/octet-stream` whatever the sender declared (see preview.ts). Rejects with a
   * FileError: `unknown-digest` (the peers asked do not have it), `unavailable` (no peer to ask
   * within `waitMs`), `too-large`, `bad-digest`, `cancelled`, `quota`, `expired`, `storage`, or
   * `offer-mismatch` (it was being pushed, and its sender's manifest differed from its offer).
   */
  fetch(digest: string, options: { readonly from?: string } = {}): Promise<Blob> {
    if (!DIGEST.test(digest)) return malformedDigest();
    if (this.#closed) return closedShare();
    return this.#fetcher.request(digest, options.from);
  }

  /**
   * A file fetched because something the user did not ask for names it (a message shown in a
   * chat): like fetch(), but not the user's. Until fetch() or the store's `keep()` makes it so, it
   * lives in the store's push quota charged to `for` (the message's author, whose share bounds
   * what its messages can make this peer keep), and may be evicted oldest first. A file already
   * kept stays as it is. Rejects as fetch() does; `quota` when it is larger than one sender's share.
   */
  prefetch(digest: string, options: { readonly for: string; readonly from?: string }): Promise<Blob> {
    if (!DIGEST.test(digest)) return malformedDigest();
    if (this.#closed) return closedShare();
    return this.#fetcher.prefetch(digest, options.for, options.from);
  }

  /** Stops fetching `digest` (what arrived is kept: a later fetch resumes) and stops sending it. */
  cancel(digest: string): void {
    this.#fetcher.cancel(digest);
    this.#sender.cancel(digest);
    this.#pushes.cancel(digest);
  }

  /**
   * Stops everything: fetches reject with `cancelled`, peers are told. Resolves once what was
   * received is in the store (a later fetch, after a reload too, resumes from it). The channel
   * stays with the group: a new FileShare on it takes it over.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const writing = this.#fetcher.flushed();
    for (const digest of this.#fetcher.digests) this.cancel(digest);
    this.#sender.close();
    this.#channels.close();
    this.#pushes.close();
    await writing;
  }

  #onHello(pc: PeerChannel, fresh: boolean): void {
    if (fresh) this.emit('peer', { id: pc.peer });
    this.#fetcher.hello(pc.peer);
    this.#pushes.sendOffers();
  }

  /** Ends what this side had going with a peer: its session ended, or its FileShare started over. */
  #forget(pc: PeerChannel, why: string): void {
    this.#sender.forget(pc, why);
    this.#pushes.forget(pc.peer);
    this.#fetcher.forget(pc.peer);
  }

  async #onControl(pc: PeerChannel, frame: PeerControl): Promise<void> {
    switch (frame.t) {
      case 'ask':
        this.#channels.send(pc, { t: 'have', d: frame.d, ok: await this.#store.has(frame.d) });
        return;
      case 'have':
        return this.#fetcher.onHave(pc.peer, frame.d, frame.ok);
      case 'get':
        return this.#sender.serve(pc, frame.id, frame.d, frame.held ?? 0);
      case 'want':
        return this.#sender.want(pc, frame.id, frame.i);
      case 'cancel':
      case 'done':
        return this.#sender.end(pc, frame.id, frame.t === 'done' ? undefined : (frame.code ?? 'cancelled'));
      case 'offer':
        return this.#pushes.onOffer(pc, { digest: frame.d, size: frame.size, name: frame.name, type: frame.type, from: pc.peer });
      case 'decline':
        return this.#pushes.release(pc.peer, frame.d);
      case 'manifest':
        return this.#fetcher.onManifest(pc, frame.id, frame.m);
      case 'error':
        return this.#fetcher.onRemoteError(pc, frame.id, frame.code, frame.message);
    }
  }
}
