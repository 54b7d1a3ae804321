/**
 * A map whose entries each belong to an owner (for the relay: the neighbour whose frame made the
 * entry), bounded per owner and in all. An owner at its share gives up its own oldest entry for a
 * new one; when the whole map is full, the owner holding the most gives up its oldest. So one
 * owner, however busy, can push out only its own entries, never the others'.
 */
export class FairMap<K, V> {
  readonly #entries = new Map<K, { readonly owner: string; readonly value: V }>();
  /** Each owner's keys, oldest first. */
  readonly #byOwner = new Map<string, Set<K>>();

  constructor(
    readonly maxEntries: number,
    readonly maxPerOwner: number,
    /** Told of each entry pushed out to make room (not of those deleted). */
    private readonly evicted: (key: K, value: V) => void = () => undefined,
  ) {
    if (!(maxEntries >= 1 && maxPerOwner >= 1)) throw new RangeError('a fair map holds at least one entry per owner');
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** How many entries `owner` holds. */
  countOf(owner: string): number {
    return this.#byOwner.get(owner)?.size ?? 0;
  }

  /** Adds or replaces the entry for `key`, now owned by `owner`, pushing out another if need be. */
  set(key: K, owner: string, value: V): void {
    this.delete(key);
    if (this.countOf(owner) >= this.maxPerOwner) this.#evictOldestOf(owner);
    else if (this.#entries.size >= this.maxEntries) this.#evictOldestOf(this.#heaviestOwner());
    this.#entries.set(key, { owner, value });
    let keys = this.#byOwner.get(owner);
    if (!keys) this.#byOwner.set(owner, (keys = new Set()));
    keys.add(key);
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    const keys = this.#byOwner.get(entry.owner)!;
    keys.delete(key);
    if (keys.size === 0) this.#byOwner.delete(entry.owner);
    return true;
  }

  /** Drops every entry `owner` holds (it is gone), telling nobody. */
  deleteOwner(owner: string): void {
    for (const key of this.#byOwner.get(owner) ?? []) this.#entries.delete(key);
    this.#byOwner.delete(owner);
  }

  values(): IterableIterator<V> {
    return [...this.#entries.values()].map((entry) => entry.value).values();
  }

  clear(): void {
    this.#entries.clear();
    this.#byOwner.clear();
  }

  #heaviestOwner(): string {
    let heaviest: string | undefined;
    let most = 0;
    for (const [owner, keys] of this.#byOwner) {
      if (keys.size > most) {
        heaviest = owner;
        most = keys.size;
      }
    }
    return heaviest!;
  }

  #evictOldestOf(owner: string): void {
    const oldest = this.#byOwner.get(owner)?.values().next();
    if (!oldest || oldest.done) return;
    const value = this.#entries.get(oldest.value)!.value;
    this.delete(oldest.value);
    this.evicted(oldest.value, value);
  }
}
