/**
 * A test transport for links: peers in one JavaScript realm "connect" through memory, with a
 * latency per pair that a test can change at any time (real WebRTC on loopback cannot be slowed
 * down). Frames and pings travel as on a PeerLink (frame.ts, health.ts), and its one signal (the
 * initiator's session, which names it on the network) is sealed and checked like a PeerLink's
 * (signals.ts), so an owner can check it with `openSignal` before it makes a link. There is no
 * channel binding (no DTLS to bind) and no data channel beside the frames: use it for topology,
 * relay and latency experiments, never where the link's crypto is what is tested.
 */
import { Emitter } from '../util/events.js';
import { decodeFrame, encodeFrame, FrameError, FrameKind, isSessionFrameKind, type SessionFrameKind } from './frame.js';
import { LinkHealth, type LinkPath, type ProbeKind } from './health.js';
import { LinkStateError, type Link, type LinkEventMap, type LinkFactory, type LinkOptions, type LinkRejectionCode, type LinkState } from './link.js';
import { SignalQueue, Signals, type OpenedSignal } from './signals.js';

export interface MemoryLinkNetworkOptions {
  /** One-way latency between two peers, ms (default 1). */
  readonly delayMs?: (from: string, to: string) => number;
}

export class MemoryLinkNetwork {
  readonly #waiting = new Map<string, MemoryLink>();
  readonly #delays = new Map<string, number>();
  /** `sender\nreader` pairs whose reader stopped reading what the sender sends. */
  readonly #stopped = new Set<string>();
  readonly #links = new Set<MemoryLink>();

  constructor(private readonly options: MemoryLinkNetworkOptions = {}) {}

  /** The factory to hand a Room (`links` option). */
  readonly factory: LinkFactory = (options) => Promise.resolve(new MemoryLink(this, options));

  /** Sets the one-way latency between two peers, both ways, from now on. */
  setDelay(a: string, b: string, ms: number): void {
    this.#delays.set(pairKey(a, b), ms);
  }

  /**
   * `reader` stops reading what `sender` sends it, as a peer that withholds its channel's flow
   * control (or sits behind a link that carries nothing) would: the sender's frames wait unsent
   * and its link's `bufferedAmount` grows, until `resumeReading`.
   */
  stopReading(reader: string, sender: string): void {
    this.#stopped.add(`${sender}\n${reader}`);
  }

