/**
 * Pushes: small files offered to linked peers as they are shared, so a message's attachment is
 * there before anyone opens it.
 *
 * Sending: a file up to `pushMaxBytes` is offered to each peer whose file session is up, at most
 * `pushPeers` offers out at once. An offer's slot is freed by its `decline`, by the end of the
 * transfer its `get` opened, by the request timeout while unanswered, or when the peer's session ends.
 *
 * Receiving: an offer is taken when `wantPush` says so, the file is not here already, and a slot
 * is free: at most `pushPeers` pushes at once, one sender's at most all but one of them (at least
 * one), so one sender cannot take every slot. What pushes may keep is the store's push quota: an
 * offer larger than one sender's share of it is declined (`quota`) whatever `wantPush` says.
 */
import type { FileChannels, PeerChannel } from './channel.js';
import type { EmitFileEvent, FileOffer } from './events.js';
import type { FileFetcher } from './fetcher.js';
import type { Manifest } from './manifest.js';
import type { FileStore } from './store.js';

export interface PushOptions {
  readonly store: FileStore;
  readonly channels: FileChannels;
  readonly fetcher: FileFetcher;
  readonly emit: EmitFileEvent;
  /** Larger offers are declined. */
  readonly maxFileBytes: number;
  /** Files up to this size are offered when shared; 0: none. */
  readonly pushMaxBytes: number;
  /** Offers out at once, and pushes received at once. */
  readonly pushPeers: number;
  /** Which offered files to take. Default: those up to `pushMaxBytes`. */
  readonly wantPush: ((offer: FileOffer) => boolean) | undefined;
  /** An offer nobody answers frees its slot after this. */
  readonly requestTimeoutMs: number;
}

/** Offers out are keyed by peer and digest. */
const offerKey = (peer: string, digest: string) => `${peer}\n${digest}`;

export class FilePushes {
  readonly #options: PushOptions;
  readonly #wantPush: (offer: FileOffer) => boolean;
  /** Offers waiting for a slot. */
  readonly #queue: { readonly peer: string; readonly manifest: Manifest }[] = [];
  /** Offers out, with the timer that frees the slot (none once the offer was taken: its transfer holds it). */
  readonly #offers = new Map<string, ReturnType<typeof setTimeout> | undefined>();
  /** Pushes being received, by sender. */
  readonly #pushing = new Map<string, number>();

  constructor(options: PushOptions) {
    this.#options = options;
    this.#wantPush = options.wantPush ?? ((offer) => offer.size <= options.pushMaxBytes);
  }

  /** Offers a file just shared to every peer whose file session is up, if it is small enough. */
  offer(manifest: Manifest): void {
    if (manifest.size > this.#options.pushMaxBytes) return;
    for (const peer of this.#options.channels.ready) this.#queue.push({ peer, manifest });
    this.sendOffers();
  }

  /** Sends queued offers while slots are free. */
  sendOffers(): void {
    while (this.#offers.size < this.#options.pushPeers && this.#queue.length > 0) {
      const { peer, manifest } = this.#queue.shift()!;
      const pc = this.#options.channels.get(peer);
      const key = offerKey(peer, manifest.digest);
      if (!pc || !this.#options.channels.isUp(pc) || this.#offers.has(key)) continue;
      if (!this.#options.channels.send(pc, { t: 'offer', d: manifest.digest, size: manifest.size, name: manifest.name, type: manifest.type })) continue;
      this.#offers.set(
        key,
        setTimeout(() => this.#free(key), this.#options.requestTimeoutMs),
      );
    }
  }

  /** Whether `peer` asking for `digest` takes an offer of ours: if so, its slot stays taken until release(). */
  claim(peer: string, digest: string): boolean {
    const key = offerKey(peer, digest);
    if (!this.#offers.has(key)) return false;
    clearTimeout(this.#offers.get(key));
    this.#offers.set(key, undefined);
    return true;
  }

  /** The offer of `digest` to `peer` was declined, or its transfer ended: its slot is free. */
  release(peer: string, digest: string): void {
    this.#free(offerKey(peer, digest));
  }

  /** An offer from a peer: taken (fetched from it, charged to it) or declined. */
  async onOffer(pc: PeerChannel, offer: FileOffer): Promise<void> {
    const { channels, emit, fetcher, store } = this.#options;
    const decline = () => void channels.send(pc, { t: 'decline', d: offer.digest });
    const { perSenderBytes } = store.pushQuota;
    if (offer.size > perSenderBytes) {
      emit('error', { code: 'quota', message: `${pc.peer} offered ${offer.size} bytes; one sender's pushes may hold ${perSenderBytes}`, peer: pc.peer, digest: offer.digest, direction: 'receive' });
      return decline();
    }
    if (fetcher.has(offer.digest) || offer.size > this.#options.maxFileBytes || !this.#slotFor(pc.peer)) return decline();
    let wanted: boolean;
    try {
      wanted = this.#wantPush(offer) && !(await store.has(offer.digest));
    } catch {
      wanted = false;
    }
    if (!wanted || fetcher.has(offer.digest) || !this.#slotFor(pc.peer)) return decline();
    this.#pushing.set(pc.peer, (this.#pushing.get(pc.peer) ?? 0) + 1);
    fetcher
      .push(offer)
      .catch(() => undefined)
      .finally(() => {
        const left = (this.#pushing.get(pc.peer) ?? 1) - 1;
        if (left > 0) this.#pushing.set(pc.peer, left);
        else this.#pushing.delete(pc.peer);
      });
  }

  /** The session with the peer ended or it started over: offers out to it are over. */
  forget(peer: string): void {
    for (const key of [...this.#offers.keys()]) if (key.startsWith(`${peer}\n`)) this.#free(key);
  }

  /** `digest` is no longer offered to anyone not offered it yet. */
  cancel(digest: string): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]!.manifest.digest === digest) this.#queue.splice(i, 1);
  }

  close(): void {
    for (const timer of this.#offers.values()) clearTimeout(timer);
    this.#offers.clear();
    this.#queue.length = 0;
  }

  #free(key: string): void {
    if (!this.#offers.has(key)) return;
    clearTimeout(this.#offers.get(key));
    this.#offers.delete(key);
    this.sendOffers();
  }

  /** Whether a push from `peer` may start: a slot is free, and `peer` does not hold its share of them. */
  #slotFor(peer: string): boolean {
    let total = 0;
    for (const count of this.#pushing.values()) total += count;
    const { pushPeers } = this.#options;
    return total < pushPeers && (this.#pushing.get(peer) ?? 0) < Math.max(1, pushPeers - 1);
  }
}
