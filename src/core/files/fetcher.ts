/**
 * Fetching files from peers. A fetch asks the peers whose file session is up whether they hold the
 * file (`ask`/`have`; the peer it names is asked first), takes the manifest from one that does
 * (`get`, with the bytes already held), and asks it for the chunks still missing, a window at a
 * time (`want`, topped up once half the window has arrived). Each chunk is checked against the
 * manifest as it arrives: a bad one is asked for again, and after CHUNK_ATTEMPTS bad copies of
 * one chunk the peer is given up on for this file. A source that errs, stays silent past the
 * request timeout, or sends a file whose whole digest is wrong is dropped for another holder. A
 * source lost with its link is waited for (`waitMs`) to come back, or another holder to appear;
 * the chunks held survive, in memory and in the store, so whoever comes next sends only the rest.
 */
import { FileError, asFileError, type FileErrorCode } from './errors.js';
import { retiredIds, type FileChannels, type PeerChannel } from './channel.js';
import type { Download } from './download.js';
import type { EmitFileEvent, FileOffer } from './events.js';
import { Holders } from './holders.js';
import { chunkLength, sameChunks, sha256Hex, type Manifest } from './manifest.js';
import { Source } from './source.js';
import type { FileStore } from './store.js';
import type { BoundedSet } from '../util/bounded-map.js';
import { decodeManifest, parseChunkFrame, rangesOf } from './wire.js';

export interface FetcherOptions {
  readonly store: FileStore;
  readonly channels: FileChannels;
  readonly emit: EmitFileEvent;
  /** Larger files are not fetched (`too-large`). */
  readonly maxFileBytes: number;
  /** Bytes asked for ahead of what has arrived. */
  readonly windowBytes: number;
  /** A peer silent this long about a request is given up on (`timeout`). */
  readonly requestTimeoutMs: number;
  /** How long a fetch waits for a peer that has the file to (re)appear. */
  readonly waitMs: number;
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
  /** Who was asked whether they hold the file, and what they said. */
  readonly holders: Holders;
  /** Chunks being hashed. */
  readonly verifying: Set<number>;
  lastError?: FileError;
  /** The last source was lost with its link: worth waiting for it (or another) to come back. */
  dropped: boolean;
  waitTimer?: ReturnType<typeof setTimeout>;
}

/** Bad copies of one chunk a peer may send before it is given up on. */
const CHUNK_ATTEMPTS = 3;

export class FileFetcher {
  readonly #options: FetcherOptions;
  readonly #fetches = new Map<string, Fetch>();
  /** Our fetches by transfer id. */
  readonly #byId = new Map<number, Fetch>();
  #lastId = Math.floor(Math.random() * 0xffffffff);
  /** Per peer: our transfers with it that ended, whose late frames are dropped quietly. */
  readonly #retired = new WeakMap<PeerChannel, BoundedSet<number>>();

  constructor(options: FetcherOptions) {
    this.#options = options;
  }

  /** Whether `digest` is being fetched (asked for, pushed or prefetched). */
  has(digest: string): boolean {
    return this.#fetches.has(digest);
  }

