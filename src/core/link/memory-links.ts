/**
 * A test transport for links: peers in one JavaScript realm "connect" through memory, with a
 * latency per pair that a test can change at any time (real WebRTC on loopback cannot be slowed
 * down). Text messages and round-trip pings only; signals are plain tokens, not sealed — use it
 * for topology, relay and latency experiments, never where the crypto is what is tested.
 */
import type { LinkPath, LinkState, PeerLinkOptions } from './peer-link.js';
import { randomBytes, toBase64Url } from '../util/bytes.js';
import type { LinkFactory, RoomLink } from './link.js';

export interface MemoryLinkNetworkOptions {
  /** One-way latency between two peers, ms (default 1). */
  readonly delayMs?: (from: string, to: string) => number;
}

/** Signals are `mlnk` + a 16-character token: base64url of whole bytes, so every transport (even binary frames) carries them unchanged. */
const SIGNAL_PREFIX = 'mlnk';

export class MemoryLinkNetwork {
  readonly #waiting = new Map<string, MemoryLink>();
  readonly #delays = new Map<string, number>();

  constructor(private readonly options: MemoryLinkNetworkOptions = {}) {}

  /** The factory to hand a Room (`links` option). */
  readonly factory: LinkFactory = (options) => Promise.resolve(new MemoryLink(this, options));

  /** Sets the one-way latency between two peers, both ways, from now on. */
  setDelay(a: string, b: string, ms: number): void {
    this.#delays.set(pairKey(a, b), ms);
  }

  /** @internal */
  delay(from: string, to: string): number {
    return this.#delays.get(pairKey(from, to)) ?? this.options.delayMs?.(from, to) ?? 1;
  }

  /** @internal An initiator waits under its token until the answerer's link asks for it. */
  offer(token: string, link: MemoryLink): void {
    this.#waiting.set(token, link);
  }

  /** @internal */
  take(token: string): MemoryLink | undefined {
    const link = this.#waiting.get(token);
    this.#waiting.delete(token);
    return link;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

type Frame = { kind: 'message'; data: string } | { kind: 'ping'; sent: number } | { kind: 'pong'; sent: number } | { kind: 'close' };

class MemoryLink extends EventTarget implements RoomLink {
  #state: LinkState = 'connecting';
  #rtt: number | undefined;
  #remote: MemoryLink | undefined;
  #remoteId: string | undefined;
  #sendSignal: ((env: string) => void) | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Deliveries keep their order even when the latency changes in between. */
  #lastArrival = 0;
  readonly #token = toBase64Url(randomBytes(12));

  constructor(
    private readonly network: MemoryLinkNetwork,
    private readonly options: PeerLinkOptions,
  ) {
    super();
    this.#remoteId = options.remoteId;
    this.#sendSignal = options.sendSignal;
    if (options.initiator) {
      network.offer(this.#token, this);
      this.#sendSignal?.(SIGNAL_PREFIX + this.#token);
    }
  }

  get state(): LinkState {
    return this.#state;
  }

  get rtt(): number | undefined {
    return this.#rtt;
  }

  get path(): LinkPath {
    return 'direct';
  }

  receive(env: string): Promise<void> {
    if (this.options.initiator || !env.startsWith(SIGNAL_PREFIX)) return Promise.resolve();
    const initiator = this.network.take(env.slice(SIGNAL_PREFIX.length));
    if (this.#state === 'closed') return Promise.resolve();
    // The offering end is gone: the handshake fails, as it would on the wire.
    if (!initiator || initiator.#state !== 'connecting') {
      if (!this.#remote) this.#end();
      return Promise.resolve();
    }
    // A new offer while paired: the remote started over (as PeerLink answers a new session).
    if (this.#remote) this.#setState('connecting');
    this.#remote = initiator;
    initiator.#remote = this;
    // Both ends come up after one round trip, as a real handshake would.
    const self = this.options.identity.fingerprint;
    const after = 2 * this.network.delay(self, this.#remoteId ?? '');
    setTimeout(() => {
      if (this.#remote !== initiator) return;
      // Either end closed meanwhile: the handshake fails for both, as it would on the wire.
      if (this.#state === 'closed' || initiator.#state === 'closed') {
        this.#end();
        initiator.#end();
        return;
      }
      this.#connect();
      initiator.#connect();
    }, after);
    return Promise.resolve();
  }

  claim(remoteId: string, sendSignal: (env: string) => void): void {
    if (this.#sendSignal) throw new Error('this link is already addressed');
    this.#remoteId = remoteId;
    this.#sendSignal = sendSignal;
    if (this.options.initiator) sendSignal(SIGNAL_PREFIX + this.#token);
  }

  openChannel(): RTCDataChannel {
    throw new Error('memory links carry text messages only');
  }

  send(data: string): void {
    if (this.#state !== 'connected') throw new Error(`link to ${this.#remoteId} is ${this.#state}`);
    this.#transmit({ kind: 'message', data });
  }

  close(): void {
    if (this.#state === 'closed') return;
    // The remote notices, even mid-handshake, as a real link's remote would.
    this.#transmit({ kind: 'close' });
    this.#end();
  }

  #connect(): void {
    if (this.#state !== 'connecting') return;
    this.#setState('connected');
    const pingMs = this.options.pingMs ?? 5000;
    if (pingMs > 0) {
      this.#ping();
      this.#pingTimer = setInterval(() => this.#ping(), pingMs);
    }
  }

  #ping(): void {
    if (this.#state === 'connected') this.#transmit({ kind: 'ping', sent: performance.now() });
  }

  #transmit(frame: Frame): void {
    const remote = this.#remote;
    if (!remote) return;
    const delay = this.network.delay(this.options.identity.fingerprint, this.#remoteId ?? '');
    const arrival = Math.max(performance.now() + delay, this.#lastArrival);
    this.#lastArrival = arrival;
    setTimeout(() => remote.#arrive(frame, this), arrival - performance.now());
  }

  #arrive(frame: Frame, from: MemoryLink): void {
    // Frames from an end this one no longer pairs with (the remote started over) are stale.
    if (from !== this.#remote) return;
    if (frame.kind === 'close') return this.#end();
    if (this.#state !== 'connected') return;
    switch (frame.kind) {
      case 'message':
        this.dispatchEvent(new CustomEvent('message', { detail: { data: frame.data } }));
        return;
      case 'ping':
        this.#transmit({ kind: 'pong', sent: frame.sent });
        return;
      case 'pong': {
        const sample = performance.now() - frame.sent;
        this.#rtt = this.#rtt === undefined ? sample : this.#rtt + (sample - this.#rtt) / 8;
        this.dispatchEvent(new CustomEvent('rtt', { detail: { rtt: this.#rtt, path: 'direct' } }));
      }
    }
  }

  #end(): void {
    clearInterval(this.#pingTimer);
    this.#setState('closed');
  }

  #setState(state: LinkState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }
}
