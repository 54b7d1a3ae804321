/**
 * Gossip relay for a partial mesh: a message reaches peers this one has no link to by hopping
 * over the links there are. The origin signs it once (a sealed envelope: the relays cannot alter
 * it or claim another origin); each peer forwards a message id once, to every neighbour but the
 * one it came from, and drops the copies that arrive by other paths. A hop bound (`ttl`) caps
 * how far a frame travels even if the dedupe memory is gone.
 *
 * Forwarding a broadcast comes before verifying it: a hop costs no crypto, so latency grows by
 * link time only. A forged frame is thus forwarded once per peer at most, then refused everywhere.
 * A copy that arrives while another with its id is being checked is kept as a *candidate* (a few
 * per id, at most two per neighbour, bounded per neighbour and in all): when the copy in hand
 * proves forged, the next candidate is taken, and when none is left a neighbour that said it has
 * the message is asked for it. So forged copies sent ahead of a genuine one (a neighbour who saw
 * its id elsewhere) cost a check each, never the message.
 *
 * Pushing every message over every link costs each peer a send per link per message. So, as in
 * Plumtree (Leitão et al., 2007), links that deliver copies someone already had are *pruned* to
 * lazy: a peer gets the whole message only over its eager links, and over lazy links only the
 * ids, batched ("I have"). A peer that hears of an id it never got (or got only in copies still
 * being checked) asks for it ("graft"), which makes that link eager again: a tree broken by a
 * dropped link heals by itself. Pruning is per origin: each origin's later messages follow the tree
 * of the paths that were fastest for it (one lazy set for all origins mixes prunes made for
 * different roots, which can cut peers off the tree and leave them waiting for a graft).
 *
 * An origin's first message need not flood: the eager links of any origin's settled tree form a
 * spanning tree of the room, and a message spread over a spanning tree from any of its nodes
 * reaches every peer once. So the origin names a *seed*, the origin nearest to it (fewest hops)
 * among those it heard from lately, and every peer without a tree for the new origin starts it as
 * a copy of its tree for the seed; from then on the two trees are pruned apart as copies show.
 * The seed is a hint outside the signature: a relay that changes it can only cost copies or a
 * graft, never a delivery.
 *
 * A message to one peer (`to`) is readable by that peer only: it is sealed for the recipient's
 * X25519 key (sealed-direct.ts), inside the origin's signed envelope, so a relay sees its routing
 * (id, hops, origin, recipient) and nothing else. Every peer makes an X25519 key pair for the
 * session and announces its public key in each envelope it signs; a sender that has not seen the
 * recipient's key asks for it (a signed request relayed like a message, answered by a signed note)
 * and holds the message until the answer comes (peer-keys.ts). Such a message follows the reverse
 * of the path the recipient's own messages take to us (the neighbour whose copy of its latest
 * message verified first), and is flooded when no such path is known. Unlike a broadcast, a relay
 * verifies it before passing it on (one signature check a hop; the signature covers id, origin and
 * recipient, and a replayed one is refused): junk dies at the first hop, routes are learned from
 * proven origins only, and a flood is charged to the origin that asked for it — at most a few a
 * second per origin, per neighbour and in all.
 *
 * Every table a neighbour's frames can grow is bounded per neighbour as well as in all (FairMap):
 * ids heard of but not received, routes, announced keys, candidate copies.
 */
