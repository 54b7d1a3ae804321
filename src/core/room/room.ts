/**
 * A room (mesh mode): members through a signaling transport, and links between them. It is a
 * façade over parts with one job each:
 *
 *   membership.ts     who is here (a full list after each join is the truth)
 *   link-pool.ts      the links: made on demand, spares, connect timeout, relink backoff, goodbyes
 *   mesh-links.ts     which links to make and drop (mesh/planner.ts decides; the ask/ok/full
 *                     requests on the signaling path), latency rotation (mesh/rotator.ts)
 *   signal-intake.ts  signals in arrival order, verified before anything is spent on them
 *   delivery.ts       a frame's way to a peer: its link, the outbox (session/outbox) or the relay
 *   relay.ts          in a partial mesh, broadcasts and messages to unlinked peers are relayed
 *                     (mesh/gossip)
 *   session/channels  named channels over the link framing (link/frame.ts)
 *
 * It is longer than its parts because it wires nine of them: the constructor and the routing of
 * events between them are all that is left here.
 *
 * Up to `maxLinks` other members every member is linked (one side offers, Membership.offersTo:
 * the newer member, so two offers never cross); above it the room is a partial mesh. Nothing is
 * allocated for a signal before it is verified: a newcomer's first signal is opened and checked
 * (signature, recipient, replay, trust policy) before it becomes a member, spends a spare or gets
 * an RTCPeerConnection, and signals from one peer are handled in the order they arrived.
 */
import { FrameKind, frameText, type SessionFrameKind } from '../link/frame.js';
import type { LinkState, MediaSender, ServerPathHost } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import type { Gossip } from '../mesh/gossip.js';
import { Channel, ChannelHub } from '../session/channels.js';
import type { LinkInfo, MediaDelegate, PeerGroup } from '../session/peer-group.js';
import { SignalingError, type RoomAddress, type TransportEventMap } from '../signaling/transport.js';
import { Emitter } from '../util/events.js';
import { Delivery } from './delivery.js';
import { LinkPool } from './link-pool.js';
import { Membership } from './membership.js';
import { LINK_ASK, LINK_FULL, MeshLinks, type UnlinkReason } from './mesh-links.js';
import { roomRelay } from './relay.js';
import { DEFAULT_SERVER_FALLBACK_MS, type RoomEventMap, type RoomOptions } from './room-options.js';
import { SignalIntake } from './signal-intake.js';

export { LINK_ASK, LINK_FULL };
export type { LinkInfo, RoomEventMap, RoomOptions };

type RoomPhase = 'idle' | 'joined' | 'left' | 'lost';

export class Room extends Emitter<RoomEventMap> implements PeerGroup<RoomEventMap> {
  readonly address: RoomAddress;
  readonly #members: Membership;
  readonly #pool: LinkPool;
  readonly #mesh: MeshLinks;
  readonly #delivery: Delivery;
  readonly #channels: ChannelHub;
  /** Made again on each join: leaving closes it for good (its checks, timers and sends stop). */
  #gossip: Gossip;
  #phase: RoomPhase = 'idle';
  #joining: Promise<void> | undefined;
  /** Everything this room listens to while joined, let go of at once. */
  #listening = new AbortController();
  readonly #signals: SignalIntake;
  /** Members the last full list left out, kept while their link is up (see #reconcile). */
  readonly #unlisted = new Set<string>();

