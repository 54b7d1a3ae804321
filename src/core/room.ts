/**
 * A room: membership through a signaling transport, and a full mesh of PeerLinks. The peer with
 * the smaller id initiates each link, so two offers never cross. Messages to a peer whose link
 * is down are queued (bounded) and delivered in order when it comes back, or reported as failed.
 */
import type { EnvelopeSigner } from './envelope.js';
import { PeerLink, type LinkRejectionCode, type LinkState, type PeerLinkEventMap } from './peer.js';
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
  readonly iceServers?: RTCIceServer[];
  /** Messages held per peer while its link is down. */
  readonly maxQueuedPerPeer?: number;
  /** How long messages for a peer that left wait for it to come back (a reload) before failing. */
  readonly returnGraceMs?: number;
  readonly wrtc?: Parameters<typeof PeerLink.create>[0]['wrtc'];
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
  readonly #listeners: [keyof TransportEventMap, (event: Event) => void][] = [];
  #joined = false;

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
    this.#joined = true;
    // Every transport announces the member list as a `peers` event, handled above.
    await transport.join(this.address);
  }

  async leave(): Promise<void> {
    this.#joined = false;
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
    if (this.id < id) void this.#linkFor(id);
    if (announce && !known) this.#emit('peerlist', { ids: this.peers });
  }

  #memberLeft(id: string): void {
    this.#members.delete(id);
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

  #linkFor(id: string): Promise<PeerLink> {
    const existing = this.#links.get(id);
    if (existing && existing.state !== 'closed' && existing.state !== 'failed') return Promise.resolve(existing);
    const creating = this.#creating.get(id);
    if (creating) return creating;
    return this.#link(id);
  }

  #link(id: string): Promise<PeerLink> {
    const { identity, transport, keys, policy, iceServers, wrtc } = this.options;
    const creating = PeerLink.create({
      identity,
      remoteId: id,
      initiator: this.id < id,
      address: this.address,
      transport,
      replay: this.#replay,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(iceServers ? { iceServers } : {}),
      ...(wrtc ? { wrtc } : {}),
    });
    const pending = creating.then((link) => {
      this.#links.set(id, link);
      link.addEventListener('state', (event) => {
        const { state } = (event as PeerLinkEventMap['state']).detail;
        this.#emit('link-state', { id, state });
        if (state === 'connected') {
          this.#emit('peer', { id });
          for (const data of this.#queues.get(id)?.splice(0) ?? []) link.send(data);
        }
      });
      link.addEventListener('message', (event) => this.#emit('message', { from: id, data: (event as PeerLinkEventMap['message']).detail.data }));
      link.addEventListener('signal-rejected', (event) => this.#emit('signal-rejected', { from: id, ...(event as PeerLinkEventMap['signal-rejected']).detail }));
      return link;
    });
    this.#creating.set(id, pending);
    void pending.finally(() => this.#creating.delete(id));
    return pending;
  }

  #emit<K extends keyof RoomEventMap>(type: K, detail: RoomEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
