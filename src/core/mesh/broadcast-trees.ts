/**
 * The relay trees broadcasts follow, one per origin, as in Plumtree (Leitão et al., 2007): for
 * each origin, the neighbours that get only the ids of its messages (*lazy*); every other link is
 * *eager* and gets them whole. A link that delivers a copy someone already had is pruned to lazy
 * for that origin; a graft makes it eager again. Pruning is per origin: each origin's messages
 * follow the tree of the paths that were fastest for it (one lazy set for all origins mixes prunes
 * made for different roots, which can cut peers off a tree and leave them waiting for a graft).
 *
 * An origin's first message need not flood: the eager links of any origin's settled tree form a
 * spanning tree of the room, and a message spread over a spanning tree from any of its nodes
 * reaches every peer once. So an origin names a *seed*, the origin nearest to it (fewest hops)
 * among those it heard from lately, and a peer without a tree for the new origin starts it as a
 * copy of its tree for the seed; from then on the two are pruned apart as copies show. The seed is
 * outside the signature: a relay that changes it can cost copies or a graft, never a delivery.
 *
 * Only state here, no timers and no sending. Trees are kept for a bounded number of origins (in
 * all, oldest first out), and the origins a prune names are not checked, so a neighbour naming
 * made-up origins can push real ones' trees out: such an origin's next message floods again and
 * its copies prune a new tree, which costs frames, not deliveries.
 */
import { BoundedMap } from '../util/bounded-map.js';

export const TREE_LIMITS = {
  /** Origins whose relay tree is remembered. */
  maxOrigins: 4096,
  /** Recent origins a seed is picked from. */
  maxSeedCandidates: 32,
} as const;

export class BroadcastTrees {
  /** Per origin, the lazy neighbours; oldest origin first (read with `peek`, so reads keep that order). */
  readonly #lazy = new BoundedMap<string, Set<string>>(TREE_LIMITS.maxOrigins);
  /** Origins whose broadcasts were delivered lately, and how many hops away; least recent first. */
  readonly #recentOrigins = new BoundedMap<string, number>(TREE_LIMITS.maxSeedCandidates);

  /** Whether `neighbor` gets only ids of `origin`'s messages. */
  isLazy(origin: string, neighbor: string): boolean {
    return this.#lazy.peek(origin)?.has(neighbor) ?? false;
  }

  /** `neighbor` is to get only ids of `origin`'s messages; false when it already did. */
  prune(origin: string, neighbor: string): boolean {
    const lazy = this.#lazyFor(origin);
    if (lazy.has(neighbor)) return false;
    lazy.add(neighbor);
    return true;
  }

  /** `neighbor` gets `origin`'s messages whole again (a first copy came over it). */
  graft(origin: string, neighbor: string): void {
    this.#lazy.peek(origin)?.delete(neighbor);
  }

  /**
   * A graft means a tree was cut short of this link. Trees are seeded from one another, so the
   * same cut is likely in the others: the link turns eager for every origin (both ends do this),
   * and copies prune it back where another path was faster. A neighbour linked again starts eager
   * the same way.
   */
  graftEverywhere(neighbor: string): void {
    for (const lazy of this.#lazy.values()) lazy.delete(neighbor);
  }

  /**
   * The lazy neighbours for a broadcast of `origin`: its own tree, else a copy of `seed`'s tree
   * (kept as the origin's from now on), else none (the message floods and its copies prune).
   */
  lazyFor(origin: string, seed: string | undefined): ReadonlySet<string> | undefined {
    const own = this.#lazy.peek(origin);
    if (own) return own;
    const seeded = seed === undefined ? undefined : this.#lazy.peek(seed);
    if (!seeded) return undefined;
    const lazy = this.#lazyFor(origin);
    for (const neighbor of seeded) lazy.add(neighbor);
    return lazy;
  }

  /** A broadcast of `origin`'s was delivered from `hops` hops away: a seed candidate, most recent last. */
  heardFrom(origin: string, hops: number): void {
    this.#recentOrigins.set(origin, hops);
  }

  /**
   * The seed for a broadcast of ours: the nearest origin heard from lately (a tree rooted nearby
   * makes paths from here nearly as short as our own), the latest on ties.
   */
  seed(): string | undefined {
    let best: { origin: string; hops: number } | undefined;
    for (const [origin, hops] of this.#recentOrigins) if (!best || hops <= best.hops) best = { origin, hops };
    return best?.origin;
  }

  /** `origin` left: its tree goes, and it is no longer a seed. */
  forgetOrigin(origin: string): void {
    this.#lazy.delete(origin);
    this.#recentOrigins.delete(origin);
  }

  #lazyFor(origin: string): Set<string> {
    let lazy = this.#lazy.peek(origin);
    if (!lazy) {
      lazy = new Set();
      this.#lazy.set(origin, lazy);
    }
    return lazy;
  }
}
