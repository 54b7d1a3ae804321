/**
 * Gossip relay for a partial mesh: a message reaches peers this one has no link to by hopping
 * over the links there are. The origin signs it once (a sealed envelope: the relays cannot alter
 * it or claim another origin); each peer forwards a message id once, to every neighbour but the
 * one it came from, and drops the copies that arrive by other paths. A hop bound (`ttl`) caps
 * how far a frame travels even if the dedupe memory is gone.
 *
 * Forwarding comes before verifying: a hop costs no crypto, so latency grows by link time only.
 * A forged frame is thus forwarded once per peer at most, then refused everywhere. Its id is not
 * kept as seen: a genuine copy that arrived while the forgery was checked is checked next.
 *
 * Pushing every message over every link costs each peer a send per link per message. So, as in
 * Plumtree (Leitão et al., 2007), links that deliver copies someone already had are *pruned* to
 * lazy: a peer gets the whole message only over its eager links, and over lazy links only the
 * ids, batched ("I have"). A peer that hears of an id it never got asks for it ("graft"), which
 * makes that link eager again: a tree broken by a dropped link heals by itself. Pruning is per
 * origin: each origin's later messages follow the tree of the paths that were fastest for it (one
 * lazy set for all origins mixes prunes made for different roots, which can cut peers off the
 * tree and leave them waiting for a graft).
 *
 * An origin's first message need not flood: the eager links of any origin's settled tree form a
 * spanning tree of the room, and a message spread over a spanning tree from any of its nodes
 * reaches every peer once. So the origin names a *seed*, the origin nearest to it (fewest hops)
 * among those it heard from lately, and every peer without a tree for the new origin starts it as
 * a copy of its tree for the seed; from then on the two trees are pruned apart as copies show.
 * The seed is a hint outside the signature: a relay that changes it can only cost copies or a
 * graft, never a delivery.
 *
 * Messages to one peer (`to`) follow the reverse of the fastest path that peer's broadcasts took
 * to us (the first copy's neighbour), and are flooded when no such path is known.
 */
import { randomBytes, toBase64Url } from '../bytes.js';
import { DEFAULT_ENVELOPE_LIMITS, EnvelopeError, open, seal, type EnvelopeErrorCode, type EnvelopeSigner } from '../envelope.js';
import { ReplayGuard } from '../replay-guard.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { KeyDirectory, TrustPolicy } from '../trust.js';

export const GOSSIP_ENVELOPE_TYPE = 'gossip';
/** Hops a message may travel unless the room says otherwise: tree paths run longer than the shortest ones. */
export const GOSSIP_DEFAULT_TTL = 32;
/** Whom a broadcast is sealed for. */
export const GOSSIP_EVERYONE = '*';
export const GOSSIP_LIMITS = {
  /** Largest frame accepted from a link, characters. */
  maxFrameChars: 96 * 1024,
  /** Largest message text that is relayed (the envelope limit, with room for the key and framing). */
  maxDataChars: 48 * 1024,
  maxTtl: 64,
  maxAddressChars: 128,
  /** Frames held while no link is up. */
  maxHeld: 256,
  /** Message ids remembered for dedupe. */
  maxSeen: 8192,
  /** Messages kept to answer a graft. */
  maxCached: 1024,
  /** Origins whose relay tree is remembered. */
  maxOrigins: 4096,
  /** Ids in one "I have" frame. */
  maxAnnounced: 256,
  /** Recent origins a seed is picked from. */
  maxSeedCandidates: 32,
} as const;

export type GossipErrorCode = 'too-large' | 'malformed' | 'mismatch' | EnvelopeErrorCode;

export interface GossipRejection {
  /** The neighbour the frame came from. */
  readonly via: string;
  readonly origin?: string;
  readonly code: GossipErrorCode;
  readonly message: string;
}