import { randomBytes, toBase64Url, utf8Encode } from '../util/bytes.js';
import type { X25519KeyPair } from '../crypto/x25519.js';
import { generateX25519KeyPair } from '../crypto/x25519.js';
import { DEFAULT_ENVELOPE_LIMITS, EnvelopeError, open, seal, type EnvelopeErrorCode, type EnvelopeSigner, type OpenedEnvelope } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import { TokenBucket, TokenBuckets } from '../util/token-bucket.js';
import { FairMap } from './fair-map.js';
import { PeerKeys } from './peer-keys.js';
import { decodeX25519Key, encodeX25519Key, isSealedPayload, openSealed, SealedDirectError, sealForRecipient, type SealedDirectErrorCode, type SealedPayload } from './sealed-direct.js';

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
  /** Largest message for one peer, UTF-8 bytes: sealed, it no longer compresses, and must still fit an envelope. */
  maxDirectBytes: 40 * 1024,
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
  /**
   * Frames waiting for their check (each held in memory meanwhile), from one neighbour; and in all,
   * past which a neighbour still gets its equal share.
   */
  maxPendingChecksPerNeighbor: 256,
  maxPendingChecks: 1024,
  /** Copies of one message kept while another copy of it is checked: in all, and from one neighbour. */
  maxCandidatesPerId: 8,
  maxCandidatesPerIdPerNeighbor: 2,
  /** Copies kept that way for all messages: in all, and from one neighbour. */
  maxCandidates: 256,
  maxCandidatesPerNeighbor: 64,
  /** Ids heard of but not received: in all, and first announced by one neighbour (a full "I have" fits). */
  maxMissing: 1024,
  maxMissingPerNeighbor: 256,
  /** Neighbours remembered as having one missing message. */
  maxHolders: 8,
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
  /** Key requests answered: per second and burst, per asker and in all. */
  answerRatePerPeer: 1,
  answerBurstPerPeer: 4,
  answerRate: 16,
  answerBurst: 64,
} as const;

export type GossipErrorCode = 'too-large' | 'malformed' | 'mismatch' | 'not-sealed' | 'over-budget' | SealedDirectErrorCode | EnvelopeErrorCode;

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
  /** How long a request for a recipient's key is given before it is made again (three in all), ms (default 2000). */
  readonly keyAskMs?: number;
  /** Sends a frame to a neighbour; false when that link is not up. */
  readonly send: (neighbor: string, frame: string) => boolean;
  /** Neighbours whose links are up. */
  readonly neighbors: () => readonly string[];
  readonly deliver: (origin: string, data: string, via: string) => void;
  readonly reject: (rejection: GossipRejection) => void;
  /** A message of ours that could not go out (too large; too many held while no link was up; no key from its recipient). */
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

/** What a broadcast's origin signs: the id, the message, and its X25519 key (for messages to it). */
interface BroadcastBody {
  readonly id: string;
  readonly data: string;
  readonly x?: string;
}

/**
 * What the origin of a message for one peer signs: the id, its X25519 key, and the message sealed
 * for the recipient (`s`), or a request for the recipient's key (`ask`), or neither: a key note,
 * the answer to a request.
 */
interface DirectBody {
  readonly id: string;
  readonly x: string;
  readonly s?: SealedPayload;
  readonly ask?: true;
}

/** What a direct frame of ours carries. */
type Direct = { readonly data: string; readonly key: Uint8Array } | { readonly ask: true } | { readonly note: true };

interface Candidate {
  readonly via: string;
  readonly frame: Frame;
}

interface Seen {
  verified: boolean;
  /** Other copies with this id, kept while the one being checked may prove forged (oldest first). */
  candidates?: Candidate[];
}

interface Missing {
  /** Neighbours that said they have it, to ask in turn. */
  readonly holders: string[];
  timer?: ReturnType<typeof setTimeout>;
}

