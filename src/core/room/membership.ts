/**
 * Who is in the room besides this peer, as the transport tells it: a full list after every
 * (re)join, and joins and leaves in between. A full list is the truth: members missing from it
 * left while we were away (a reconnect), and are let go like any leave — otherwise a full mesh
 * would link to a ghost again and again. Our own id is never a member: the server telling us that
 * *we* left is not a peer leaving (the room handles it).
 *
 * It also says who offers each link (`offersTo`). Where the transport orders presence (the
 * peerkit server, the in-memory network), the newer member offers: everyone in the list we got on
 * (re)joining was there before us, everyone announced since came after, and each of two members
 * sees the pair in the same order, so exactly one of them offers. The older side answers with the
 * answering link it keeps ready, and a newcomer in a call receives the others' media first in the
 * direction that starts sooner (bench/call: an offerer's video reaches the answerer ≈ 45 ms after
 * the answerer's reaches the offerer). Without an order (BroadcastChannel: members answer a hello,
 * so two pages may each see the other arrive) the smaller id offers.
 */
import { ringNeighbors } from '../mesh/topology.js';

export interface MembershipChanges {
  readonly added: readonly string[];
  /** Still members: see reconcile. */
  readonly missing: readonly string[];
}

export class Membership {
  readonly #members = new Set<string>();
  /** Members that were in the room before us: in the list we got when we last (re)joined. */
  readonly #older = new Set<string>();
  #ring: ReadonlySet<string> | undefined;

  /** `presenceOrdered`: the transport's (SignalingTransport.presenceOrdered). */
  constructor(
    private readonly self: string,
    private readonly presenceOrdered = false,
  ) {}

  /**
   * Whether this peer makes the offer for a link to `id`; the other side, asking the same about
   * us, gets the opposite answer. With ordered presence: `id` was here before us. An id we have
   * not heard of yet (its signal overtook its announcement) came after us.
   */
  offersTo(id: string): boolean {
    return this.presenceOrdered ? this.#older.has(id) : this.self < id;
  }

  get ids(): readonly string[] {
    return [...this.#members];
  }

  get set(): ReadonlySet<string> {
    return this.#members;
  }

  get size(): number {
    return this.#members.size;
  }

  has(id: string): boolean {
    return this.#members.has(id);
  }

  /** This peer's ring neighbours, worked out again only when the membership changed. */
  get ring(): ReadonlySet<string> {
    return (this.#ring ??= ringNeighbors(this.self, this.#members));
  }

  /** One member arrived; false when it is us or already known. */
  add(id: string): boolean {
    if (id === this.self || this.#members.has(id)) return false;
    // Announced since we joined (or its signal came first): it came after us. A member that joins
    // again is announced as leaving first (the server says both), so it comes here as new too.
    this.#older.delete(id);
    this.#members.add(id);
    this.#ring = undefined;
    return true;
  }

  /** One member left; false when it was not one. */
  remove(id: string): boolean {
    this.#older.delete(id);
    if (!this.#members.delete(id)) return false;
    this.#ring = undefined;
    return true;
  }

  /**
   * The full list: who is new (a member now), and who is missing from it (left while we could not
   * hear it). The missing stay members until the caller lets each go with `remove` — or keeps it —
   * so a member is never dropped without being said to be gone, whatever happens in between.
   */
  reconcile(ids: readonly string[]): MembershipChanges {
    const now = new Set(ids.filter((id) => id !== this.self));
    // The list of a (re)join: everyone on it was there before us.
    this.#older.clear();
    for (const id of now) this.#older.add(id);
    const missing = [...this.#members].filter((id) => !now.has(id));
    const added = [...now].filter((id) => !this.#members.has(id));
    for (const id of added) this.#members.add(id);
    if (added.length > 0) this.#ring = undefined;
    return { added, missing };
  }

  clear(): string[] {
    const ids = [...this.#members];
    this.#members.clear();
    this.#older.clear();
    this.#ring = undefined;
    return ids;
  }
}
