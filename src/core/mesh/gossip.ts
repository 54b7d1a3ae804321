/**
 * Gossip relay for a partial mesh: a message reaches peers this one has no link to by hopping
 * over the links there are. The origin signs it once (a sealed envelope: the relays cannot alter
 * it or claim another origin); each peer forwards a message once while it remembers its id, to
 * every neighbour but the one it came from, and drops the copies that arrive by other paths. A
 * hop bound (`ttl`) caps how far a frame travels even once the dedupe memory let its id go.
 *
 * A broadcast is forwarded before it is checked: a hop costs no crypto, so latency grows by link
 * time only. The price is that a forged broadcast is forwarded too, by every peer it reaches,
 * before each refuses it at its own check: it costs the room what a genuine one does. Nor is it
 * forwarded only once per peer: a copy that fails its check gives its id up, so the next copy with
 * that id (a kept candidate, or one that comes later) is forwarded in its turn. What bounds one
 * neighbour's junk is its share of the checks waiting (check-queue.ts), not a budget per origin.
 * Copies that come while another with their id is checked are kept as candidates
 * (seen-messages.ts) and checked in turn when it proves forged; when none is left, a neighbour
 * that said it has the message is asked for it (grafts.ts). So forged copies sent ahead of a
 * genuine one cost a check each, never the message.
 *
 * Broadcasts follow a tree per origin, whole over its eager links and as ids over its lazy ones,
 * with grafts to heal it (broadcast-trees.ts, broadcast-relay.ts).
 *
 * A message for one peer (`to`) is readable by that peer only: sealed for its X25519 key inside
 * the origin's signed envelope (sealed-direct.ts, signed-body.ts), so a relay sees its routing
 * (id, hops, origin, recipient) and nothing else. Every peer announces its session's X25519 key in
 * each envelope it signs; a sender that has not seen the recipient's asks for it and holds the
 * message until the answer comes (peer-keys.ts). Such a message follows the route to its recipient
 * (direct-routes.ts). Unlike a broadcast, a relay verifies it before passing it on (one signature
 * check a hop; the signature covers id, origin and recipient, and a replayed one is refused): junk
 * dies at the first hop, routes are learned from proven origins only, and a flood is charged to
 * the origin that asked for it.
 *
 * Every table a neighbour's frames can grow is bounded in all. Those a neighbour could fill to
 * crowd out the others' entries are bounded per neighbour as well: ids heard of but not received,
 * routes, announced keys, candidate copies, checks waiting. The dedupe memory, the graft cache and
 * the trees are bounded in all only; their modules say what filling them costs.
 */
import { utf8Encode } from '../util/bytes.js';
import { generateX25519KeyPair, type X25519KeyPair } from '../crypto/x25519.js';
import { seal, type EnvelopeSigner } from '../envelope/envelope.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { RoomAddress } from '../signaling/transport.js';
import { BroadcastRelay } from './broadcast-relay.js';
import { TREE_LIMITS } from './broadcast-trees.js';
import { CHECK_QUEUE_LIMITS, CheckQueue } from './check-queue.js';
import { DirectRoutes, ROUTE_LIMITS } from './direct-routes.js';
import { GRAFT_LIMITS } from './grafts.js';
import { OWN_FRAME_LIMITS, OwnFrames, RELAY_CLOSED } from './own-frames.js';
import { KEY_ANSWER_LIMITS, PeerKeys } from './peer-keys.js';
import { GOSSIP_ENVELOPE_TYPE, refusalOf, RelayCheck, type GossipErrorCode } from './relay-check.js';
import { decodeRelayFrame, encodeRelayFrame, GOSSIP_EVERYONE, isDirect, newMessageId, RELAY_FRAME_LIMITS, type DirectFrame, type RelayFrame } from './relay-frame.js';
import { openSealed, SealedDirectError } from './sealed-direct.js';
import { SEEN_LIMITS, SeenMessages } from './seen-messages.js';
import { broadcastBody, directBody, MESSAGE_LIMITS, readBroadcast, readDirect, readRelayed, type BroadcastBody, type BroadcastMessage, type Direct, type DirectBody, type DirectMessage } from './signed-body.js';

export { GOSSIP_ENVELOPE_TYPE, type GossipErrorCode } from './relay-check.js';
export { GOSSIP_EVERYONE } from './relay-frame.js';

/** Hops a message may travel unless the room says otherwise: tree paths run longer than the shortest ones. */
export const GOSSIP_DEFAULT_TTL = 32;

