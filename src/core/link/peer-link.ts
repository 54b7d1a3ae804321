/**
 * One WebRTC link to one peer, composed of:
 *
 * - signals.ts: every signal sealed, every incoming one opened and checked, trickled signals
 *   batched, per-link sessions (and following a remote that starts over), spares and `claim()`;
 * - rtc.ts: the connection itself (simple-peer), the only code that touches it;
 * - binding.ts: once the channel opens, each side proves over it that this channel is the one
 *   both signed for; only then is the link `connected` and frames flow to the owner;
 * - health.ts: pings (RTT), the path (direct or relayed), an ICE restart after `disconnected`;
 * - frame.ts: every byte on the channel is a versioned frame; the link keeps its own kinds
 *   (binding, pings) and hands the owner the others as `frame` events;
 * - server-path.ts: when no WebRTC path forms in time (or ICE fails) and the owner's transport
 *   relays data, the owner's frames go through the signaling server, encrypted to the remote,
 *   with a key each side sent in a sealed signal; the link is `connected` with path `server`,
 *   and moves its frames to the channel as soon as that binds.
 *
 * Signals are applied strictly in arrival order (an offer whose opening waits on the key
 * directory is not overtaken by its candidates), and so are frames (a binding statement is
 * checked before the messages behind it). A remote that starts over gets a new connection,
 * binding and health on this same link: its owner sees `connecting`, then `connected` again.
 */
import { Emitter } from '../util/events.js';
import { ChannelBinding } from './binding.js';
import { decodeFrame, encodeFrame, FrameError, FrameKind, frameText, isSessionFrameKind, type Frame, type SessionFrameKind } from './frame.js';
import { LinkHealth, pathFromStats, type LinkPath, type ProbeKind } from './health.js';
import { LINK_LOW_WATER_BYTES, LinkStateError, type Link, type LinkEventMap, type LinkOptions, type LinkRejectionCode, type LinkState } from './link.js';
import { loadRtc, type MediaSender, type RtcMaker, type RtcPeer } from './rtc.js';
import { SignalQueue, Signals, type OpenedSignal } from './signals.js';
import { ServerRoute } from './server-route.js';

/** One connection to the remote: a link starting over for a new remote session makes another. */
interface Connection {
  readonly rtc: RtcPeer;
  readonly binding: ChannelBinding;
  readonly health: LinkHealth;
}

export class PeerLink extends Emitter<LinkEventMap> implements Link {
  #state: LinkState = 'connecting';
  readonly #signals: Signals;
  #connection: Connection;
  readonly #signalQueue = new SignalQueue((code, message) => this.#reject(code, message));
  /** Channel data is handled strictly in arrival order: checking a binding statement is async. */
  #inbox: Promise<void> = Promise.resolve();
  /** Frames that arrived after the remote bound but before we did: delivered once connected. */
  readonly #early: LinkEventMap['frame']['detail'][] = [];
  /** Tracks that arrived before the link was bound: handed over once connected (and only then). */
  readonly #earlyTracks: LinkEventMap['track']['detail'][] = [];
  /** The ICE servers new connections gather with: the options', then each renewal's. */
  #iceServers: RTCIceServer[];
  /** When the ICE servers are next renewed (see LinkOptions.renewIceServers). */
  #renewal: ReturnType<typeof setTimeout> | undefined;
  /** When a link still connecting turns to the server (LinkOptions.serverPath). */
  #serverTimer: ReturnType<typeof setTimeout> | undefined;
  #server: ServerRoute | undefined;
  /** Frames go through the server: the link is connected, but not over its channel (yet). */
  #viaServer = false;

