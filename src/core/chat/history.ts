/**
 * A room's chat history, kept in the browser (localforage/IndexedDB) so it survives reloads:
 * messages are written here before they are sent, duplicates (the same id from the same author)
 * are dropped, and pages of older messages load on demand. When the room passes its cap, the
 * cap is shared fairly: the share holding the most messages gives up its oldest first, so one
 * author (10,000 messages from a member, all valid) cannot push everyone else's out. A share is
 * an author by default; keys cost nothing, so a page can put the authors it has not met in one
 * share (`shareOf`), and a member signing with 500 throwaway keys then competes as one author,
 * not 500. With the default, the choice depends only on the messages held, so every peer holding
 * the same ones trims the same ones. What is stored is the sealed envelope, and each author's public key once, so history
 * passed on to another peer still proves its authors.
 *
 * Storage layout: one record per slice of time — the messages whose ids share their first 6
 * characters (about 47 seconds) — instead of one per message. A sync batch of 100 messages is
 * then a few writes, not 100 IndexedDB transactions (at ~1.6 ms each, those made a 10,000-message
 * sync take 16 s), and opening a room reads a few hundred records, not 10,000.
 */
import type { ChatMessage } from './message.js';
import { browserStore, type KeyValueStore } from '../platform/storage.js';
import { Emitter } from '../util/events.js';
import { sliceOf } from './ids.js';
import type { VerifiedSeal } from './slice-seal.js';

export interface HistoryOptions {
  readonly ns: string;
  readonly room: string;
  /** Where the messages live; default: IndexedDB, one store per namespace and room. */
  readonly store?: KeyValueStore;
  /** Most messages kept for the room; the oldest go first. */
  readonly cap?: number;
  /**
   * Keep only messages younger than this (by their time): older ones are dropped on open and by
   * `expire()`, and refused when they arrive. Default: kept until the cap pushes them out.
   */
  readonly maxAgeMs?: number;
  /** The clock `maxAgeMs` is measured on; default `Date.now`. */
  readonly now?: () => number;
  /** Which share of the cap an author's messages count against; default: the author's own. */
  readonly shareOf?: (author: string) => string;
}

export interface ChatHistoryEventMap {
  /** A message was stored (one event each, in order, after any `trimmed` of the same batch). */
  added: CustomEvent<{ readonly message: ChatMessage }>;
  /** Messages left the history: past the cap, or expired. */
  trimmed: CustomEvent<{ readonly ids: readonly string[] }>;
}

/** Stored form: the message without its derivable parts. */
type Stored = Omit<ChatMessage, 'ns' | 'room'>;
/** Authors' armored public keys are stored under this prefix (message ids never start with it). */
const KEY_PREFIX = 'key:';
/** Each slice of time is one record under this prefix. */
const SLICE_PREFIX = 'slice:';
/** The slice seals held for a slice (one per author, slice-seal.ts), one record per slice. */
const SEALS_PREFIX = 'seals:';

export class ChatHistory extends Emitter<ChatHistoryEventMap> {
  readonly ns: string;
  readonly room: string;
  readonly cap: number;
  readonly #maxAgeMs: number | undefined;
  readonly #now: () => number;
  readonly #shareOf: (author: string) => string;
  /** Ids in order (they sort by time, author, counter), and the messages by id. */
  #ids: string[] = [];
  readonly #messages = new Map<string, ChatMessage>();
  /** Each author's ids, oldest first: who gives up what when the cap is passed. */
  readonly #byAuthor = new Map<string, string[]>();
  /** Authors' armored public keys, by fingerprint. */
  readonly #keys = new Map<string, string>();
  /** Keys added since the last `expire()`: kept through it, as their messages may still be on the way. */
  readonly #newKeys = new Set<string>();
  /** Per slice, the latest verified seal of each author with messages held there. */
  readonly #seals = new Map<string, Map<string, VerifiedSeal>>();

  private constructor(
    private readonly store: KeyValueStore,
    options: HistoryOptions,
  ) {
    super();
    this.ns = options.ns;
    this.room = options.room;
    this.cap = options.cap ?? 10_000;
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? Date.now;
    this.#shareOf = options.shareOf ?? ((author) => author);
  }

