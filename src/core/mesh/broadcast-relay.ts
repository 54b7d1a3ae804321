/**
 * How a broadcast travels from this peer: whole over the eager links of its origin's tree, and as
 * an id over the lazy ones ("I have", batched per neighbour and sent once per `announceMs` tick,
 * with the prunes made meanwhile). A peer that hears of an id it has not got asks for it (a
 * graft), which turns that link eager again: a tree broken by a dropped link heals by itself.
 *
 * The trees are in broadcast-trees.ts, the asking and answering in grafts.ts; this class ties them
 * to the links. It forwards what it is given: whether a copy is genuine is the caller's to check.
 */
import { BroadcastTrees } from './broadcast-trees.js';
import { Grafts } from './grafts.js';
import { encodeRelayFrame, RELAY_FRAME_LIMITS, type RelayFrame, type TreeControl } from './relay-frame.js';
import type { SeenState } from './seen-messages.js';

export interface BroadcastRelayOptions {
  /** How often ids and prunes are sent over lazy links, ms. */
  readonly announceMs: number;
  /** How long an id heard of may stay missing before it is asked for, ms. */
  readonly graftAfterMs: number;
  /** Neighbours whose links are up. */
  readonly neighbors: () => readonly string[];
  /** Puts `text` on the link to `neighbor`; false when it did not go. */
  readonly sendTo: (neighbor: string, text: string) => boolean;
  /** Whether a copy of `id` is in hand, verified or being checked. */
  readonly state: (id: string) => SeenState | undefined;
}

export class BroadcastRelay {
  readonly #trees = new BroadcastTrees();
  readonly #grafts: Grafts;
  /** Ids to announce, per lazy neighbour, at the next tick. */
  readonly #announce = new Map<string, string[]>();
  /** Origins to prune, per neighbour, at the next tick. */
  readonly #prunes = new Map<string, Set<string>>();
  #tick: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #grafted = 0;

