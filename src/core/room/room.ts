/**
 * A room (mesh mode): members through a signaling transport, and links between them. It is a
 * façade over parts with one job each:
 *
 *   membership.ts     who is here (a full list after each join is the truth)
 *   link-pool.ts      the links: made on demand, spares, connect timeout, relink backoff
 *   mesh-links.ts     which links to make and drop (mesh/planner.ts decides; the ask/ok/full
 *                     requests on the signaling path), latency rotation (mesh/rotator.ts)
 *   session/outbox    messages for a peer whose link is down: held, then delivered or failed
 *   session/channels  named channels over the link framing (link/frame.ts)
 *   mesh/gossip       in a partial mesh, broadcasts and messages to unlinked peers are relayed
 *
 * Up to `maxLinks` other members every member is linked (the smaller id offers, so two offers
 * never cross); above it the room is a partial mesh. Nothing is allocated for a signal before it
 * is verified: a newcomer's first signal is opened and checked (signature, recipient, replay,
 * trust policy) before it becomes a member, spends a spare or gets an RTCPeerConnection, and
 * signals from one peer are handled in the order they arrived.
 */
import type { EnvelopeSigner } from '../envelope/envelope.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import { FrameKind, frameText, type SessionFrameKind } from '../link/frame.js';
import type { LinkFactory, LinkOptions, LinkState } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import { openSignal } from '../link/signals.js';
import { Gossip, type GossipRejection } from '../mesh/gossip.js';
import type { RotationOptions } from '../mesh/rotation.js';
import { Rotator } from '../mesh/rotator.js';
import { Channel, ChannelError, ChannelHub, type ChannelLimits } from '../session/channels.js';
import { Outbox } from '../session/outbox.js';
import type { LinkInfo, PeerGroup, PeerGroupEventMap } from '../session/peer-group.js';
import { decodeRelayed, encodeRelayed } from '../session/relayed.js';
import type { CoarseLocation } from '../signaling/suggest.js';
import { SignalingError, type RoomAddress, type SignalingTransport, type TransportEventMap } from '../signaling/transport.js';
import { Emitter } from '../util/events.js';
import { LinkPool } from './link-pool.js';
import { Membership } from './membership.js';
import { isMeshRequest, LINK_ASK, LINK_FULL, MeshLinks, type UnlinkReason } from './mesh-links.js';

export { LINK_ASK, LINK_FULL };
export type { LinkInfo };

/** How long a dropped link waits for the remote to close it (its goodbye read) before it is closed here. */
const UNLINK_GRACE_MS = 5_000;
/** A channel message waits while its link has this much unsent (backpressure). */
const HIGH_WATER_BYTES = 1024 * 1024;

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
  readonly wrtc?: LinkOptions['wrtc'];
  /** Round-trip pings per link; 0 turns them off. */
  readonly pingMs?: number;
  /** A link still connecting after this long is dropped and made again (default 20 s). */
  readonly connectTimeoutMs?: number;
  /** First delay before making a dropped link again; doubles up to 10 s. */
  readonly relinkMinMs?: number;
  /** Keep spare links ready (default true): faster connects for two idle RTCPeerConnections. */
  readonly prewarm?: boolean;
  /** Most links this peer keeps (default 8, at least 2); with more members the room is a partial mesh. */
  readonly maxLinks?: number;
  /** Hops a relayed message may travel (default 32). */
  readonly relayTtl?: number;
  /** Replacing slow links with closer peers the server suggests; false turns it off. */
  readonly rotation?: RotationOptions | false;
  /** A coarse location sent with the RTT reports; only with the user's explicit consent (rounded to ~10 km). */
  readonly location?: () => Promise<CoarseLocation | undefined>;
  /** Makes links (default WebRTC, `PeerLink.create`); a test transport can stand in. */
  readonly links?: LinkFactory;
  /** Limits of named channels. */
  readonly channels?: Partial<ChannelLimits>;
}

