/**
 * One WebRTC link to one peer, on simple-peer, with every signal sealed and every incoming one
 * opened and checked. Trickled signals are batched: those simple-peer emits within `batchMs`
 * travel in one envelope, so the crypto and the relay hop are paid once per burst.
 *
 * Channel binding: each side's envelopes carry a per-link session nonce. Once the data channel
 * opens, each side sends, over it, a sealed statement of (its DTLS fingerprint, the remote's,
 * both nonces); the receiver checks it against the SDP the remote signed during signaling and
 * against the certificate the DTLS handshake actually used. Only then is the link `connected`.
 * A relay that swaps or replays signals between sessions cannot produce a bound link.
 *
 * Once connected, the link pings over the channel to measure the round-trip time, and reads the
 * selected ICE candidate pair to tell a direct path from a relayed (TURN) one. When ICE drops
 * while signaling still works, the initiator restarts ICE (fresh credentials, same channel).
 *
 * In pair mode the remote is a stranger: `remoteId` is left out, the offer is sealed to `*`, and
 * the first envelope that verifies names the remote.
 *
 * A spare link (no `sendSignal` yet) prepares its offer and gathers candidates before anyone is
 * there to send them to; `claim()` later addresses it to a peer, and everything ready goes out in
 * one envelope. Rooms keep one, so a newcomer's link starts with its offer already made.
 */
import { randomBytes, toBase64Url } from '../util/bytes.js';
import { EnvelopeError, open, seal, type EnvelopeErrorCode, type EnvelopeSigner } from '../envelope/envelope.js';
import type { ReplayGuard } from '../envelope/replay-guard.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { Options as SimplePeerOptions } from 'simple-peer';
import { loadSimplePeer, type SimplePeerConstructor, type SimplePeerInstance } from '../platform/simple-peer-loader.js';
import type { PublicKeyInfo } from '../openpgp/key.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';
/** `relayed`: through a TURN server; `unknown` until the browser reports the selected pair. */
export type LinkPath = 'direct' | 'relayed' | 'unknown';
export type LinkRejectionCode = EnvelopeErrorCode | 'wrong-sender' | 'wrong-session' | 'binding-failed';

export interface PeerLinkOptions {
  readonly identity: EnvelopeSigner;
  /** The remote's fingerprint; left out to accept whichever stranger answers first (pair mode). */
  readonly remoteId?: string;
  /** Exactly one side initiates; rooms decide it from the ids so offers never collide. */
  readonly initiator: boolean;
  /** Where envelopes are sealed for: their `ns` and `room`. */
  readonly address: RoomAddress;
  /** Hands a sealed signal to whatever carries it (a transport, a link request). Left out for a spare. */
  readonly sendSignal?: (env: string) => void;
  readonly replay: ReplayGuard;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** Default none: host candidates only, nothing leaves the machine's networks. */
  readonly iceServers?: RTCIceServer[];
  /** How long to collect trickled signals into one envelope. */
  readonly batchMs?: number;
  /** Trickle ICE (default). Off: one signal per side, with every candidate (the link protocol). */
  readonly trickle?: boolean;
  /** Round-trip pings over the channel, once connected; 0 turns them off. */
  readonly pingMs?: number;
  /** How long ICE may stay `disconnected` before the initiator restarts it. */
  readonly iceRestartAfterMs?: number;
  /** A WebRTC implementation where there is no global one (Node: @roamhq/wrtc). */
  readonly wrtc?: SimplePeerOptions['wrtc'];
}

export interface PeerLinkEventMap {
  state: CustomEvent<{ readonly state: LinkState }>;
  message: CustomEvent<{ readonly data: string }>;
  'signal-rejected': CustomEvent<{ readonly code: LinkRejectionCode; readonly message: string }>;
  /** A new round-trip measurement (ms), and the path it took. */
  rtt: CustomEvent<{ readonly rtt: number; readonly path: LinkPath }>;
}