export interface GossipOptions {
  readonly identity: EnvelopeSigner;
  readonly address: RoomAddress;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** Hops a message may travel (default GOSSIP_DEFAULT_TTL). */
  readonly ttl?: number;
  /** How often ids are announced over lazy links, ms (default 400). */
  readonly announceMs?: number;
  /** How long an announced id may stay missing before it is asked for, ms (default 150). */
  readonly graftAfterMs?: number;
  /** Sends a frame to a neighbour; false when that link is not up. */
  readonly send: (neighbor: string, frame: string) => boolean;
  /** Neighbours whose links are up. */
  readonly neighbors: () => readonly string[];
  readonly deliver: (origin: string, data: string, via: string) => void;
  readonly reject: (rejection: GossipRejection) => void;
  /** A message of ours that could not go out (too large; too many held while no link was up). */
  readonly failed: (to: string | undefined, data: string, reason: string) => void;
}

/**
 * Tree upkeep on the same channel, batched per neighbour and tick: "I have" these ids, and prune
 * (send me only ids of) these origins' messages (`h`); graft (send me) this message (`g`).
 */
type Control = { readonly k: 'h'; readonly ids: readonly string[]; readonly p?: readonly string[] } | { readonly k: 'g'; readonly i: string };

/**
 * A frame on the wire: id, hops left, origin, recipient (absent: everyone), the seed origin whose
 * tree a peer without one for this origin starts from (broadcasts only), envelope.
 */
interface Frame {
  readonly i: string;
  readonly t: number;
  readonly f: string;
  readonly o?: string;
  readonly s?: string;
  readonly e: string;
}

interface GossipBody {
  readonly id: string;
  readonly data: string;
}

interface Seen {
  verified: boolean;
  /** A copy from another neighbour, kept while the first one is being checked. */
  alternate?: { via: string; frame: Frame };
}

class FrameMismatch extends Error {
  constructor() {
    super('the signed message does not match its relay frame (id, origin or recipient)');
  }
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export class Gossip {
  readonly #seen = new Map<string, Seen>();
  readonly #routes = new Map<string, string>();
  readonly #replay = new ReplayGuard();
  readonly #held: { frame: Frame; data: string }[] = [];
  /** Per origin, the neighbours that get only the ids of its messages. */
  readonly #lazy = new Map<string, Set<string>>();
  /** Origins whose broadcasts were delivered lately (oldest first), and how many hops away. */
  readonly #recentOrigins = new Map<string, number>();
  /** Recent broadcasts as forwarded (and their origin), to answer grafts. */
  readonly #cache = new Map<string, { readonly text: string; readonly origin: string }>();
  /** Ids to announce, per lazy neighbour, at the next announce tick. */
  readonly #announce = new Map<string, string[]>();
  /** Origins to prune, per neighbour, at the next announce tick. */
  readonly #prunes = new Map<string, Set<string>>();
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ids heard of but not received: who has them, and the timer that asks. */
  readonly #missing = new Map<string, { readonly holders: string[]; timer: ReturnType<typeof setTimeout> }>();
  /** Seals run in order, so messages leave in the order they were sent. */
  #sealing: Promise<void> = Promise.resolve();
  /** Checks run in order, so messages are delivered in the order they arrived. */
  #checking: Promise<void> = Promise.resolve();
  /** Frames this peer put on links: its own and the ones it forwarded. */
  framesSent = 0;
  duplicates = 0;
  /** Messages asked for after only their id came (a tree cut, or a hop bound reached). */
  grafts = 0;

  constructor(private readonly options: GossipOptions) {}

  get #self(): string {
    return this.options.identity.fingerprint;
  }