/** The relay's bounds (the key store's are PEER_KEY_LIMITS), each defined and explained beside the code that keeps it. */
export const GOSSIP_LIMITS = {
  ...RELAY_FRAME_LIMITS,
  ...MESSAGE_LIMITS,
  ...OWN_FRAME_LIMITS,
  ...SEEN_LIMITS,
  ...CHECK_QUEUE_LIMITS,
  ...TREE_LIMITS,
  ...GRAFT_LIMITS,
  ...ROUTE_LIMITS,
  ...KEY_ANSWER_LIMITS,
} as const;

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

export class Gossip {
  readonly #seen = new SeenMessages();
  readonly #checks = new CheckQueue();
  readonly #check: RelayCheck;
  readonly #broadcasts: BroadcastRelay;
  readonly #routes = new DirectRoutes();
  readonly #keys: PeerKeys;
  readonly #own: OwnFrames;
  #ownKey: Promise<X25519KeyPair> | undefined;
  /** Set by close(): from then on nothing is sent, delivered or scheduled, whatever was in flight. */
  #closed = false;

  /** Frames this peer put on links: its own and the ones it forwarded. */
  framesSent = 0;
  /** Copies dropped because a copy with their id was in hand. */
  duplicates = 0;

  constructor(private readonly options: GossipOptions) {
    this.#check = new RelayCheck(options);
    this.#broadcasts = new BroadcastRelay({
      announceMs: options.announceMs ?? 400,
      graftAfterMs: options.graftAfterMs ?? 150,
      neighbors: () => options.neighbors(),
      sendTo: (neighbor, text) => this.#sendTo(neighbor, text),
      state: (id) => this.#seen.state(id),
    });
    this.#keys = new PeerKeys({
      ask: (to) => this.#sendDirect(to, { ask: true }),
      release: (to, key, messages) => {
        for (const data of messages) this.#sendDirect(to, { data, key });
      },
      failed: (to, data, reason) => options.failed(to, data, reason),
      ...(options.keyAskMs !== undefined ? { askMs: options.keyAskMs } : {}),
    });
    this.#own = new OwnFrames({
      spread: (frame) => (isDirect(frame) ? this.#spreadDirect(frame, undefined) : this.#broadcasts.spread(frame, undefined)),
      failed: (to, data, reason) => options.failed(to, data, reason),
    });
  }

  /** After `close()`: nothing more is checked, delivered, sent or scheduled. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Messages asked for after only their id came (a tree cut, or a hop bound reached). */
  get grafts(): number {
    return this.#broadcasts.grafts;
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
      pendingChecks: this.#checks.pending,
      candidates: this.#seen.candidates,
      missing: this.#broadcasts.missing,
      routes: this.#routes.size,
      keys: this.#keys.size,
      waitingForKeys: this.#keys.waiting,
      held: this.#own.held,
    };
  }

  get #self(): string {
    return this.options.identity.fingerprint;
  }

  get #ttl(): number {
    return this.options.ttl ?? GOSSIP_DEFAULT_TTL;
  }

  /**
   * Sends to every peer in the room; `to` sends to that one only, relayed like the rest and sealed
   * so that only it can read the message (once its key is known: asked for if need be).
   */
  send(data: string, to?: string): void {
    if (this.#closed) return this.options.failed(to, data, RELAY_CLOSED);
    if (to === undefined) return this.#broadcast(data);
    if (utf8Encode(data).length > GOSSIP_LIMITS.maxDirectBytes) {
      return this.options.failed(to, data, `a message for one peer of more than ${GOSSIP_LIMITS.maxDirectBytes} bytes cannot be relayed`);
    }
    const key = this.#keys.keyOf(to);
    if (key) this.#sendDirect(to, { data, key });
    else this.#keys.wait(to, data);
  }

  /** A frame from a neighbour's link. */
  receive(via: string, text: string): void {
    if (this.#closed) return;
    const decoded = decodeRelayFrame(text);
    if ('refused' in decoded) return this.#reject(via, undefined, decoded.refused, decoded.reason);
    if ('control' in decoded) return this.#broadcasts.control(via, decoded.control);
    const frame = decoded.message;
    const state = this.#seen.state(frame.i);
    if (state || frame.f === this.#self) {
      this.duplicates++;
      if (!isDirect(frame)) this.#broadcasts.copy(via, frame);
      if (state === 'checking') this.#keepCandidate(via, frame);
      return;
    }
    if (!this.#checks.mayQueue(via)) return this.#reject(via, frame.f, 'over-budget', 'more frames from this link are waiting for their check than allowed');
    this.#accept(via, frame);
  }

  /** Frames held while no link was up go out now. */
  flush(): void {
    if (!this.#closed) this.#own.flush();
  }

  /** Sends the ids and prunes waiting for the announce tick now, one frame per neighbour. */
  flushUpkeep(): void {
    this.#broadcasts.flushUpkeep();
  }

  /** A peer left the room: its tree goes, it is no longer a seed for others, and its next key will be new. */
  forgetOrigin(id: string): void {
    this.#broadcasts.forgetOrigin(id);
    this.#routes.forgetOrigin(id);
    this.#keys.forget(id);
  }

  /** A neighbour's link is gone: paths through it are forgotten, and it starts eager if it links again. */
  forgetNeighbor(id: string): void {
    this.#routes.forgetNeighbor(id);
    this.#broadcasts.forgetNeighbor(id);
  }

  /**
   * Stops the announce timer, every graft timer and every key request (the room is left). Checks
   * and seals still in flight end without sending, delivering or starting a timer; the messages in
   * seals in flight are reported failed.
   */
  close(): void {
    this.#closed = true;
    this.#checks.close();
    this.#own.close();
    this.#broadcasts.close();
    this.#keys.close();
  }

  #broadcast(data: string): void {
    if (data.length > GOSSIP_LIMITS.maxDataChars) {
      return this.options.failed(undefined, data, `more than ${GOSSIP_LIMITS.maxDataChars} characters cannot be relayed`);
    }
    const id = newMessageId();
    this.#seen.sent(id);
    const { identity, address } = this.options;
    const sealing = this.#ownKeyPair().then((own) =>
      seal<BroadcastBody>(identity, { ...address, to: GOSSIP_EVERYONE, type: GOSSIP_ENVELOPE_TYPE, body: broadcastBody(id, data, own), includeKey: true }),
    );
    this.#own.add(sealing, { data }, (e) => {
      const seed = this.#broadcasts.seed();
      return { i: id, t: this.#ttl, f: this.#self, ...(seed ? { s: seed } : {}), e };
    });
  }

  /** A sealed message, a key request or a key note for `to`. */
  #sendDirect(to: string, direct: Direct): void {
    const id = newMessageId();
    this.#seen.sent(id);
    const { identity, address } = this.options;
    const sealing = (async () => {
      const body = await directBody(direct, await this.#ownKeyPair(), { ...address, from: this.#self, to, id });
      return seal<DirectBody>(identity, { ...address, to, type: GOSSIP_ENVELOPE_TYPE, body, includeKey: true });
    })();
    this.#own.add(sealing, { to, ...('data' in direct ? { data: direct.data } : {}) }, (e) => ({ i: id, t: this.#ttl, f: this.#self, o: to, e }));
  }

  /** This peer's X25519 key pair for the session, made on first use. */
  #ownKeyPair(): Promise<X25519KeyPair> {
    return (this.#ownKey ??= generateX25519KeyPair());
  }

  /** Another copy of an id being checked: kept as a candidate, or, with no place for it, its neighbour becomes a holder. */
  #keepCandidate(via: string, frame: RelayFrame): void {
    // A message for someone else with no hops left could not be passed on.
    if (isDirect(frame) && frame.o !== this.#self && frame.t === 0) return;
    if (this.#seen.keep(frame.i, { via, frame })) return;
    // No place for the copy, but its neighbour has the message: if every copy in hand proves
    // forged, it is asked for it (as after an "I have"), so forgeries that fill the places ahead of
    // the genuine copy cannot make the id be forgotten. Only broadcasts are kept to answer a graft.
    if (!isDirect(frame)) this.#broadcasts.heardOf(frame.i, via);
  }

  /** The first copy of a message (or the next candidate, when the one before it proved forged). */
  #accept(via: string, frame: RelayFrame): void {
    // A check that ended after close() takes no next candidate.
    if (this.#closed) return;
    if (!isDirect(frame)) {
      this.#seen.checking(frame.i);
      this.#broadcasts.firstCopy(via, frame);
      this.#checks.add(via, 'deliver', () => this.#checkBroadcast(via, frame));
    } else if (frame.o === this.#self) {
      this.#seen.checking(frame.i);
      this.#checks.add(via, 'deliver', () => this.#checkDirect(via, frame));
    } else if (frame.t > 0) {
      this.#seen.checking(frame.i);
      this.#checks.add(via, 'relay', () => this.#checkRelayed(via, frame));
    }
    // Else a message for someone else with no hops left: it has nowhere to go, and a copy with hops may follow.
  }

  async #checkBroadcast(via: string, frame: RelayFrame): Promise<void> {
    let message: BroadcastMessage;
    try {
      message = await this.#check.open(via, frame, { me: [this.#self, GOSSIP_EVERYONE], read: readBroadcast });
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    this.#verified(via, frame);
    this.#broadcasts.delivered(frame.f, this.#ttl - frame.t);
    if (message.key) this.#keys.learn(frame.f, message.key, via);
    // Outside the try: whatever the app's handler does, this message stays delivered once.
    if (!this.#closed) this.options.deliver(frame.f, message.data, via);
  }

  async #checkDirect(via: string, frame: DirectFrame): Promise<void> {
    let message: DirectMessage;
    try {
      message = await this.#check.open(via, frame, { me: [this.#self], read: readDirect });
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    this.#verified(via, frame);
    this.#keys.learn(frame.f, message.key, via);
    if (message.ask) this.#answerAsk(frame.f, via);
    // Without a sealed message it is a key note: learning the key was all.
    if (!message.sealed) return;
    let data: string;
    try {
      data = await openSealed(await this.#ownKeyPair(), message.sealed, { ...this.options.address, from: frame.f, to: this.#self, id: frame.i });
    } catch (error) {
      const code = error instanceof SealedDirectError ? error.code : 'undecryptable';
      this.#reject(via, frame.f, code, error instanceof Error ? error.message : String(error));
      // Sealed for the key of an earlier session: the sender learns ours, for its next messages.
      if (code === 'stale-key') this.#answerAsk(frame.f, via);
      return;
    }
    if (!this.#closed) this.options.deliver(frame.f, data, via);
  }

  /**
   * A message for another peer is passed on only once it verified: a relay cannot tell junk from a
   * sealed message otherwise, and the signature covers the routing (id, origin, recipient). Its
   * nonce is checked too: once the dedupe memory let its id go, a replayed frame would otherwise be
   * passed on again (and its route and key learned again).
   */
  async #checkRelayed(via: string, frame: DirectFrame): Promise<void> {
    let key: Uint8Array | undefined;
    try {
      ({ key } = await this.#check.open(via, frame, { me: [frame.o], read: readRelayed, asRelay: true }));
    } catch (error) {
      return this.#refused(via, frame, error);
    }
    this.#verified(via, frame);
    if (key) this.#keys.learn(frame.f, key, via);
    this.#spreadDirect({ ...frame, t: frame.t - 1 }, via);
  }

  /** The copy in hand verified: it is the message, and the path it came by is the route to its origin. */
  #verified(via: string, frame: RelayFrame): void {
    this.#seen.verified(frame.i);
    this.#broadcasts.verified(frame.i);
    this.#routes.learn(frame.f, via);
  }

  /** The copy in hand did not verify: the id was not earned. The next copy is checked, or asked for. */
  #refused(via: string, frame: RelayFrame, error: unknown): void {
    const { code, message } = refusalOf(error);
    this.#reject(via, frame.f, code, message);
    // Another copy verified meanwhile (one checked again after the id was forgotten, refused as a replay).
    if (this.#seen.state(frame.i) === 'verified') return;
    const next = this.#seen.next(frame.i);
    if (next) return this.#accept(next.via, next.frame);
    this.#seen.forget(frame.i);
    this.#broadcasts.refused(frame.i);
  }

  /** Answers a request for our key, within its budget. */
  #answerAsk(asker: string, via: string): void {
    if (!this.#keys.mayAnswer(asker)) return this.#reject(via, asker, 'over-budget', 'asks for our key come faster than they are answered');
    this.#sendDirect(asker, { note: true });
  }

  /** Passes on a message for one peer (ours when `via` is undefined); false when no link took it. */
  #spreadDirect(frame: DirectFrame, via: string | undefined): boolean {
    const spread = this.#routes.spread(frame, encodeRelayFrame(frame), via, this.options.neighbors(), (neighbor, text) => this.#sendTo(neighbor, text));
    if (spread === 'over-budget' && via !== undefined) {
      this.#reject(via, frame.f, 'over-budget', `no path to ${frame.o} is known, and this origin's messages are flooded faster than allowed`);
    }
    return spread === 'sent';
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

  #reject(via: string, origin: string | undefined, code: GossipErrorCode, message: string): void {
    this.options.reject({ via, ...(origin !== undefined ? { origin } : {}), code, message });
  }
}
