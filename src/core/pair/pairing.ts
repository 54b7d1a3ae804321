/**
 * Pair mode: one link at a time, to a stranger the server picks in a namespace, through the pair
 * protocol (DESIGN.md "Link protocol"): both sides CONNECT with an offer; the server DEMOTEs the second to answer
 * the first's offer and relays that ANSWER back. Offers and answers are sealed envelopes like any
 * signal (the offer for anyone, `*`; the answer for its offerer), so the server still cannot forge,
 * alter or redirect them, and the channel is bound exactly as in mesh mode. `next()` drops the
 * partner and asks for another; the server does not pair the same two again for a while.
 *
 * Its surface matches `Room` (join/leave, peers, send/broadcast, the same events), so elements
 * can take either; `searching` and `error` are its own.
 */

import { PAIR_PROOF_ROOM } from '../envelope/join-proof.js';
import { FrameKind, frameText } from '../link/frame.js';
import type { LinkSettings, LinkState, MediaSender } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { CHANNEL_HIGH_WATER_BYTES, roomOnLink } from '../session/backpressure.js';
import { ChannelHub, type Channel, type ChannelLimits } from '../session/channels.js';
import { failOutgoing, putOn, type Outgoing } from '../session/outgoing.js';
import type { LinkInfo, PeerGroup, PeerGroupEventMap } from '../session/peer-group.js';
import { PairRound, StepTimeout, Superseded } from './pair-round.js';
import { Backoff } from '../util/backoff.js';
import { Emitter } from '../util/events.js';
import { PairErrorCode, type PairTransport } from '../signaling/pair-protocol.js';
import { SignalingError, type RoomAddress } from '../signaling/transport.js';

/** The room name pair-mode envelopes are sealed for: they belong to no server room. */
export const PAIR_ROOM = PAIR_PROOF_ROOM;

export interface PairingOptions extends LinkSettings {
  readonly transport: PairTransport;
  readonly ns: string;
  /** First wait before asking again when nobody is there; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** How long a pair the server made may take to bind before we look for another. */
  readonly connectTimeoutMs?: number;
  /** Look for a new stranger by itself when the partner goes away (default); otherwise wait for `next()`. */
  readonly autoNext?: boolean;
  /** Messages held while the partner's link is reconnecting. */
  readonly maxQueued?: number;
  /**
   * Longest wait for a step of our own or a stranger's signal to produce what comes next (our
   * offer, our answer to the stranger's offer, checking a signal), ms; default 10 s. A stranger
   * whose signed "offer" holds no SDP would otherwise keep us waiting for an answer forever.
   */
  readonly stepTimeoutMs?: number;
  /** Longest wait for the server's reply to a pair request, ms; default 25 s (it holds one ≤ 15 s). */
  readonly replyTimeoutMs?: number;
  /** Limits of named channels. */
  readonly channels?: Partial<ChannelLimits>;
}

/** The code of the `error` event when a step of a pairing took too long (the search goes on). */
export const PAIRING_TIMEOUT = 408;

export interface PairingEventMap extends PeerGroupEventMap {
  /** Looking for a partner (after join, next, or losing one). */
  searching: CustomEvent<Record<string, never>>;
  /** The server refused or failed; the search goes on after a pause. */
  error: CustomEvent<{ readonly code: number; readonly message: string }>;
}

/** Thrown inside the search when a newer search (next/leave) has taken over. */
export class Pairing extends Emitter<PairingEventMap> implements PeerGroup<PairingEventMap> {
  readonly address: RoomAddress;
  readonly #replay = new ReplayGuard();
  #link: PeerLink | undefined;
  #queue: Outgoing[] = [];
  readonly #channels: ChannelHub;
  /** Bumped by join/next/leave: older searches notice and stop. */
  #generation = 0;
  #abort = new AbortController();
  #joined = false;
  /** The nonce of the last pairing, sent with BOUNCE when asking for the next one. */
  #lastNonce: string | undefined;

  constructor(private readonly options: PairingOptions) {
    super();
    this.address = { ns: options.ns, room: PAIR_ROOM };
    const peers = () => this.peers;
    // A pairing has no relay: `direct` changes nothing, and a frame is put on the link or queued at once.
    const carry = (to: string, body: Uint8Array) => new Promise<void>((resolve, reject) => this.#route(to, { kind: FrameKind.Channel, body, settle: (error) => (error ? reject(error) : resolve()) }));
    this.#channels = new ChannelHub(
      {
        get peers() {
          return peers();
        },
        // Backpressure: each frame waits here while the link is full (a file would otherwise be pushed
        // as fast as it is read, and Chromium closes a channel whose buffer passes 16 MiB).
        roomFor: (to, options) => {
          const link = this.#link;
          return link && (to === undefined || link.remoteId === to) ? roomOnLink(link, options?.highWaterMark ?? CHANNEL_HIGH_WATER_BYTES) : undefined;
        },
        carry,
        carryAll: async (body) => {
          const partner = this.partner;
          if (partner) await carry(partner, body);
        },
        // The one partner's copy waits for its own link.
        fansOut: () => true,
      },
      options.channels,
    );
  }

  /** A named channel to the partner (session/channels.ts); it carries on across partners. */
  channel(name: string): Channel {
    return this.#channels.channel(name);
  }

  /** `relay`: links use TURN relay candidates only, so a stranger never learns this device's addresses. */
  get iceTransportPolicy(): RTCIceTransportPolicy {
    return this.options.iceTransportPolicy ?? 'all';
  }

  get id(): string {
    return this.options.identity.fingerprint;
  }

  /** The partner, while there is one. */
  get partner(): string | undefined {
    return this.#link?.remoteId;
  }

  get peers(): readonly string[] {
    const partner = this.partner;
    return partner ? [partner] : [];
  }

