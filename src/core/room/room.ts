/**
 * A room: membership through a signaling transport, and a full mesh of PeerLinks. The peer with
 * the smaller id initiates each link, so two offers never cross. Messages to a peer whose link
 * is down are queued (bounded) and delivered in order when it comes back, or reported as failed.
 * A link that drops while both peers stay in the room is made again (the initiator retries with
 * backoff; the other side follows its first new signal).
 *
 * The room keeps two spare links made while nobody needs them (from join() on, in parallel with
 * joining): an initiating one with its offer made and candidates gathered, so the next link this
 * peer initiates starts by sending everything in one envelope, and an answering one whose
 * RTCPeerConnection (and DTLS certificate) exists before the next offer arrives.
 *
 * Above `maxLinks` other members the room becomes a partial mesh (mesh/topology.ts): each peer
 * links to its ring neighbours and a few chords, never more than `maxLinks`, and broadcasts reach
 * everyone by gossip relay (mesh/gossip.ts). Peers report their links' RTTs to the signaling
 * server, which suggests closer peers; a link that stays slow is replaced by one of them
 * (mesh/rotation.ts), and the peer rotated away from is not linked again for a while.
 */
import type { EnvelopeSigner } from '../envelope/envelope.js';
import { Gossip, type GossipRejection } from '../mesh/gossip.js';
import type { LinkFactory, RoomLink } from '../link/link.js';
import { RotationPolicy, type RotationOptions } from '../mesh/rotation.js';
import { REPORT_LIMITS, ReportError, type CoarseLocation, type PeerSuggestion } from '../signaling/suggest.js';
import { chordTarget, isPartialMesh, ringNeighbors } from '../mesh/topology.js';
import { PeerLink, type LinkPath, type LinkRejectionCode, type LinkState, type PeerLinkEventMap } from '../link/peer-link.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { RoomAddress, SignalingTransport, TransportEventMap } from '../signaling/transport.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';

/** What a link's text starts with: a message for the app, a relayed frame, or a goodbye. */
const DIRECT = 'd';
const RELAY = 'g';
const UNLINK = 'u';
/**
 * Partial-mesh requests on the signaling path, next to sealed signals. A chord is asked for
 * before any RTCPeerConnection is made, so a peer that is full costs a message, not a handshake.
 * Base64url of whole bytes, so every transport carries them unchanged. They are not signed: the
 * worst a forged one does is make a peer offer a link to a room member (who decides itself), or
 * try another peer.
 */
export const LINK_ASK = 'pkLinkAsk000';
/** The answer to an ask from a smaller id: it offers now. */
export const LINK_OK = 'pkLinkOk0000';
export const LINK_FULL = 'pkLinkFull00';
/** How long a peer that said it is full is left alone. */
const FULL_BACKOFF_MS = 30_000;
/** How long an asked peer has to offer before another one is picked. */
const ASK_TIMEOUT_MS = 10_000;
/** Grace before a dropped link is closed, so its goodbye is delivered first. */
const UNLINK_GRACE_MS = 500;

export interface RoomOptions {
  readonly identity: EnvelopeSigner;
  readonly transport: SignalingTransport;
  readonly ns: string;
  readonly room: string;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** ICE servers, or where to get them for each new link (e.g. `iceServersFrom(serverUrl)`). */
  readonly iceServers?: RTCIceServer[] | (() => Promise<RTCIceServer[]>);
  /** Messages held per peer while its link is down. */
  readonly maxQueuedPerPeer?: number;
  /** How long messages for a peer that left wait for it to come back (a reload) before failing. */
  readonly returnGraceMs?: number;
  readonly wrtc?: Parameters<typeof PeerLink.create>[0]['wrtc'];
  /** Round-trip pings per link; 0 turns them off. */
  readonly pingMs?: number;
  /** A link still connecting after this long is dropped and made again (default 20 s). */
  readonly connectTimeoutMs?: number;
  /** First delay before making a dropped link again; doubles up to 10 s. */
  readonly relinkMinMs?: number;
  /** Keep spare links ready (default true): faster connects for two idle RTCPeerConnections. */
  readonly prewarm?: boolean;
  /**
   * Most links this peer keeps (default 8, at least 2). With more members than this, the room is
   * a partial mesh and messages are relayed.
   */
  readonly maxLinks?: number;
  /** Hops a relayed message may travel (default 32). */
  readonly relayTtl?: number;
  /** Replacing slow links with closer peers the server suggests; false turns it off. */
  readonly rotation?: RotationOptions | false;
  /**
   * A coarse location sent with the RTT reports, so the server can suggest nearby peers. Only
   * pass it with the user's explicit consent; it is rounded to about 10 km before it is sent.
   */
  readonly location?: () => Promise<CoarseLocation | undefined>;
  /** Makes links (default WebRTC, `PeerLink.create`); a test transport can stand in. */
  readonly links?: LinkFactory;
}

