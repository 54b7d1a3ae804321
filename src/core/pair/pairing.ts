/**
 * Pair mode: one link at a time, to a stranger the server picks in a namespace, through the link
 * protocol (DESIGN.md): both sides CONNECT with an offer; the server DEMOTEs the second to answer
 * the first's offer and relays that ANSWER back. Offers and answers are sealed envelopes like any
 * signal (the offer for anyone, `*`; the answer for its offerer), so the server still cannot forge,
 * alter or redirect them, and the channel is bound exactly as in mesh mode. `next()` drops the
 * partner and asks for another; the server does not pair the same two again for a while.
 *
 * Its surface matches `Room` (join/leave, peers, send/broadcast, the same events), so elements
 * can take either; `searching` and `error` are its own.
 */
import type { EnvelopeSigner } from '../envelope/envelope.js';
import { LINK_PROOF_ROOM, sealLinkProof } from '../envelope/join-proof.js';
import { FrameKind, frameText } from '../link/frame.js';
import type { LinkState } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { ChannelError, ChannelHub, type Channel, type ChannelLimits } from '../session/channels.js';
import type { LinkInfo, PeerGroup, PeerGroupEventMap } from '../session/peer-group.js';
import { Emitter } from '../util/events.js';
import { LinkErrorCode, type LinkReply, type LinkRequest, type LinkTransport } from '../signaling/pair-protocol.js';
import { SignalingError, type RoomAddress } from '../signaling/transport.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';

/** The room name pair-mode envelopes are sealed for: they belong to no server room. */
export const PAIR_ROOM = LINK_PROOF_ROOM;

