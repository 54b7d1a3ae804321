/**
 * Remembers the nonces of envelopes opened within the freshness window so a replayed one is
 * refused. Memory is bounded, and the bounds are kept **per sender**: each sender's nonces live in
 * its own record with its own floor. When a record is full, that sender's oldest nonce is dropped
 * and the sender's floor rises to its time, so an envelope of that sender at or below the floor is
 * refused — dropping never re-opens a door for a replay, and the only envelopes a floor can refuse
 * are the sender's own. A flood of future-dated envelopes therefore raises nobody's floor but the
 * flooder's (one shared floor, as before, let ~200 such envelopes a second lock every honest peer
 * out of a server). Callers record a nonce only after the signature and the trust policy passed
 * (see `open()`), so the sender is proven and a refused key records nothing.
 *
 * Under global pressure (more entries than `maxEntries`, from many senders) the sender holding more
 * than its fair share gives first, else the least recently active sender, and again only its own
 * floor rises. A record that holds only a floor still costs an entry; when even those must go (more
 * distinct senders within one freshness window than `maxEntries`), the least recently active one is
 * forgotten, and that sender's envelopes of the last window could be replayed once each. Size
 * `maxEntries` above the senders one window can bring (a room's members; a server's joins a window).
 */
interface SenderRecord {
  /** Nonce → envelope time, in arrival order (roughly time order for one sender's clock). */
  readonly nonces: Map<string, number>;
  /** Envelopes of this sender at or before this time are refused: some of theirs were dropped. */
  floor: number;
}

export class ReplayGuard {
  /** Least recently active sender first. */
  readonly #senders = new Map<string, SenderRecord>();
  /** Nonces plus one per sender record. */
  #entries = 0;

  constructor(
    readonly maxEntries = 10_000,
    readonly maxPerSender = Math.min(maxEntries, 2048),
  ) {
    if (!(maxEntries >= 1 && maxPerSender >= 1)) throw new RangeError('a replay guard holds at least one entry per sender');
  }

  /** Whether (sender, nonce, ts) would be accepted now; records nothing. */
  accepts(sender: string, nonce: string, ts: number, oldestAllowed: number): boolean {
    const record = this.#senders.get(sender);
    if (!record) return true;
    this.#prune(record, oldestAllowed);
    return ts > record.floor && !record.nonces.has(nonce);
  }

  /** True when (sender, nonce) is new and `ts` is above the sender's floor; records it. */
  remember(sender: string, nonce: string, ts: number, oldestAllowed: number): boolean {
    let record = this.#senders.get(sender);
    if (record) {
      this.#prune(record, oldestAllowed);
      if (ts <= record.floor || record.nonces.has(nonce)) return false;
      // Most recently active goes last.
      this.#senders.delete(sender);
    } else {
      record = { nonces: new Map(), floor: Number.NEGATIVE_INFINITY };
      this.#entries++;
    }
    this.#senders.set(sender, record);
    if (record.nonces.size >= this.maxPerSender) this.#dropOldestOf(record);
    record.nonces.set(nonce, ts);
    this.#entries++;
    this.#sweep(oldestAllowed);
    while (this.#entries > this.maxEntries) this.#relievePressure(sender, record);
    return true;
  }

  /** Nonces held (not counting sender records). */
  get size(): number {
    let size = 0;
    for (const record of this.#senders.values()) size += record.nonces.size;
    return size;
  }

  /** Senders with a record (nonces or a floor). */
  get senders(): number {
    return this.#senders.size;
  }

  /** Drops the nonces that left the window; a floor that left it is no longer needed. */
  #prune(record: SenderRecord, oldestAllowed: number): void {
    for (const [nonce, ts] of record.nonces) {
      if (ts >= oldestAllowed) break;
      record.nonces.delete(nonce);
      this.#entries--;
    }
    if (record.floor < oldestAllowed) record.floor = Number.NEGATIVE_INFINITY;
  }

  /** Prunes the two least recently active senders, and forgets them once nothing of theirs matters. */
  #sweep(oldestAllowed: number): void {
    let checked = 0;
    for (const [sender, record] of this.#senders) {
      if (checked++ === 2) break;
      this.#prune(record, oldestAllowed);
      if (record.nonces.size === 0 && record.floor === Number.NEGATIVE_INFINITY) this.#forget(sender);
    }
  }

  #dropOldestOf(record: SenderRecord): void {
    const first = record.nonces.entries().next();
    if (first.done) return;
    const [nonce, ts] = first.value;
    record.nonces.delete(nonce);
    this.#entries--;
    record.floor = Math.max(record.floor, ts);
  }

  /** One entry goes: from the current sender if it holds more than its share, else the least recently active. */
  #relievePressure(current: string, currentRecord: SenderRecord): void {
    const fairShare = this.maxEntries / this.#senders.size;
    if (currentRecord.nonces.size > 1 && currentRecord.nonces.size + 1 > fairShare) return this.#dropOldestOf(currentRecord);
    for (const [sender, record] of this.#senders) {
      if (sender === current) continue;
      if (record.nonces.size > 0) return this.#dropOldestOf(record);
      return this.#forget(sender);
    }
    if (currentRecord.nonces.size > 0) this.#dropOldestOf(currentRecord);
    else this.#forget(current);
  }

  #forget(sender: string): void {
    const record = this.#senders.get(sender);
    if (!record) return;
    this.#entries -= record.nonces.size + 1;
    this.#senders.delete(sender);
  }
}
