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
 */
import type { EnvelopeSigner } from './envelope.js';
import { PeerLink, type LinkPath, type LinkRejectionCode, type LinkState, type PeerLinkEventMap } from './peer.js';
import { ReplayGuard } from './replay-guard.js';
import type { RoomAddress, SignalingTransport, TransportEventMap } from './signaling/transport.js';
import type { KeyDirectory, TrustPolicy } from './trust.js';

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
  /** First delay before making a dropped link again; doubles up to 10 s. */
  readonly relinkMinMs?: number;
  /** Keep spare links ready (default true): faster connects for two idle RTCPeerConnections. */
  readonly prewarm?: boolean;
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
  message: CustomEvent<{ readonly from: string; readonly data: string }>;
  'message-failed': CustomEvent<{ readonly to: string; readonly data: string; readonly reason: string }>;
  'signal-rejected': CustomEvent<{ readonly from: string; readonly code: LinkRejectionCode; readonly message: string }>;
  /** A new round-trip measurement to a peer. */
  rtt: CustomEvent<{ readonly id: string; readonly rtt: number; readonly path: LinkPath }>;
  /** Something failed that the room cannot fix by itself: a signaling refusal, a link that could not be made. */
  error: CustomEvent<{ readonly code: number | string; readonly message: string }>;
}

export class Room extends EventTarget {
  readonly address: RoomAddress;
  readonly #links = new Map<string, PeerLink>();
  /** Links being created (simple-peer loads lazily): two signals from a newcomer make one link. */
  readonly #creating = new Map<string, Promise<PeerLink>>();
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
  readonly #spares = new Map<boolean, Promise<PeerLink>>();

  constructor(private readonly options: RoomOptions) {
    super();
    this.address = { ns: options.ns, room: options.room };
  }

  get id(): string {
    return this.options.identity.fingerprint;
  }

