/**
 * The address book: peers this user has seen, with the key each one signs with and how much it
 * is trusted. It is the `KeyDirectory` that `open()` consults, so trust-on-first-use and
 * "known peers only" are enforced on every signal, after the signature verifies.
 *
 * TOFU binds a name to the first key seen with it, so the book must hold against strangers'
 * traffic (a member passing on envelopes from a thousand throwaway keys used to push the real
 * Alice out, after which an impostor "Alice" was the first key seen):
 * - a binding is never evicted by newcomers: a key seen under a name its owner chose, or one the
 *   user trusted, blocked or named. Who passed it on does not matter (an honest relay passes on a
 *   flooder's keys and the real Alice's alike);
 * - what newcomers may cost is bounded per sender and per room: past its share of the book, the
 *   strangers one peer passes on (or one room brings) are judged without being recorded, so they
 *   take no one's place; keys under a default name ("Anonymous", none) are not identities — two
 *   sharing one is no key change — and are the only entries that make room, least recently seen
 *   first;
 * - a book full of bindings (twice `maxPeers`) judges newcomers without recording them.
 */
import { armorPublicKey } from '../envelope/envelope.js';
import { readPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { browserStore, type KeyValueStore } from '../platform/storage.js';
import type { AdmitContext, KeyDirectory, TrustLevel, TrustPolicy, TrustRefusal } from '../envelope/trust.js';
import { BoundedMap } from '../util/bounded-map.js';
import { cleanName } from '../util/names.js';
import { Emitter } from '../util/events.js';

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

/** Not evicted by newcomers: a name its owner chose, or a choice of the user's. */
function isBinding(peer: KnownPeer): boolean {
  return !isPlaceholderName(peer.name) || peer.trust !== 'unknown' || peer.named === true;
}

/** A peer only heard of: no trust decision and no name of the user's. What shares count. */
function isStranger(peer: KnownPeer): boolean {
  return peer.trust === 'unknown' && peer.named !== true;
}

/** Newcomers judged without being recorded, remembered a while so each is judged (and reported) once. */
const MAX_UNRECORDED = 256;

export interface KeyChangedDetail {
  readonly name: string;
  readonly previous: string;
  readonly next: string;
}

export interface KeyringOptions {
  /** Default: IndexedDB `peerkit/keyring`. */
  readonly store?: KeyValueStore;
  /**
   * How many peers the book holds before newcomers must make room: those under a default name go,
   * least recently seen first; bindings (a name of its owner's, or the user's trust or name) stay,
   * up to twice this, past which newcomers are judged without being recorded.
   */
  readonly maxPeers?: number;
}

/** lastSeen is only written back this often, so a busy peer does not cost a write per signal. */
const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export class Keyring extends Emitter<KeyringEventMap> implements KeyDirectory {
  readonly #peers = new Map<string, KnownPeer>();
  readonly #parsed = new Map<string, Promise<PublicKeyInfo>>();
  readonly #unrecorded = new BoundedMap<string, KnownPeer>(MAX_UNRECORDED);

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
      // Entries written before names were cleaned (util/names) are read cleaned, so names compare as stored.
      if (peer) keyring.#peers.set(fingerprint, { ...peer, name: cleanName(peer.name) });
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
      name: options.name !== undefined ? cleanName(options.name) : (existing?.name ?? key.name),
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
    return this.#save({ ...this.#require(fingerprint), name: cleanName(name), named: true });
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
    let peer: KnownPeer | undefined = this.#peers.get(key.fingerprint) ?? this.#unrecorded.get(key.fingerprint);
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

  /** The newcomer's entry: recorded when its sender and room are within their shares and there is room. */
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
    const evicted = this.#recordable(peer);
    if (evicted === false) {
      this.#unrecorded.set(peer.fingerprint, peer);
      if (namesake) this.#keyChanged(key.name, namesake.fingerprint, key.fingerprint);
      return peer;
    }
    // Recorded before any await, so concurrent signals from one newcomer record it once.
    this.#peers.set(key.fingerprint, peer);
    this.#parsed.set(key.fingerprint, Promise.resolve(key));
    // Told once the entry is there: a listener that looks the newcomer up (the room's trust badge) sees the change.
    if (namesake) this.#keyChanged(key.name, namesake.fingerprint, key.fingerprint);
    if (evicted) await this.remove(evicted.fingerprint);
    await this.#save(peer);
    return peer;
  }

  /**
   * Whether the newcomer may be recorded: false past its sender's or room's share, or when the
   * book is full of bindings; else the entry that makes room for it, if one must.
   */
  #recordable(newcomer: KnownPeer): KnownPeer | undefined | false {
    let byIntroducer = 0;
    let byScope = 0;
    for (const peer of this.#peers.values()) {
      if (!isStranger(peer)) continue;
      if (peer.introducedBy === newcomer.introducedBy) byIntroducer++;
      if (newcomer.scope !== undefined && peer.scope === newcomer.scope) byScope++;
    }
    if (byIntroducer >= this.#senderShare || byScope >= this.#scopeShare) return false;
    if (this.#peers.size < this.maxPeers) return undefined;
    const evicted = this.#leastRecentPlaceholder();
    if (evicted) return evicted;
    return this.#peers.size < 2 * this.maxPeers ? undefined : false;
  }

  /** Strangers one peer may have passed on before its newcomers go unrecorded. */
  get #senderShare(): number {
    return Math.max(1, Math.ceil(this.maxPeers / 10));
  }

  /** Strangers one room may have brought before its newcomers go unrecorded. */
  get #scopeShare(): number {
    return Math.max(1, Math.ceil(this.maxPeers / 4));
  }

  #leastRecentPlaceholder(): KnownPeer | undefined {
    let oldest: KnownPeer | undefined;
    for (const peer of this.#peers.values()) {
      if (!isBinding(peer) && (!oldest || peer.lastSeen < oldest.lastSeen)) oldest = peer;
    }
    return oldest;
  }

  #keyChanged(name: string, previous: string, next: string): void {
    this.emit('key-changed', { name, previous, next });
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
    this.emit('change', {});
  }
}

export interface KeyringEventMap {
  'key-changed': CustomEvent<KeyChangedDetail>;
  /** The address book changed (a peer added, updated or removed). */
  change: CustomEvent<Record<string, never>>;
}