type SignalData = Record<string, unknown>;
interface SignalBody {
  readonly session: string;
  /** The remote session these signals answer, once known: stale answers are told apart. */
  readonly peer?: string;
  readonly signals: SignalData[];
}
interface BindingBody {
  readonly local: string;
  readonly remote: string;
  readonly sessions: readonly [string, string];
}

/** Channel frames: first character says what follows. */
const CONTROL = 'c';
const MESSAGE = 'm';
const PING = 'p';
const PONG = 'q';
/** Whoever the offer of a pair-mode link is for: the stranger the server picks. */
export const ANY_PEER = '*';

function sdpFingerprint(sdp: unknown): string | undefined {
  if (typeof sdp !== 'string') return undefined;
  return /^a=fingerprint:sha-256 ([0-9A-F:]+)\s*$/im.exec(sdp)?.[1]?.toUpperCase();
}

export class PeerLink extends EventTarget {
  readonly session = toBase64Url(randomBytes(12));
  #remoteId: string | undefined;
  #state: LinkState = 'connecting';
  #rtt: number | undefined;
  #path: LinkPath = 'unknown';
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #remoteSession: string | undefined;
  #remoteFingerprint: string | undefined;
  #peer!: SimplePeerInstance;
  #SimplePeer!: SimplePeerConstructor;
  /** When the envelope that named the remote session was sealed: a newer offer may replace it. */
  #remoteSessionTs = 0;
  /** The DTLS certificate's fingerprint as the browser reports it, asked for when the channel opens. */
  #negotiatedRemote: Promise<string | undefined> | undefined;
  #outbox: SignalData[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #sendSignal: ((env: string) => void) | undefined;
  /** The binding statement, sealed as soon as both descriptions are known: ready when the channel opens. */
  #binding: Promise<string> | undefined;
  /** The remote's key, once one of its envelopes verified: later envelopes need not carry it. */
  #remoteKey: PublicKeyInfo | undefined;
  #boundLocally = false;
  #boundRemotely = false;
  /** Channel data is handled strictly in arrival order: verifying a binding statement is async. */
  #inbox: Promise<void> = Promise.resolve();
  /** Messages that arrived after the remote bound but before we did: delivered once connected. */
  readonly #early: string[] = [];
  /** Negotiated channels opened beside simple-peer's own (see openChannel), by SCTP stream id. */
  readonly #channels = new Map<number, RTCDataChannel>();

  private constructor(private readonly options: PeerLinkOptions) {
    super();
    this.#remoteId = options.remoteId;
    this.#sendSignal = options.sendSignal;
  }

  static async create(options: PeerLinkOptions): Promise<PeerLink> {
    const SimplePeer = await loadSimplePeer();
    const link = new PeerLink(options);
    link.#SimplePeer = SimplePeer;
    link.#startPeer();
    return link;
  }