export interface LinkInfo {
  readonly state: LinkState;
  /** Smoothed round-trip time over the channel, ms. */
  readonly rtt: number | undefined;
  readonly path: LinkPath;
}

export interface RoomEventMap {
  peerlist: CustomEvent<{ readonly ids: readonly string[] }>;
  /** A link is up and bound: messages flow. */
  peer: CustomEvent<{ readonly id: string }>;
  'peer-disconnect': CustomEvent<{ readonly id: string }>;
  'link-state': CustomEvent<{ readonly id: string; readonly state: LinkState }>;
  /** `from` is the author; `via` is the neighbour a relayed message came through (absent when direct). */
  message: CustomEvent<{ readonly from: string; readonly data: string; readonly via?: string }>;
  'message-failed': CustomEvent<{ readonly to: string; readonly data: string; readonly reason: string }>;
  'signal-rejected': CustomEvent<{ readonly from: string; readonly code: LinkRejectionCode; readonly message: string }>;
  /** A new round-trip measurement to a peer. */
  rtt: CustomEvent<{ readonly id: string; readonly rtt: number; readonly path: LinkPath }>;
  /** A link was replaced for latency: `dropped` stayed slow (`rtt`), `added` is estimated closer. */
  rotate: CustomEvent<{ readonly dropped: string; readonly added: string; readonly rtt: number; readonly estimate: number }>;
  /** A relayed frame was refused (malformed, forged, replayed...) and not delivered. */
  'relay-rejected': CustomEvent<GossipRejection>;
  /** Something failed that the room cannot fix by itself: a signaling refusal, a link that could not be made. */
  error: CustomEvent<{ readonly code: number | string; readonly message: string }>;
}

export class Room extends EventTarget {
  readonly address: RoomAddress;
  readonly #links = new Map<string, RoomLink>();
  /** Links being created (simple-peer loads lazily): two signals from a newcomer make one link. */
  readonly #creating = new Map<string, Promise<RoomLink>>();
  readonly #members = new Set<string>();
  readonly #queues = new Map<string, string[]>();
  /** Peers that left recently, with the timer that fails their queued messages. */
  readonly #away = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #replay = new ReplayGuard();
  /** Pending re-links of dropped links, with how many attempts each has had. */
  readonly #relinks = new Map<string, { timer?: ReturnType<typeof setTimeout>; attempt: number }>();
  readonly #listeners: [keyof TransportEventMap, (event: Event) => void][] = [];
  #joined = false;
  /** Spare links by role: `true` initiates, `false` answers. */
  readonly #spares = new Map<boolean, Promise<RoomLink>>();
  /** Made again on each join: leaving closes it for good (its checks, timers and sends stop). */
  #gossip: Gossip;
  /** Partial mesh: the chords this peer picked (the ring and others' picks come on top). */
  readonly #chosen = new Set<string>();
  /** Peers asked for a chord, until they offer, say yes or no, or the ask times out. */
  readonly #asked = new Map<string, ReturnType<typeof setTimeout>>();
  /** Smaller ids this peer said yes to: their offer is taken, and holds a place until it comes. */
  readonly #expecting = new Map<string, ReturnType<typeof setTimeout>>();
  /** Paired-peer memory: peers rotated away from (either side), not linked again until then. */
  readonly #declined = new Map<string, number>();
  /** Peers that said they are full, left alone until then. */
  readonly #full = new Map<string, number>();
  #suggestions: readonly PeerSuggestion[] = [];
  /** A rotation's replacement being linked: tried down the suggestions until one takes it. */
  #replacing: { readonly rtt: number; readonly id: string } | undefined;
  readonly #rotation: RotationPolicy | undefined;
  #rotationTimer: ReturnType<typeof setInterval> | undefined;
  #location: CoarseLocation | undefined;
  #planTimer: ReturnType<typeof setTimeout> | undefined;
  #wasPartial = false;
  /** The ring as of the current members; cleared whenever they change. */
  #ringCache: ReadonlySet<string> | undefined;

  constructor(private readonly options: RoomOptions) {
    super();
    this.address = { ns: options.ns, room: options.room };
    this.#rotation = options.rotation === false ? undefined : new RotationPolicy(options.rotation);
    this.#gossip = this.#createGossip();
  }