  /** Digests being fetched. */
  get digests(): string[] {
    return [...this.#fetches.keys()];
  }

  /** Resolves once what every fetch received so far is in the store. */
  flushed(): Promise<void> {
    return Promise.all([...this.#fetches.values()].map((fetch) => fetch.download?.flushed())).then(() => undefined);
  }

  /** A fetch the user asked for (FileShare.fetch): a running push or prefetch of it becomes the user's. */
  request(digest: string, from: string | undefined): Promise<Blob> {
    const running = this.#fetches.get(digest);
    if (!running) return this.#start(digest, from, undefined, undefined);
    if (!running.requested) {
      // A push being received is the user's now: out of the push quota, if the store has it yet.
      running.requested = true;
      this.#options.store.keep(digest).catch((error: unknown) => {
        const failure = asFileError(error);
        this.#options.emit('error', { code: failure.code, message: failure.message, digest, direction: 'receive' });
      });
      // Any peer may give it now, not only its sender.
      this.#advance(running);
    }
    return running.promise;
  }

  /** A fetch nobody asked for, charged to `author` (FileShare.prefetch); a running fetch of it as it is. */
  prefetch(digest: string, author: string, from: string | undefined): Promise<Blob> {
    return this.#fetches.get(digest)?.promise ?? this.#start(digest, from, undefined, author);
  }

  /** Takes a push: the file `offer` names, from its sender only (until the user asks for it), charged to it. */
  push(offer: FileOffer): Promise<Blob> {
    return this.#start(offer.digest, offer.from, offer, offer.from);
  }

  /** Stops fetching `digest` (`cancelled`); what arrived is kept, so a later fetch resumes. */
  cancel(digest: string): void {
    const fetch = this.#fetches.get(digest);
    if (!fetch) return;
    if (fetch.source) this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
    this.#settle(fetch, new FileError('cancelled', `fetching ${digest} was cancelled`));
  }

  /** A session with a peer began (its hello), or its FileShare started over: it may be asked again. */
  hello(peer: string): void {
    for (const fetch of this.#fetches.values()) {
      fetch.holders.again(peer);
      this.#advance(fetch);
    }
  }

  /** The session with the peer ended or it started over: what was asked of it is asked of others. */
  forget(peer: string): void {
    for (const fetch of [...this.#fetches.values()]) {
      fetch.holders.forget(peer);
      if (fetch.source?.peer === peer) {
        fetch.dropped = true;
        this.#dropSource(fetch, { exclude: false });
      } else {
        this.#advance(fetch);
      }
    }
  }

  /** A `have`: whether `peer` holds `digest`, as asked. */
  onHave(peer: string, digest: string, ok: boolean): void {
    const fetch = this.#fetches.get(digest);
    if (fetch?.holders.answer(peer, ok)) this.#advance(fetch);
  }

  async onManifest(pc: PeerChannel, id: number, wire: Record<string, unknown>): Promise<void> {
    const fetch = this.#fetchFor(pc, id, 'a manifest');
    const source = fetch?.source;
    if (!fetch || !source) return;
    if (source.state !== 'manifest') throw new FileError('malformed', `a second manifest for transfer ${id}`);
    source.heard();
    let manifest: Manifest;
    try {
      manifest = decodeManifest(wire, this.#options.maxFileBytes);
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
      download = fetch.download ?? (await this.#options.store.download(manifest, fetch.requested || fetch.unaskedBy === undefined ? {} : { pushedBy: fetch.unaskedBy }));
    } catch (error) {
      if (fetch.source !== source) return;
      this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
      return this.#settle(fetch, asFileError(error));
    }
    if (fetch.source !== source || fetch.settled) return;
    fetch.download = download;
    source.state = 'chunks';
    source.queue = download.missing().filter((index) => !fetch.verifying.has(index));
    this.#options.emit('progress', { digest: fetch.digest, peer: pc.peer, direction: 'receive', bytes: download.heldBytes, total: manifest.size });
    this.#topUp(fetch);
  }

  onChunk(pc: PeerChannel, frame: Uint8Array): void {
    const { id, index, bytes } = parseChunkFrame(frame);
    const fetch = this.#fetchFor(pc, id, 'a chunk');
    if (!fetch) return;
    const { source, download } = fetch;
    if (!source || source.state !== 'chunks' || !download || !source.outstanding.delete(index)) throw new FileError('malformed', `chunk ${index} of transfer ${id} was not asked for`);
    source.heard();
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
        this.#options.emit('progress', { digest: fetch.digest, peer: pc.peer, direction: 'receive', bytes: download.heldBytes, total: manifest.size });
      } else {
        this.#badChunk(fetch, source, index);
      }
      this.#topUp(fetch);
    });
  }

  /** An `error` frame: about our transfer `id`, or (without one) about the session. */
  onRemoteError(pc: PeerChannel, id: number | undefined, code: FileErrorCode, message: string): void {
    if (id === undefined) {
      this.#options.emit('error', { code, message: `${pc.peer} says: ${message}`, peer: pc.peer });
      return;
    }
    const fetch = this.#fetchFor(pc, id, 'an error');
    if (!fetch) return;
    const failure = new FileError(code, `${pc.peer}: ${message}`);
    if (code === 'unknown-digest') {
      fetch.lastError = failure;
      fetch.holders.refuse(pc.peer);
      return this.#dropSource(fetch, { exclude: false });
    }
    this.#sourceFailed(fetch, failure);
  }

  /**
   * Starts fetching `digest`: asked for by the user, or not (charged to `unaskedBy`): pushed by
   * the sender of `offer`, or prefetched for a message's author.
   */
  #start(digest: string, from: string | undefined, offer: FileOffer | undefined, unaskedBy: string | undefined): Promise<Blob> {
    let resolve!: (blob: Blob) => void;
    let reject!: (error: FileError) => void;
    const promise = new Promise<Blob>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const fetch: Fetch = { digest, from, offer, requested: unaskedBy === undefined, unaskedBy, promise, resolve, reject, settled: false, holders: new Holders(), verifying: new Set(), dropped: false };
    this.#fetches.set(digest, fetch);
    void this.#begin(fetch);
    return promise;
  }