  constructor(private readonly options: BroadcastRelayOptions) {
    this.#grafts = new Grafts({
      graftAfterMs: options.graftAfterMs,
      state: options.state,
      ask: (holder, id) => {
        this.#grafted++;
        this.#trees.graftEverywhere(holder);
        options.sendTo(holder, encodeRelayFrame({ k: 'g', i: id }));
      },
    });
  }

  /** Messages asked for after only their id came (a tree cut, or a hop bound reached). */
  get grafts(): number {
    return this.#grafted;
  }

  /** Ids heard of and waited for. */
  get missing(): number {
    return this.#grafts.missing;
  }

  /** The origin a broadcast of ours names as its seed. */
  seed(): string | undefined {
    return this.#trees.seed();
  }

  /**
   * Forwards a broadcast to the neighbours that should get it (all but `via` and its origin);
   * false when no link took it whole. It goes whole over eager links and as an id over lazy ones,
   * except that our own message, when no eager link of ours is up (the tree is cut here), goes
   * whole over every link rather than have every peer wait for an "I have" and a graft.
   */
  spread(frame: RelayFrame, via: string | undefined): boolean {
    const text = encodeRelayFrame(frame);
    this.#grafts.keep(frame.i, text);
    const lazy = this.#trees.lazyFor(frame.f, frame.s);
    let sent = false;
    const lazyNeighbors: string[] = [];
    for (const neighbor of this.options.neighbors()) {
      if (neighbor === via || neighbor === frame.f) continue;
      if (lazy?.has(neighbor)) lazyNeighbors.push(neighbor);
      else if (this.options.sendTo(neighbor, text)) sent = true;
    }
    const pushAll = via === undefined && !sent;
    for (const neighbor of lazyNeighbors) {
      if (pushAll && this.options.sendTo(neighbor, text)) sent = true;
      else this.#queueAnnounce(neighbor, frame.i);
    }
    return sent;
  }

  /** The first copy of a broadcast came over `via` (its check is yet to come): it goes on at once. */
  firstCopy(via: string, frame: RelayFrame): void {
    if (frame.t > 0) this.spread({ ...frame, t: frame.t - 1 }, via);
    // A first copy makes `via` a tree link for this origin even if this side had it lazy (the
    // other side never got our prune, or pruned back). Pushing over it both ways keeps the tree
    // whole for the trees seeded from this one, which run from the other end.
    this.#trees.graft(frame.f, via);
    this.#prunes.get(via)?.delete(frame.f);
  }

  /** Another copy of a broadcast came over `via`: a link the tree does not need, so `via` is asked to send only ids. */
  copy(via: string, frame: RelayFrame): void {
    if (!this.#trees.prune(frame.f, via)) return;
    let prunes = this.#prunes.get(via);
    if (!prunes) this.#prunes.set(via, (prunes = new Set()));
    prunes.add(frame.f);
    this.#scheduleTick();
  }

  /** Tree upkeep from `via`. */
  control(via: string, control: TreeControl): void {
    if (control.k === 'g') {
      const kept = this.#grafts.kept(control.i);
      if (kept === undefined) return;
      this.#trees.graftEverywhere(via);
      this.options.sendTo(via, kept);
      return;
    }
    for (const origin of control.p ?? []) this.#trees.prune(origin, via);
    for (const id of control.ids) this.#grafts.heardOf(id, via);
  }

  /** `holder` has the message `id` (it said so, or its copy found no place): asked for it unless a copy that verifies comes first. */
  heardOf(id: string, holder: string): void {
    this.#grafts.heardOf(id, holder);
  }

  /** A copy of `id` verified: it is no longer waited for. */
  verified(id: string): void {
    this.#grafts.stopAsking(id);
  }

  /** A broadcast of `origin`'s was delivered from `hops` hops away: a seed for ours. */
  delivered(origin: string, hops: number): void {
    this.#trees.heardFrom(origin, hops);
  }

  /** Every copy of `id` in hand failed its check: if a neighbour said it has it, it is asked now. */
  refused(id: string): void {
    if (this.#grafts.isMissing(id)) this.#grafts.askNow(id);
  }

  /** Sends the ids and prunes waiting for the tick now, in as few frames per neighbour as fit. */
  flushUpkeep(): void {
    const max = RELAY_FRAME_LIMITS.maxAnnounced;
    for (const neighbor of new Set([...this.#announce.keys(), ...this.#prunes.keys()])) {
      const ids = this.#announce.get(neighbor) ?? [];
      const prunes = [...(this.#prunes.get(neighbor) ?? [])];
      for (let at = 0; at < Math.max(ids.length, prunes.length); at += max) {
        const p = prunes.slice(at, at + max);
        this.options.sendTo(neighbor, encodeRelayFrame({ k: 'h', ids: ids.slice(at, at + max), ...(p.length ? { p } : {}) }));
      }
    }
    this.#announce.clear();
    this.#prunes.clear();
  }

  /** `origin` left: its tree goes, and it is no longer a seed. */
  forgetOrigin(origin: string): void {
    this.#trees.forgetOrigin(origin);
  }

  /** `neighbor`'s link is gone: nothing waits to go to it, and if it links again it starts eager. */
  forgetNeighbor(neighbor: string): void {
    this.#trees.graftEverywhere(neighbor);
    this.#announce.delete(neighbor);
    this.#prunes.delete(neighbor);
  }

  /** Stops the tick and every graft timer; nothing is scheduled from now on. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#tick);
    this.#tick = undefined;
    this.#announce.clear();
    this.#prunes.clear();
    this.#grafts.close();
  }

  #queueAnnounce(neighbor: string, id: string): void {
    const ids = this.#announce.get(neighbor);
    if (ids) ids.push(id);
    else this.#announce.set(neighbor, [id]);
    this.#scheduleTick();
  }

  #scheduleTick(): void {
    if (this.#closed) return;
    this.#tick ??= setTimeout(() => {
      this.#tick = undefined;
      this.flushUpkeep();
    }, this.options.announceMs);
  }
}
