/**
 * Who is in the room besides this peer, as the transport tells it: a full list after every
 * (re)join, and joins and leaves in between. A full list is the truth: members missing from it
 * left while we were away (a reconnect), and are let go like any leave — otherwise a full mesh
 * would link to a ghost again and again. Our own id is never a member: the server telling us that
 * *we* left is not a peer leaving (the room handles it).
 */
import { ringNeighbors } from '../mesh/topology.js';

export interface MembershipChanges {
  readonly added: readonly string[];
  /** Still members: see reconcile. */
  readonly missing: readonly string[];
}

export class Membership {
  readonly #members = new Set<string>();
  #ring: ReadonlySet<string> | undefined;

  constructor(private readonly self: string) {}

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
    this.#members.add(id);
    this.#ring = undefined;
    return true;
  }

  /** One member left; false when it was not one. */
  remove(id: string): boolean {
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
    const missing = [...this.#members].filter((id) => !now.has(id));
    const added = [...now].filter((id) => !this.#members.has(id));
    for (const id of added) this.#members.add(id);
    if (added.length > 0) this.#ring = undefined;
    return { added, missing };
  }

  clear(): string[] {
    const ids = [...this.#members];
    this.#members.clear();
    this.#ring = undefined;
    return ids;
  }
}
