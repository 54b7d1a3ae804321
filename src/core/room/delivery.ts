/**
 * How a room's outgoing frames (app messages, channel frames) reach a peer: over its link when it
 * is up; held in the outbox while a link this peer wants is down (and delivered in order when it
 * is back, relayed once the mesh stops waiting for it — an ask refused or unanswered, a chord let
 * go, a link dropped — or failed); relayed through the partial mesh, sealed for the peer, when no
 * link to it is wanted. Channel frames also wait while a link's send buffer is full (backpressure).
 */
import { FrameKind } from '../link/frame.js';
import type { Gossip } from '../mesh/gossip.js';
import { CHANNEL_HIGH_WATER_BYTES, roomOnLink } from '../session/backpressure.js';
import type { CarryOptions, ChannelCarrier } from '../session/channels.js';
import { failOutgoing, putOn, type Outgoing } from '../session/outgoing.js';
import { Outbox } from '../session/outbox.js';
import { encodeRelayed } from '../session/relayed.js';
import type { LinkPool } from './link-pool.js';
import type { Membership } from './membership.js';
import type { MeshLinks } from './mesh-links.js';

/** Why a direct frame (SendOptions.direct) fails where the room would relay it. */
const NO_LINK = 'no link to the peer, and the frame is not to be relayed';

export interface DeliveryParts {
  readonly members: Membership;
  readonly pool: LinkPool;
  readonly mesh: MeshLinks;
  readonly gossip: () => Gossip;
  readonly maxQueuedPerPeer: number;
  readonly returnGraceMs: number;
  /** An app message that will not be delivered. */
  readonly messageFailed: (to: string, data: string, reason: string) => void;
}

export class Delivery implements ChannelCarrier {
  readonly outbox: Outbox<Outgoing>;

  constructor(private readonly parts: DeliveryParts) {
    this.outbox = new Outbox<Outgoing>({ maxPerPeer: parts.maxQueuedPerPeer, returnGraceMs: parts.returnGraceMs, failed: (to, item, reason) => this.#failed(to, item, reason) });
  }

  get peers(): readonly string[] {
    return this.parts.members.ids;
  }

  /** Sends one frame to `to` by the best way there is now (see the header). */
  route(to: string, item: Outgoing): void {
    const { members, pool, mesh } = this.parts;
    if (pool.get(to)?.state === 'connected' && this.put(to, item)) return;
    if (!members.has(to) && !this.outbox.isAway(to)) return this.#failed(to, item, 'not in the room');
    if (mesh.partial && members.has(to) && !mesh.wants(to) && !pool.isLive(to)) return item.direct ? this.#failed(to, item, NO_LINK) : this.#relay(to, item);
    this.outbox.hold(to, item);
  }

  /** An app message to everyone: by relay in a partial mesh, else over each link. */
  broadcastText(data: string): void {
    if (this.parts.mesh.partial) this.parts.gossip().send(encodeRelayed({ kind: FrameKind.Message, text: data }));
    else for (const id of this.parts.members.ids) this.route(id, { kind: FrameKind.Message, body: data });
  }

  /** Puts a frame on the link to `to`; false when the channel is closing under a `connected` link. */
  put(to: string, item: Outgoing): boolean {
    const link = this.parts.pool.get(to);
    return link !== undefined && putOn(link, item);
  }

  /** The link to `id` is up: what waited for it goes out, in order. */
  linked(id: string): void {
    this.outbox.flush(id, (item) => this.put(id, item));
  }

  /** Messages queued for a link that will not come: relayed instead. */
  relayQueued(id: string): void {
    if (!this.parts.mesh.partial || this.parts.mesh.wants(id)) return;
    for (const item of this.outbox.take(id)) {
      if (item.direct) this.#failed(id, item, NO_LINK);
      else this.#relay(id, item);
    }
  }

  roomFor(to: string | undefined, options: CarryOptions = {}): Promise<void> | undefined {
    // A broadcast relayed through the partial mesh waits for no link: gossip paces itself. One that
    // goes over the links is a copy per peer (fansOut), each waiting for its own link.
    if (to === undefined) return undefined;
    return this.#roomOn(to, options.highWaterMark ?? CHANNEL_HIGH_WATER_BYTES);
  }

  fansOut(options: CarryOptions = {}): boolean {
    return !this.parts.mesh.partial || options.direct === true;
  }

  carry(to: string, body: Uint8Array, options: CarryOptions = {}): Promise<void> {
    const direct = options.direct === true;
    return new Promise<void>((resolve, reject) => this.route(to, { kind: FrameKind.Channel, body, direct, settle: (error) => (error ? reject(error) : resolve()) }));
  }

  /** A channel frame to everyone by relay: the hub sends every other broadcast as a copy per peer (fansOut). */
  carryAll(body: Uint8Array): Promise<void> {
    this.parts.gossip().send(encodeRelayed({ kind: FrameKind.Channel, body }));
    return Promise.resolve();
  }

  #roomOn(id: string, mark: number): Promise<void> | undefined {
    const link = this.parts.pool.get(id);
    return link ? roomOnLink(link, mark) : undefined;
  }

  #relay(to: string, item: Outgoing): void {
    const frame = item.kind === FrameKind.Message ? { kind: item.kind, text: String(item.body) } : { kind: item.kind, body: item.body as Uint8Array };
    this.parts.gossip().send(encodeRelayed(frame), to);
    item.settle?.();
  }

  #failed(to: string, item: Outgoing, reason: string): void {
    const code = reason === 'not in the room' ? 'not-in-room' : reason === NO_LINK ? 'no-link' : reason.startsWith('more than') ? 'queue-full' : 'peer-left';
    failOutgoing(to, item, reason, code, this.parts.messageFailed);
  }
}