  /** Members of the room other than this peer, linked or not. */
  get peers(): readonly string[] {
    return [...this.#members];
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
    on('transport-error', ({ code, message }) => this.#emit('error', { code, message }));
    this.#joined = true;
    // Every transport announces the member list as a `peers` event, handled above.
    await transport.join(this.address);
    // Spares are for the peers that join after us: made when the page is idle, so they never
    // compete with this join or the links it starts (bench/connect measured that they do).
    this.#prepareSparesWhenIdle();
  }

  async leave(): Promise<void> {
    this.#joined = false;
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

  /** Sends to one peer; queued while its link is down. */
  send(to: string, data: string): void {
    const link = this.#links.get(to);
    if (link?.state === 'connected') {
      link.send(data);
      return;
    }
    if (!this.#members.has(to) && !this.#away.has(to)) {
      this.#emit('message-failed', { to, data, reason: 'not in the room' });
      return;
    }
    const queue = this.#queues.get(to) ?? [];
    queue.push(data);
    const limit = this.options.maxQueuedPerPeer ?? 256;
    if (queue.length > limit) this.#emit('message-failed', { to, data: queue.shift()!, reason: `more than ${limit} messages queued` });
    this.#queues.set(to, queue);
  }

  broadcast(data: string): void {
    for (const id of this.#members) this.send(id, data);
  }

  /**
   * A negotiated data channel to a peer whose link is bound (see PeerLink.openChannel), for
   * binary traffic beside the text messages; undefined while the link is not `connected`. A link
   * made again after a drop (a new `peer` event) needs its channel opened again.
   */
  channel(peer: string, label: string, id: number): RTCDataChannel | undefined {
    const link = this.#links.get(peer);
    return link?.state === 'connected' ? link.openChannel(label, id) : undefined;
  }

  /** Drops the link to a peer and makes it again (a stuck link; a "reconnect" button). */
  reconnect(id: string): void {
    const link = this.#links.get(id);
    if (link) link.close();
    else if (this.#members.has(id)) this.#relink(id);
  }

  #reconcile(ids: readonly string[]): void {
    for (const id of ids) this.#memberJoined(id, false);
    this.#emit('peerlist', { ids: this.peers });
  }

  #memberJoined(id: string, announce = true): void {
    if (id === this.id || !this.#joined) return;
    const known = this.#members.has(id);
    this.#members.add(id);
    clearTimeout(this.#away.get(id));
    this.#away.delete(id);
    // The smaller id offers. The other side waits for the offer (a link appears on its first signal).
    if (this.id < id) void this.#initiate(id);
    if (announce && !known) this.#emit('peerlist', { ids: this.peers });
  }

  #memberLeft(id: string): void {
    this.#members.delete(id);
    clearTimeout(this.#relinks.get(id)?.timer);
    this.#relinks.delete(id);
    const link = this.#links.get(id);
    this.#links.delete(id);
    link?.close();
    // A reload looks like leaving and joining again: hold its messages for a while.
    clearTimeout(this.#away.get(id));
    this.#away.set(
      id,
      setTimeout(() => this.#giveUp(id), this.#joined ? (this.options.returnGraceMs ?? 15_000) : 0),
    );
    this.#emit('peer-disconnect', { id });
    this.#emit('peerlist', { ids: this.peers });
  }

  #giveUp(id: string): void {
    this.#away.delete(id);
    for (const data of this.#queues.get(id) ?? []) this.#emit('message-failed', { to: id, data, reason: 'the peer left' });
    this.#queues.delete(id);
  }

  async #signal(from: string, env: string): Promise<void> {
    if (!this.#joined) return;
    // A signal can arrive before the `joined` that announces its sender.
    this.#members.add(from);
    const link = await this.#linkFor(from);
    await link.receive(env);
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

  #linkFor(id: string): Promise<PeerLink> {
    const existing = this.#links.get(id);
    if (existing && existing.state !== 'closed' && existing.state !== 'failed') return Promise.resolve(existing);
    const creating = this.#creating.get(id);
    if (creating) return creating;
    return this.#link(id);
  }

  /** A new link; `remoteId` and `sendSignal` are left out for a spare. */
  async #createLink(initiator: boolean, remoteId?: string): Promise<PeerLink> {
    const { identity, transport, keys, policy, iceServers, wrtc, pingMs } = this.options;
    const servers = typeof iceServers === 'function' ? await iceServers() : iceServers;
    return PeerLink.create({
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
  async #claimSpare(initiator: boolean, id: string): Promise<PeerLink | undefined> {
    const spare = this.#spares.get(initiator);
    this.#spares.delete(initiator);
    const link = await spare?.catch(() => undefined);
    if (!link || link.state !== 'connecting') return undefined;
    link.claim(id, (env) => this.options.transport.send(this.address, id, env));
    return link;
  }

  #link(id: string): Promise<PeerLink> {
    const initiator = this.id < id;
    const creating = this.#claimSpare(initiator, id).then((spare) => spare ?? this.#createLink(initiator, id));
    creating.catch((error: unknown) => this.#emit('error', { code: 'link-failed', message: `no link to ${id}: ${(error as Error).message}` }));
    const pending = creating.then((link) => {
      this.#links.set(id, link);
      link.addEventListener('state', (event) => {
        const { state } = (event as PeerLinkEventMap['state']).detail;
        this.#emit('link-state', { id, state });
        // The next spare is made off the critical path: once this link has settled.
        if (state !== 'connecting') this.#prepareSparesWhenIdle();
        if (state === 'connected') {
          this.#relinks.delete(id);
          this.#emit('peer', { id });
          for (const data of this.#queues.get(id)?.splice(0) ?? []) link.send(data);
        }
        if ((state === 'closed' || state === 'failed') && this.#links.get(id) === link) this.#relink(id);
      });
      link.addEventListener('message', (event) => this.#emit('message', { from: id, data: (event as PeerLinkEventMap['message']).detail.data }));
      link.addEventListener('signal-rejected', (event) => this.#emit('signal-rejected', { from: id, ...(event as PeerLinkEventMap['signal-rejected']).detail }));
      link.addEventListener('rtt', (event) => this.#emit('rtt', { id, ...(event as PeerLinkEventMap['rtt']).detail }));
      return link;
    });
    this.#creating.set(id, pending);
    void pending.finally(() => this.#creating.delete(id));
    return pending;
  }

  /** A link dropped but its peer is still here: the initiator makes it again, with backoff. */
  #relink(id: string): void {
    if (!this.#joined || !this.#members.has(id) || this.id > id || this.#relinks.get(id)?.timer !== undefined) return;
    const attempt = this.#relinks.get(id)?.attempt ?? 0;
    const delay = Math.min(10_000, (this.options.relinkMinMs ?? 250) * 2 ** attempt) * (0.5 + Math.random());
    const timer = setTimeout(() => {
      this.#relinks.set(id, { attempt: attempt + 1 });
      if (this.#joined && this.#members.has(id)) void this.#initiate(id);
    }, delay);
    this.#relinks.set(id, { timer, attempt });
  }

  #emit<K extends keyof RoomEventMap>(type: K, detail: RoomEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