/** A frame refused for what it says rather than how it was signed. */
class GossipRefusal extends Error {
  constructor(
    readonly code: GossipErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CLOSED = 'the relay was closed (the room was left) before the message went out';

const mismatch = () => new GossipRefusal('mismatch', 'the signed message does not match its relay frame (id, origin or recipient)');

const ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export class Gossip {
  readonly #seen = new Map<string, Seen>();
  /** Origin → the neighbour the first verified copy of its latest message came through, owned by that neighbour. */
  readonly #routes = new FairMap<string, string>(GOSSIP_LIMITS.maxRoutes, GOSSIP_LIMITS.maxRoutesPerNeighbor);
  readonly #replay = new ReplayGuard();
  readonly #held: { frame: Frame; data?: string }[] = [];
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
  /** Ids heard of but not received (or received only in copies not yet verified), owned by the neighbour that first said so. */
  readonly #missing = new FairMap<string, Missing>(GOSSIP_LIMITS.maxMissing, GOSSIP_LIMITS.maxMissingPerNeighbor, (_, entry) => clearTimeout(entry.timer));
  /** Frames waiting for their check, per neighbour that sent them. */
  readonly #pendingFrom = new Map<string, number>();
  #pendingCount = 0;
  /** Candidate copies held, per neighbour that brought them. */
  readonly #candidatesFrom = new Map<string, number>();
  #candidateCount = 0;
  readonly #keys: PeerKeys;
  #ownKey: Promise<X25519KeyPair> | undefined;
  readonly #floodBudget = {
    origin: new TokenBuckets(GOSSIP_LIMITS.floodRatePerOrigin, GOSSIP_LIMITS.floodBurstPerOrigin),
    neighbor: new TokenBuckets(GOSSIP_LIMITS.floodRatePerNeighbor, GOSSIP_LIMITS.floodBurstPerNeighbor),
    all: new TokenBucket(GOSSIP_LIMITS.floodRate, GOSSIP_LIMITS.floodBurst),
  };
  readonly #answerBudget = {
    peer: new TokenBuckets(GOSSIP_LIMITS.answerRatePerPeer, GOSSIP_LIMITS.answerBurstPerPeer),
    all: new TokenBucket(GOSSIP_LIMITS.answerRate, GOSSIP_LIMITS.answerBurst),
  };
  /** Seals run in order, so messages leave in the order they were sent. */
  #sealing: Promise<void> = Promise.resolve();
  /** Checks run in order, so messages are delivered in the order they arrived. */
  #checking: Promise<void> = Promise.resolve();
  /** Messages for other peers are checked in order too, so they are passed on in order. */
  #relaying: Promise<void> = Promise.resolve();
  /** Set by close(): from then on nothing is sent, delivered or scheduled, whatever was in flight. */
  #closed = false;

  /** After `close()`: nothing more is checked, delivered, sent or scheduled. */
  get closed(): boolean {
    return this.#closed;
  }
  /** Frames this peer put on links: its own and the ones it forwarded. */
  framesSent = 0;
  duplicates = 0;
  /** Messages asked for after only their id came (a tree cut, or a hop bound reached). */
  grafts = 0;

