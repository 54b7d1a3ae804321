/**
 * How a message for one peer travels: to the recipient when it is a neighbour, else along the
 * reverse of the path the recipient's own messages take to us, else to every link (a flood).
 *
 * The path to an origin is the neighbour whose copy of the origin's latest message verified (its
 * route is renewed by each verified message of the origin, so a neighbour that was first once, or
 * has since stopped passing messages on, does not keep the path for good). Routes are learned
 * from verified copies only, and held per neighbour they go through as well as in all (FairMap),
 * so a neighbour relaying endless throwaway origins pushes out only routes through itself.
 *
 * A flood of someone else's message costs every link a frame, so it is charged to the origin that
 * sent it, to the neighbour that brought it and to the whole: at most a few a second each. Our
 * own messages are not charged.
 */
import { FairMap } from './fair-map.js';
import type { DirectFrame } from './relay-frame.js';
import { SharedBudget } from './shared-budget.js';

export const ROUTE_LIMITS = {
  /** Origins a path is remembered to: in all, and through one neighbour (a room has at most 256 members). */
  maxRoutes: 1024,
  maxRoutesPerNeighbor: 256,
  /** Messages for one peer flooded for others (no path known): per second and burst, per origin. */
  floodRatePerOrigin: 2,
  floodBurstPerOrigin: 16,
  /** ... per neighbour that brought them, and in all. */
  floodRatePerNeighbor: 8,
  floodBurstPerNeighbor: 48,
  floodRate: 16,
  floodBurst: 96,
} as const;

/** Where a message for one peer went: on at least one link, on none (no link took it), or nowhere because flooding it was over budget. */
export type DirectSpread = 'sent' | 'no-link' | 'over-budget';

export class DirectRoutes {
  /** Origin → the neighbour the path to it goes through, owned by that neighbour. */
  readonly #routes = new FairMap<string, string>(ROUTE_LIMITS.maxRoutes, ROUTE_LIMITS.maxRoutesPerNeighbor);
  readonly #flood = new SharedBudget(
    {
      neighbor: { rate: ROUTE_LIMITS.floodRatePerNeighbor, burst: ROUTE_LIMITS.floodBurstPerNeighbor },
      origin: { rate: ROUTE_LIMITS.floodRatePerOrigin, burst: ROUTE_LIMITS.floodBurstPerOrigin },
    },
    { rate: ROUTE_LIMITS.floodRate, burst: ROUTE_LIMITS.floodBurst },
  );

  /** Origins a path is known to. */
  get size(): number {
    return this.#routes.size;
  }

  /** A message of `origin`'s verified, its copy having come through `via`: the path to it goes there now. */
  learn(origin: string, via: string): void {
    if (this.#routes.get(origin) !== via) this.#routes.set(origin, via, via);
  }

  /** `origin` left. */
  forgetOrigin(origin: string): void {
    this.#routes.delete(origin);
  }

  /** `neighbor`'s link is gone: paths through it are forgotten. */
  forgetNeighbor(neighbor: string): void {
    this.#routes.deleteOwner(neighbor);
  }

  /**
   * Forwards `frame` (as `text`) that came over `via` (none: ours), never back to `via` or to its
   * origin.
   */
  spread(frame: DirectFrame, text: string, via: string | undefined, neighbors: readonly string[], sendTo: (neighbor: string, text: string) => boolean): DirectSpread {
    const to = frame.o;
    if (neighbors.includes(to) && to !== via && sendTo(to, text)) return 'sent';
    const route = this.#routes.get(to);
    if (route !== undefined && route !== via && sendTo(route, text)) return 'sent';
    if (via !== undefined && !this.#flood.spend({ neighbor: via, origin: frame.f })) return 'over-budget';
    let sent = false;
    for (const neighbor of neighbors) {
      if (neighbor === via || neighbor === frame.f) continue;
      if (sendTo(neighbor, text)) sent = true;
    }
    return sent ? 'sent' : 'no-link';
  }
}
