/**
 * Sharing over a room: FileShare asks linked peers for files by digest and serves what its
 * FileStore holds, over the FILE_CHANNEL of every link.
 */
import { FileError, asFileError, type FileErrorCode } from './errors.js';
import { DEFAULT_CHUNK_BYTES, DIGEST, chunkLength, sameChunks, sha256Hex, type Manifest } from './manifest.js';
import type { AddOptions, ChunkReader, Download, FileStore } from './store.js';
import {
  FILE_CHANNEL,
  FILE_PROTOCOL,
  chunkFrameBuffer,
  decodeManifest,
  encodeChunkFrame,
  encodeControl,
  encodeManifest,
  parseChunkFrame,
  parseControl,
  rangesOf,
  type Control,
  type OutgoingControl,
} from './wire.js';

/** What FileShare needs from a room: its peers, link-up events and a channel per bound link. */
export interface FileRoom extends EventTarget {
  readonly peers: readonly string[];
  /** A negotiated data channel on the bound link to `peer`; undefined while there is none. */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined;
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
  /**
   * Offers (and the pushes they start) in flight at once, sending or receiving. Default 3. One
   * sender's pushes take at most all but one of them (at least one), so one sender cannot take
   * every slot. What pushes may keep is the store's push quota (FileStoreOptions).
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
  /** The offer a push answers: its sender's manifest must say the same, and only it is asked. */
  readonly offer: FileOffer | undefined;
  /** Asked for through fetch(), not only pushed or prefetched: the store keeps it as the user's. */
  requested: boolean;
  /** Whom the store charges while nobody asked for it: the pusher, or the author prefetch() named. */
  readonly unaskedBy: string | undefined;
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
/** Late frames for transfers that ended are dropped quietly; this many ended ids are remembered. */
const RETIRED_IDS = 256;

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
  /** Pushes being received, by sender. */
  readonly #pushing = new Map<string, number>();
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
   * first). Survives dropped links, resuming with the chunks still missing. The file is the
   * user's from then on: a push of it leaves the push quota, and no push evicts it. The Blob is
   * `application/octet-stream` whatever the sender declared (see preview.ts). Rejects with a
   * FileError: `unknown-digest` (the peers asked do not have it), `unavailable` (no peer to ask
   * within `waitMs`), `too-large`, `bad-digest`, `cancelled`, `quota`, `expired`, `storage`, or
   * `offer-mismatch` (it was being pushed, and its sender's manifest differed from its offer).
   */
  fetch(digest: string, options: { readonly from?: string } = {}): Promise<Blob> {
    if (!DIGEST.test(digest)) return Promise.reject(new FileError('malformed', 'a digest is 64 lowercase hex digits'));
    if (this.#closed) return Promise.reject(new FileError('cancelled', 'this FileShare is closed'));
    const running = this.#fetches.get(digest);
    if (running) {
      if (!running.requested) {
        // A push being received is the user's now: out of the push quota, if the store has it yet.
        running.requested = true;
        this.#store.keep(digest).catch((error: unknown) => {
          const failure = asFileError(error);
          this.#emit('error', { code: failure.code, message: failure.message, digest, direction: 'receive' });
        });
        // Any peer may give it now, not only its sender.
        this.#advance(running);
      }
      return running.promise;
    }
    return this.#fetch(digest, options.from, undefined, undefined);
  }

  /**
   * A file fetched because something the user did not ask for names it (a message shown in a
   * chat): like fetch(), but not the user's. Until fetch() or the store's `keep()` makes it so, it
   * lives in the store's push quota charged to `for` (the message's author, whose share bounds
   * what its messages can make this peer keep), and may be evicted oldest first. A file already
   * kept stays as it is. Rejects as fetch() does; `quota` when it is larger than one sender's share.
   */
  prefetch(digest: string, options: { readonly for: string; readonly from?: string }): Promise<Blob> {
    if (!DIGEST.test(digest)) return Promise.reject(new FileError('malformed', 'a digest is 64 lowercase hex digits'));
    if (this.#closed) return Promise.reject(new FileError('cancelled', 'this FileShare is closed'));
    return this.#fetches.get(digest)?.promise ?? this.#fetch(digest, options.from, undefined, options.for);
  }

  /**
   * Starts fetching `digest`: asked for by the user, or not (charged to `unaskedBy`): pushed by
   * the sender of `offer`, or prefetched for a message's author.
   */
  #fetch(digest: string, from: string | undefined, offer: FileOffer | undefined, unaskedBy: string | undefined): Promise<Blob> {
    let resolve!: (blob: Blob) => void;
    let reject!: (error: FileError) => void;
    const promise = new Promise<Blob>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const fetch: Fetch = { digest, from, offer, requested: unaskedBy === undefined, unaskedBy, promise, resolve, reject, settled: false, asked: new Map(), willing: [], refused: new Set(), excluded: new Set(), verifying: new Set(), dropped: false };
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
      channel = this.#room.dataChannel(peer, FILE_CHANNEL.label, FILE_CHANNEL.id);
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
      frame: chunkFrameBuffer(),
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

  #send(pc: PeerChannel, frame: OutgoingControl): boolean {
    if (pc.channel.readyState !== 'open') return false;
    try {
      pc.channel.send(encodeControl(frame));
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
        channel.send(encodeChunkFrame(pc.frame, serving.id, index, chunk));
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
    const { perSenderBytes } = this.#store.pushQuota;
    if (offer.size > perSenderBytes) {
      this.#emit('error', { code: 'quota', message: `${pc.peer} offered ${offer.size} bytes; one sender's pushes may hold ${perSenderBytes}`, peer: pc.peer, digest: offer.digest, direction: 'receive' });
      return decline();
    }
    if (this.#fetches.has(offer.digest) || offer.size > this.#maxFileBytes || !this.#pushSlotFor(pc.peer)) return decline();
    let wanted: boolean;
    try {
      wanted = this.#wantPush(offer) && !(await this.#store.has(offer.digest));
    } catch {
      wanted = false;
    }
    if (!wanted || this.#fetches.has(offer.digest) || !this.#pushSlotFor(pc.peer)) return decline();
    this.#pushing.set(pc.peer, (this.#pushing.get(pc.peer) ?? 0) + 1);
    this.#fetch(offer.digest, pc.peer, offer, offer.from)
      .catch(() => undefined)
      .finally(() => {
        const left = (this.#pushing.get(pc.peer) ?? 1) - 1;
        if (left > 0) this.#pushing.set(pc.peer, left);
        else this.#pushing.delete(pc.peer);
      });
  }

  /** Whether a push from `peer` may start: a slot is free, and `peer` does not hold its share of them. */
  #pushSlotFor(peer: string): boolean {
    let total = 0;
    for (const count of this.#pushing.values()) total += count;
    return total < this.#pushPeers && (this.#pushing.get(peer) ?? 0) < Math.max(1, this.#pushPeers - 1);
  }

  // -- fetching ---------------------------------------------------------------------------------

  async #begin(fetch: Fetch): Promise<void> {
    try {
      const kept = await this.#store.get(fetch.digest);
      if (kept) {
        if (fetch.requested) await this.#store.keep(fetch.digest);
        return this.#settle(fetch, kept);
      }
    } catch (error) {
      return this.#settle(fetch, asFileError(error));
    }
    this.#advance(fetch);
  }

  /** Finds the next peer to take the file from: asks who has it, then asks the first for it. */
  #advance(fetch: Fetch): void {
    if (fetch.settled || fetch.source) return;
    // A push nobody asked for comes from its sender or not at all.
    const askable = fetch.requested || !fetch.offer ? this.peers : this.peers.filter((peer) => peer === fetch.offer!.from);
    const usable = askable.filter((peer) => !fetch.excluded.has(peer) && !fetch.refused.has(peer));
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
      // What a peer offered is what it may send: not a byte more, nor another name or type.
      const { offer } = fetch;
      if (offer && offer.from === pc.peer && (manifest.size !== offer.size || manifest.name !== offer.name || manifest.type !== offer.type)) {
        throw new FileError('offer-mismatch', `offered ${offer.size} bytes "${offer.name}" (${offer.type}), then sent a manifest of ${manifest.size} bytes "${manifest.name}" (${manifest.type})`);
      }
    } catch (error) {
      return this.#sourceFailed(fetch, asFileError(error, 'malformed'));
    }
    if (fetch.download && !sameChunks(fetch.download.manifest, manifest)) fetch.download = undefined;
    let download: Download;
    try {
      download = fetch.download ?? (await this.#store.download(manifest, fetch.requested || fetch.unaskedBy === undefined ? {} : { pushedBy: fetch.unaskedBy }));
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
      // Evicted or expired meanwhile: the rest would be received for nothing.
      if (download.gone) {
        fetch.download = undefined;
        this.#dropSource(fetch, { exclude: false, cancel: download.gone.code, advance: false });
        return this.#settle(fetch, download.gone);
      }
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