  private constructor(
    private readonly options: LinkOptions,
    private readonly makeRtc: RtcMaker,
  ) {
    super();
    this.#iceServers = options.iceServers ?? [];
    this.#signals = new Signals({ ...options, ...(options.sendSignal ? { sendSignal: this.#routed(options.sendSignal) } : {}) }, {
      includeKey: () => this.#state === 'connecting',
      stopped: () => this.#state === 'closed',
      failed: (error) => this.#fail(`could not send a signal: ${error.message}`),
      offersMedia: () => this.options.offersMedia?.() ?? false,
    });
    this.#connection = this.#connect();
    this.#scheduleRenewal();
    if (options.remoteId !== undefined && options.sendSignal) this.#armServerPath();
  }

  static async create(options: LinkOptions): Promise<PeerLink> {
    return new PeerLink(options, await loadRtc());
  }

  /** The remote's fingerprint; in pair mode undefined until its first envelope verifies. */
  get remoteId(): string | undefined {
    return this.#signals.remoteId;
  }

  get state(): LinkState {
    return this.#state;
  }

  /** The latest round-trip time over the channel, in ms (smoothed); undefined before the first pong. */
  get rtt(): number | undefined {
    return this.#connection.health.rtt;
  }

  get path(): LinkPath {
    return this.#viaServer ? 'server' : this.#connection.health.path;
  }

  get bufferedAmount(): number {
    return this.#viaServer ? (this.options.serverPath?.buffered() ?? 0) : this.#connection.rtc.bufferedAmount;
  }

  /** Hands an envelope the transport delivered from the remote to this link. Never rejects. */
  receive(env: string): Promise<void> {
    return this.#signalQueue.runInOrder(
      () => this.#signals.open(env),
      (check) => (check.ok ? this.#apply(check.signal) : this.#reject(check.code, check.message)),
    );
  }

  /** A signal its owner already opened (signals.ts openSignal), applied in order with `receive`. */
  receiveOpened(signal: OpenedSignal): Promise<void> {
    return this.#signalQueue.run(() => this.#apply(signal));
  }

  claim(remoteId: string, sendSignal: (env: string) => void): void {
    this.#signals.claim(remoteId, this.#routed(sendSignal));
    this.#armServerPath();
  }

  /** Where a sealed signal goes: `signalsOverChannel` links send it over the bound channel once connected. */
  #routed(sendSignal: (env: string) => void): (env: string) => void {
    return (env) => {
      if (!this.options.signalsOverChannel || this.#state !== 'connected') return sendSignal(env);
      try {
        this.#connection.rtc.send(encodeFrame(FrameKind.Signal, env));
      } catch {
        // The channel closed under it: its close event ends the link, and no renegotiation is owed.
      }
    };
  }

  openChannel(label: string, id: number): RTCDataChannel {
    const channel = this.#state === 'connected' && !this.#viaServer ? this.#connection.rtc.dataChannel(label, id) : undefined;
    if (!channel) throw new LinkStateError(this.#state, this.remoteId);
    return channel;
  }

  send(kind: SessionFrameKind, body: Uint8Array | string): void {
    if (!isSessionFrameKind(kind)) throw new FrameError('kind', `frame kind ${String(kind)} is the link's own`);
    if (this.#state !== 'connected') throw new LinkStateError(this.#state, this.remoteId);
    if (this.#viaServer) {
      // The transport is away (reconnecting): nothing goes through the server until it is back.
      if (!this.options.serverPath?.limit()) throw new LinkStateError('reconnecting', this.remoteId);
      this.#server!.send(encodeFrame(kind, body));
    } else this.#connection.rtc.send(encodeFrame(kind, body));
  }

  sendTrack(track: MediaStreamTrack, stream: MediaStream): MediaSender {
    const sender = this.#state !== 'closed' && this.#state !== 'failed' ? this.#connection.rtc.addTrack(track, stream) : undefined;
    if (!sender) throw new LinkStateError(this.#state, this.remoteId);
    return sender;
  }

  stats(): Promise<RTCStatsReport | undefined> {
    return this.#connection.rtc.stats();
  }

  /** New ICE credentials and candidates, negotiated over signaling, while the bound channel stays. */
  restartIce(): void {
    if (this.#state !== 'closed' && this.#state !== 'failed') this.#connection.rtc.restartIce();
  }

  receiveServerData(piece: Uint8Array): void {
    if (this.#state !== 'closed') this.#server?.receive(piece);
  }

  close(): void {
    if (this.#state === 'closed') return;
    this.#connection.rtc.destroy();
    this.#setState('closed');
  }

  #connect(): Connection {
    const { initiator, trickle, iceTransportPolicy, wrtc, pingMs, iceRestartAfterMs } = this.options;
    const iceServers = this.#iceServers;
    const signals = this.#signals;
    const binding = new ChannelBinding({ ...this.options, keys: signals.keys, facts: { remoteId: () => signals.remoteId, localSession: signals.session, remoteSession: () => signals.remoteSession, localSdp: () => rtc.localSdp, stats: () => rtc.stats() } });
    const health = new LinkHealth({
      ...(pingMs !== undefined ? { pingMs } : {}),
      ...(iceRestartAfterMs !== undefined ? { iceRestartAfterMs } : {}),
      sendProbe: (kind, body) => this.#sendProbe(rtc, kind, body),
      readPath: async () => pathFromStats(await rtc.stats()),
      restartIce: () => {
        if (this.#state === 'reconnecting') this.restartIce();
      },
      measured: (rtt, path) => this.emit('rtt', { rtt, path }),
    });
    const rtc: RtcPeer = this.makeRtc({ initiator, trickle: trickle ?? true, iceServers, ...(iceTransportPolicy ? { iceTransportPolicy } : {}), ...(wrtc ? { wrtc } : {}) }, {
      signal: (signal) => {
        signals.queue(signal);
        if (signal.sdp) binding.prepare();
      },
      connect: () => void this.#bind(connection),
      // One failing frame must not stop the ones after it.
      data: (bytes) => (this.#inbox = this.#inbox.then(() => this.#onData(connection, bytes)).catch(() => undefined)),
      close: () => !this.#viaServer && this.#setState('closed'),
      error: () => this.#rtcFailed(),
      iceState: (iceState) => {
        if (this.#viaServer) return;
        const next = health.onIceState(iceState, this.#state);
        if (next) this.#setState(next);
      },
      drain: (bufferedAmount) => this.emit('drain', { bufferedAmount }),
      track: (track, stream, refuse) => {
        if (connection !== this.#connection) return;
        if (this.#state === 'connected') this.emit('track', { track, stream, refuse });
        else this.#earlyTracks.push({ track, stream, refuse });
      },
    }, LINK_LOW_WATER_BYTES);
    const connection: Connection = { rtc, binding, health };
    return connection;
  }

  #apply(signal: OpenedSignal): void {
    if (this.#state === 'closed') return;
    const verdict = this.#signals.accept(signal, this.#state === 'connecting' || this.#state === 'connected' || this.#state === 'reconnecting');
    if (!verdict.ok) return this.#reject(verdict.code, verdict.message);
    if (verdict.newSession) this.#startOver();
    if (signal.body.serverKey) this.#takeServerKey(signal.body.serverKey);
    const { rtc, binding } = this.#connection;
    // Once bound, a renegotiation (tracks, an ICE restart) must keep the DTLS certificate the remote
    // signed for: another one would be another endpoint, whose tracks could pass as the remote's.
    if (binding.bound && !binding.sameRemote(signal.body.signals)) return this.#reject('binding-failed', 'a renegotiation names another DTLS certificate than the one bound');
    binding.noteRemoteSignals(signal.body.signals);
    // Before a description applies, the owner hears whether the remote takes media (see 'media-intent').
    if (signal.body.signals.some((entry) => entry.sdp !== undefined)) this.emit('media-intent', { media: signal.body.media === true });
    for (const entry of signal.body.signals) {
      try {
        rtc.signal(entry);
      } catch (error) {
        return this.#reject('malformed', `WebRTC refused a signal: ${(error as Error).message}`);
      }
    }
    binding.prepare();
  }

  /**
   * The remote started a new session (it reloaded, or dropped the link and made it again): answer
   * its new offer with a fresh connection rather than stay stuck on the session first seen. A
   * bound link goes back to `connecting` and binds again before any frame flows.
   */
  #startOver(): void {
    const old = this.#connection;
    old.health.stop();
    this.#early.length = 0;
    this.#earlyTracks.length = 0;
    this.#connection = this.#connect();
    old.rtc.destroy();
    // The old session's key and counters were for a page that is gone.
    this.#server = undefined;
    this.#viaServer = false;
    this.#setState('connecting');
    this.#armServerPath();
  }

  async #bind(connection: Connection): Promise<void> {
    let statement: Uint8Array;
    try {
      statement = await connection.binding.statement();
    } catch (error) {
      if (connection === this.#connection) this.#bindingFailed((error as Error).message);
      return;
    }
    // Closed, or started over meanwhile: this statement belongs to the old connection.
    if (this.#state === 'closed' || connection !== this.#connection) return;
    try {
      connection.rtc.send(encodeFrame(FrameKind.Bind, statement));
    } catch {
      // The channel closed while the statement was signed: its close event ends the link.
      return;
    }
    connection.binding.markSent();
    this.#maybeConnected(connection);
  }

  async #onData(connection: Connection, bytes: Uint8Array): Promise<void> {
    if (connection !== this.#connection || this.#state === 'closed') return;
    let frame: Frame;
    try {
      frame = decodeFrame(bytes);
    } catch (error) {
      const { code, message } = error as FrameError;
      return this.emit('frame-rejected', { code, message });
    }
    const { binding, health } = connection;
    switch (frame.kind) {
      case FrameKind.Bind:
        if (!binding.remoteChecked) await this.#checkBinding(connection, frame.body);
        return;
      case FrameKind.Ping:
      case FrameKind.Pong:
        if (binding.remoteChecked) health.onProbe(frame.kind, frame.body);
        return;
      case FrameKind.Signal:
        // Opened and checked like a signal from the transport (sender, session, freshness, replay).
        if (!binding.remoteChecked || !this.options.signalsOverChannel) return;
        try {
          void this.receive(frameText(frame.body));
        } catch (error) {
          const { code, message } = error as FrameError;
          this.emit('frame-rejected', { code, message });
        }
        return;
      default:
        // The remote sends these only once bound, so its statement (earlier on this ordered
        // channel) has been checked by now; we may still be finishing our own side.
        if (!binding.remoteChecked) return;
        if (this.#state === 'connecting') this.#early.push({ kind: frame.kind, body: frame.body });
        else this.emit('frame', { kind: frame.kind, body: frame.body });
    }
  }

  async #checkBinding(connection: Connection, statement: Uint8Array): Promise<void> {
    try {
      await connection.binding.check(statement);
    } catch (error) {
      if (connection === this.#connection) this.#bindingFailed((error as Error).message);
      return;
    }
    // Started over while this statement was checked: it was the old connection's.
    if (connection === this.#connection) this.#maybeConnected(connection);
  }

  #maybeConnected(connection: Connection): void {
    if (!connection.binding.bound) return;
    if (this.#viaServer && this.#state === 'connected') {
      // A direct path formed after all: frames move to the channel (the remote's may still come either way).
      this.#viaServer = false;
      for (const frame of this.#early.splice(0)) this.emit('frame', frame);
      connection.health.start();
      return;
    }
    if (this.#state !== 'connecting') return;
    this.#setState('connected');
    for (const frame of this.#early.splice(0)) this.emit('frame', frame);
    for (const track of this.#earlyTracks.splice(0)) this.emit('track', track);
    connection.health.start();
  }

  /** Pings only while connected; pongs whenever asked. Best effort: a closing channel reports itself. */
  #sendProbe(rtc: RtcPeer, kind: ProbeKind, body: Uint8Array): void {
    if (kind === FrameKind.Ping && this.#state !== 'connected') return;
    try {
      rtc.send(encodeFrame(kind, body));
    } catch {
      // The close or error event that follows says what happened.
    }
  }

  #bindingFailed(message: string): void {
    this.#reject('binding-failed', message);
    this.close();
  }

  #fail(message: string): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    this.emit('error', { code: 'signal-failed', message });
    this.#connection.rtc.destroy();
    this.#setState('failed');
  }

  /** At the provider's `renewAt` (not sooner than a second from now), renew the ICE servers. */
  #scheduleRenewal(delayMs?: number): void {
    const at = this.options.renewIceServers?.renewAt;
    if (delayMs === undefined && (at === undefined || !Number.isFinite(at))) return;
    this.#renewal = setTimeout(() => void this.#renewIceServers(), Math.max(1000, delayMs ?? at! - Date.now()));
  }

  /**
   * Fresh ICE servers (TURN credentials) before the ones in use expire: later connections gather
   * with them, and a link that is up restarts ICE, so its relay allocation is made anew with
   * credentials the TURN server still accepts.
   */
  async #renewIceServers(): Promise<void> {
    this.#renewal = undefined;
    const provider = this.options.renewIceServers;
    if (!provider || this.#ended()) return;
    let servers: RTCIceServer[];
    try {
      servers = await provider();
    } catch {
      // The server's /ice is out of reach: keep what we have, and ask again shortly.
      if (!this.#ended()) this.#scheduleRenewal(5000);
      return;
    }
    if (this.#ended()) return;
    this.#iceServers = servers;
    this.#connection.rtc.setIceServers(servers);
    if (this.#state === 'connected' || this.#state === 'reconnecting') this.restartIce();
    this.#scheduleRenewal();
  }

  /** Closed or failed: nothing more happens on this link. */
  #ended(): boolean {
    return this.#state === 'closed' || this.#state === 'failed';
  }

  /** Once addressed, a link still connecting after `afterMs` turns to the server. */
  #armServerPath(): void {
    const host = this.options.serverPath;
    if (!host || this.#server) return;
    clearTimeout(this.#serverTimer);
    this.#serverTimer = setTimeout(() => {
      if (this.#state === 'connecting') this.#startServerPath();
    }, host.afterMs);
  }

  /** Makes our key and sends it (sealed) to the remote; the link goes through the server once the remote's key is in. */
  #startServerPath(): ServerRoute | undefined {
    const host = this.options.serverPath;
    const remote = this.remoteId;
    if (!host || remote === undefined || this.#ended()) return undefined;
    if (this.#server) return this.#server;
    const current = () => this.#server === route && !this.#ended();
    const route: ServerRoute = new ServerRoute(host, { me: this.options.identity.fingerprint, remote, initiator: this.options.initiator }, {
      sendKey: (key) => current() && this.#signals.sendServerKey(key),
      ready: () => {
        if (!current()) return;
        clearTimeout(this.#serverTimer);
        if (this.#state !== 'connecting') return;
        this.#viaServer = true;
        this.#setState('connected');
      },
      // Frames from the remote through the server are taken even once a direct path took over: it may still be switching.
      frame: (kind, body) => current() && this.#state === 'connected' && this.emit('frame', { kind, body }),
      refused: (code, message) => current() && this.emit('frame-rejected', { code, message }),
      keyFailed: (message) => current() && this.#reject('malformed', message),
      lost: (message) => current() && this.emit('error', { code: 'signal-failed', message }),
    });
    this.#server = route;
    return route;
  }

  /** The remote's key for the server path, in a signal that checked. */
  #takeServerKey(remoteKey: string): void {
    this.#startServerPath()?.takeRemoteKey(remoteKey);
  }

  /**
   * The WebRTC attempt failed: the link goes on through the server if it can — unless the remote
   * does not take that up within the fallback bound either (it closed its side, say), when the
   * link fails after all and its owner may make it again.
   */
  #rtcFailed(): void {
    if (this.#viaServer) return;
    const fail = () => this.#setState(this.#state === 'connected' || this.#state === 'reconnecting' ? 'closed' : 'failed');
    if (this.#state !== 'connecting' || !this.#startServerPath()) return fail();
    clearTimeout(this.#serverTimer);
    this.#serverTimer = setTimeout(() => this.#state === 'connecting' && fail(), this.options.serverPath!.afterMs);
  }

  #reject(code: LinkRejectionCode, message: string): void {
    this.emit('signal-rejected', { code, message });
  }

  #setState(state: LinkState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    if (state === 'closed' || state === 'failed') {
      this.#connection.health.stop();
      this.#signals.stop();
      clearTimeout(this.#renewal);
      clearTimeout(this.#serverTimer);
    }
    this.emit('state', { state });
  }
}
