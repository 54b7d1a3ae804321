/**
 * The address book: peers this user has seen, with the key each one signs with and how much it
 * is trusted. It is the `KeyDirectory` that `open()` consults, so trust-on-first-use and
 * "known peers only" are enforced on every signal, after the signature verifies.
 *
 * TOFU binds a name to the first key seen with it, so the book must hold against strangers'
 * traffic (a member passing on envelopes from a thousand throwaway keys used to push the real
 * Alice out, after which an impostor "Alice" was the first key seen):
 * - a binding the user has seen is never evicted by newcomers: a trusted or blocked key, a key
 *   the user named, a peer the user was linked with (`linked()`);
 * - the rest ("heard of": signatures that reached us) make room for newcomers, and the pressure
 *   is bounded per sender and per room: past its share of the book, the newcomers one peer passes
 *   on (or one room brings) replace that peer's (room's) own earlier strangers, nobody else's;
 * - default names ("Anonymous", none) are not identities: two keys sharing one is not a key change.
 */
import { armorPublicKey } from './envelope.js';
import { readPublicKey, type PublicKeyInfo } from './openpgp/key.js';
import { browserStore, type KeyValueStore } from './storage.js';
import type { AdmitContext, KeyDirectory, TrustLevel, TrustPolicy, TrustRefusal } from './trust.js';

/** What sort of peer a key belongs to: a person's browser, a Node virtual client, a server. */
export type PeerKind = 'browser' | 'virtual' | 'server';

export interface KnownPeer {
  readonly fingerprint: string;
  readonly name: string;
  /** Armored public key. */
  readonly publicKey: string;
  readonly kind: PeerKind;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly trust: TrustLevel;
  /** Set when this key arrived under a name another key already had: the key it replaces. */
  readonly keyChangedFrom?: string;
  /** When a link with this peer was first made and bound: the user met them, not only heard of them. */
  readonly linkedAt?: number;
  /** The user gave this peer its name (rename). */
  readonly named?: true;
  /** The peer that first passed this key on (its owner, when it came directly), and the room. */
  readonly introducedBy?: string;
  readonly scope?: string;
}

/** Names a key carries when its owner chose none: shared by strangers, so not an identity. */
const PLACEHOLDER_NAMES = new Set(['', 'anonymous', 'peerkit virtual client']);

export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER_NAMES.has(name.trim().toLowerCase());
}

/** A binding the user has seen: never evicted by strangers' traffic. */
function isProtected(peer: KnownPeer): boolean {
  return peer.trust !== 'unknown' || peer.linkedAt !== undefined || peer.named === true;
}

export interface KeyChangedDetail {
  readonly name: string;
  readonly previous: string;
  readonly next: string;
}

export interface KeyringOptions {
  /** Default: IndexedDB `peerkit/keyring`. */
  readonly store?: KeyValueStore;
  /**
   * Upper bound on remembered strangers; the least recently seen make room. Peers the user has
   * seen (trusted, blocked, named, linked) always stay, up to twice this; past that, newcomers are
   * admitted without being recorded.
   */
  readonly maxPeers?: number;
}

