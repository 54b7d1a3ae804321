/**
 * A room's chat history, kept in the browser (localforage/IndexedDB) so it survives reloads:
 * messages are written here before they are sent, duplicates (the same id from the same author)
 * are dropped, the oldest go when the room passes its cap, and pages of older messages load on
 * demand. What is stored is the sealed envelope, and each author's public key once, so history
 * passed on to another peer still proves its authors.
 */
import type { ChatMessage } from './chat.js';
import { browserStore, type KeyValueStore } from './storage.js';

export interface HistoryOptions {
  readonly ns: string;
  readonly room: string;
  /** Where the messages live; default: IndexedDB, one store per namespace and room. */
  readonly store?: KeyValueStore;
  /** Most messages kept for the room; the oldest go first. */
  readonly cap?: number;
}

/** Stored form: the message without its derivable parts. */
type Stored = Omit<ChatMessage, 'ns' | 'room'>;
/** Authors' armored public keys are stored under this prefix (message ids never start with it). */
const KEY_PREFIX = 'key:';

export class ChatHistory extends EventTarget {
  readonly ns: string;
  readonly room: string;
  readonly cap: number;
  /** Ids in order (they sort by time, author, counter), and the messages by id. */
  #ids: string[] = [];
  readonly #messages = new Map<string, ChatMessage>();
  /** Authors' armored public keys, by fingerprint. */
  readonly #keys = new Map<string, string>();

  private constructor(
    private readonly store: KeyValueStore,
    options: HistoryOptions,
  ) {
    super();
    this.ns = options.ns;
    this.room = options.room;
    this.cap = options.cap ?? 10_000;
  }

  static async open(options: HistoryOptions): Promise<ChatHistory> {
    const store = options.store ?? (await browserStore(`history:${options.ns}:${options.room}`, 'peerkit-history'));
    const history = new ChatHistory(store, options);
    for (const key of await store.keys()) {
      if (key.startsWith(KEY_PREFIX)) {
        const armored = await store.getItem<string>(key);
        if (armored) history.#keys.set(key.slice(KEY_PREFIX.length), armored);
        continue;
      }
      const stored = await store.getItem<Stored>(key);
      if (stored) history.#messages.set(stored.id, { ...stored, ns: history.ns, room: history.room });
    }
    history.#ids = [...history.#messages.keys()].sort();
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
      this.#messages.set(message.id, message);
      this.#insert(message.id);
      fresh.push(message);
    }
    await Promise.all(
      fresh.map(({ ns: _ns, room: _room, ...stored }) => this.store.setItem(stored.id, stored)),
    );
    if (this.#ids.length > this.cap) await this.#trim();
    for (const message of fresh) this.dispatchEvent(new CustomEvent('added', { detail: { message } }));
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
    await this.store.setItem(KEY_PREFIX + fingerprint, armored);
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

  /** Forgets the room's history (the store is emptied). */
  async clear(): Promise<void> {
    for (const id of this.#ids) await this.store.removeItem(id);
    for (const fingerprint of this.#keys.keys()) await this.store.removeItem(KEY_PREFIX + fingerprint);
    this.#ids = [];
    this.#messages.clear();
    this.#keys.clear();
  }

  /** Where `id` is, or would be, in the sorted ids (binary search). */
  #indexOf(id: string): number {
    let low = 0;
    let high = this.#ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#ids[middle]! < id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** New messages usually come last: append, else insert at their place. */
  #insert(id: string): void {
    const last = this.#ids.at(-1);
    if (last === undefined || last < id) this.#ids.push(id);
    else this.#ids.splice(this.#indexOf(id), 0, id);
  }

  async #trim(): Promise<void> {
    const dropped = this.#ids.splice(0, this.#ids.length - this.cap);
    for (const id of dropped) {
      this.#messages.delete(id);
      await this.store.removeItem(id);
    }
    this.dispatchEvent(new CustomEvent('trimmed', { detail: { ids: dropped } }));
  }
}