  #startPeer(): void {
    const { initiator, trickle, iceServers, wrtc } = this.options;
    this.#peer = new this.#SimplePeer({
      initiator,
      trickle: trickle ?? true,
      config: { iceServers: iceServers ?? [] },
      ...(wrtc ? { wrtc } : {}),
    });
    this.#wire(this.#peer);
  }

  /**
   * The remote started a new session (it reloaded, or dropped the link and made it again): answer
   * its new offer with a fresh RTCPeerConnection rather than stay stuck on the session first seen.
   * A bound link goes back to `connecting` and binds again, with the new session, before any
   * message flows (its owner sees `connected`, and re-opens its channels, as after any relink).
   */
  #restartForNewSession(): void {
    const old = this.#peer;
    this.#stopTimers();
    this.#rtt = undefined;
    this.#path = 'unknown';
    this.#early.length = 0;
    this.#channels.clear();
    this.#remoteSession = undefined;
    this.#remoteSessionTs = 0;
    this.#remoteFingerprint = undefined;
    this.#binding = undefined;
    this.#negotiatedRemote = undefined;
    this.#boundLocally = false;
    this.#boundRemotely = false;
    this.#outbox = [];
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#startPeer();
    old.destroy();
    this.#setState('connecting');
  }

  /** The remote's fingerprint; in pair mode undefined until its first envelope verifies. */
  get remoteId(): string | undefined {
    return this.#remoteId;
  }

  get state(): LinkState {
    return this.#state;
  }

  /** The latest round-trip time over the channel, in ms (smoothed); undefined before the first pong. */
  get rtt(): number | undefined {
    return this.#rtt;
  }

  get path(): LinkPath {
    return this.#path;
  }

  /** Hands an envelope the transport delivered from `remoteId` to this link. */
  async receive(env: string): Promise<void> {
    const { identity, address, policy, replay } = this.options;
    let body: SignalBody;
    let sealedAt: number;
    // A stranger's offer is sealed for anyone; once the remote is known, only for us.
    const me = this.#remoteId === undefined && !this.options.initiator ? [identity.fingerprint, ANY_PEER] : identity.fingerprint;
    try {
      const opened = await open<SignalBody>(env, { ns: address.ns, room: address.room, me, replay, keys: this.#keys(), ...(policy ? { policy } : {}) });
      this.#remoteId ??= opened.from;
      if (opened.from !== this.#remoteId) return this.#reject('wrong-sender', `signed by ${opened.from}, delivered as from ${this.#remoteId}`);
      this.#remoteKey ??= opened.sender;
      const shape = opened.body;
      if (opened.type !== 'signal' || !Array.isArray(shape?.signals) || typeof shape.session !== 'string' || (shape.peer !== undefined && typeof shape.peer !== 'string')) {
        return this.#reject('malformed', 'not a signal envelope');
      }
      body = shape;
      sealedAt = opened.ts;
    } catch (error) {
      const code = error instanceof EnvelopeError ? error.code : 'malformed';
      return this.#reject(code, (error as Error).message);
    }
    if (body.peer !== undefined && body.peer !== this.session) return this.#reject('wrong-session', 'an answer to another session of ours (replayed?)');
    const offers = body.signals.some((signal) => signal.type === 'offer');
    if (this.#remoteSession !== undefined && body.session !== this.#remoteSession) {
      // A newer offer from another session: the remote started over. Before we bound (it
      // reloaded), or after: it dropped the link and offered a new one, and that offer overtook
      // the news of the drop (our link still looks up). Only an offer signed (by the verified
      // remote, for us, with a fresh nonce) after the one that opened the current session
      // replaces it: older sessions' signals, and replays, are still refused.
      const alive = this.#state === 'connecting' || this.#state === 'connected' || this.#state === 'reconnecting';
      const startedOver = offers && !this.options.initiator && alive && sealedAt > this.#remoteSessionTs;
      if (!startedOver) return this.#reject('wrong-session', 'a signal from another session of this peer (replayed?)');
      this.#restartForNewSession();
    }
    if (this.#remoteSession === undefined) {
      this.#remoteSession = body.session;
      this.#remoteSessionTs = sealedAt;
    }
    for (const signal of body.signals) {
      const fingerprint = sdpFingerprint(signal.sdp);
      if (fingerprint) this.#remoteFingerprint = fingerprint;
      if (this.#state === 'closed') return;
      // peerkit adds no tracks: the only renegotiation a remote asks for is an ICE restart.
      if (signal.renegotiate && this.options.initiator) this.#connection()?.restartIce();
      this.#peer.signal(signal as never);
    }
    this.#prepareBinding();
  }

  /** Addresses a spare link to a peer: what it has prepared (offer, candidates) goes out now. */
  claim(remoteId: string, sendSignal: (env: string) => void): void {
    if (this.#sendSignal || this.#remoteId !== undefined) throw new Error('this link is already addressed');
    this.#remoteId = remoteId;
    this.#sendSignal = sendSignal;
    void this.#flush();
  }

  /**
   * A negotiated data channel beside simple-peer's own, for traffic that is not text messages
   * (file chunks). Both sides open it with the same `id` (SCTP stream; keep it far from the
   * small ids simple-peer's channel gets, and under 1024). It rides the same DTLS session as the
   * bound channel, so only a `connected` link opens one: its data is then as authenticated as
   * the link's messages. While open, the same id gives back the same channel. Whatever arrives
   * before the remote has opened its side is dropped by the browser: protocols on it handshake.
   */
  openChannel(label: string, id: number): RTCDataChannel {
    const connection = this.#connection();
    if (this.#state !== 'connected' || !connection) throw new Error(`link to ${this.#remoteId} is ${this.#state}`);
    const open = this.#channels.get(id);
    if (open && (open.readyState === 'connecting' || open.readyState === 'open')) return open;
    const channel = connection.createDataChannel(label, { negotiated: true, id });
    channel.binaryType = 'arraybuffer';
    this.#channels.set(id, channel);
    return channel;
  }

  /** Sends text over the data channel; only once the link is bound (`connected`). */
  send(data: string): void {
    if (this.#state !== 'connected') throw new Error(`link to ${this.#remoteId} is ${this.#state}`);
    this.#peer.send(MESSAGE + data);
  }

  /**
   * Restarts ICE: new credentials and candidates, negotiated over signaling, while the data
   * channel and its binding stay. Only the initiator offers; the other side asks it to.
   */
  restartIce(): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    // simple-peer's types leave out negotiate(): an offer from the initiator, a request from the other side.
    const peer = this.#peer as unknown as { negotiate(): void };
    if (this.options.initiator) this.#connection()?.restartIce();
    peer.negotiate();
  }

  close(): void {
    if (this.#state === 'closed') return;
    this.#stopTimers();
    this.#peer.destroy();
    this.#setState('closed');
  }

  /** Every handler ignores a peer that has been replaced (see #restartForNewSession). */
  #wire(peer: SimplePeerInstance): void {
    const current = () => peer === this.#peer;
    peer.on('signal', (signal: SignalData) => {
      if (!current()) return;
      this.#outbox.push(signal);
      if (signal.sdp) this.#prepareBinding();
      this.#flushTimer ??= setTimeout(() => void this.#flush(), this.options.batchMs ?? 0);
    });
    peer.on('connect', () => current() && void this.#sendBinding().catch((error: unknown) => this.#bindingFailed(`could not sign the binding: ${(error as Error).message}`)));
    peer.on('data', (chunk: Uint8Array | string) => {
      if (!current()) return;
      const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
      // One failing item (a send on a channel that is closing) must not stop the ones after it.
      this.#inbox = this.#inbox.then(() => (current() ? this.#onData(text) : undefined)).catch(() => undefined);
    });
    peer.on('close', () => current() && this.#setState('closed'));
    peer.on('error', () => current() && this.#setState(this.#state === 'connected' || this.#state === 'reconnecting' ? 'closed' : 'failed'));
    peer.on('iceStateChange', (iceState: string) => {
      if (!current()) return;
      if (iceState === 'disconnected' && this.#state === 'connected') {
        this.#setState('reconnecting');
        // ICE often recovers from `disconnected` by itself; restart if it does not soon.
        clearTimeout(this.#restartTimer);
        this.#restartTimer = setTimeout(() => {
          if (this.#state === 'reconnecting') this.restartIce();
        }, this.options.iceRestartAfterMs ?? 2000);
      }
      if ((iceState === 'connected' || iceState === 'completed') && this.#state === 'reconnecting') {
        clearTimeout(this.#restartTimer);
        this.#setState('connected');
        void this.#measurePath();
      }
    });
  }

  async #flush(): Promise<void> {
    this.#flushTimer = undefined;
    // A spare keeps what it prepares until it is claimed.
    const sendSignal = this.#sendSignal;
    if (!sendSignal) return;
    const signals = this.#outbox.splice(0);
    if (signals.length === 0 || this.#state === 'closed') return;
    const { identity, address } = this.options;
    // Our key rides along until the link is bound: the remote may not know it yet.
    const includeKey = this.#state === 'connecting';
    const env = await seal<SignalBody>(identity, { ...address, to: this.#remoteId ?? ANY_PEER, type: 'signal', body: { session: this.session, ...(this.#remoteSession ? { peer: this.#remoteSession } : {}), signals }, includeKey });
    // Closed while sealing: nobody wants this signal any more.
    if (this.state !== 'closed') sendSignal(env);
  }

  /** simple-peer's RTCPeerConnection: for what it does not expose (fingerprints, stats, ICE restart). */
  #connection(): RTCPeerConnection | undefined {
    return (this.#peer as unknown as { _pc?: RTCPeerConnection })._pc;
  }

  #localFingerprint(): string | undefined {
    return sdpFingerprint(this.#connection()?.localDescription?.sdp);
  }

  /** Starts sealing the binding statement once both fingerprints and the remote session are known. */
  #prepareBinding(): void {
    if (this.#binding || !this.#remoteId) return;
    const local = this.#localFingerprint();
    const remote = this.#remoteFingerprint;
    const remoteSession = this.#remoteSession;
    if (!local || !remote || !remoteSession) return;
    const { identity, address } = this.options;
    this.#binding = seal<BindingBody>(identity, { ...address, to: this.#remoteId, type: 'bind', body: { local, remote, sessions: [this.session, remoteSession] } });
  }

  async #sendBinding(): Promise<void> {
    const peer = this.#peer;
    // The handshake's certificate, read while the remote's statement is on its way.
    this.#negotiatedRemote = this.#negotiatedRemoteFingerprint();
    this.#prepareBinding();
    if (!this.#binding) return this.#bindingFailed('the link opened without signed descriptions on both sides');
    const statement = await this.#binding;
    // Closed, or restarted for a new session meanwhile: this statement belongs to the old one.
    if (this.#state === 'closed' || peer !== this.#peer) return;
    try {
      this.#peer.send(CONTROL + statement);
    } catch {
      // The channel closed while the statement was signed: its close event ends the link.
      return;
    }
    this.#boundLocally = true;
    this.#maybeConnected();
  }

  async #onData(text: string): Promise<void> {
    if (text.startsWith(PING) || text.startsWith(PONG)) return this.#onPing(text);
    if (text.startsWith(MESSAGE)) {
      // The remote only sends messages once bound, so its statement (earlier on this ordered
      // channel) has been checked by now; we may still be finishing our own side.
      if (!this.#boundRemotely) return;
      if (this.#state === 'connecting') this.#early.push(text.slice(1));
      else this.#deliver(text.slice(1));
      return;
    }
    if (!text.startsWith(CONTROL) || this.#boundRemotely) return;
    const { identity, address, replay } = this.options;
    const peer = this.#peer;
    try {
      const opened = await open<BindingBody>(text.slice(1), { ns: address.ns, room: address.room, me: identity.fingerprint, replay, keys: this.#keys() });
      const body = opened.body;
      const actualRemote = await (this.#negotiatedRemote ?? this.#negotiatedRemoteFingerprint());
      const expected =
        opened.from === this.#remoteId &&
        opened.type === 'bind' &&
        body?.local === this.#remoteFingerprint &&
        body?.remote === this.#localFingerprint() &&
        body?.sessions?.[0] === this.#remoteSession &&
        body?.sessions?.[1] === this.session &&
        (actualRemote === undefined || actualRemote === this.#remoteFingerprint);
      // Restarted for a new session while this statement was checked: it was the old one's.
      if (peer !== this.#peer) return;
      if (!expected) return this.#bindingFailed('the binding statement does not match the signed session');
    } catch (error) {
      if (peer !== this.#peer) return;
      return this.#bindingFailed(`binding statement refused (${(error as Error).message})`);
    }
    this.#boundRemotely = true;
    this.#maybeConnected();
  }

  /** The room's address book, falling back to the remote key this link already verified. */
  #keys(): KeyDirectory {
    const outer = this.options.keys;
    return {
      find: async (fingerprint) => (await outer?.find(fingerprint)) ?? (fingerprint === this.#remoteKey?.fingerprint ? this.#remoteKey : undefined),
      admit: (key, policy, now, context) => outer?.admit(key, policy, now, context) ?? Promise.resolve(undefined),
    };
  }

  /** The certificate the DTLS handshake really used, when the browser reports it. */
  async #negotiatedRemoteFingerprint(): Promise<string | undefined> {
    const connection = this.#connection();
    if (!connection) return undefined;
    const stats = await connection.getStats();
    let certificateId: string | undefined;
    stats.forEach((report: { type: string; remoteCertificateId?: string }) => {
      if (report.type === 'transport' && report.remoteCertificateId) certificateId = report.remoteCertificateId;
    });
    const certificate = certificateId ? (stats.get(certificateId) as { fingerprint?: string; fingerprintAlgorithm?: string } | undefined) : undefined;
    return certificate?.fingerprintAlgorithm === 'sha-256' ? certificate.fingerprint?.toUpperCase() : undefined;
  }

  #maybeConnected(): void {
    if (!this.#boundLocally || !this.#boundRemotely || this.#state !== 'connecting') return;
    this.#setState('connected');
    for (const data of this.#early.splice(0)) this.#deliver(data);
    // Pings start once the path is known: on loopback a pong can beat getStats(), and the first
    // RTT sample would then say `unknown` for a path that could be told.
    void this.#measurePath()
      .catch(() => undefined)
      .then(() => this.#startPings());
  }

  #startPings(): void {
    const pingMs = this.options.pingMs ?? 5000;
    if (pingMs <= 0 || this.#state !== 'connected' || this.#pingTimer !== undefined) return;
    this.#ping();
    this.#pingTimer = setInterval(() => this.#ping(), pingMs);
  }

  #ping(): void {
    if (this.#state === 'connected') this.#sendControl(PING + String(performance.now()));
  }

  /** Pings and pongs are best effort: a channel closing under them is reported by its own events. */
  #sendControl(frame: string): void {
    try {
      this.#peer.send(frame);
    } catch {
      // The close or error event that follows says what happened.
    }
  }

  /** Pings carry the sender's clock and come back as they were: no clock sync needed. */
  #onPing(text: string): void {
    if (!this.#boundRemotely || this.#state === 'closed') return;
    if (text.startsWith(PING)) {
      if (text.length <= 32) this.#sendControl(PONG + text.slice(1));
      return;
    }
    const sample = performance.now() - Number(text.slice(1));
    if (!Number.isFinite(sample) || sample < 0) return;
    // Smoothed like TCP's SRTT (RFC 6298, α = 1/8), so one slow sample does not swing it.
    this.#rtt = this.#rtt === undefined ? sample : this.#rtt + (sample - this.#rtt) / 8;
    this.dispatchEvent(new CustomEvent('rtt', { detail: { rtt: this.#rtt, path: this.#path } }));
  }

  /** Direct or through TURN, from the candidate pair ICE selected. */
  async #measurePath(): Promise<void> {
    const connection = this.#connection();
    if (!connection) return;
    const stats = await connection.getStats();
    let pairId: string | undefined;
    stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
      if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
    });
    const pair = pairId ? (stats.get(pairId) as { localCandidateId?: string; remoteCandidateId?: string } | undefined) : undefined;
    if (!pair) return;
    const typeOf = (id: string | undefined) => (id ? (stats.get(id) as { candidateType?: string } | undefined)?.candidateType : undefined);
    const types = [typeOf(pair.localCandidateId), typeOf(pair.remoteCandidateId)];
    if (types.every((type) => type !== undefined)) this.#path = types.includes('relay') ? 'relayed' : 'direct';
  }

  #stopTimers(): void {
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#restartTimer);
    clearInterval(this.#pingTimer);
  }

  #deliver(data: string): void {
    this.dispatchEvent(new CustomEvent('message', { detail: { data } }));
  }

  #bindingFailed(message: string): void {
    this.#reject('binding-failed', message);
    this.close();
  }

  #reject(code: LinkRejectionCode, message: string): void {
    this.dispatchEvent(new CustomEvent('signal-rejected', { detail: { code, message } }));
  }

  #setState(state: LinkState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    if (state === 'closed' || state === 'failed') this.#stopTimers();
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }
}