/** lastSeen is only written back this often, so a busy peer does not cost a write per signal. */
const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export class Keyring extends EventTarget implements KeyDirectory {
  readonly #peers = new Map<string, KnownPeer>();
  readonly #parsed = new Map<string, Promise<PublicKeyInfo>>();

  private constructor(
    private readonly store: KeyValueStore,
    readonly maxPeers: number,
  ) {
    super();
  }

  static async open(options: KeyringOptions = {}): Promise<Keyring> {
    const store = options.store ?? (await browserStore('keyring'));
    const keyring = new Keyring(store, options.maxPeers ?? 1000);
    for (const fingerprint of await store.keys()) {
      const peer = await store.getItem<KnownPeer>(fingerprint);
      if (peer) keyring.#peers.set(fingerprint, peer);
    }
    return keyring;
  }

  get(fingerprint: string): KnownPeer | undefined {
    return this.#peers.get(fingerprint);
  }

  list(): KnownPeer[] {
    return [...this.#peers.values()].sort((a, b) => b.lastSeen - a.lastSeen);
  }

  async find(fingerprint: string): Promise<PublicKeyInfo | undefined> {
    const peer = this.#peers.get(fingerprint);
    if (!peer) return undefined;
    let parsed = this.#parsed.get(fingerprint);
    if (!parsed) {
      parsed = readPublicKey(peer.publicKey);
      this.#parsed.set(fingerprint, parsed);
    }
    const key = await parsed;
    return key.fingerprint === fingerprint ? key : undefined;
  }

  /** Adds a key by hand (e.g. exchanged out of band); such a key is trusted unless told otherwise. */
  async add(armoredPublicKey: string, options: { name?: string; kind?: PeerKind; trust?: TrustLevel; now?: number } = {}): Promise<KnownPeer> {
    const key = await readPublicKey(armoredPublicKey);
    const now = options.now ?? Date.now();
    const existing = this.#peers.get(key.fingerprint);
    const peer: KnownPeer = {
      fingerprint: key.fingerprint,
      name: options.name ?? existing?.name ?? key.name,
      publicKey: armorPublicKey(key),
      kind: options.kind ?? existing?.kind ?? 'browser',
      firstSeen: existing?.firstSeen ?? now,
      lastSeen: existing?.lastSeen ?? now,
      trust: options.trust ?? 'trusted',
    };
    await this.#save(peer);
    return peer;
  }

  async setTrust(fingerprint: string, trust: TrustLevel): Promise<KnownPeer> {
    const peer = this.#require(fingerprint);
    // Trusting a changed key is the user accepting the change.
    const { keyChangedFrom: _accepted, ...rest } = peer;
    return this.#save(trust === 'trusted' ? { ...rest, trust } : { ...peer, trust });
  }

  async rename(fingerprint: string, name: string): Promise<KnownPeer> {
    return this.#save({ ...this.#require(fingerprint), name, named: true });
  }

  /** A bound link with this peer: from now on its binding is one the user has seen. */
  linked(fingerprint: string, now = Date.now()): void {
    const peer = this.#peers.get(fingerprint);
    if (!peer || peer.linkedAt !== undefined) return;
    // Fire and forget: a failed write costs only the mark, which the next link sets again.
    this.#save({ ...peer, linkedAt: now }).catch(() => this.#peers.set(fingerprint, peer));
  }

  async setKind(fingerprint: string, kind: PeerKind): Promise<KnownPeer> {
    return this.#save({ ...this.#require(fingerprint), kind });
  }

  async remove(fingerprint: string): Promise<void> {
    this.#peers.delete(fingerprint);
    this.#parsed.delete(fingerprint);
    await this.store.removeItem(fingerprint);
    this.#changed();
  }

  async admit(key: PublicKeyInfo, policy: TrustPolicy, now: number, context: AdmitContext = {}): Promise<TrustRefusal | undefined> {
    let peer: KnownPeer | undefined = this.#peers.get(key.fingerprint);
    if (!peer) {
      peer = await this.#recordNewcomer(key, now, context);
    } else if (now - peer.lastSeen >= LAST_SEEN_WRITE_INTERVAL_MS) {
      peer = await this.#save({ ...peer, lastSeen: now });
    }
    if (peer.trust === 'blocked') return 'blocked';
    if (policy === 'known') return peer.trust === 'trusted' ? undefined : 'untrusted';
    if (policy === 'tofu' && peer.keyChangedFrom !== undefined && peer.trust !== 'trusted') return 'key-changed';
    return undefined;
  }

  /** The newcomer's entry: recorded when there is room (made, if need be, within the sender's share). */
  async #recordNewcomer(key: PublicKeyInfo, now: number, context: AdmitContext): Promise<KnownPeer> {
    const namesake = isPlaceholderName(key.name) ? undefined : [...this.#peers.values()].find((peer) => peer.name === key.name);
    const peer: KnownPeer = {
      fingerprint: key.fingerprint,
      name: key.name,
      publicKey: armorPublicKey(key),
      kind: 'browser',
      firstSeen: now,
      lastSeen: now,
      trust: 'unknown',
      introducedBy: context.via ?? key.fingerprint,
      ...(context.scope !== undefined ? { scope: context.scope } : {}),
      ...(namesake ? { keyChangedFrom: namesake.fingerprint } : {}),
    };
    const evicted = this.#peers.size >= this.maxPeers ? this.#evictionFor(peer) : undefined;
    if (!evicted && this.#peers.size >= 2 * this.maxPeers) {
      // The book is full of peers the user has seen: this one is judged without being recorded.
      if (namesake) this.#keyChanged(key.name, namesake.fingerprint, key.fingerprint);
      return peer;
    }
    // Recorded before any await, so concurrent signals from one newcomer record it once.
    this.#peers.set(key.fingerprint, peer);
    this.#parsed.set(key.fingerprint, Promise.resolve(key));
    if (evicted) await this.remove(evicted.fingerprint);
    await this.#save(peer);
    if (namesake) this.#keyChanged(key.name, namesake.fingerprint, key.fingerprint);
    return peer;
  }

  /**
   * Which stranger makes room for `newcomer`: past its share, the introducer's own (or its room's
   * own) least recently seen stranger; otherwise the least recently seen stranger of all. Never a
   * peer the user has seen.
   */
  #evictionFor(newcomer: KnownPeer): KnownPeer | undefined {
    const sameIntroducer = (peer: KnownPeer) => peer.introducedBy === newcomer.introducedBy;
    const sameScope = (peer: KnownPeer) => newcomer.scope !== undefined && peer.scope === newcomer.scope;
    let byIntroducer = 0;
    let byScope = 0;
    for (const peer of this.#peers.values()) {
      if (isProtected(peer)) continue;
      if (sameIntroducer(peer)) byIntroducer++;
      if (sameScope(peer)) byScope++;
    }
    if (byIntroducer >= this.#senderShare) return this.#leastRecentStranger(sameIntroducer);
    if (byScope >= this.#scopeShare) return this.#leastRecentStranger(sameScope);
    return this.#leastRecentStranger(() => true);
  }

  /** Strangers one peer may have introduced before its newcomers replace its own. */
  get #senderShare(): number {
    return Math.max(1, Math.ceil(this.maxPeers / 10));
  }

  /** Strangers one room may have brought before its newcomers replace its own. */
  get #scopeShare(): number {
    return Math.max(1, Math.ceil(this.maxPeers / 4));
  }

  #leastRecentStranger(among: (peer: KnownPeer) => boolean): KnownPeer | undefined {
    let stranger: KnownPeer | undefined;
    for (const peer of this.#peers.values()) {
      if (!isProtected(peer) && among(peer) && (!stranger || peer.lastSeen < stranger.lastSeen)) stranger = peer;
    }
    return stranger;
  }

  #keyChanged(name: string, previous: string, next: string): void {
    this.dispatchEvent(new CustomEvent<KeyChangedDetail>('key-changed', { detail: { name, previous, next } }));
  }

  #require(fingerprint: string): KnownPeer {
    const peer = this.#peers.get(fingerprint);
    if (!peer) throw new RangeError(`no peer ${fingerprint} in the keyring`);
    return peer;
  }

  async #save(peer: KnownPeer): Promise<KnownPeer> {
    this.#peers.set(peer.fingerprint, peer);
    await this.store.setItem(peer.fingerprint, peer);
    this.#changed();
    return peer;
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export interface KeyringEventMap {
  'key-changed': CustomEvent<KeyChangedDetail>;
  change: Event;
}