  /** A file the store holds settles at once (made the user's if asked for); otherwise peers are asked. */
  async #begin(fetch: Fetch): Promise<void> {
    const { store } = this.#options;
    try {
      const kept = await store.get(fetch.digest);
      if (kept) {
        if (fetch.requested) await store.keep(fetch.digest);
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
    const peers = this.#options.channels.ready;
    // A push nobody asked for comes from its sender or not at all.
    const askable = fetch.requested || !fetch.offer ? peers : peers.filter((peer) => peer === fetch.offer!.from);
    const { holders } = fetch;
    const usable = holders.usable(askable);
    const willing = holders.takeWilling(usable);
    if (willing !== undefined) return this.#startSource(fetch, willing);
    const preferred = fetch.from !== undefined && usable.includes(fetch.from) ? fetch.from : undefined;
    if (preferred !== undefined) {
      if (!holders.isAsked(preferred)) this.#ask(fetch, preferred);
      return;
    }
    for (const peer of usable) if (!holders.isAsked(peer)) this.#ask(fetch, peer);
    if (holders.asking > 0) return;
    // Nobody left to ask. Fails now if peers answered, unless the last source went with its link:
    // then, as when there is nobody to ask at all, wait a while for a peer with the file.
    if (holders.answered && !fetch.dropped) return this.#settle(fetch, this.#givingUp(fetch, 'unknown-digest'));
    fetch.waitTimer ??= setTimeout(() => {
      fetch.waitTimer = undefined;
      if (!fetch.source) this.#settle(fetch, this.#givingUp(fetch, 'unavailable'));
    }, this.#options.waitMs);
  }

  #givingUp(fetch: Fetch, code: FileErrorCode): FileError {
    const last = fetch.lastError;
    return new FileError(last?.code ?? code, `no linked peer could provide ${fetch.digest}${last ? `: ${last.message}` : ''}`);
  }

  #ask(fetch: Fetch, peer: string): void {
    const pc = this.#options.channels.get(peer);
    if (!pc || !this.#options.channels.send(pc, { t: 'ask', d: fetch.digest })) return;
    fetch.holders.ask(peer, this.#options.requestTimeoutMs, () => this.#advance(fetch));
  }

  #startSource(fetch: Fetch, peer: string): void {
    const pc = this.#options.channels.get(peer);
    if (!pc) return this.#advance(fetch);
    clearTimeout(fetch.waitTimer);
    fetch.waitTimer = undefined;
    fetch.dropped = false;
    this.#lastId = (this.#lastId + 1) >>> 0;
    const source = new Source(peer, this.#lastId);
    fetch.source = source;
    this.#byId.set(source.id, fetch);
    this.#options.channels.send(pc, { t: 'get', id: source.id, d: fetch.digest, held: fetch.download?.heldBytes ?? 0 });
    // Gives up on a source that stays silent about what was asked of it.
    const timeoutMs = this.#options.requestTimeoutMs;
    source.watch(timeoutMs, () => {
      if (fetch.source !== source) return;
      fetch.lastError = new FileError('timeout', `${source.peer} sent nothing for ${timeoutMs} ms`);
      this.#options.emit('error', { code: 'timeout', message: fetch.lastError.message, peer: source.peer, digest: fetch.digest, direction: 'receive' });
      this.#dropSource(fetch, { exclude: true, cancel: 'timeout' });
    });
  }

  #retiredOn(pc: PeerChannel): BoundedSet<number> {
    let retired = this.#retired.get(pc);
    if (!retired) this.#retired.set(pc, (retired = retiredIds()));
    return retired;
  }

  /** Our request `id` to `pc`, if it is the live one; undefined (after checks) for late frames. */
  #fetchFor(pc: PeerChannel, id: number, what: string): Fetch | undefined {
    const fetch = this.#byId.get(id);
    if (fetch?.source?.peer === pc.peer && fetch.source.id === id) return fetch;
    if (this.#retired.get(pc)?.has(id)) return undefined;
    throw new FileError('malformed', `${what} for transfer ${id}, which this side did not ask for`);
  }

  /** Asks for more chunks once half the window has arrived; finishes when nothing is missing. */
  #topUp(fetch: Fetch): void {
    const { source, download } = fetch;
    const pc = source && this.#options.channels.get(source.peer);
    if (!source || source.state !== 'chunks' || !download || !pc) return;
    const window = Math.max(2, Math.floor(this.#options.windowBytes / download.manifest.chunkSize));
    const picked = source.take(window, (index) => download.holds(index) || fetch.verifying.has(index));
    if (!picked) return;
    if (picked.length === 0) {
      if (source.queue.length === 0 && source.outstanding.size === 0 && fetch.verifying.size === 0) void this.#finish(fetch, source, download);
      return;
    }
    for (const ranges of rangesOf(picked)) this.#options.channels.send(pc, { t: 'want', id: source.id, i: ranges });
    source.heard();
  }

  /** A chunk that does not match the manifest: asked for again, from another peer after a few tries. */
  #badChunk(fetch: Fetch, source: Source, index: number): void {
    this.#options.emit('error', { code: 'bad-chunk', message: `chunk ${index} of ${fetch.digest} from ${source.peer} does not match its digest`, peer: source.peer, digest: fetch.digest, direction: 'receive', index });
    const failures = source.badCopy(index);
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
    source.stop();
    const pc = this.#options.channels.get(source.peer);
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
      this.#options.emit('error', { code: 'bad-digest', message: `from ${source.peer}: ${failure.message}`, peer: source.peer, digest: fetch.digest, direction: 'receive' });
      fetch.lastError = failure;
      if (fetch.source === source) this.#dropSource(fetch, { exclude: true, cancel: 'bad-digest' });
      return;
    }
    if (fetch.source === source) {
      this.#byId.delete(source.id);
      if (pc) {
        this.#retiredOn(pc).add(source.id);
        this.#options.channels.send(pc, { t: 'done', id: source.id });
      }
      fetch.source = undefined;
    }
    if (fetch.settled) return;
    this.#settle(fetch, blob);
    this.#options.emit('complete', { digest: fetch.digest, peer: source.peer, direction: 'receive', manifest: download.manifest });
  }

