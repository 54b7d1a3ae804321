/**
 * The address book: peers this user has seen, with the key each one signs with and how much it
 * is trusted. It is the `KeyDirectory` that `open()` consults, so trust-on-first-use and
 * "known peers only" are enforced on every signal, after the signature verifies.
 */
import { armorPublicKey } from './envelope.js';
import { readPublicKey, type PublicKeyInfo } from './openpgp/key.js';
import { browserStore, type KeyValueStore } from './storage.js';
import type { KeyDirectory, TrustLevel, TrustPolicy, TrustRefusal } from './trust.js';

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
}

export interface KeyChangedDetail {
  readonly name: string;
  readonly previous: string;
  readonly next: string;
}

export interface KeyringOptions {
  /** Default: IndexedDB `peerkit/keyring`. */
  readonly store?: KeyValueStore;
  /** Upper bound on remembered peers; the least recently seen `unknown` ones make room. */
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
    return this.#save({ ...this.#require(fingerprint), name });
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

  async admit(key: PublicKeyInfo, policy: TrustPolicy, now: number): Promise<TrustRefusal | undefined> {
    let peer = this.#peers.get(key.fingerprint);
    if (!peer) {
      peer = await this.#recordNewcomer(key, now);
    } else if (now - peer.lastSeen >= LAST_SEEN_WRITE_INTERVAL_MS) {
      peer = await this.#save({ ...peer, lastSeen: now });
    }
    if (peer.trust === 'blocked') return 'blocked';
    if (policy === 'known') return peer.trust === 'trusted' ? undefined : 'untrusted';
    if (policy === 'tofu' && peer.keyChangedFrom !== undefined && peer.trust !== 'trusted') return 'key-changed';
    return undefined;
  }

  async #recordNewcomer(key: PublicKeyInfo, now: number): Promise<KnownPeer> {
    const namesake = key.name ? [...this.#peers.values()].find((peer) => peer.name === key.name) : undefined;
    const peer: KnownPeer = {
      fingerprint: key.fingerprint,
      name: key.name,
      publicKey: armorPublicKey(key),
      kind: 'browser',
      firstSeen: now,
      lastSeen: now,
      trust: 'unknown',
      ...(namesake ? { keyChangedFrom: namesake.fingerprint } : {}),
    };
    const evicted = this.#peers.size >= this.maxPeers ? this.#leastRecentStranger() : undefined;
    // Recorded before any await, so concurrent signals from one newcomer record it once.
    this.#peers.set(key.fingerprint, peer);
    this.#parsed.set(key.fingerprint, Promise.resolve(key));
    if (evicted) await this.remove(evicted.fingerprint);
    await this.#save(peer);
    if (namesake) {
      this.dispatchEvent(
        new CustomEvent<KeyChangedDetail>('key-changed', { detail: { name: key.name, previous: namesake.fingerprint, next: key.fingerprint } }),
      );
    }
    return peer;
  }

  #leastRecentStranger(): KnownPeer | undefined {
    let stranger: KnownPeer | undefined;
    for (const peer of this.#peers.values()) {
      if (peer.trust === 'unknown' && (!stranger || peer.lastSeen < stranger.lastSeen)) stranger = peer;
    }
    return stranger;
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