  constructor(private readonly options: RoomOptions) {
    super();
    this.address = { ns: options.ns, room: options.room };
    this.#members = new Membership(this.id, options.transport.presenceOrdered === true);
    this.#pool = new LinkPool({
      ...options,
      address: this.address,
      sendSignal: (to, env) => this.#toTransport(to, env),
      offersTo: (id) => this.#members.offersTo(id),
      create: options.links ?? PeerLink.create,
      ...this.#serverPath(),
    });
    this.#mesh = new MeshLinks(
      {
        self: this.id,
        maxLinks: this.maxLinks,
        members: this.#members,
        pool: this.#pool,
        request: (to, message) => this.#toTransport(to, message),
        offer: (id) => void this.#signals.offer(id),
        unlink: (id, reason) => this.#unlink(id, reason),
        report: (report) => this.options.transport.report?.(this.address, report),
        rotated: (detail) => this.emit('rotate', detail),
        reportRefused: (message) => this.emit('error', { code: 'report-refused', message }),
        released: (id) => this.#delivery.relayQueued(id),
      },
      { ...(options.rotation !== undefined ? { rotation: options.rotation } : {}), ...(options.location ? { location: options.location } : {}) },
    );
    this.#delivery = new Delivery({
      members: this.#members,
      pool: this.#pool,
      mesh: this.#mesh,
      gossip: () => this.#gossip,
      maxQueuedPerPeer: options.maxQueuedPerPeer ?? 256,
      returnGraceMs: options.returnGraceMs ?? 15_000,
      messageFailed: (to, data, reason) => this.emit('message-failed', { to, data, reason }),
    });
    this.#channels = new ChannelHub(this.#delivery, options.channels);
    this.#signals = new SignalIntake({
      self: this.id,
      address: this.address,
      ...(options.keys ? { keys: options.keys } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      members: this.#members,
      pool: this.#pool,
      mesh: this.#mesh,
      joined: () => this.#phase === 'joined',
      newMember: (id) => this.#memberJoined(id),
      rejected: (from, code, message) => this.emit('signal-rejected', { from, code, message }),
      failed: (from, message) => this.emit('error', { code: 'signal-failed', message: `a signal from ${from}: ${message}` }),
    });
    this.#gossip = this.#createGossip();
    this.#wirePool();
  }

  get id(): string {
    return this.options.identity.fingerprint;
  }

  /** Links' frames through the server, where the transport relays data and the option allows it. */
  #serverPath(): { serverPath?: ServerPathHost } {
    const { transport } = this.options;
    const afterMs = this.options.serverFallbackMs ?? DEFAULT_SERVER_FALLBACK_MS;
    if (!transport.sendData || afterMs <= 0) return {};
    return {
      serverPath: {
        afterMs,
        limit: () => transport.dataLimit ?? 0,
        buffered: () => transport.dataBuffered ?? 0,
        send: (to, piece) => transport.sendData!(this.address, to, piece),
      },
    };
  }

  /** Members of the room other than this peer, linked or not. */
  get peers(): readonly string[] {
    return this.#members.ids;
  }

  /** Members this peer has a link up to (`connected`); the others are reached by relay. */
  get linked(): readonly string[] {
    return this.#pool.connected;
  }

  /** `relay`: links use TURN relay candidates only, so members never learn this device's addresses. */
  get iceTransportPolicy(): RTCIceTransportPolicy {
    return this.options.iceTransportPolicy ?? 'all';
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

  /** Joins the room; a second call while joined (or joining) is the same join. A leave() before it is done wins: the room stays left. */
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
    on('signal', ({ from, env }) => this.#signals.receive(from, env));
    on('data', ({ from, data }) => this.#pool.receiveServerData(from, data));
    on('data-drain', () => this.#pool.serverDrained());
    on('suggest', ({ peers }) => (this.#mesh.suggestions = peers));
    on('transport-error', ({ code, message }) => this.emit('error', { code, message }));
    if (this.#gossip.closed) this.#gossip = this.#createGossip();
    this.#phase = 'joined';
    this.#mesh.start();
    // Every transport announces the member list as a `peers` event, handled above.
    await transport.join(this.address);
    // A leave() while the server was answering wins: nothing starts for a room that left (a newer
    // join() starts its own), and this join resolves with the room left.
    if (signal.aborted) return;
    this.#pool.start();
    this.#mesh.startRotation();
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
    this.#unlisted.clear();
    this.#listening.abort();
    this.#gossip.close();
    this.#mesh.stop();
    this.#pool.stop();
    this.#signals.clear();
    for (const id of this.#members.clear()) {
      this.#mesh.memberLeft(id);
      this.emit('peer-disconnect', { id });
    }
    this.#delivery.outbox.close('this peer left the room');
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
    this.#delivery.route(to, { kind: FrameKind.Message, body: data });
  }

  /** Sends an app message to every member: over each link in a full mesh, by relay in a partial one. */
  broadcast(data: string): void {
    this.#delivery.broadcastText(data);
  }

  /** A raw negotiated data channel on the bound link to `peer`, for an app that wants one; see PeerGroup. */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined {
    const link = this.#pool.get(peer);
    return link?.state === 'connected' ? link.openChannel(label, id) : undefined;
  }

  /** A media track to `peer` over its link (connecting or bound); see PeerGroup.sendTrack. */
  sendTrack(peer: string, track: MediaStreamTrack, stream: MediaStream): MediaSender | undefined {
    const link = this.#pool.get(peer);
    return link && link.state !== 'closed' && link.state !== 'failed' && link.sendTrack ? link.sendTrack(track, stream) : undefined;
  }

  /** Who sends media on this room's links (a Call), so tracks ride each new link's first negotiation; see MediaDelegate. */
  setMediaDelegate(delegate: MediaDelegate | undefined): void {
    this.#pool.mediaDelegate = delegate;
  }

  /** The WebRTC stats of the link to `peer` (media streams, candidate pairs); undefined without a link. */
  async linkStats(peer: string): Promise<RTCStatsReport | undefined> {
    return this.#pool.get(peer)?.stats?.();
  }

  /** Drops the link to a peer and makes it again (a stuck link; a "reconnect" button). */
  reconnect(id: string): void {
    const link = this.#pool.get(id);
    if (link) link.close();
    else if (this.#members.has(id)) this.#mesh.relink(id);
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

  /** Drops a link on purpose, telling the remote why so it does not make it again. */
  #unlink(id: string, reason: UnlinkReason): void {
    const link = this.#pool.get(id);
    if (!link) return;
    this.#gossip.forgetNeighbor(id);
    if (link.state === 'connected') this.#pool.dismiss(id, JSON.stringify({ reason }));
    else {
      // Mid-handshake there is no channel for a goodbye: the signaling path carries it.
      this.#pool.drop(id);
      if (reason === 'full') this.#toTransport(id, LINK_FULL);
    }
    this.#delivery.relayQueued(id);
  }

  #onUnlinked(from: string, text: string): void {
    let reason: unknown;
    try {
      reason = (JSON.parse(text) as { reason?: unknown }).reason;
    } catch {
      reason = undefined;
    }
    this.#mesh.unlinked(from, reason);
    // Our goodbye answers theirs: the remote closes the link once it has read everything before it.
    this.#pool.dismiss(from, JSON.stringify({ reason: 'goodbye' }));
    this.#gossip.forgetNeighbor(from);
    // Still our ring neighbour (views of the room differ for a moment): made again, with backoff.
    this.#mesh.relink(from);
    this.#delivery.relayQueued(from);
    this.#mesh.schedulePlan();
  }

  #wirePool(): void {
    const pool = this.#pool;
    pool.on('link-state', ({ id, link, state }) => {
      this.emit('link-state', { id, state });
      if (state === 'connected') {
        this.options.keys?.linked?.(id, Date.now());
        this.#mesh.linked(id);
        this.#channels.peerRelinked(id);
        this.emit('peer', { id });
        this.#delivery.linked(id);
        this.#gossip.flush();
      }
      if ((state === 'closed' || state === 'failed') && pool.get(id) === link) {
        if (this.#unlisted.has(id)) return this.#memberLeft(id);
        this.#gossip.forgetNeighbor(id);
        this.#mesh.relink(id);
        this.#mesh.schedulePlan();
      }
    });
    pool.on('frame', ({ id, kind, body }) => this.#onFrame(id, kind, body));
    pool.on('signal-rejected', (detail) => this.emit('signal-rejected', detail));
    pool.on('frame-rejected', ({ id, code, message }) => this.emit('relay-rejected', { via: id, code: 'malformed', message: `${code}: ${message}` }));
    pool.on('rtt', (detail) => this.emit('rtt', detail));
    pool.on('track', (detail) => this.emit('track', detail));
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

  /**
   * A full member list (after each join and re-join). Who is missing from it left while we could
   * not hear it — unless our link to them is still up: after a server restart peers re-join one by
   * one, so a peer may simply not be back yet. Such a peer stays while its link does, and goes
   * with it unless the server lists it again.
   */
  #reconcile(ids: readonly string[]): void {
    const { missing } = this.#members.reconcile(ids);
    for (const id of ids) this.#unlisted.delete(id);
    for (const id of missing) {
      // Kept while its link is up; otherwise let go (and said), one by one: an app that leaves on the
      // first `peer-disconnect` still hears of the others from leave().
      if (this.#pool.get(id)?.state === 'connected') this.#unlisted.add(id);
      else this.#memberLeft(id, false);
    }
    // Everyone listed is here (again): queued messages wait for links, and a full mesh links them.
    for (const id of this.#members.ids) this.#memberJoined(id, false);
    this.emit('peerlist', { ids: this.peers });
  }

  #memberJoined(id: string, announce = true): void {
    if (id === this.id || this.#phase !== 'joined') return;
    this.#unlisted.delete(id);
    const added = this.#members.add(id);
    this.#delivery.outbox.returned(id);
    // Full mesh: one side offers (Membership.offersTo), the other waits for the offer. Partial mesh: the plan decides.
    if (!this.#mesh.partial && this.#members.offersTo(id) && !this.#pool.isLive(id)) void this.#signals.offer(id);
    this.#mesh.schedulePlan();
    if (announce && added) this.emit('peerlist', { ids: this.peers });
  }

  #memberLeft(id: string, announce = true): void {
    // After leave() nothing is left to let go of: a late event must not start timers for a room that is gone.
    if (id === this.id || this.#phase !== 'joined') return;
    this.#members.remove(id);
    this.#unlisted.delete(id);
    this.#pool.cancelRelink(id);
    this.#pool.forgetPending(id);
    this.#pool.drop(id);
    this.#mesh.memberLeft(id);
    this.#gossip.forgetNeighbor(id);
    this.#gossip.forgetOrigin(id);
    // A reload looks like leaving and joining again: its messages wait a while.
    this.#delivery.outbox.left(id);
    this.emit('peer-disconnect', { id });
    if (announce) this.emit('peerlist', { ids: this.peers });
    this.#mesh.schedulePlan();
  }

  #createGossip(): Gossip {
    const { identity, keys, policy, relayTtl } = this.options;
    return roomRelay({
      identity,
      address: this.address,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(relayTtl !== undefined ? { ttl: relayTtl } : {}),
      pool: this.#pool,
      deliver: (from, frame, via) => (frame.kind === FrameKind.Message ? this.emit('message', { from, data: frame.text, via }) : this.#channels.receive(from, frame.body, via)),
      reject: (rejection) => this.emit('relay-rejected', rejection),
      messageFailed: (to, data, reason) => this.emit('message-failed', { to, data, reason }),
    });
  }
}