  #createGossip(): Gossip {
    const { options } = this;
    return new Gossip({
      identity: options.identity,
      address: this.address,
      ...(options.keys ? { keys: options.keys } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.relayTtl !== undefined ? { ttl: options.relayTtl } : {}),
      neighbors: () => this.linked,
      send: (neighbor, frame) => {
        const link = this.#links.get(neighbor);
        return link?.state === 'connected' && this.#sendOver(link, RELAY + frame);
      },
      deliver: (from, data, via) => this.#emit('message', { from, data, via }),
      reject: (rejection) => this.#emit('relay-rejected', rejection),
      failed: (to, data, reason) => this.#emit('message-failed', { to: to ?? '*', data, reason }),
    });
  }

  get id(): string {
    return this.options.identity.fingerprint;
  }

  /** Members of the room other than this peer, linked or not. */
  get peers(): readonly string[] {
    return [...this.#members];
  }

  /** Members this peer has a link up to (`connected`); the others are reached by relay. */
  get linked(): readonly string[] {
    return [...this.#links].filter(([, link]) => link.state === 'connected').map(([id]) => id);
  }

  get maxLinks(): number {
    return Math.max(2, this.options.maxLinks ?? 8);
  }

  /** `full`: a link to every member; `partial`: more members than `maxLinks`, messages are relayed. */
  get mesh(): 'full' | 'partial' {
    return this.#partial ? 'partial' : 'full';
  }

  /** Frames this peer put on links for relay (its own and forwarded ones), and copies it dropped. */
  get relayStats(): { readonly framesSent: number; readonly duplicates: number; readonly grafts: number } {
    return { framesSent: this.#gossip.framesSent, duplicates: this.#gossip.duplicates, grafts: this.#gossip.grafts };
  }

  linkState(id: string): LinkState | undefined {
    return this.#links.get(id)?.state;
  }

  linkInfo(id: string): LinkInfo | undefined {
    const link = this.#links.get(id);
    return link && { state: link.state, rtt: link.rtt, path: link.path };
  }

  async join(): Promise<void> {
    const { transport } = this.options;
    const on = <K extends keyof TransportEventMap>(type: K, handler: (detail: TransportEventMap[K]['detail']) => void) => {
      const listener = (event: Event) => {
        const detail = (event as TransportEventMap[K]).detail as TransportEventMap[K]['detail'] & Partial<RoomAddress>;
        if (detail.ns !== undefined && (detail.ns !== this.address.ns || detail.room !== this.address.room)) return;
        handler(detail);
      };
      transport.addEventListener(type, listener);
      this.#listeners.push([type, listener]);
    };
    on('peers', ({ ids }) => this.#reconcile(ids));
    on('joined', ({ id }) => this.#memberJoined(id));
    on('left', ({ id }) => this.#memberLeft(id));
    on('signal', ({ from, env }) => void this.#signal(from, env));
    on('suggest', ({ peers }) => {
      this.#suggestions = peers.filter((peer) => peer.id !== this.id);
      this.#schedulePlan();
    });
    on('transport-error', ({ code, message }) => this.#emit('error', { code, message }));
    if (this.#gossip.closed) this.#gossip = this.#createGossip();
    this.#joined = true;
    // Every transport announces the member list as a `peers` event, handled above.
    await transport.join(this.address);
    // Spares are for the peers that join after us: made when the page is idle, so they never
    // compete with this join or the links it starts (bench/connect measured that they do).
    this.#prepareSparesWhenIdle();
    if (this.#rotation) {
      this.#rotationTimer = setInterval(() => this.#checkLatency(), this.#rotation.settings.intervalMs);
      this.options.location?.().then(
        (location) => (this.#location = location),
        () => undefined,
      );
    }
  }

  async leave(): Promise<void> {
    this.#joined = false;
    this.#gossip.close();
    clearInterval(this.#rotationTimer);
    clearTimeout(this.#planTimer);
    for (const timer of [...this.#asked.values(), ...this.#expecting.values()]) clearTimeout(timer);
    this.#asked.clear();
    this.#expecting.clear();
    for (const spare of this.#spares.values()) void spare.then((link) => link.close(), () => undefined);
    this.#spares.clear();
    for (const [type, listener] of this.#listeners.splice(0)) this.options.transport.removeEventListener(type, listener);
    for (const id of [...this.#members]) this.#memberLeft(id);
    for (const id of [...this.#away.keys()]) {
      clearTimeout(this.#away.get(id));
      this.#giveUp(id);
    }
    await this.options.transport.leave(this.address);
  }

  /**
   * Sends to one peer: over its link, queued while a wanted link is down, or (partial mesh, no
   * link wanted to it) relayed through the others, sealed so that only that peer can read it.
   */
  send(to: string, data: string): void {
    const link = this.#links.get(to);
    if (link?.state === 'connected' && this.#sendOver(link, DIRECT + data)) return;
    if (!this.#members.has(to) && !this.#away.has(to)) {
      this.#emit('message-failed', { to, data, reason: 'not in the room' });
      return;
    }
    if (this.#partial && this.#members.has(to) && !this.#wants(to) && !this.#live(to)) {
      this.#gossip.send(data, to);
      return;
    }
    const queue = this.#queues.get(to) ?? [];
    queue.push(data);
    const limit = this.options.maxQueuedPerPeer ?? 256;
    if (queue.length > limit) this.#emit('message-failed', { to, data: queue.shift()!, reason: `more than ${limit} messages queued` });
    this.#queues.set(to, queue);
  }

  /** Sends to every member: over each link in a full mesh, by relay in a partial one. */
  broadcast(data: string): void {
    if (this.#partial) this.#gossip.send(data);
    else for (const id of this.#members) this.send(id, data);
  }

  /**
   * A negotiated data channel to a peer whose link is bound (see PeerLink.openChannel), for
   * binary traffic beside the text messages; undefined while the link is not `connected`. A link
   * made again after a drop (a new `peer` event) needs its channel opened again.
   */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined {
    const link = this.#links.get(peer);
    return link?.state === 'connected' ? link.openChannel(label, id) : undefined;
  }

  /** Drops the link to a peer and makes it again (a stuck link; a "reconnect" button). */
  reconnect(id: string): void {
    const link = this.#links.get(id);
    if (link) link.close();
    else if (this.#members.has(id)) this.#relink(id);
  }

  /** False when the channel is closing under a `connected` link: its close event follows. */
  #sendOver(link: RoomLink, frame: string): boolean {
    try {
      link.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  get #partial(): boolean {
    return isPartialMesh(this.#members.size, this.maxLinks);
  }

  /** Links up or being made, and asks waiting for an offer: what counts against `maxLinks`. */
  get #degree(): number {
    const ids = new Set([...this.#creating.keys(), ...this.#asked.keys(), ...this.#expecting.keys()]);
    for (const [id, link] of this.#links) if (this.#isLive(link)) ids.add(id);
    return ids.size;
  }

  /** This peer's ring neighbours, worked out again only when the membership changed. */
  get #ring(): ReadonlySet<string> {
    return (this.#ringCache ??= ringNeighbors(this.id, this.#members));
  }

  /**
   * Chords fill links up to this; the last place is kept for a ring neighbour, so a peer joining
   * next to us takes a free place instead of pushing a chord out (which would cascade).
   */
  get #chordRoom(): number {
    return this.maxLinks >= 4 ? this.maxLinks - 1 : this.maxLinks;
  }

  #isLive(link: RoomLink): boolean {
    return link.state !== 'closed' && link.state !== 'failed';
  }

  #live(id: string): boolean {
    const link = this.#links.get(id);
    return (link !== undefined && this.#isLive(link)) || this.#creating.has(id);
  }

  /** Whether this peer makes (and remakes) a link to `id`. */
  #wants(id: string): boolean {
    if (!this.#members.has(id)) return false;
    if (!this.#partial) return true;
    return this.#chosen.has(id) || this.#asked.has(id) || this.#ring.has(id);
  }

  /**
   * Whether a link `id` offers or asks for is taken. One this peer wants (its ring neighbour, a
   * chord it picked) is taken even when full: a link nobody here picked makes room for it.
   */
  #accepts(id: string, now = Date.now()): boolean {
    if (!this.#partial || this.#expecting.has(id)) return true;
    if (this.#wants(id)) return this.#degree < this.maxLinks || this.#makeRoom(this.#ring.has(id));
    return (this.#declined.get(id) ?? 0) <= now && this.#degree < this.#chordRoom;
  }

  /**
   * Drops one link that is not a ring link, preferring those nobody here picked; a chord of ours
   * goes only to make room for a ring link (the floor comes first). False if none could go.
   */
  #makeRoom(forRing: boolean): boolean {
    const ring = this.#ring;
    for (const chords of forRing ? [false, true] : [false]) {
      for (const [id, link] of this.#links) {
        if (!this.#isLive(link) || ring.has(id) || this.#chosen.has(id) !== chords || this.#asked.has(id)) continue;
        this.#chosen.delete(id);
        this.#unlink(id, 'full');
        return true;
      }
    }
    return false;
  }

  #reconcile(ids: readonly string[]): void {
    // All of them first: whether this is a full mesh depends on how many there are.
    for (const id of ids) if (id !== this.id && this.#joined) this.#members.add(id);
    this.#ringCache = undefined;
    for (const id of ids) this.#memberJoined(id, false);
    this.#emit('peerlist', { ids: this.peers });
  }

  #memberJoined(id: string, announce = true): void {
    if (id === this.id || !this.#joined) return;
    const known = this.#members.has(id);
    this.#members.add(id);
    this.#ringCache = undefined;
    clearTimeout(this.#away.get(id));
    this.#away.delete(id);
    // Full mesh: the smaller id offers, the other side waits for the offer (a link appears on
    // its first signal). Partial mesh: the plan decides which links there are.
    if (!this.#partial) {
      if (this.id < id) void this.#initiate(id);
    }
    this.#schedulePlan();
    if (announce && !known) this.#emit('peerlist', { ids: this.peers });
  }

  #memberLeft(id: string): void {
    this.#members.delete(id);
    this.#ringCache = undefined;
    clearTimeout(this.#relinks.get(id)?.timer);
    this.#relinks.delete(id);
    this.#chosen.delete(id);
    clearTimeout(this.#asked.get(id));
    this.#asked.delete(id);
    clearTimeout(this.#expecting.get(id));
    this.#expecting.delete(id);
    const link = this.#links.get(id);
    this.#links.delete(id);
    link?.close();
    this.#gossip.forgetNeighbor(id);
    this.#gossip.forgetOrigin(id);
    // A reload looks like leaving and joining again: hold its messages for a while.
    clearTimeout(this.#away.get(id));
    this.#away.set(
      id,
      setTimeout(() => this.#giveUp(id), this.#joined ? (this.options.returnGraceMs ?? 15_000) : 0),
    );
    this.#emit('peer-disconnect', { id });
    this.#emit('peerlist', { ids: this.peers });
    this.#schedulePlan();
  }

  #giveUp(id: string): void {
    this.#away.delete(id);
    for (const data of this.#queues.get(id) ?? []) this.#emit('message-failed', { to: id, data, reason: 'the peer left' });
    this.#queues.delete(id);
  }

  async #signal(from: string, env: string): Promise<void> {
    if (!this.#joined) return;
    // A signal can arrive before the `joined` that announces its sender.
    if (!this.#members.has(from)) this.#memberJoined(from);
    if (env === LINK_ASK) return this.#onAsk(from);
    if (env === LINK_OK) return this.#onOk(from);
    if (env === LINK_FULL) return this.#onFull(from);
    if (!this.#live(from) && !this.#accepts(from)) {
      this.options.transport.send(this.address, from, LINK_FULL);
      return;
    }
    // The offer we asked for, or said yes to: the link now counts itself.
    clearTimeout(this.#asked.get(from));
    this.#asked.delete(from);
    clearTimeout(this.#expecting.get(from));
    this.#expecting.delete(from);
    const link = await this.#linkFor(from);
    await link.receive(env);
  }

  /** A peer wants a chord to us: the smaller id offers it, if there is room. */
  #onAsk(from: string): void {
    if (this.#live(from)) return;
    if (!this.#accepts(from)) {
      this.options.transport.send(this.address, from, LINK_FULL);
      return;
    }
    if (this.id < from) {
      void this.#initiate(from);
      return;
    }
    clearTimeout(this.#expecting.get(from));
    this.#expecting.set(
      from,
      setTimeout(() => {
        this.#expecting.delete(from);
        this.#schedulePlan();
      }, ASK_TIMEOUT_MS),
    );
    this.options.transport.send(this.address, from, LINK_OK);
  }

  /** A larger id said yes to our ask: offer. */
  #onOk(from: string): void {
    if (!this.#asked.has(from) || this.id > from) return;
    clearTimeout(this.#asked.get(from));
    this.#asked.delete(from);
    if (!this.#live(from)) void this.#initiate(from);
  }

  /**
   * The peer has no room for our link: leave it alone for a while and pick another. A ring link
   * is tried again with backoff instead (the peer may not count us as its neighbour yet).
   */
  #onFull(from: string): void {
    this.#chosen.delete(from);
    clearTimeout(this.#asked.get(from));
    this.#asked.delete(from);
    const link = this.#links.get(from);
    if (link && link.state !== 'connected') {
      this.#links.delete(from);
      link.close();
    }
    if (this.#wants(from)) this.#relink(from);
    else this.#full.set(from, Date.now() + FULL_BACKOFF_MS);
    this.#nextReplacement(from);
    this.#relayQueued(from);
    this.#schedulePlan();
  }

  /**
   * Offers a link, unless the trust policy already refuses this peer: an offer would hand an
   * untrusted peer our addresses (ICE candidates). Unknown keys can still pass `tofu` and `any`;
   * under `known` only a trusted key is offered a link. Incoming signals are checked as they open.
   */
  async #initiate(id: string): Promise<void> {
    const { keys, policy } = this.options;
    if (keys && policy && policy !== 'any') {
      const key = await keys.find(id);
      const refusal = key ? await keys.admit(key, policy, Date.now()) : policy === 'known' ? 'untrusted' : undefined;
      if (refusal) {
        this.#emit('signal-rejected', { from: id, code: refusal, message: `no link offered: ${refusal} under the "${policy}" policy` });
        return;
      }
    }
    if (this.#joined && this.#members.has(id)) await this.#linkFor(id);
  }

  /** Makes sure a link this peer wants is up or on its way: offered, or asked for. */
  #ensure(id: string): void {
    if (this.#live(id) || this.#asked.has(id) || this.#relinks.get(id)?.timer !== undefined) return;
    const ring = this.#ring.has(id);
    if (this.#partial && this.#degree >= this.maxLinks && !this.#makeRoom(ring)) return;
    // A full mesh and the ring need no asking: both sides want the link, the smaller id offers.
    if (!this.#partial || ring) {
      if (this.id < id) void this.#initiate(id);
      return;
    }
    this.options.transport.send(this.address, id, LINK_ASK);
    this.#asked.set(
      id,
      setTimeout(() => {
        this.#asked.delete(id);
        if (this.#live(id)) return;
        // No offer came: treat it as full, and pick someone else.
        this.#onFull(id);
      }, ASK_TIMEOUT_MS),
    );
  }

  #schedulePlan(): void {
    this.#planTimer ??= setTimeout(() => {
      this.#planTimer = undefined;
      this.#plan();
    }, 0);
  }

  /**
   * Partial mesh upkeep: the ring links, enough chords, and never more than `maxLinks` (the
   * links nobody here picked go first). A full mesh needs none: every member is linked.
   */
  #plan(): void {
    if (!this.#joined) return;
    const partial = this.#partial;
    const shrank = this.#wasPartial && !partial;
    this.#wasPartial = partial;
    // Back to a full mesh (members left): every member gets a link again.
    if (shrank) for (const id of this.#members) if (this.id < id && !this.#live(id)) void this.#initiate(id);
    if (!partial) return;
    const now = Date.now();
    for (const map of [this.#declined, this.#full]) for (const [id, until] of map) if (until <= now) map.delete(id);
    const ring = this.#ring;
    for (const id of ring) this.#ensure(id);
    for (const id of this.#chosen) if (ring.has(id) || !this.#members.has(id)) this.#chosen.delete(id);
    const target = chordTarget(this.maxLinks);
    while (this.#chosen.size < target && this.#degree < this.#chordRoom) {
      const chord = this.#pickChord(ring);
      if (!chord) break;
      this.#chosen.add(chord);
      this.#ensure(chord);
    }
    let excess = this.#degree - this.maxLinks;
    for (const pass of [false, true]) {
      for (const [id, link] of this.#links) {
        if (excess <= 0) return;
        if (!this.#isLive(link) || ring.has(id) || this.#chosen.has(id) !== pass) continue;
        this.#chosen.delete(id);
        this.#unlink(id, 'full');
        excess--;
      }
    }
  }

  /** A chord: the closest suggested peer that is free to link, else a random one. */
  #pickChord(ring: ReadonlySet<string>): string | undefined {
    const now = Date.now();
    const free = (id: string) => !ring.has(id) && this.#freeToLink(id, now);
    const suggested = this.#suggestions.find((peer) => peer.rtt !== undefined && free(peer.id));
    if (suggested) return suggested.id;
    const candidates = [...this.#members].filter(free);
    return candidates[Math.floor(Math.random() * candidates.length)];
  }

  /** Drops a link on purpose, telling the remote why so it does not make it again. */
  #unlink(id: string, reason: 'full' | 'rotated'): void {
    const link = this.#links.get(id);
    if (!link) return;
    this.#links.delete(id);
    this.#gossip.forgetNeighbor(id);
    if (link.state === 'connected') {
      this.#sendOver(link, UNLINK + JSON.stringify({ reason }));
      setTimeout(() => link.close(), UNLINK_GRACE_MS);
    } else {
      // Mid-handshake there is no channel for a goodbye: the signaling path carries it.
      link.close();
      if (reason === 'full') this.options.transport.send(this.address, id, LINK_FULL);
    }
    this.#relayQueued(id);
  }

  #onUnlinked(from: string, text: string): void {
    let reason: unknown;
    try {
      reason = (JSON.parse(text) as { reason?: unknown }).reason;
    } catch {
      reason = undefined;
    }
    const now = Date.now();
    if (reason === 'rotated') this.#declined.set(from, now + (this.#rotation?.settings.memoryMs ?? 0));
    else this.#full.set(from, now + FULL_BACKOFF_MS);
    this.#chosen.delete(from);
    const link = this.#links.get(from);
    this.#links.delete(from);
    this.#gossip.forgetNeighbor(from);
    link?.close();
    // Still our ring neighbour (views of the room differ for a moment): made again, with backoff.
    if (this.#wants(from)) this.#relink(from);
    this.#relayQueued(from);
    this.#schedulePlan();
  }

  /** Messages queued for a link that will not come: relayed instead. */
  #relayQueued(id: string): void {
    if (!this.#partial || this.#wants(id)) return;
    for (const data of this.#queues.get(id)?.splice(0) ?? []) this.#gossip.send(data, id);
  }

  /** Reports RTTs (and the consented location) to the server; replaces a link that stays slow. */
  #checkLatency(): void {
    const rotation = this.#rotation;
    if (!rotation || !this.#joined || !this.#partial) return;
    const rtts = new Map<string, number>();
    for (const [id, link] of this.#links) if (link.state === 'connected' && link.rtt !== undefined) rtts.set(id, Math.round(link.rtt * 10) / 10);
    try {
      const measured = Object.fromEntries([...rtts].slice(0, REPORT_LIMITS.maxEntries));
      this.options.transport.report?.(this.address, { rtts: measured, ...(this.#location ? { geo: this.#location } : {}) });
    } catch (error) {
      // Not in the room right now (a reconnect): the next check reports again. A report the
      // server would refuse can only come from the location given: it is dropped, once, loudly.
      if (error instanceof ReportError) {
        this.#location = undefined;
        this.#emit('error', { code: 'report-refused', message: error.message });
      }
    }
    const ring = this.#ring;
    const slow = rotation.check(rtts, (id) => !ring.has(id));
    const now = Date.now();
    if (!slow || !rotation.mayRotate(now)) return;
    const better = this.#closerThan(slow.rtt);
    if (!better) return;
    rotation.rotated(slow.id, now);
    this.#declined.set(slow.id, now + rotation.settings.memoryMs);
    this.#chosen.delete(slow.id);
    this.#unlink(slow.id, 'rotated');
    this.#replacing = { rtt: slow.rtt, id: better.id };
    this.#chosen.add(better.id);
    this.#ensure(better.id);
    this.#emit('rotate', { dropped: slow.id, added: better.id, rtt: slow.rtt, estimate: better.rtt! });
  }

  /** The best suggested peer free to link and estimated at most 1/slowFactor as far as `rtt`. */
  #closerThan(rtt: number): PeerSuggestion | undefined {
    const now = Date.now();
    const factor = this.#rotation?.settings.slowFactor ?? 2;
    return this.#suggestions.find((peer) => peer.rtt !== undefined && peer.rtt * factor <= rtt && this.#freeToLink(peer.id, now));
  }

  /** A member with no link, ask or memory against it: one a new chord may go to. */
  #freeToLink(id: string, now: number): boolean {
    return id !== this.id && this.#members.has(id) && !this.#live(id) && !this.#asked.has(id) && (this.#declined.get(id) ?? 0) <= now && (this.#full.get(id) ?? 0) <= now;
  }

  /** The peer a rotation picked said it is full: the next closer one is asked instead. */
  #nextReplacement(refused: string): void {
    if (this.#replacing?.id !== refused) return;
    const next = this.#closerThan(this.#replacing.rtt);
    if (!next) {
      this.#replacing = undefined;
      return;
    }
    this.#replacing = { ...this.#replacing, id: next.id };
    this.#chosen.add(next.id);
    this.#ensure(next.id);
  }

  #linkFor(id: string): Promise<RoomLink> {
    const existing = this.#links.get(id);
    if (existing && this.#isLive(existing)) return Promise.resolve(existing);
    const creating = this.#creating.get(id);
    if (creating) return creating;
    return this.#link(id);
  }

  /** A new link; `remoteId` and `sendSignal` are left out for a spare. */
  async #createLink(initiator: boolean, remoteId?: string): Promise<RoomLink> {
    const { identity, transport, keys, policy, iceServers, wrtc, pingMs } = this.options;
    const servers = typeof iceServers === 'function' ? await iceServers() : iceServers;
    const create = this.options.links ?? PeerLink.create;
    return create({
      identity,
      initiator,
      address: this.address,
      ...(remoteId ? { remoteId, sendSignal: (env: string) => transport.send(this.address, remoteId, env) } : {}),
      replay: this.#replay,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(servers ? { iceServers: servers } : {}),
      ...(wrtc ? { wrtc } : {}),
      ...(pingMs !== undefined ? { pingMs } : {}),
    });
  }

  #prepareSparesWhenIdle(): void {
    const idle = (globalThis as { requestIdleCallback?: (run: () => void, options?: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(() => this.#prepareSpares(), { timeout: 1000 });
    else setTimeout(() => this.#prepareSpares(), 50);
  }

  #prepareSpares(): void {
    if (this.options.prewarm === false || !this.#joined) return;
    for (const initiator of [true, false]) {
      if (this.#spares.has(initiator)) continue;
      const spare = this.#createLink(initiator);
      this.#spares.set(initiator, spare);
      // A spare that could not be made is not worth an error: links are then made on demand.
      spare.catch(() => {
        if (this.#spares.get(initiator) === spare) this.#spares.delete(initiator);
      });
    }
  }

  /** The spare for this role, addressed to `id`, when there is a usable one; a new one is made later. */
  async #claimSpare(initiator: boolean, id: string): Promise<RoomLink | undefined> {
    const spare = this.#spares.get(initiator);
    this.#spares.delete(initiator);
    const link = await spare?.catch(() => undefined);
    if (!link || link.state !== 'connecting') return undefined;
    link.claim(id, (env) => this.options.transport.send(this.address, id, env));
    return link;
  }

  #link(id: string): Promise<RoomLink> {
    const initiator = this.id < id;
    const creating = this.#claimSpare(initiator, id).then((spare) => spare ?? this.#createLink(initiator, id));
    creating.catch((error: unknown) => this.#emit('error', { code: 'link-failed', message: `no link to ${id}: ${(error as Error).message}` }));
    const pending = creating.then((link) => {
      this.#links.set(id, link);
      // A handshake that never finishes (an answer lost, the other side failed early) would hold
      // its place for good: it is dropped and, if still wanted, made again.
      const stuck = setTimeout(() => {
        if (link.state === 'connecting' && this.#links.get(id) === link) link.close();
      }, this.options.connectTimeoutMs ?? 20_000);
      link.addEventListener('state', (event) => {
        const { state } = (event as PeerLinkEventMap['state']).detail;
        this.#emit('link-state', { id, state });
        // The next spare is made off the critical path: once this link has settled.
        if (state !== 'connecting') {
          clearTimeout(stuck);
          this.#prepareSparesWhenIdle();
        }
        if (state === 'connected') {
          this.#relinks.delete(id);
          if (this.#replacing?.id === id) this.#replacing = undefined;
          this.options.keys?.linked?.(id, Date.now());
          this.#emit('peer', { id });
          const queued = this.#queues.get(id)?.splice(0) ?? [];
          const unsent = queued.findIndex((data) => !this.#sendOver(link, DIRECT + data));
          // The link closed again at once: what did not go out waits for the next one.
          if (unsent >= 0) this.#queues.set(id, queued.slice(unsent));
          this.#gossip.flush();
        }
        if ((state === 'closed' || state === 'failed') && this.#links.get(id) === link) {
          this.#gossip.forgetNeighbor(id);
          this.#relink(id);
          this.#schedulePlan();
        }
      });
      link.addEventListener('message', (event) => this.#onLinkData(id, link, (event as PeerLinkEventMap['message']).detail.data));
      link.addEventListener('signal-rejected', (event) => this.#emit('signal-rejected', { from: id, ...(event as PeerLinkEventMap['signal-rejected']).detail }));
      link.addEventListener('rtt', (event) => this.#emit('rtt', { id, ...(event as PeerLinkEventMap['rtt']).detail }));
      return link;
    });
    this.#creating.set(id, pending);
    void pending.finally(() => this.#creating.delete(id));
    return pending;
  }

  /** What arrives over a link: a message for the app, a frame to relay, or a goodbye. */
  #onLinkData(id: string, link: RoomLink, text: string): void {
    if (this.#links.get(id) !== link) return;
    const body = text.slice(1);
    if (text.startsWith(DIRECT)) this.#emit('message', { from: id, data: body });
    else if (text.startsWith(RELAY)) this.#gossip.receive(id, body);
    else if (text.startsWith(UNLINK)) this.#onUnlinked(id, body);
    else this.#emit('relay-rejected', { via: id, code: 'malformed', message: `unknown link frame "${text.slice(0, 1)}"` });
  }

  /**
   * A link dropped but its peer is still here: made again, with backoff, if this peer wants it —
   * offered by the initiator; in a partial mesh the other side asks again.
   */
  #relink(id: string): void {
    if (!this.#joined || !this.#wants(id) || this.#relinks.get(id)?.timer !== undefined) return;
    if (this.id > id && !this.#partial) return;
    const attempt = this.#relinks.get(id)?.attempt ?? 0;
    const delay = Math.min(10_000, (this.options.relinkMinMs ?? 250) * 2 ** attempt) * (0.5 + Math.random());
    const timer = setTimeout(() => {
      this.#relinks.set(id, { attempt: attempt + 1 });
      if (this.#joined && this.#wants(id)) this.#ensure(id);
    }, delay);
    this.#relinks.set(id, { timer, attempt });
  }

  #emit<K extends keyof RoomEventMap>(type: K, detail: RoomEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