export interface RoomEventMap extends PeerGroupEventMap {
  /** A link was replaced for latency: `dropped` stayed slow (`rtt`), `added` is estimated closer. */
  rotate: CustomEvent<{ readonly dropped: string; readonly added: string; readonly rtt: number; readonly estimate: number }>;
  /** A relayed frame was refused (malformed, forged, replayed...) and not delivered. */
  'relay-rejected': CustomEvent<GossipRejection>;
}

/** What waits in the outbox: a frame, and who hears how it ended. */
interface Outgoing {
  readonly kind: typeof FrameKind.Message | typeof FrameKind.Channel;
  readonly body: string | Uint8Array;
  readonly settle?: (error?: ChannelError) => void;
}

type RoomPhase = 'idle' | 'joined' | 'left' | 'lost';

export class Room extends Emitter<RoomEventMap> implements PeerGroup<RoomEventMap> {
  readonly address: RoomAddress;
  readonly #members: Membership;
  readonly #pool: LinkPool;
  readonly #mesh: MeshLinks;
  readonly #outbox: Outbox<Outgoing>;
  readonly #channels: ChannelHub;
  readonly #rotator: Rotator | undefined;
  /** Made again on each join: leaving closes it for good (its checks, timers and sends stop). */
  #gossip: Gossip;
  #phase: RoomPhase = 'idle';
  #joining: Promise<void> | undefined;
  /** Everything this room listens to while joined, let go of at once. */
  #listening = new AbortController();
  /** Signals from each peer, handled one after another in arrival order. */
  readonly #inbound = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomOptions) {
    super();
    this.address = { ns: options.ns, room: options.room };
    this.#members = new Membership(this.id);
    this.#pool = new LinkPool({
      ...options,
      address: this.address,
      sendSignal: (to, env) => this.#toTransport(to, env),
      create: options.links ?? PeerLink.create,
    });
    this.#mesh = new MeshLinks({
      self: this.id,
      maxLinks: this.maxLinks,
      members: this.#members,
      pool: this.#pool,
      declineMs: () => this.#rotator?.settings.memoryMs ?? 0,
      request: (to, message) => this.#toTransport(to, message),
      offer: (id) => void this.#offer(id),
      unlink: (id, reason) => this.#unlink(id, reason),
    });
    this.#outbox = new Outbox<Outgoing>({
      maxPerPeer: options.maxQueuedPerPeer ?? 256,
      returnGraceMs: options.returnGraceMs ?? 15_000,
      failed: (to, item, reason) => this.#failed(to, item, reason),
    });
    const members = this.#members;
    this.#channels = new ChannelHub(
      {
        get peers() {
          return members.ids;
        },
        carry: (to, body) => this.#carry(to, body),
        carryAll: (body) => this.#carryAll(body),
      },
      options.channels,
    );
    this.#rotator = options.rotation === false ? undefined : this.#createRotator(options.rotation);
    this.#gossip = this.#createGossip();
    this.#wirePool();
  }

  get id(): string {
    return this.options.identity.fingerprint;
  }

  /** Members of the room other than this peer, linked or not. */
  get peers(): readonly string[] {
    return this.#members.ids;
  }

  /** Members this peer has a link up to (`connected`); the others are reached by relay. */
  get linked(): readonly string[] {
    return this.#pool.connected;
  }

  get maxLinks(): number {
    return Math.max(2, this.options.maxLinks ?? 8);
  }

  /** `full`: a link to every member; `partial`: more members than `maxLinks`, messages are relayed. */
  get mesh(): 'full' | 'partial' {
    return this.#mesh.partial ? 'partial' : 'full';
  }

  /** Frames this peer put on links for relay (its own and forwarded ones), and copies it dropped. */
  get relayStats(): { readonly framesSent: number; readonly duplicates: number; readonly grafts: number } {
    return { framesSent: this.#gossip.framesSent, duplicates: this.#gossip.duplicates, grafts: this.#gossip.grafts };
  }

  linkState(id: string): LinkState | undefined {
    return this.#pool.get(id)?.state;
  }

  linkInfo(id: string): LinkInfo | undefined {
    const link = this.#pool.get(id);
    return link && { state: link.state, rtt: link.rtt, path: link.path };
  }

  /** A named channel: JSON values and bytes, to one peer or everyone (session/channels.ts). */
  channel(name: string): Channel {
    return this.#channels.channel(name);
  }

  /** Joins the room; a second call while joined (or joining) is the same join. */
  join(): Promise<void> {
    this.#joining ??= this.#join().catch((error: unknown) => {
      this.#joining = undefined;
      this.#stop();
      throw error;
    });
    return this.#joining;
  }

  async #join(): Promise<void> {
    const { transport } = this.options;
    this.#listening = new AbortController();
    const { signal } = this.#listening;
    // Only this room's events; every listener goes with one abort on leave.
    const on = <K extends keyof TransportEventMap>(type: K, handler: (detail: TransportEventMap[K]['detail']) => void) =>
      transport.on(type, (detail) => ('ns' in detail && (detail.ns !== this.address.ns || detail.room !== this.address.room) ? undefined : handler(detail)), { signal });
    on('peers', ({ ids }) => this.#reconcile(ids));
    on('joined', ({ id }) => this.#memberJoined(id));
    on('left', ({ id }) => (id === this.id ? this.#lost(409, 'another connection with this key took its place in the room') : this.#memberLeft(id)));
    on('signal', ({ from, env }) => this.#queueSignal(from, env));
    on('suggest', ({ peers }) => (this.#mesh.suggestions = peers));
    on('transport-error', ({ code, message }) => this.emit('error', { code, message }));
    if (this.#gossip.closed) this.#gossip = this.#createGossip();
    this.#phase = 'joined';
    this.#mesh.start();
    // Every transport announces the member list as a `peers` event, handled above.
    await transport.join(this.address);
    this.#pool.start();
    this.#rotator?.start();
  }

  async leave(): Promise<void> {
    const wasJoined = this.#phase === 'joined';
    this.#stop();
    this.#phase = 'left';
    if (wasJoined) await this.options.transport.leave(this.address);
  }

  /** Everything a joined room runs stops; what was queued fails. */
  #stop(): void {
    this.#joining = undefined;
    this.#phase = 'left';
    this.#listening.abort();
    this.#gossip.close();
    this.#rotator?.stop();
    this.#mesh.stop();
    this.#pool.stop();
    this.#inbound.clear();
    for (const id of this.#members.clear()) {
      this.#mesh.memberLeft(id);
      this.emit('peer-disconnect', { id });
    }
    this.#outbox.close('this peer left the room');
    this.emit('peerlist', { ids: [] });
  }

  /** The transport dropped us from the room: said once, on screen, and everything stops. */
  #lost(code: number, message: string): void {
    if (this.#phase !== 'joined') return;
    this.#stop();
    this.#phase = 'lost';
    this.emit('error', { code, message: `no longer in room "${this.address.room}": ${message}` });
  }

  /** Sends an app message to one peer: over its link, queued while a wanted link is down, or relayed. */
  send(to: string, data: string): void {
    this.#route(to, { kind: FrameKind.Message, body: data });
  }

  /** Sends an app message to every member: over each link in a full mesh, by relay in a partial one. */
  broadcast(data: string): void {
    if (this.#mesh.partial) this.#gossip.send(encodeRelayed({ kind: FrameKind.Message, text: data }));
    else for (const id of this.#members.ids) this.send(id, data);
  }

  /** The raw negotiated data channel on the bound link to `peer` (files); see PeerGroup. */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined {
    const link = this.#pool.get(peer);
    return link?.state === 'connected' ? link.openChannel(label, id) : undefined;
  }

  /** Drops the link to a peer and makes it again (a stuck link; a "reconnect" button). */
  reconnect(id: string): void {
    const link = this.#pool.get(id);
    if (link) link.close();
    else if (this.#members.has(id)) this.#mesh.relink(id);
  }

  #route(to: string, item: Outgoing): void {
    const link = this.#pool.get(to);
    if (link?.state === 'connected' && this.#put(to, item)) return;
    if (!this.#members.has(to) && !this.#outbox.isAway(to)) return this.#failed(to, item, 'not in the room');
    if (this.#mesh.partial && this.#members.has(to) && !this.#mesh.wants(to) && !this.#pool.isLive(to)) return this.#relay(to, item);
    this.#outbox.hold(to, item);
  }

  /** Puts a frame on the link to `to`; false when the channel is closing under a `connected` link. */
  #put(to: string, item: Outgoing): boolean {
    try {
      this.#pool.get(to)!.send(item.kind, item.body);
    } catch {
      return false;
    }
    item.settle?.();
    return true;
  }

  #relay(to: string, item: Outgoing): void {
    this.#gossip.send(encodeRelayed(item.kind === FrameKind.Message ? { kind: item.kind, text: String(item.body) } : { kind: item.kind, body: item.body as Uint8Array }), to);
    item.settle?.();
  }

  #failed(to: string, item: Outgoing, reason: string): void {
    if (item.kind === FrameKind.Message) this.emit('message-failed', { to, data: String(item.body), reason });
    item.settle?.(new ChannelError(reason === 'not in the room' ? 'not-in-room' : reason.startsWith('more than') ? 'queue-full' : 'peer-left', reason, undefined, to));
  }

  async #carry(to: string, body: Uint8Array): Promise<void> {
    const link = this.#pool.get(to);
    if (link && link.state === 'connected' && link.bufferedAmount > HIGH_WATER_BYTES) {
      await new Promise<void>((resolve) => {
        const off = link.on('drain', () => (off(), resolve()));
        link.on('state', () => (off(), resolve()), { once: true });
      });
    }
    return new Promise<void>((resolve, reject) => this.#route(to, { kind: FrameKind.Channel, body, settle: (error) => (error ? reject(error) : resolve()) }));
  }

  async #carryAll(body: Uint8Array): Promise<void> {
    if (this.#mesh.partial) this.#gossip.send(encodeRelayed({ kind: FrameKind.Channel, body }));
    else await Promise.all(this.#members.ids.map((id) => this.#carry(id, body)));
  }

  /** Hands a signal or partial-mesh request to the transport; a room it dropped us from is reported once. */
  #toTransport(to: string, env: string): void {
    if (this.#phase !== 'joined') return;
    try {
      this.options.transport.send(this.address, to, env);
    } catch (error) {
      if (error instanceof SignalingError && error.code === 403) this.#lost(403, error.message);
      else this.emit('error', { code: error instanceof SignalingError ? error.code : 'send-failed', message: (error as Error).message });
    }
  }

  #queueSignal(from: string, env: string): void {
    const previous = this.#inbound.get(from) ?? Promise.resolve();
    const next = previous.then(() => this.#signal(from, env)).catch((error: unknown) => this.emit('error', { code: 'signal-failed', message: `a signal from ${from}: ${(error as Error).message}` }));
    this.#inbound.set(from, next);
    void next.then(() => {
      if (this.#inbound.get(from) === next) this.#inbound.delete(from);
    });
  }

  async #signal(from: string, env: string): Promise<void> {
    if (this.#phase !== 'joined' || from === this.id) return;
    // Partial-mesh requests are unsigned: they only count from a member the server announced.
    if (isMeshRequest(env)) {
      if (this.#members.has(from)) this.#mesh.request(from, env);
      return;
    }
    const link = this.#pool.get(from);
    if (link && link.state !== 'closed' && link.state !== 'failed') return link.receive(env);
    const { keys, policy } = this.options;
    const check = await openSignal(env, { me: this.id, from, address: this.address, replay: this.#pool.replay, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) });
    if (!check.ok) return void this.emit('signal-rejected', { from, code: check.code, message: check.message });
    if (this.#phase !== 'joined') return;
    // A signal can arrive before the `joined` that announces its sender: it is one now.
    if (!this.#members.has(from)) this.#memberJoined(from);
    if (!this.#mesh.takeOffer(from, this.#pool.isLive(from))) return;
    await this.#pool.deliver(from, check.signal);
  }

  /**
   * Offers a link, unless the trust policy already refuses this peer: an offer would hand an
   * untrusted peer our addresses (ICE candidates). Unknown keys can still pass `tofu` and `any`;
   * under `known` only a trusted key is offered a link. Incoming signals are checked as they open.
   */
  async #offer(id: string): Promise<void> {
    const { keys, policy } = this.options;
    if (keys && policy && policy !== 'any') {
      const key = await keys.find(id);
      const refusal = key ? await keys.admit(key, policy, Date.now()) : policy === 'known' ? 'untrusted' : undefined;
      if (refusal) return void this.emit('signal-rejected', { from: id, code: refusal, message: `no link offered: ${refusal} under the "${policy}" policy` });
    }
    if (this.#phase === 'joined' && this.#members.has(id)) await this.#pool.linkFor(id);
  }

  /** Drops a link on purpose, telling the remote why so it does not make it again. */
  #unlink(id: string, reason: UnlinkReason): void {
    const link = this.#pool.release(id);
    if (!link) return;
    this.#gossip.forgetNeighbor(id);
    if (link.state === 'connected') {
      // The goodbye is the last frame: the remote reads everything sent before it, then closes the
      // link, which ends it here too. Only a remote that never does is cut off after the grace.
      try {
        link.send(FrameKind.Unlink, JSON.stringify({ reason }));
      } catch {
        link.close();
      }
      const grace = setTimeout(() => {
        if (link.bufferedAmount > 0) this.emit('error', { code: 'unlink-unsent', message: `${link.bufferedAmount} bytes to ${id} were still unsent when its link was dropped` });
        link.close();
      }, UNLINK_GRACE_MS);
      link.on('state', ({ state }) => (state === 'closed' || state === 'failed') && clearTimeout(grace));
    } else {
      // Mid-handshake there is no channel for a goodbye: the signaling path carries it.
      link.close();
      if (reason === 'full') this.#toTransport(id, LINK_FULL);
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
    this.#mesh.unlinked(from, reason);
    this.#pool.drop(from);
    this.#gossip.forgetNeighbor(from);
    // Still our ring neighbour (views of the room differ for a moment): made again, with backoff.
    this.#mesh.relink(from);
    this.#relayQueued(from);
    this.#mesh.schedulePlan();
  }

  /** Messages queued for a link that will not come: relayed instead. */
  #relayQueued(id: string): void {
    if (!this.#mesh.partial || this.#mesh.wants(id)) return;
    for (const item of this.#outbox.take(id)) this.#relay(id, item);
  }

  #wirePool(): void {
    const pool = this.#pool;
    pool.on('link-state', ({ id, link, state }) => {
      this.emit('link-state', { id, state });
      if (state === 'connected') {
        this.options.keys?.linked?.(id, Date.now());
        this.#mesh.linked(id);
        this.emit('peer', { id });
        this.#outbox.flush(id, (item) => this.#put(id, item));
        this.#gossip.flush();
      }
      if ((state === 'closed' || state === 'failed') && pool.get(id) === link) {
        this.#gossip.forgetNeighbor(id);
        this.#mesh.relink(id);
        this.#mesh.schedulePlan();
      }
    });
    pool.on('frame', ({ id, kind, body }) => this.#onFrame(id, kind, body));
    pool.on('signal-rejected', (detail) => this.emit('signal-rejected', detail));
    pool.on('frame-rejected', ({ id, code, message }) => this.emit('relay-rejected', { via: id, code: 'malformed', message: `${code}: ${message}` }));
    pool.on('rtt', (detail) => this.emit('rtt', detail));
    pool.on('error', (detail) => this.emit('error', detail));
  }

  /** What arrives over a link: an app message, a frame to relay, a goodbye, or a channel frame. */
  #onFrame(id: string, kind: SessionFrameKind, body: Uint8Array): void {
    try {
      if (kind === FrameKind.Message) this.emit('message', { from: id, data: frameText(body) });
      else if (kind === FrameKind.Relay) this.#gossip.receive(id, frameText(body));
      else if (kind === FrameKind.Unlink) this.#onUnlinked(id, frameText(body));
      else this.#channels.receive(id, body);
    } catch (error) {
      this.emit('relay-rejected', { via: id, code: 'malformed', message: (error as Error).message });
    }
  }

  #reconcile(ids: readonly string[]): void {
    const { removed } = this.#members.reconcile(ids);
    for (const id of removed) this.#memberLeft(id, false);
    // Everyone listed is here (again): queued messages wait for links, and a full mesh links them.
    for (const id of this.#members.ids) this.#memberJoined(id, false);
    this.emit('peerlist', { ids: this.peers });
  }

  #memberJoined(id: string, announce = true): void {
    if (id === this.id || this.#phase !== 'joined') return;
    const added = this.#members.add(id);
    this.#outbox.returned(id);
    // Full mesh: the smaller id offers, the other side waits for the offer. Partial mesh: the plan decides.
    if (!this.#mesh.partial && this.id < id && !this.#pool.isLive(id)) void this.#offer(id);
    this.#mesh.schedulePlan();
    if (announce && added) this.emit('peerlist', { ids: this.peers });
  }

  #memberLeft(id: string, announce = true): void {
    if (id === this.id) return;
    this.#members.remove(id);
    this.#pool.cancelRelink(id);
    this.#pool.forgetPending(id);
    this.#pool.drop(id);
    this.#mesh.memberLeft(id);
    this.#gossip.forgetNeighbor(id);
    this.#gossip.forgetOrigin(id);
    // A reload looks like leaving and joining again: its messages wait a while.
    this.#outbox.left(id);
    this.emit('peer-disconnect', { id });
    if (announce) this.emit('peerlist', { ids: this.peers });
    this.#mesh.schedulePlan();
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
        const link = this.#pool.get(neighbor);
        if (link?.state !== 'connected') return false;
        try {
          link.send(FrameKind.Relay, frame);
          return true;
        } catch {
          return false;
        }
      },
      deliver: (from, data, via) => this.#relayed(from, data, via),
      reject: (rejection) => this.emit('relay-rejected', rejection),
      failed: (to, data, reason) => {
        const relayed = decodeRelayed(data);
        if (relayed?.kind === FrameKind.Message) this.emit('message-failed', { to: to ?? '*', data: relayed.text, reason });
      },
    });
  }

  #relayed(from: string, data: string, via: string): void {
    const relayed = decodeRelayed(data);
    if (!relayed) return void this.emit('relay-rejected', { via, origin: from, code: 'malformed', message: 'a relayed message that is no session frame' });
    if (relayed.kind === FrameKind.Message) this.emit('message', { from, data: relayed.text, via });
    else this.#channels.receive(from, relayed.body, via);
  }

  #createRotator(settings: RotationOptions | undefined): Rotator {
    return new Rotator(
      settings,
      {
        measure: () => {
          if (this.#phase !== 'joined' || !this.#mesh.partial) return undefined;
          const rtts = new Map<string, number>();
          for (const id of this.#pool.connected) {
            const rtt = this.#pool.get(id)?.rtt;
            if (rtt !== undefined) rtts.set(id, rtt);
          }
          return rtts;
        },
        report: (report) => this.options.transport.report?.(this.address, report),
        replaceable: (id) => !this.#mesh.isRing(id),
        closerThan: (rtt, factor) => this.#mesh.closerThan(rtt, factor),
        rotate: (slow, better) => {
          this.#mesh.rotate(slow, better, this.#rotator!.settings.slowFactor);
          this.emit('rotate', { dropped: slow.id, added: better.id, rtt: slow.rtt, estimate: better.rtt! });
        },
        refused: (message) => this.emit('error', { code: 'report-refused', message }),
      },
      this.options.location,
    );
  }
}