  #sourceFailed(fetch: Fetch, failure: FileError): void {
    const peer = fetch.source?.peer;
    fetch.lastError = failure;
    this.#options.emit('error', { code: failure.code, message: failure.message, ...(peer ? { peer } : {}), digest: fetch.digest, direction: 'receive' });
    this.#dropSource(fetch, { exclude: true, cancel: failure.code });
  }

  /** Lets go of the current source; `cancel` tells it why, `exclude` rules it out for this file. */
  #dropSource(fetch: Fetch, how: { exclude: boolean; cancel?: FileErrorCode; advance?: boolean }): void {
    const source = fetch.source;
    if (!source) return;
    source.stop();
    this.#byId.delete(source.id);
    fetch.source = undefined;
    const pc = this.#options.channels.get(source.peer);
    if (pc) {
      this.#retiredOn(pc).add(source.id);
      if (how.cancel) this.#options.channels.send(pc, { t: 'cancel', id: source.id, code: how.cancel });
    }
    if (how.exclude) fetch.holders.exclude(source.peer);
    if (how.advance !== false) this.#advance(fetch);
  }

  #settle(fetch: Fetch, outcome: Blob | FileError): void {
    if (fetch.settled) return;
    fetch.settled = true;
    if (this.#fetches.get(fetch.digest) === fetch) this.#fetches.delete(fetch.digest);
    fetch.holders.stop();
    clearTimeout(fetch.waitTimer);
    if (fetch.source) this.#dropSource(fetch, { exclude: false, cancel: 'cancelled', advance: false });
    if (outcome instanceof Blob) return fetch.resolve(outcome);
    this.#options.emit('error', { code: outcome.code, message: outcome.message, digest: fetch.digest, direction: 'receive' });
    fetch.reject(outcome);
  }
}