export interface PairingOptions {
  readonly identity: EnvelopeSigner;
  readonly transport: LinkTransport;
  readonly ns: string;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  readonly iceServers?: RTCIceServer[] | (() => Promise<RTCIceServer[]>);
  readonly wrtc?: Parameters<typeof PeerLink.create>[0]['wrtc'];
  readonly pingMs?: number;
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
  /** Longest wait for the server's reply to a link request, ms; default 25 s (it holds one ≤ 15 s). */
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
class Superseded extends Error {}

class StepTimeout extends Error {}

/** What waits for the partner's link: a frame, and who hears how it ended. */
interface Outgoing {
  readonly kind: typeof FrameKind.Message | typeof FrameKind.Channel;
  readonly body: string | Uint8Array;
  readonly settle?: (error?: ChannelError) => void;
}

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
    const carry = (to: string, body: Uint8Array) => new Promise<void>((resolve, reject) => this.#route(to, { kind: FrameKind.Channel, body, settle: (error) => (error ? reject(error) : resolve()) }));
    this.#channels = new ChannelHub(
      {
        get peers() {
          return peers();
        },
        carry,
        carryAll: async (body) => {
          const partner = this.partner;
          if (partner) await carry(partner, body);
        },
      },
      options.channels,
    );
  }

  /** A named channel to the partner (session/channels.ts); it carries on across partners. */
  channel(name: string): Channel {
    return this.#channels.channel(name);
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
    if (link.state === 'connected' && this.#put(link, item)) return;
    this.#queue.push(item);
    const limit = this.options.maxQueued ?? 256;
    if (this.#queue.length > limit) this.#failed(to, this.#queue.shift()!, `more than ${limit} messages queued`);
  }

  /** False when the channel is closing under a `connected` link: the item waits for the next one. */
  #put(link: PeerLink, item: Outgoing): boolean {
    try {
      link.send(item.kind, item.body);
    } catch {
      return false;
    }
    item.settle?.();
    return true;
  }

  #failed(to: string, item: Outgoing, reason: string): void {
    if (item.kind === FrameKind.Message) this.emit('message-failed', { to, data: String(item.body), reason });
    item.settle?.(new ChannelError(reason.startsWith('more than') ? 'queue-full' : 'peer-left', reason, undefined, to));
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
    let delay = retryMs;
    while (this.#joined && generation === this.#generation) {
      this.emit('searching', {});
      try {
        const link = await this.#pairOnce(bounce);
        if (link && generation === this.#generation) return this.#adopt(link);
        link?.close();
        delay = retryMs;
      } catch (error) {
        if (error instanceof Superseded || generation !== this.#generation) return;
        const code = error instanceof SignalingError ? error.code : error instanceof StepTimeout ? PAIRING_TIMEOUT : 0;
        // Nobody to pair with is the normal wait, not an error.
        if (code !== LinkErrorCode.NoPeer && code !== LinkErrorCode.NoPeerInNamespace) this.emit('error', { code, message: (error as Error).message });
        await this.#pause(delay);
        delay = Math.min(maxRetryMs, delay * 2);
      }
      bounce = false;
    }
  }

  /** One round of the link protocol; a bound link, or undefined when this pairing came to nothing. */
  async #pairOnce(bounce: boolean): Promise<PeerLink | undefined> {
    const { transport, ns } = this.options;
    const step = this.options.stepTimeoutMs ?? 10_000;
    // Every request proves, afresh, that we hold the key our id names (a proof is single-use).
    const ask = async (request: (proof: string) => LinkRequest): Promise<LinkReply> => {
      const proof = await this.#within(sealLinkProof(this.options.identity, { ns, server: transport.server }), step, 'sealing the link proof');
      return this.#within(transport.link(request(proof), { signal: this.#abort.signal }), this.options.replyTimeoutMs ?? 25_000, 'the server\'s reply');
    };
    const lastNonce = bounce ? this.#lastNonce : undefined;
    const offerer = await this.#createLink(true);
    let reply: LinkReply;
    try {
      const offer = await this.#within(offerer.outgoing, step, 'our offer');
      reply = await ask((proof) => (lastNonce ? { type: 'BOUNCE', ns, id: this.id, nonce: lastNonce, signal: offer, proof } : { type: 'CONNECT', ns, id: this.id, signal: offer, proof }));
      if (reply.type === 'ANSWER') {
        await this.#within(offerer.link.receive(reply.signal), step, 'checking the answer');
        if (offerer.link.remoteId !== undefined) return this.#bound(offerer.link);
      }
    } catch (error) {
      offerer.link.close();
      throw error;
    }
    offerer.link.close();
    if (reply.type === 'ANSWER') return undefined;
    // Demoted: answer the first peer's offer. If that peer is gone the server offers another's.
    while (reply.type === 'DEMOTE') {
      this.#lastNonce = reply.nonce;
      const answerer = await this.#createLink(false);
      try {
        await this.#within(answerer.link.receive(reply.signal), step, 'checking the stranger\'s offer');
        // The offer did not verify or is not trusted (a `signal-rejected` said why): no pair.
        if (answerer.link.remoteId === undefined) {
          answerer.link.close();
          return undefined;
        }
        // A signed "offer" that holds no SDP never yields an answer: the step bound ends the wait.
        const answer = await this.#within(answerer.outgoing, step, 'our answer to the stranger\'s offer');
        const nonce = reply.nonce;
        reply = await ask((proof) => ({ type: 'CONNECT', ns, id: this.id, nonce, signal: answer, proof }));
      } catch (error) {
        answerer.link.close();
        throw error;
      }
      if (reply.type === 'DELIVERED') return this.#bound(answerer.link);
      answerer.link.close();
    }
    return undefined;
  }

  /** Waits for `promise`, but no longer than `ms` (StepTimeout) and not past a newer search (Superseded). */
  #within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    const signal = this.#abort.signal;
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () => finish(() => reject(new Superseded()));
      const timer = setTimeout(() => finish(() => reject(new StepTimeout(`${what} took longer than ${ms} ms`))), ms);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** A link whose one outgoing signal (no trickle: the link protocol carries one each way) is caught. */
  async #createLink(initiator: boolean): Promise<{ link: PeerLink; outgoing: Promise<string> }> {
    const { identity, keys, policy, iceServers, wrtc, pingMs } = this.options;
    const servers = typeof iceServers === 'function' ? await this.#within(iceServers(), this.options.stepTimeoutMs ?? 10_000, 'fetching ICE servers') : iceServers;
    let deliver!: (env: string) => void;
    const outgoing = new Promise<string>((resolve) => (deliver = resolve));
    const link = await PeerLink.create({
      identity,
      initiator,
      address: this.address,
      sendSignal: (env) => deliver(env),
      replay: this.#replay,
      trickle: false,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(servers ? { iceServers: servers } : {}),
      ...(wrtc ? { wrtc } : {}),
      ...(pingMs !== undefined ? { pingMs } : {}),
    });
    link.addEventListener('signal-rejected', (event) => this.emit('signal-rejected', { from: link.remoteId ?? '', ...event.detail }));
    return { link, outgoing };
  }

  /** Waits for the link to bind: the link once connected; undefined (and closed) if it fails, times out or is superseded. */
  #bound(link: PeerLink): Promise<PeerLink | undefined> {
    const signal = this.#abort.signal;
    return new Promise((resolve) => {
      const finish = (result: PeerLink | undefined) => {
        clearTimeout(timer);
        link.removeEventListener('state', onState);
        signal.removeEventListener('abort', onAbort);
        // A pairing that came to nothing must not leave its RTCPeerConnection behind.
        if (!result) link.close();
        resolve(result);
      };
      const onState = () => {
        if (link.state === 'connected') finish(link);
        else if (link.state === 'closed' || link.state === 'failed') finish(undefined);
      };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), this.options.connectTimeoutMs ?? 15_000);
      link.addEventListener('state', onState);
      signal.addEventListener('abort', onAbort, { once: true });
      onState();
    });
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
        const unsent = queued.findIndex((item) => !this.#put(link, item));
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
    this.emit('peerlist', { ids: [id] });
    this.emit('link-state', { id, state: 'connected' });
    this.emit('peer', { id });
  }

  #pause(ms: number): Promise<void> {
    const signal = this.#abort.signal;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms * (0.5 + Math.random()));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Superseded());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