  linkState(id: string): LinkState | undefined {
    return id === this.partner ? this.#link?.state : undefined;
  }

  linkInfo(id: string): LinkInfo | undefined {
    const link = id === this.partner ? this.#link : undefined;
    return link && { state: link.state, rtt: link.rtt, path: link.path };
  }

  /** A negotiated data channel to the partner (see Room.dataChannel); undefined for anyone else or while not connected. */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined {
    const link = peer === this.partner ? this.#link : undefined;
    return link?.state === 'connected' ? link.openChannel(label, id) : undefined;
  }

  /** A media track to the partner over the bound link; undefined for anyone else or while not connected. */
  sendTrack(peer: string, track: MediaStreamTrack, stream: MediaStream): MediaSender | undefined {
    const link = peer === this.partner ? this.#link : undefined;
    return link?.state === 'connected' && link.sendTrack ? link.sendTrack(track, stream) : undefined;
  }

  /** Starts looking for a partner; resolves at once (a `peer` event announces the pairing). */
  async join(): Promise<void> {
    if (this.#joined) return;
    this.#joined = true;
    this.#restart(false);
  }

  /** Drops the current partner (if any) and looks for another. */
  async next(): Promise<void> {
    if (!this.#joined) throw new Error('join() before next()');
    this.#restart(true);
  }

  async leave(): Promise<void> {
    this.#joined = false;
    this.#supersede();
  }

  send(to: string, data: string): void {
    this.#route(to, { kind: FrameKind.Message, body: data });
  }

  #route(to: string, item: Outgoing): void {
    const link = this.#link;
    if (!link || to !== link.remoteId) return this.#failed(to, item, 'not paired with this peer');
    if (link.state === 'connected' && putOn(link, item)) return;
    this.#queue.push(item);
    const limit = this.options.maxQueued ?? 256;
    if (this.#queue.length > limit) this.#failed(to, this.#queue.shift()!, `more than ${limit} messages queued`);
  }

  #failed(to: string, item: Outgoing, reason: string): void {
    failOutgoing(to, item, reason, reason.startsWith('more than') ? 'queue-full' : 'peer-left', (peer, data, why) => this.emit('message-failed', { to: peer, data, reason: why }));
  }

  broadcast(data: string): void {
    const partner = this.partner;
    if (partner) this.send(partner, data);
  }

  #restart(bounce: boolean): void {
    const generation = this.#supersede();
    void this.#search(generation, bounce);
  }

  /** Stops whatever search or link is current; returns the new generation. */
  #supersede(): number {
    this.#abort.abort(new Superseded());
    this.#abort = new AbortController();
    this.#drop('the pairing ended');
    return ++this.#generation;
  }

  /** Forgets the partner's link, telling listeners and failing what was queued for it. */
  #drop(reason: string): void {
    const link = this.#link;
    this.#link = undefined;
    if (!link) return;
    link.close();
    const id = link.remoteId!;
    for (const item of this.#queue.splice(0)) this.#failed(id, item, reason);
    this.emit('peer-disconnect', { id });
    this.emit('peerlist', { ids: [] });
  }

  async #search(generation: number, bounce: boolean): Promise<void> {
    const { retryMs = 500, maxRetryMs = 5000 } = this.options;
    const round = new PairRound(this.options, this.address, this.#replay, this.#abort.signal, (from, code, message) => this.emit('signal-rejected', { from, code, message }));
    const backoff = new Backoff({ firstMs: retryMs, maxMs: maxRetryMs });
    while (this.#joined && generation === this.#generation) {
      this.emit('searching', {});
      try {
        const link = await round.run(bounce ? this.#lastNonce : undefined, (nonce) => (this.#lastNonce = nonce));
        if (link && generation === this.#generation) return this.#adopt(link);
        link?.close();
        backoff.reset();
      } catch (error) {
        if (error instanceof Superseded || generation !== this.#generation) return;
        const code = error instanceof SignalingError ? error.code : error instanceof StepTimeout ? PAIRING_TIMEOUT : 0;
        // Nobody to pair with is the normal wait, not an error.
        if (code !== PairErrorCode.NoPeer && code !== PairErrorCode.NoPeerInNamespace) this.emit('error', { code, message: (error as Error).message });
        await round.pause(backoff.next());
      }
      bounce = false;
    }
  }

  #adopt(link: PeerLink): void {
    const id = link.remoteId!;
    this.#link = link;
    this.options.keys?.linked?.(id, Date.now());
    link.addEventListener('state', (event) => {
      const { state } = event.detail;
      if (this.#link !== link) return;
      this.emit('link-state', { id, state });
      if (state === 'connected') {
        const queued = this.#queue.splice(0);
        const unsent = queued.findIndex((item) => !putOn(link, item));
        if (unsent >= 0) this.#queue.unshift(...queued.slice(unsent));
      }
      if (state === 'closed' || state === 'failed') {
        this.#drop('the partner went away');
        if (this.#joined && this.options.autoNext !== false) this.#restart(false);
      }
    });
    link.addEventListener('frame', ({ detail }) => {
      if (detail.kind === FrameKind.Channel) return this.#channels.receive(id, detail.body);
      // Otherwise pair mode carries app messages only; anything else, or text that is not UTF-8, is dropped.
      if (detail.kind !== FrameKind.Message) return;
      let data: string;
      try {
        data = frameText(detail.body);
      } catch {
        return;
      }
      this.emit('message', { from: id, data });
    });
    link.addEventListener('rtt', (event) => this.emit('rtt', { id, ...event.detail }));
    link.addEventListener('track', (event) => this.emit('track', { id, ...event.detail }));
    this.emit('peerlist', { ids: [id] });
    this.emit('link-state', { id, state: 'connected' });
    this.emit('peer', { id });
  }

}