  constructor(private readonly options: GossipOptions) {
    this.#keys = new PeerKeys({
      ask: (to) => this.#sendDirect(to, { ask: true }),
      release: (to, key, messages) => {
        for (const data of messages) this.#sendDirect(to, { data, key });
      },
      failed: (to, data, reason) => options.failed(to, data, reason),
      ...(options.keyAskMs !== undefined ? { askMs: options.keyAskMs } : {}),
    });
  }

  get #self(): string {
    return this.options.identity.fingerprint;
  }

  get #ttl(): number {
    return this.options.ttl ?? GOSSIP_DEFAULT_TTL;
  }

  /** Entries in the relay's bounded tables, for tests and metrics. */
  get memory(): {
    readonly seen: number;
    readonly pendingChecks: number;
    readonly candidates: number;
    readonly missing: number;
    readonly routes: number;
    readonly keys: number;
    readonly waitingForKeys: number;
    readonly held: number;
  } {
    return {
      seen: this.#seen.size,
      pendingChecks: this.#pendingCount,
      candidates: this.#candidateCount,
      missing: this.#missing.size,
      routes: this.#routes.size,
      keys: this.#keys.size,
      waitingForKeys: this.#keys.waiting,
      held: this.#held.length,
    };
  }

  /** This peer's X25519 key pair for the session, made on first use. */
  #ownKeyPair(): Promise<X25519KeyPair> {
    return (this.#ownKey ??= generateX25519KeyPair());
  }

  /**
   * Sends to every peer in the room; `to` sends to that one only, relayed like the rest and sealed
   * so that only it can read the message (once its key is known: asked for if need be).
   */
  send(data: string, to?: string): void {
    if (this.#closed) return this.options.failed(to, data, CLOSED);
    if (to === undefined) return this.#broadcast(data);
    const bytes = utf8Encode(data).length;
    if (bytes > GOSSIP_LIMITS.maxDirectBytes) {
      this.options.failed(to, data, `a message for one peer of more than ${GOSSIP_LIMITS.maxDirectBytes} bytes cannot be relayed`);
      return;
    }
    const key = this.#keys.keyOf(to);
    if (key) this.#sendDirect(to, { data, key });
    else this.#keys.wait(to, data);
  }

  #broadcast(data: string): void {
    if (data.length > GOSSIP_LIMITS.maxDataChars) {
      this.options.failed(undefined, data, `more than ${GOSSIP_LIMITS.maxDataChars} characters cannot be relayed`);
      return;
    }
    const id = newId();
    this.#remember(id, { verified: true });
    const { identity, address } = this.options;
    const sealing = this.#ownKeyPair().then((own) =>
      seal<BroadcastBody>(identity, { ...address, to: GOSSIP_EVERYONE, type: GOSSIP_ENVELOPE_TYPE, body: { id, data, x: encodeX25519Key(own.publicKey) }, includeKey: true }),
    );
    this.#inOrder(sealing, undefined, data, (e) => {
      const seed = this.#seed();
      const frame: Frame = { i: id, t: this.#ttl, f: this.#self, ...(seed ? { s: seed } : {}), e };
      if (!this.#spreadBroadcast(frame, undefined)) this.#hold(frame, data);
    });
  }

  /** A sealed message, a key request or a key note for `to`. */
  #sendDirect(to: string, direct: Direct): void {
    const id = newId();
    this.#remember(id, { verified: true });
    const { identity, address } = this.options;
    const data = 'data' in direct ? direct.data : undefined;
    const sealing = (async () => {
      const own = await this.#ownKeyPair();
      const sealed = 'data' in direct ? await sealForRecipient(direct.key, direct.data, { ...address, from: this.#self, to, id }) : undefined;
      const body: DirectBody = { id, x: encodeX25519Key(own.publicKey), ...(sealed ? { s: sealed } : {}), ...('ask' in direct ? { ask: true as const } : {}) };
      return seal<DirectBody>(identity, { ...address, to, type: GOSSIP_ENVELOPE_TYPE, body, includeKey: true });
    })();
    this.#inOrder(sealing, to, data, (e) => {
      const frame: Frame = { i: id, t: this.#ttl, f: this.#self, o: to, e };
      if (!this.#spreadDirect(frame, undefined)) this.#hold(frame, data);
    });
  }

  /** Puts sealed frames on links in the order they were sent, whichever seal finishes first. */
  #inOrder(sealing: Promise<string>, to: string | undefined, data: string | undefined, emit: (envelope: string) => void): void {
    // Its failure is handled in the chain below; this only keeps it from counting as unhandled meanwhile.
    sealing.catch(() => undefined);
    this.#sealing = this.#sealing
      .then(() => sealing)
      .then((envelope) => {
        if (!this.#closed) emit(envelope);
        else if (data !== undefined) this.options.failed(to, data, CLOSED);
      }, (error: unknown) => {
        if (data !== undefined) this.options.failed(to, data, `could not seal: ${(error as Error).message}`);
      })
      // One message's trouble must not fail the ones sealed after it.
      .catch(() => undefined);
  }

  /** A frame from a neighbour's link. */
  receive(via: string, text: string): void {
    if (this.#closed) return;
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
      if (seen && !seen.verified) this.#keepCandidate(seen, via, frame);
      return;
    }
    if (!this.#mayQueueCheck(via)) return this.#reject(via, frame.f, 'over-budget', 'more frames from this link are waiting for their check than allowed');
    this.#accept(via, frame);
  }

  /** Whether another frame from `via` may wait for its check: within its share, so no link can fill the queue. */
  #mayQueueCheck(via: string): boolean {
    const mine = this.#pendingFrom.get(via) ?? 0;
    if (mine >= GOSSIP_LIMITS.maxPendingChecksPerNeighbor) return false;
    return this.#pendingCount < GOSSIP_LIMITS.maxPendingChecks || mine < GOSSIP_LIMITS.maxPendingChecks / this.#pendingFrom.size;
  }

  #checkPending(via: string, change: 1 | -1): void {
    const count = (this.#pendingFrom.get(via) ?? 0) + change;
    if (count > 0) this.#pendingFrom.set(via, count);
    else this.#pendingFrom.delete(via);
    this.#pendingCount += change;
  }

  /**
   * Stops the announce timer, every graft timer and every key request (the room is left). Checks
   * and seals still in flight end without sending, delivering or starting a timer.
   */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = undefined;
    this.#announce.clear();
    this.#prunes.clear();
    for (const { timer } of this.#missing.values()) clearTimeout(timer);
    this.#missing.clear();
    this.#keys.close();
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

  /**
   * A neighbour has a message this peer has not verified: ask for it if no copy that verifies
   * comes soon. A copy still being checked does not count: it may be a forgery sent ahead.
   */
  #heardOf(id: string, holder: string): void {
    if (this.#closed || this.#seen.get(id)?.verified) return;
    const missing = this.#missing.get(id);
    if (missing) {
      if (!missing.holders.includes(holder) && missing.holders.length < GOSSIP_LIMITS.maxHolders) missing.holders.push(holder);
      return;
    }
    const entry: Missing = { holders: [holder] };
    this.#missing.set(id, holder, entry);
    entry.timer = setTimeout(() => this.#askFor(id), this.#graftAfterMs);
  }

  get #graftAfterMs(): number {
    return this.options.graftAfterMs ?? 150;
  }

  /** Asks the next holder for a missing message, unless a copy of it is in hand (checked first). */
  #askFor(id: string): void {
    const entry = this.#missing.get(id);
    if (!entry || this.#closed) return;
    clearTimeout(entry.timer);
    const seen = this.#seen.get(id);
    if (seen?.verified) return this.#foundMissing(id);
    if (!seen) {
      const from = entry.holders.shift();
      if (from === undefined) return this.#foundMissing(id);
      this.grafts++;
      this.#eagerEverywhere(from);
      this.#sendTo(from, JSON.stringify({ k: 'g', i: id } satisfies Control));
    }
    entry.timer = setTimeout(() => this.#askFor(id), this.#graftAfterMs);
  }

  #foundMissing(id: string): void {
    clearTimeout(this.#missing.get(id)?.timer);
    this.#missing.delete(id);
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
    if (this.#closed) return;
    const held = this.#held.splice(0);
    for (const { frame, data } of held) {
      const sent = frame.o === undefined ? this.#spreadBroadcast(frame, undefined) : this.#spreadDirect(frame, undefined);
      if (!sent) this.#hold(frame, data);
    }
  }

  /** A peer left the room: its tree goes, it is no longer a seed for others, and its next key will be new. */
  forgetOrigin(id: string): void {
    this.#lazy.delete(id);
    this.#recentOrigins.delete(id);
    this.#routes.delete(id);
    this.#keys.forget(id);
  }

  /** A neighbour's link is gone: paths through it are forgotten. */
  forgetNeighbor(id: string): void {
    this.#routes.deleteOwner(id);
    // A neighbour linked again starts eager.
    this.#eagerEverywhere(id);
    this.#announce.delete(id);
    this.#prunes.delete(id);
  }

  /** The first copy of a message (or the next candidate, when the one before it proved forged). */
  #accept(via: string, frame: Frame, candidates?: Candidate[]): void {
    // A check that ended after close() takes no next candidate.
    if (this.#closed) return;
    const forMe = frame.o === this.#self;
    // A message for someone else with no hops left has nowhere to go: a copy with hops may follow.
    if (frame.o !== undefined && !forMe && frame.t === 0) return;
    this.#remember(frame.i, { verified: false, ...(candidates?.length ? { candidates } : {}) });
    if (frame.o === undefined) {
      if (frame.t > 0) this.#spreadBroadcast({ ...frame, t: frame.t - 1 }, via);
      // The first copy came over this link, so it is a tree link for this origin even if this side
      // had it lazy (the other side never got our prune, or pruned back). Pushing over it both ways
      // keeps the tree whole for the trees seeded from this one, which run from the other end.
      this.#lazy.get(frame.f)?.delete(via);
      this.#prunes.get(via)?.delete(frame.f);
    }
    this.#checkPending(via, 1);
    // Nothing a check does may stop the ones queued after it.
    const check = (run: () => Promise<void>) => () =>
      (this.#closed ? Promise.resolve() : run())
        .catch(() => undefined)
        .finally(() => this.#checkPending(via, -1));
    if (frame.o === undefined) this.#checking = this.#checking.then(check(() => this.#checkBroadcast(via, frame)));
    else if (forMe) this.#checking = this.#checking.then(check(() => this.#checkDirect(via, frame)));
    else this.#relaying = this.#relaying.then(check(() => this.#checkRelayed(via, frame)));
  }

  /**
   * Opens a frame's envelope and checks it is the message the frame says (id, origin, recipient).
   * Replays are checked by the caller, only once the frame matches what was signed: otherwise a
   * relay could wrap a genuine envelope in a bad frame, get its nonce remembered, and have the
   * genuine copy refused as a replay.
   */
  async #open<Body>(via: string, frame: Frame, me: readonly string[], keys: KeyDirectory | undefined): Promise<OpenedEnvelope<Body>> {
    const { address, policy } = this.options;
    const opened = await open<Body>(frame.e, { ...address, me, replay: new ReplayGuard(1), via, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) });
    const body = opened.body as { readonly id?: unknown } | null;
    if (opened.type !== GOSSIP_ENVELOPE_TYPE || typeof body !== 'object' || body === null || body.id !== frame.i || opened.from !== frame.f || opened.to !== (frame.o ?? GOSSIP_EVERYONE)) {
      throw mismatch();
    }
    return opened;
  }

  #notReplayed(opened: OpenedEnvelope<unknown>): void {
    if (!this.#replay.remember(opened.from, opened.nonce, opened.ts, Date.now() - DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs)) {
      throw new EnvelopeError('replayed', `nonce ${opened.nonce} was already used`);
    }
  }

  /** The copy in hand verified: it is the message, and its path is a route to its origin. */
  #verified(via: string, frame: Frame): void {
    const seen = this.#seen.get(frame.i);
    if (seen) {
      seen.verified = true;
      this.#dropCandidates(seen);
    }
    this.#foundMissing(frame.i);
    // Each verified message of the origin renews its route: a neighbour that was first once (or
    // has since stopped passing its messages on) does not keep the path to it for good.
    if (this.#routes.get(frame.f) !== via) this.#routes.set(frame.f, via, via);
  }

  /** The copy in hand did not verify: the id was not earned. The next copy is checked, or asked for. */
  #refused(via: string, frame: Frame, error: unknown): void {
    const code = error instanceof EnvelopeError || error instanceof GossipRefusal ? error.code : 'malformed';
    this.#reject(via, frame.f, code, (error as Error).message);
    const seen = this.#seen.get(frame.i);
    // Another copy verified meanwhile (one checked again after the id was forgotten, refused as a replay).
    if (seen?.verified) return;
    const next = seen?.candidates?.shift();
    if (seen && next) {
      this.#candidateGone(next.via);
      this.#accept(next.via, next.frame, seen.candidates);
      return;
    }
    this.#forgetSeen(frame.i);
    if (this.#missing.has(frame.i)) this.#askFor(frame.i);
  }

  async #checkBroadcast(via: string, frame: Frame): Promise<void> {
    let data: string;
    try {
      const opened = await this.#open<BroadcastBody>(via, frame, [this.#self, GOSSIP_EVERYONE], this.options.keys);
      if (typeof opened.body.data !== 'string') throw mismatch();
      this.#notReplayed(opened);
      this.#verified(via, frame);
      this.#heardFrom(frame.f, this.#ttl - frame.t);
      const key = decodeX25519Key(opened.body.x);
      if (key) this.#keys.learn(frame.f, key, via);
      data = opened.body.data;
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    // Outside the try: whatever the app's handler does, this message stays delivered once.
    if (!this.#closed) this.options.deliver(frame.f, data, via);
  }

  async #checkDirect(via: string, frame: Frame): Promise<void> {
    let body: DirectBody;
    try {
      const opened = await this.#open<DirectBody>(via, frame, [this.#self], this.options.keys);
      body = opened.body;
      const key = decodeX25519Key(body.x);
      if (!key) throw new GossipRefusal('malformed', 'a message for one peer names no X25519 key of its sender');
      if (body.s !== undefined && !isSealedPayload(body.s)) throw new GossipRefusal('malformed', 'the sealed message is not one');
      if (body.s === undefined && 'data' in body) throw new GossipRefusal('not-sealed', 'a message for one peer came unsealed: every relay could read it');
      this.#notReplayed(opened);
      this.#verified(via, frame);
      this.#keys.learn(frame.f, key, via);
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    if (body.ask === true) this.#answerAsk(frame.f, via);
    // Without a sealed message it is a key note: learning the key was all.
    if (body.s === undefined) return;
    let data: string;
    try {
      data = await openSealed(await this.#ownKeyPair(), body.s, { ...this.options.address, from: frame.f, to: this.#self, id: frame.i });
    } catch (error) {
      const code = error instanceof SealedDirectError ? error.code : 'undecryptable';
      this.#reject(via, frame.f, code, (error as Error).message);
      // Sealed for the key of an earlier session: the sender learns ours, for its next messages.
      if (code === 'stale-key') this.#answerAsk(frame.f, via);
      return;
    }
    if (!this.#closed) this.options.deliver(frame.f, data, via);
  }

  /**
   * A message for another peer is passed on only once its signature verified: a relay cannot tell
   * junk from a sealed message otherwise, and the signature covers the routing (id, origin,
   * recipient). It is opened without the trust policy: relaying is not trusting, and a relay's
   * address book has no say over what two other members send each other.
   */
  async #checkRelayed(via: string, frame: Frame): Promise<void> {
    const { keys } = this.options;
    const lookup: KeyDirectory | undefined = keys && { find: (fingerprint) => keys.find(fingerprint), admit: () => Promise.resolve(undefined) };
    try {
      const opened = await this.#open<Partial<DirectBody>>(via, frame, [frame.o!], lookup);
      // Once the dedupe memory has let its id go, an old frame would be passed on again (and its
      // route and key learned again) but for this.
      this.#notReplayed(opened);
      this.#verified(via, frame);
      const key = decodeX25519Key(opened.body.x);
      if (key) this.#keys.learn(frame.f, key, via);
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    this.#spreadDirect({ ...frame, t: frame.t - 1 }, via);
  }

  /** Answers a request for our key, within a budget per asker and in all (each answer costs a signature). */
  #answerAsk(asker: string, via: string): void {
    const budget = this.#answerBudget;
    if (!spendTogether([() => budget.peer.bucket(asker), () => budget.all])) {
      this.#reject(via, asker, 'over-budget', 'asks for our key come faster than they are answered');
      return;
    }
    this.#sendDirect(asker, { note: true });
  }

  /** Keeps a copy of a message whose first copy is being checked, within the bounds. */
  #keepCandidate(seen: Seen, via: string, frame: Frame): void {
    if (frame.o !== undefined && frame.o !== this.#self && frame.t === 0) return;
    const candidates = (seen.candidates ??= []);
    const fromVia = candidates.reduce((count, candidate) => count + (candidate.via === via ? 1 : 0), 0);
    const held = this.#candidatesFrom.get(via) ?? 0;
    const full =
      candidates.length >= GOSSIP_LIMITS.maxCandidatesPerId ||
      fromVia >= GOSSIP_LIMITS.maxCandidatesPerIdPerNeighbor ||
      held >= GOSSIP_LIMITS.maxCandidatesPerNeighbor ||
      this.#candidateCount >= GOSSIP_LIMITS.maxCandidates;
    if (full) {
      // No room for the copy, but its neighbour has the message: if every copy in hand proves
      // forged, it is asked for it (as after an "I have"), so forgeries that fill the caps ahead of
      // the genuine copy cannot make the id be forgotten. Only broadcasts are kept to answer a graft.
      if (frame.o === undefined) this.#heardOf(frame.i, via);
      return;
    }
    candidates.push({ via, frame });
    this.#candidatesFrom.set(via, held + 1);
    this.#candidateCount++;
  }

  #candidateGone(via: string): void {
    const held = (this.#candidatesFrom.get(via) ?? 1) - 1;
    if (held > 0) this.#candidatesFrom.set(via, held);
    else this.#candidatesFrom.delete(via);
    this.#candidateCount--;
  }

  #dropCandidates(seen: Seen): void {
    for (const { via } of seen.candidates ?? []) this.#candidateGone(via);
    delete seen.candidates;
  }

  /**
   * Forwards a broadcast to the neighbours that should get it; false when no link was up to take
   * it. It goes whole over eager links and as an id over lazy ones (the origin pushes it whole
   * everywhere).
   */
  #spreadBroadcast(frame: Frame, via: string | undefined): boolean {
    const text = JSON.stringify(frame);
    this.#keep(frame.i, text, frame.f);
    const lazy = this.#treeFor(frame);
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
   * Forwards a message for one peer: to the recipient when it is a neighbour, else along the route
   * to it, else to every link — within the flood budget when the message is someone else's.
   */
  #spreadDirect(frame: Frame, via: string | undefined): boolean {
    const to = frame.o!;
    const text = JSON.stringify(frame);
    const neighbors = this.options.neighbors();
    if (neighbors.includes(to) && to !== via && this.#sendTo(to, text)) return true;
    const route = this.#routes.get(to);
    if (route !== undefined && route !== via && this.#sendTo(route, text)) return true;
    if (via !== undefined && !this.#mayFlood(via, frame.f)) {
      this.#reject(via, frame.f, 'over-budget', `no path to ${to} is known, and this origin's messages are flooded faster than allowed`);
      return false;
    }
    let sent = false;
    for (const neighbor of neighbors) {
      if (neighbor === via || neighbor === frame.f) continue;
      if (this.#sendTo(neighbor, text)) sent = true;
    }
    return sent;
  }

  /** A flood for others spends a token of the neighbour that brought it, of its origin and of the whole; none when one has none. */
  #mayFlood(via: string, origin: string): boolean {
    const budget = this.#floodBudget;
    return spendTogether([() => budget.neighbor.bucket(via), () => budget.origin.bucket(origin), () => budget.all]);
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
    if (this.#closed) return;
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
    if (this.#closed) return false;
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

  /** A frame of ours waits for a link; `data` is the app's message in it (none for key requests and notes). */
  #hold(frame: Frame, data: string | undefined): void {
    this.#held.push({ frame, ...(data !== undefined ? { data } : {}) });
    if (this.#held.length > GOSSIP_LIMITS.maxHeld) {
      const dropped = this.#held.shift()!;
      if (dropped.data !== undefined) this.options.failed(dropped.frame.o, dropped.data, `no link up, and more than ${GOSSIP_LIMITS.maxHeld} messages waiting`);
    }
  }

  #remember(id: string, seen: Seen): void {
    this.#seen.set(id, seen);
    if (this.#seen.size > GOSSIP_LIMITS.maxSeen) this.#forgetSeen(this.#seen.keys().next().value!);
  }

  #forgetSeen(id: string): void {
    const seen = this.#seen.get(id);
    if (!seen) return;
    this.#dropCandidates(seen);
    this.#seen.delete(id);
  }

  #reject(via: string, origin: string | undefined, code: GossipErrorCode, message: string): void {
    this.options.reject({ via, ...(origin !== undefined ? { origin } : {}), code, message });
  }
}

/**
 * Takes a token from each bucket if every one has one, else from none. Buckets are made one at a
 * time, so a per-key bucket is made only when the ones before it had a token.
 */
function spendTogether(buckets: readonly (() => TokenBucket)[]): boolean {
  const now = Date.now();
  const all: TokenBucket[] = [];
  for (const bucketOf of buckets) {
    const bucket = bucketOf();
    if (bucket.available(now) < 1) return false;
    all.push(bucket);
  }
  for (const bucket of all) bucket.take(now);
  return true;
}

function newId(): string {
  return toBase64Url(randomBytes(12));
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
  // A recipient is one peer: "everyone" is what a broadcast (no recipient) is sealed for.
  if (!address(f) || (o !== undefined && (!address(o) || o === GOSSIP_EVERYONE)) || (s !== undefined && (o !== undefined || !address(s))) || typeof e !== 'string' || e.length === 0) return undefined;
  return { i, t, f: f as string, ...(o !== undefined ? { o: o as string } : {}), ...(s !== undefined ? { s: s as string } : {}), e };
}
