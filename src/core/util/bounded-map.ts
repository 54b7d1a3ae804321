/**
 * A map that holds at most `maxSize` entries: adding one more evicts the least recently used.
 * "Used" means set, or read with `get`; `peek` and `has` read without counting as a use, so a
 * caller can look without keeping an entry alive. Iteration runs from the least to the most
 * recently used.
 *
 * Everything a peer's input can grow (parsed-key caches, seen ids, refs) is kept in one of these,
 * so a flood of new keys costs old entries, never memory.
 */
export class BoundedMap<K, V> implements Iterable<[K, V]> {
  /** A Map iterates in insertion order: re-inserting an entry makes it the most recent. */
  readonly #entries = new Map<K, V>();

  constructor(readonly maxSize: number) {
    if (!(Number.isInteger(maxSize) && maxSize >= 1)) throw new RangeError(`a bounded map holds at least one entry (got ${maxSize})`);
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The value for `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** The value for `key`, leaving its place in the eviction order as it is. */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /**
   * Adds or replaces the entry for `key` as the most recently used. Returns the entry evicted to
   * make room, if one was (never the one just set).
   */
  set(key: K, value: V): [K, V] | undefined {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.maxSize) return undefined;
    const [evicted] = this.#entries;
    this.#entries.delete(evicted![0]);
    return evicted;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The least recently used entry: the next to be evicted. */
  oldest(): [K, V] | undefined {
    const [first] = this.#entries;
    return first;
  }

  keys(): MapIterator<K> {
    return this.#entries.keys();
  }

  values(): MapIterator<V> {
    return this.#entries.values();
  }

  entries(): MapIterator<[K, V]> {
    return this.#entries.entries();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#entries.entries();
  }
}

/** A set of at most `maxSize` keys, the least recently added or refreshed evicted first. */
export class BoundedSet<K> implements Iterable<K> {
  readonly #keys: BoundedMap<K, true>;

  constructor(maxSize: number) {
    this.#keys = new BoundedMap(maxSize);
  }

  get maxSize(): number {
    return this.#keys.maxSize;
  }

  get size(): number {
    return this.#keys.size;
  }

  has(key: K): boolean {
    return this.#keys.has(key);
  }

  /** Adds `key` (or refreshes it) as the most recent; returns the key evicted to make room, if any. */
  add(key: K): K | undefined {
    return this.#keys.set(key, true)?.[0];
  }

  delete(key: K): boolean {
    return this.#keys.delete(key);
  }

  clear(): void {
    this.#keys.clear();
  }

  [Symbol.iterator](): MapIterator<K> {
    return this.#keys.keys();
  }
}

/**
 * The promise `cache` holds for `key`, or the one `make` starts (then held): work done once per
 * key. A promise that rejects is dropped — if it is still the one held — so the next call starts
 * again rather than get the same failure.
 */
export function cachedPromise<K, T>(cache: BoundedMap<K, Promise<T>>, key: K, make: () => Promise<T>): Promise<T> {
  const held = cache.get(key);
  if (held) return held;
  const made = make();
  made.catch(() => cache.peek(key) === made && cache.delete(key));
  cache.set(key, made);
  return made;
}