  get #ttl(): number {
    return this.options.ttl ?? GOSSIP_DEFAULT_TTL;
  }

  /** Sends to every peer in the room; `to` sends to that one only, relayed like the rest. */
  send(data: string, to?: string): void {
    if (data.length > GOSSIP_LIMITS.maxDataChars) {
      this.options.failed(to, data, `more than ${GOSSIP_LIMITS.maxDataChars} characters cannot be relayed`);
      return;
    }
    const id = toBase64Url(randomBytes(12));
    this.#remember(id, { verified: true });
    const { identity, address } = this.options;
    const sealing = seal<GossipBody>(identity, { ...address, to: to ?? GOSSIP_EVERYONE, type: GOSSIP_ENVELOPE_TYPE, body: { id, data }, includeKey: true });
    this.#sealing = this.#sealing
      .then(() => sealing)
      .then(
        (e) => {
          const seed = to === undefined ? this.#seed() : undefined;
          const frame: Frame = { i: id, t: this.#ttl, f: this.#self, ...(to ? { o: to } : {}), ...(seed ? { s: seed } : {}), e };
          if (!this.#spread(frame, undefined)) this.#hold(frame, data);
        },
        (error: unknown) => this.options.failed(to, data, `could not sign: ${(error as Error).message}`),
      )
      // One message's trouble must not fail the ones sealed after it.
      .catch(() => undefined);
  }

  /** A frame from a neighbour's link. */
  receive(via: string, text: string): void {
    if (text.length > GOSSIP_LIMITS.maxFrameChars) return this.#reject(via, undefined, 'too-large', `a relayed frame of ${text.length} characters`);
    const parsed = parseFrame(text);
    if (!parsed) return this.#reject(via, undefined, 'malformed', 'not a relay frame');
    if ('k' in parsed) return this.#control(via, parsed);
    const frame = parsed;
    const seen = this.#seen.get(frame.i);
    if (seen || frame.f === this.#self) {
      this.duplicates++;
      // A copy over a link the tree does not need: ask that neighbour to send only ids here.
      if (frame.o === undefined && !this.#lazyFor(frame.f).has(via)) {
        this.#lazyFor(frame.f).add(via);
        const prunes = this.#prunes.get(via) ?? new Set<string>();
        prunes.add(frame.f);
        this.#prunes.set(via, prunes);
        this.#scheduleTick();
      }
      if (!seen) return;
      if (!seen.verified && !seen.alternate) seen.alternate = { via, frame };
      return;
    }
    this.#accept(via, frame);
  }

  /** Stops the announce timer and every graft timer (the room is left). */
  close(): void {
    clearTimeout(this.#announceTimer);
    for (const { timer } of this.#missing.values()) clearTimeout(timer);
    this.#missing.clear();
  }

  #control(via: string, control: Control): void {
    switch (control.k) {
      case 'g': {
        const cached = this.#cache.get(control.i);
        if (!cached) return;
        this.#eagerEverywhere(via);
        this.#sendTo(via, cached.text);
        return;
      }
      case 'h':
        for (const origin of control.p ?? []) this.#lazyFor(origin).add(via);
        for (const id of control.ids) this.#heardOf(id, via);
    }
  }

  /** A neighbour has a message this peer has not: ask for it if no copy comes soon. */
  #heardOf(id: string, holder: string): void {
    if (this.#seen.has(id)) return;
    const missing = this.#missing.get(id);
    if (missing) {
      if (!missing.holders.includes(holder)) missing.holders.push(holder);
      return;
    }
    const ask = () => {
      const entry = this.#missing.get(id);
      if (!entry || this.#seen.has(id)) return this.#missing.delete(id);
      const from = entry.holders.shift();
      if (from === undefined) return this.#missing.delete(id);
      this.grafts++;
      this.#eagerEverywhere(from);
      this.#sendTo(from, JSON.stringify({ k: 'g', i: id } satisfies Control));
      entry.timer = setTimeout(ask, this.options.graftAfterMs ?? 150);
    };
    this.#missing.set(id, { holders: [holder], timer: setTimeout(ask, this.options.graftAfterMs ?? 150) });
  }

  /**
   * A graft means a tree was cut short of this link. Trees are seeded from one another, so the
   * same cut is likely in the others: the link turns eager for every origin (both ends do this),
   * and copies prune it back where another path was faster.
   */
  #eagerEverywhere(neighbor: string): void {
    for (const lazy of this.#lazy.values()) lazy.delete(neighbor);
  }

  /** Frames held while no link was up go out now. */
  flush(): void {
    const held = this.#held.splice(0);
    for (const { frame, data } of held) if (!this.#spread(frame, undefined)) this.#hold(frame, data);
  }

  /** A peer left the room: its tree goes, and it is no longer a seed for others. */
  forgetOrigin(id: string): void {
    this.#lazy.delete(id);
    this.#recentOrigins.delete(id);
    this.#routes.delete(id);
  }

  /** A neighbour's link is gone: paths through it are forgotten. */
  forgetNeighbor(id: string): void {
    for (const [origin, via] of this.#routes) if (via === id) this.#routes.delete(origin);
    // A neighbour linked again starts eager.
    this.#eagerEverywhere(id);
    this.#announce.delete(id);
    this.#prunes.delete(id);
  }

  #accept(via: string, frame: Frame): void {
    this.#remember(frame.i, { verified: false });
    const missing = this.#missing.get(frame.i);
    if (missing) {
      clearTimeout(missing.timer);
      this.#missing.delete(frame.i);
    }
    const forMe = frame.o === this.#self;
    if (!forMe && frame.t > 0) this.#spread({ ...frame, t: frame.t - 1 }, via);
    // The first copy came over this link, so it is a tree link for this origin even if this side
    // had it lazy (the other side never got our prune, or pruned back). Pushing over it both ways
    // keeps the tree whole for the trees seeded from this one, which run from the other end.
    if (frame.o === undefined) {
      this.#lazy.get(frame.f)?.delete(via);
      this.#prunes.get(via)?.delete(frame.f);
    }
    // Only what is for this peer is opened: a message to someone else is sealed for them.
    if (frame.o !== undefined && !forMe) {
      this.#seen.get(frame.i)!.verified = true;
      return;
    }
    // Nothing a check does may stop the ones queued after it.
    this.#checking = this.#checking.then(() => this.#check(via, frame)).catch(() => undefined);
  }

  async #check(via: string, frame: Frame): Promise<void> {
    const { address, keys, policy } = this.options;
    let data: string;
    try {
      // Replays are checked only once the frame matches what was signed: otherwise a relay could
      // wrap a genuine envelope in a bad frame, get its nonce remembered, and have the genuine
      // copy refused as a replay.
      const opened = await open<GossipBody>(frame.e, { ...address, me: [this.#self, GOSSIP_EVERYONE], replay: new ReplayGuard(1), via, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) });
      const body = opened.body;
      if (opened.type !== GOSSIP_ENVELOPE_TYPE || typeof body?.data !== 'string' || body.id !== frame.i || opened.from !== frame.f || opened.to !== (frame.o ?? GOSSIP_EVERYONE)) {
        throw new FrameMismatch();
      }
      if (!this.#replay.remember(opened.from, opened.nonce, opened.ts, Date.now() - DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs)) {
        throw new EnvelopeError('replayed', `nonce ${opened.nonce} was already used`);
      }
      const seen = this.#seen.get(frame.i);
      if (seen) {
        seen.verified = true;
        delete seen.alternate;
      }
      if (!this.#routes.has(frame.f)) this.#routes.set(frame.f, via);
      if (frame.o === undefined) this.#heardFrom(frame.f, this.#ttl - frame.t);
      data = body.data;
    } catch (error) {
      const code = error instanceof EnvelopeError ? error.code : error instanceof FrameMismatch ? 'mismatch' : 'malformed';
      this.#reject(via, frame.f, code, (error as Error).message);
      // The id was not earned: a genuine copy may follow, or may already be waiting.
      const alternate = this.#seen.get(frame.i)?.alternate;
      this.#seen.delete(frame.i);
      if (alternate) this.#accept(alternate.via, alternate.frame);
      return;
    }
    // Outside the try: whatever the app's handler does, this message stays delivered once.
    this.options.deliver(frame.f, data, via);
  }

  /**
   * Forwards to the neighbours that should get it; false when no link was up to take it. A
   * broadcast goes whole over eager links and as an id over lazy ones (the origin pushes it whole
   * everywhere); a message for one peer takes its route, or every link.
   */
  #spread(frame: Frame, via: string | undefined): boolean {
    const text = JSON.stringify(frame);
    const route = frame.o === undefined ? undefined : this.#routes.get(frame.o);
    if (route !== undefined && route !== via && this.#sendTo(route, text)) return true;
    const broadcast = frame.o === undefined;
    if (broadcast) this.#keep(frame.i, text, frame.f);
    const lazy = broadcast ? this.#treeFor(frame) : undefined;
    let sent = false;
    const lazyNeighbors: string[] = [];
    for (const neighbor of this.options.neighbors()) {
      if (neighbor === via || neighbor === frame.f) continue;
      if (lazy?.has(neighbor)) lazyNeighbors.push(neighbor);
      else if (this.#sendTo(neighbor, text)) sent = true;
    }
    // Our own message and no tree link of ours up (the tree is cut here): all links get it whole,
    // rather than every peer waiting for an "I have" and a graft.
    const pushAll = via === undefined && !sent;
    for (const neighbor of lazyNeighbors) {
      if (pushAll && this.#sendTo(neighbor, text)) sent = true;
      else this.#queueAnnounce(neighbor, frame.i);
    }
    return sent;
  }

  /**
   * The lazy neighbours for a broadcast's origin: its own tree, else a copy of the seed's tree
   * (kept as the origin's from now on), else none (the message floods and the copies prune).
   */
  #treeFor(frame: Frame): ReadonlySet<string> | undefined {
    const own = this.#lazy.get(frame.f);
    if (own) return own;
    const seeded = frame.s === undefined ? undefined : this.#lazy.get(frame.s);
    if (!seeded) return undefined;
    const lazy = this.#lazyFor(frame.f);
    for (const neighbor of seeded) lazy.add(neighbor);
    return lazy;
  }

  /** A broadcast of `origin`'s arrived `hops` hops away: a seed candidate, most recent last. */
  #heardFrom(origin: string, hops: number): void {
    this.#recentOrigins.delete(origin);
    this.#recentOrigins.set(origin, hops);
    if (this.#recentOrigins.size > GOSSIP_LIMITS.maxSeedCandidates) this.#recentOrigins.delete(this.#recentOrigins.keys().next().value!);
  }

  /**
   * The seed for a broadcast of ours: the nearest origin heard from lately (a tree rooted nearby
   * makes paths from here nearly as short as our own), the latest on ties.
   */
  #seed(): string | undefined {
    let best: { origin: string; hops: number } | undefined;
    for (const [origin, hops] of this.#recentOrigins) if (!best || hops <= best.hops) best = { origin, hops };
    return best?.origin;
  }

  /** The neighbours lazy for `origin`'s messages (remembered for a bounded number of origins). */
  #lazyFor(origin: string): Set<string> {
    let lazy = this.#lazy.get(origin);
    if (!lazy) {
      lazy = new Set();
      this.#lazy.set(origin, lazy);
      if (this.#lazy.size > GOSSIP_LIMITS.maxOrigins) this.#lazy.delete(this.#lazy.keys().next().value!);
    }
    return lazy;
  }

  #keep(id: string, text: string, origin: string): void {
    this.#cache.set(id, { text, origin });
    if (this.#cache.size > GOSSIP_LIMITS.maxCached) this.#cache.delete(this.#cache.keys().next().value!);
  }

  #queueAnnounce(neighbor: string, id: string): void {
    const ids = this.#announce.get(neighbor) ?? [];
    ids.push(id);
    this.#announce.set(neighbor, ids);
    this.#scheduleTick();
  }

  #scheduleTick(): void {
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = undefined;
      this.flushUpkeep();
    }, this.options.announceMs ?? 400);
  }

  /** Sends the ids and prunes waiting for the announce tick now, one frame per neighbour. */
  flushUpkeep(): void {
    const max = GOSSIP_LIMITS.maxAnnounced;
    for (const neighbor of new Set([...this.#announce.keys(), ...this.#prunes.keys()])) {
      const ids = this.#announce.get(neighbor) ?? [];
      const prunes = [...(this.#prunes.get(neighbor) ?? [])];
      for (let at = 0; at < Math.max(ids.length, prunes.length); at += max) {
        const p = prunes.slice(at, at + max);
        this.#sendTo(neighbor, JSON.stringify({ k: 'h', ids: ids.slice(at, at + max), ...(p.length ? { p } : {}) } satisfies Control));
      }
    }
    this.#announce.clear();
    this.#prunes.clear();
  }

  #sendTo(neighbor: string, text: string): boolean {
    let sent: boolean;
    try {
      sent = this.options.send(neighbor, text);
    } catch {
      sent = false;
    }
    if (!sent) return false;
    this.framesSent++;
    return true;
  }

  #hold(frame: Frame, data: string): void {
    this.#held.push({ frame, data });
    if (this.#held.length > GOSSIP_LIMITS.maxHeld) {
      const dropped = this.#held.shift()!;
      this.options.failed(dropped.frame.o, dropped.data, `no link up, and more than ${GOSSIP_LIMITS.maxHeld} messages waiting`);
    }
  }

  #remember(id: string, seen: Seen): void {
    this.#seen.set(id, seen);
    if (this.#seen.size > GOSSIP_LIMITS.maxSeen) this.#seen.delete(this.#seen.keys().next().value!);
  }

  #reject(via: string, origin: string | undefined, code: GossipErrorCode, message: string): void {
    this.options.reject({ via, ...(origin !== undefined ? { origin } : {}), code, message });
  }
}

function parseFrame(text: string): Frame | Control | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { i, t, f, o, s, e, k, ids } = value as Record<string, unknown>;
  if (k !== undefined) {
    if (k === 'g' && typeof i === 'string' && ID_PATTERN.test(i)) return { k, i };
    const { p } = value as Record<string, unknown>;
    const idList = Array.isArray(ids) && ids.length <= GOSSIP_LIMITS.maxAnnounced && ids.every((id) => typeof id === 'string' && ID_PATTERN.test(id));
    const pruneList = p === undefined || (Array.isArray(p) && p.length <= GOSSIP_LIMITS.maxAnnounced && p.every((origin) => typeof origin === 'string' && origin.length > 0 && origin.length <= GOSSIP_LIMITS.maxAddressChars));
    if (k === 'h' && idList && pruneList && ((ids as unknown[]).length > 0 || (Array.isArray(p) && p.length > 0))) {
      return { k, ids: ids as string[], ...(Array.isArray(p) ? { p: p as string[] } : {}) };
    }
    return undefined;
  }
  const address = (field: unknown) => typeof field === 'string' && field.length > 0 && field.length <= GOSSIP_LIMITS.maxAddressChars;
  if (typeof i !== 'string' || !ID_PATTERN.test(i)) return undefined;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > GOSSIP_LIMITS.maxTtl) return undefined;
  if (!address(f) || (o !== undefined && !address(o)) || (s !== undefined && (o !== undefined || !address(s))) || typeof e !== 'string' || e.length === 0) return undefined;
  return { i, t, f: f as string, ...(o !== undefined ? { o: o as string } : {}), ...(s !== undefined ? { s: s as string } : {}), e };
}