  static async open(options: HistoryOptions): Promise<ChatHistory> {
    const store = options.store ?? (await browserStore(`history:${options.ns}:${options.room}`, 'peerkit-history'));
    const history = new ChatHistory(store, options);
    await Promise.all(
      (await store.keys()).map(async (key) => {
        if (key.startsWith(KEY_PREFIX)) {
          const armored = await store.getItem<string>(key);
          if (typeof armored === 'string') history.#keys.set(key.slice(KEY_PREFIX.length), armored);
        } else if (key.startsWith(SLICE_PREFIX)) {
          const slice = await store.getItem<Stored[]>(key);
          for (const stored of Array.isArray(slice) ? slice : []) history.#messages.set(stored.id, { ...stored, ns: history.ns, room: history.room });
        } else if (key.startsWith(SEALS_PREFIX)) {
          const seals = await store.getItem<VerifiedSeal[]>(key);
          // Verified when they arrived, and this store is the page's own.
          if (Array.isArray(seals)) history.#seals.set(key.slice(SEALS_PREFIX.length), new Map(seals.map((seal) => [seal.from, seal])));
        }
      }),
    );
    history.#ids = [...history.#messages.keys()].sort();
    for (const id of history.#ids) history.#authorIds(history.#messages.get(id)!.from).push(id);
    await history.expire();
    return history;
  }

  get size(): number {
    return this.#ids.length;
  }

  has(id: string): boolean {
    return this.#messages.has(id);
  }

  get(id: string): ChatMessage | undefined {
    return this.#messages.get(id);
  }

  /**
   * Stores a message (before sending it, or on receiving it); false when it was already there.
   * Past the cap, the oldest messages are dropped and reported with a `trimmed` event.
   */
  async add(message: ChatMessage): Promise<boolean> {
    return (await this.addMany([message])).length === 1;
  }

  /** Stores several at once (a sync batch): written concurrently; returns the ones that were new. */
  async addMany(messages: readonly ChatMessage[]): Promise<ChatMessage[]> {
    const fresh: ChatMessage[] = [];
    for (const message of messages) {
      if (message.ns !== this.ns || message.room !== this.room) throw new RangeError(`message for ${message.ns}/${message.room}, history of ${this.ns}/${this.room}`);
      // Recorded before any await, so the same message arriving twice at once is stored once.
      if (this.#messages.has(message.id)) continue;
      if (message.time < this.horizon) continue;
      this.#messages.set(message.id, message);
      insertSorted(this.#ids, message.id);
      insertSorted(this.#authorIds(message.from), message.id);
      fresh.push(message);
    }
    const dropped = this.#ids.length > this.cap ? this.#trimFairly(this.#ids.length - this.cap) : [];
    await this.#writeSlices([...fresh.map(({ id }) => id), ...dropped]);
    if (dropped.length) this.emit('trimmed', { ids: dropped });
    for (const message of fresh) this.emit('added', { message });
    return fresh;
  }

  /** An author's armored public key, if a message of theirs was stored with it. */
  keyOf(fingerprint: string): string | undefined {
    return this.#keys.get(fingerprint);
  }

  /** Keeps an author's key (verified by the caller: its fingerprint is `fingerprint`). */
  async addKey(fingerprint: string, armored: string): Promise<void> {
    if (this.#keys.get(fingerprint) === armored) return;
    this.#keys.set(fingerprint, armored);
    this.#newKeys.add(fingerprint);
    await this.store.setItem(KEY_PREFIX + fingerprint, armored);
  }

  /** The messages in a slice of time (ids.ts `sliceOf`), oldest first. */
  inSlice(slice: string): ChatMessage[] {
    return this.#ids.slice(this.#indexOf(slice), this.#indexOf(`${slice}\uffff`)).map((id) => this.#messages.get(id)!);
  }

  /** The latest seal held of `author`'s messages in `slice` (slice-seal.ts). */
  sealOf(author: string, slice: string): VerifiedSeal | undefined {
    return this.#seals.get(slice)?.get(author);
  }

  /**
   * Keeps a seal (verified by the caller) to pass on with its author's messages: only while a
   * message of that author in its slice is held here, and only over a seal that lists fewer (an
   * author's seals of a slice only grow): so an author re-signing the same list cannot make this
   * page write for every frame, only up to MAX_SEAL_DIGESTS times a slice. Returns whether it was kept.
   */
  async keepSeal(seal: VerifiedSeal): Promise<boolean> {
    const held = this.#seals.get(seal.slice)?.get(seal.from);
    if (held && held.count >= seal.count) return false;
    if (!this.inSlice(seal.slice).some((message) => message.from === seal.from)) return false;
    let seals = this.#seals.get(seal.slice);
    if (!seals) this.#seals.set(seal.slice, (seals = new Map()));
    seals.set(seal.from, { from: seal.from, slice: seal.slice, env: seal.env, count: seal.count });
    await this.store.setItem(SEALS_PREFIX + seal.slice, [...seals.values()]);
    return true;
  }

  /** The newest `limit` messages, oldest first. */
  latest(limit: number): ChatMessage[] {
    return this.#ids.slice(-limit).map((id) => this.#messages.get(id)!);
  }

  /** Up to `limit` messages just before `id` (the page above what is shown), oldest first. */
  before(id: string, limit: number): ChatMessage[] {
    const end = this.#indexOf(id);
    return this.#ids.slice(Math.max(0, end - limit), end).map((key) => this.#messages.get(key)!);
  }

  /** Every message after `id` (or all), oldest first: what a peer that has `id` lacks. */
  after(id: string | undefined, limit = Number.POSITIVE_INFINITY): ChatMessage[] {
    const start = id === undefined ? 0 : this.#indexOf(id) + (this.#messages.has(id) ? 1 : 0);
    return this.#ids.slice(start, start + limit).map((key) => this.#messages.get(key)!);
  }

  /** The newest id, or undefined for an empty room. */
  get newestId(): string | undefined {
    return this.#ids.at(-1);
  }

  /** The time before which messages are not kept (`maxAgeMs`); -Infinity when age does not matter. */
  get horizon(): number {
    return this.#maxAgeMs === undefined ? Number.NEGATIVE_INFINITY : this.#now() - this.#maxAgeMs;
  }

  /**
   * Drops the messages older than `maxAgeMs`, and the keys of authors with no message left;
   * reports the dropped ids with a `trimmed` event. Returns them.
   */
  async expire(): Promise<string[]> {
    const horizon = this.horizon;
    const newKeys = [...this.#newKeys];
    this.#newKeys.clear();
    let end = 0;
    // Ids sort by time first, so the expired ones are a prefix.
    while (end < this.#ids.length && this.#messages.get(this.#ids[end]!)!.time < horizon) end++;
    if (end === 0) return [];
    const dropped = this.#dropOldest(end);
    await this.#writeSlices(dropped);
    const authors = new Set([...newKeys, ...[...this.#messages.values()].map((message) => message.from)]);
    for (const fingerprint of [...this.#keys.keys()]) {
      if (authors.has(fingerprint)) continue;
      this.#keys.delete(fingerprint);
      await this.store.removeItem(KEY_PREFIX + fingerprint);
    }
    this.emit('trimmed', { ids: dropped });
    return dropped;
  }

  /** Forgets the room's history (the store is emptied). */
  async clear(): Promise<void> {
    for (const slice of new Set(this.#ids.map(sliceOf))) await this.store.removeItem(SLICE_PREFIX + slice);
    for (const fingerprint of this.#keys.keys()) await this.store.removeItem(KEY_PREFIX + fingerprint);
    for (const slice of this.#seals.keys()) await this.store.removeItem(SEALS_PREFIX + slice);
    this.#seals.clear();
    this.#ids = [];
    this.#messages.clear();
    this.#byAuthor.clear();
    this.#keys.clear();
  }

  /** Where `id` is, or would be, in the sorted ids. */
  #indexOf(id: string): number {
    return sortedIndex(this.#ids, id);
  }

  /** The oldest `count` ids leave memory; the caller rewrites their slices. */
  #dropOldest(count: number): string[] {
    const dropped = this.#ids.splice(0, count);
    for (const id of dropped) {
      const authorIds = this.#byAuthor.get(this.#messages.get(id)!.from)!;
      authorIds.splice(authorIds.indexOf(id), 1);
      if (authorIds.length === 0) this.#byAuthor.delete(this.#messages.get(id)!.from);
      this.#messages.delete(id);
    }
    return dropped;
  }

  /**
   * `count` ids leave memory, each the oldest of the share holding the most at that moment (on a
   * tie, the share whose oldest is oldest: with shares even, the cap drops the oldest first); the
   * caller rewrites their slices.
   */
  #trimFairly(count: number): string[] {
    // Shares are worked out now: whom a page has met changes while the history is open.
    const shares = new Map<string, string[][]>();
    for (const [author, ids] of this.#byAuthor) {
      const share = this.#shareOf(author);
      shares.set(share, [...(shares.get(share) ?? []), ids]);
    }
    const sizes = new Map([...shares].map(([share, lists]) => [share, lists.reduce((sum, ids) => sum + ids.length, 0)]));
    const oldestOf = (lists: string[][]) => lists.reduce<string | undefined>((oldest, ids) => (ids[0] !== undefined && (oldest === undefined || ids[0] < oldest) ? ids[0] : oldest), undefined);
    const dropped = new Set<string>();
    for (let i = 0; i < count; i++) {
      let largest: string | undefined;
      for (const [share, size] of sizes) {
        const best = largest === undefined ? 0 : sizes.get(largest)!;
        if (size > best || (size === best && size > 0 && oldestOf(shares.get(share)!)! < oldestOf(shares.get(largest!)!)!)) largest = share;
      }
      const lists = shares.get(largest!)!;
      const oldest = oldestOf(lists)!;
      const ids = lists.find((list) => list[0] === oldest)!;
      const author = this.#messages.get(ids.shift()!)!.from;
      if (ids.length === 0) this.#byAuthor.delete(author);
      sizes.set(largest!, sizes.get(largest!)! - 1);
      this.#messages.delete(oldest);
      dropped.add(oldest);
    }
    this.#ids = this.#ids.filter((id) => !dropped.has(id));
    return [...dropped];
  }

  #authorIds(author: string): string[] {
    let ids = this.#byAuthor.get(author);
    if (!ids) {
      ids = [];
      this.#byAuthor.set(author, ids);
    }
    return ids;
  }

  /**
   * Rewrites, from memory, the slices these ids fall in. Called right after memory changed, and
   * IndexedDB runs overlapping write transactions in the order they were made, so the last write
   * of a slice always holds everything added before it.
   */
  async #writeSlices(ids: readonly string[]): Promise<void> {
    await Promise.all(
      [...new Set(ids.map(sliceOf))].flatMap((slice) => {
        const stored = this.inSlice(slice).map(({ ns: _ns, room: _room, ...rest }): Stored => rest);
        return [stored.length ? this.store.setItem(SLICE_PREFIX + slice, stored) : this.store.removeItem(SLICE_PREFIX + slice), this.#dropSealsWithout(slice, stored)];
      }),
    );
  }

  /** A seal is held only while its author has messages in its slice: trimmed or expired, it goes too. */
  async #dropSealsWithout(slice: string, stored: readonly Stored[]): Promise<void> {
    const seals = this.#seals.get(slice);
    if (!seals) return;
    const authors = new Set(stored.map((message) => message.from));
    const kept = [...seals.values()].filter((seal) => authors.has(seal.from));
    if (kept.length === seals.size) return;
    if (kept.length) {
      this.#seals.set(slice, new Map(kept.map((seal) => [seal.from, seal])));
      await this.store.setItem(SEALS_PREFIX + slice, kept);
    } else {
      this.#seals.delete(slice);
      await this.store.removeItem(SEALS_PREFIX + slice);
    }
  }
}

/** Where `id` is, or would be, in sorted `ids` (binary search). */
function sortedIndex(ids: readonly string[], id: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts `id` where it sorts in `ids`; new ids usually come last. */
function insertSorted(ids: string[], id: string): void {
  const last = ids.at(-1);
  if (last === undefined || last < id) ids.push(id);
  else ids.splice(sortedIndex(ids, id), 0, id);
}