  /** `reader` reads again: what waited goes out in order, and the sender's link drains. */
  resumeReading(reader: string, sender: string): void {
    this.#stopped.delete(`${sender}\n${reader}`);
    for (const link of this.#links) if (link.between(sender, reader)) link.sendHeld();
  }

  /** @internal */
  holds(sender: string, reader: string): boolean {
    return this.#stopped.has(`${sender}\n${reader}`);
  }

  /** @internal */
  track(link: MemoryLink, live: boolean): void {
    if (live) this.#links.add(link);
    else this.#links.delete(link);
  }

  /**
   * Hands `bytes` to a link of this network as if its remote had put them on the channel: what a
   * misbehaving peer's frames look like when they arrive. Delivered at once.
   */
  deliverRaw(to: Link, bytes: Uint8Array): void {
    if (!(to instanceof MemoryLink)) throw new TypeError('not a link of this network');
    to.arriveRaw(bytes);
  }

  /** @internal */
  delay(from: string, to: string): number {
    return this.#delays.get(pairKey(from, to)) ?? this.options.delayMs?.(from, to) ?? 1;
  }

  /** @internal An initiator waits under its session until the answerer's link asks for it. */
  offer(session: string, link: MemoryLink): void {
    this.#waiting.set(session, link);
  }

  /** @internal */
  take(session: string): MemoryLink | undefined {
    const link = this.#waiting.get(session);
    this.#waiting.delete(session);
    return link;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

const CLOSE = 'close';

class MemoryLink extends Emitter<LinkEventMap> implements Link {
  #state: LinkState = 'connecting';
  #remote: MemoryLink | undefined;
  readonly #signals: Signals;
  #health: LinkHealth | undefined;
  readonly #signalQueue = new SignalQueue((code, message) => this.#reject(code, message));
  /** Deliveries keep their order even when the latency changes in between. */
  #lastArrival = 0;
  /** Frames the remote has not read (MemoryLinkNetwork.stopReading), in order. */
  readonly #held: Uint8Array[] = [];
  #heldBytes = 0;

  constructor(
    private readonly network: MemoryLinkNetwork,
    private readonly options: LinkOptions,
  ) {
    super();
    network.track(this, true);
    this.#signals = new Signals(options, {
      includeKey: () => this.#state === 'connecting',
      stopped: () => this.#state === 'closed',
      failed: (error) => {
        this.emit('error', { code: 'signal-failed', message: error.message });
        this.#end('failed');
      },
    });
    if (options.initiator) {
      network.offer(this.#signals.session, this);
      this.#signals.queue({ type: 'offer' });
    }
  }

  get state(): LinkState {
    return this.#state;
  }

  get rtt(): number | undefined {
    return this.#health?.rtt;
  }

  get path(): LinkPath {
    return 'direct';
  }

  get bufferedAmount(): number {
    return this.#heldBytes;
  }

  receive(env: string): Promise<void> {
    return this.#signalQueue.runInOrder(
      () => this.#signals.open(env),
      (check) => (check.ok ? this.#apply(check.signal) : this.#reject(check.code, check.message)),
    );
  }

  receiveOpened(signal: OpenedSignal): Promise<void> {
    return this.#signalQueue.run(() => this.#apply(signal));
  }

  claim(remoteId: string, sendSignal: (env: string) => void): void {
    this.#signals.claim(remoteId, sendSignal);
  }

  openChannel(): RTCDataChannel {
    throw new Error('memory links carry frames only');
  }

  send(kind: SessionFrameKind, body: Uint8Array | string): void {
    if (!isSessionFrameKind(kind)) throw new FrameError('kind', `frame kind ${String(kind)} is the link's own`);
    if (this.#state !== 'connected') throw new LinkStateError(this.#state, this.#signals.remoteId);
    this.#transmit(encodeFrame(kind, body));
  }

  close(): void {
    if (this.#state === 'closed') return;
    // The remote notices, even mid-handshake, as a real link's remote would.
    this.#transmit(CLOSE);
    this.#end('closed');
  }

  /** @internal See MemoryLinkNetwork.deliverRaw. */
  arriveRaw(bytes: Uint8Array): void {
    this.#arrive(bytes, this.#remote);
  }

  #apply(signal: OpenedSignal): void {
    if (this.#state === 'closed') return;
    const verdict = this.#signals.accept(signal, this.#state !== 'failed');
    if (!verdict.ok) return this.#reject(verdict.code, verdict.message);
    // Only the initiator signals: the answerer's side of the handshake is the network's.
    if (this.options.initiator) return;
    const initiator = this.network.take(signal.body.session);
    // The offering end is gone: the handshake fails, as it would on the wire.
    if (!initiator || initiator.#state !== 'connecting') {
      if (!this.#remote) this.#end('closed');
      return;
    }
    // A new offer while paired: the remote started over (as PeerLink answers a new session).
    if (this.#remote) {
      this.#health?.stop();
      this.#setState('connecting');
    }
    this.#remote = initiator;
    initiator.#remote = this;
    // Both ends come up after one round trip, as a real handshake would.
    const after = 2 * this.network.delay(this.options.identity.fingerprint, this.#signals.remoteId ?? '');
    setTimeout(() => {
      if (this.#remote !== initiator) return;
      // Either end closed meanwhile: the handshake fails for both, as it would on the wire.
      if (this.#state === 'closed' || initiator.#state === 'closed') {
        this.#end('closed');
        initiator.#end('closed');
        return;
      }
      this.#connect();
      initiator.#connect();
    }, after);
  }

  #connect(): void {
    if (this.#state !== 'connecting') return;
    this.#setState('connected');
    this.#health = new LinkHealth({
      ...(this.options.pingMs !== undefined ? { pingMs: this.options.pingMs } : {}),
      sendProbe: (kind: ProbeKind, body) => {
        if (kind === FrameKind.Pong || this.#state === 'connected') this.#transmit(encodeFrame(kind, body));
      },
      readPath: () => Promise.resolve('direct'),
      restartIce: () => undefined,
      measured: (rtt, path) => this.emit('rtt', { rtt, path }),
    });
    this.#health.start();
  }

  /** @internal Whether this link goes from `sender` to `reader`. */
  between(sender: string, reader: string): boolean {
    return this.options.identity.fingerprint === sender && this.#signals.remoteId === reader;
  }

  /** @internal The reader reads again (MemoryLinkNetwork.resumeReading). */
  sendHeld(): void {
    const held = this.#held.splice(0);
    this.#heldBytes = 0;
    for (const data of held) this.#transmit(data);
    if (held.length > 0) this.emit('drain', { bufferedAmount: 0 });
  }

  #transmit(data: Uint8Array | typeof CLOSE): void {
    const remote = this.#remote;
    if (!remote) return;
    if (data !== CLOSE && (this.#held.length > 0 || this.network.holds(this.options.identity.fingerprint, this.#signals.remoteId ?? ''))) {
      this.#held.push(data);
      this.#heldBytes += data.length;
      return;
    }
    const delay = this.network.delay(this.options.identity.fingerprint, this.#signals.remoteId ?? '');
    const arrival = Math.max(performance.now() + delay, this.#lastArrival);
    this.#lastArrival = arrival;
    setTimeout(() => remote.#arrive(data, this), arrival - performance.now());
  }

  #arrive(data: Uint8Array | typeof CLOSE, from: MemoryLink | undefined): void {
    // Frames from an end this one no longer pairs with (the remote started over) are stale.
    if (from !== this.#remote) return;
    if (data === CLOSE) return this.#end('closed');
    if (this.#state !== 'connected') return;
    let kind;
    let body;
    try {
      ({ kind, body } = decodeFrame(data));
    } catch (error) {
      const { code, message } = error as FrameError;
      return this.emit('frame-rejected', { code, message });
    }
    if (kind === FrameKind.Ping || kind === FrameKind.Pong) this.#health?.onProbe(kind, body);
    else if (isSessionFrameKind(kind)) this.emit('frame', { kind, body });
  }

  #end(state: 'closed' | 'failed'): void {
    this.network.track(this, false);
    this.#health?.stop();
    this.#signals.stop();
    this.#setState(state);
  }

  #reject(code: LinkRejectionCode, message: string): void {
    this.emit('signal-rejected', { code, message });
  }

  #setState(state: LinkState): void {
    if (state === this.#state || this.#state === 'closed') return;
    this.#state = state;
    this.emit('state', { state });
  }
}
