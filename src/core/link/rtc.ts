/**
 * The one place that touches simple-peer and the RTCPeerConnection under it (`_pc`) and its data
 * channel (`_channel`): making the connection, signals in and out, sending, the connection's
 * stats and descriptions, ICE restarts, negotiated channels beside simple-peer's own, media
 * tracks (sent through senders this file hands out, received as `track`), and teardown. Everything above it (signals, binding, health, PeerLink) sees only this small class,
 * so a change of WebRTC library is a change of this file.
 *
 * An RtcPeer that was destroyed reports nothing more: a link that replaced it (a remote's new
 * session) never hears from the old one.
 */
import type { Options as SimplePeerOptions } from 'simple-peer';
import { loadSimplePeer, type SimplePeerConstructor, type SimplePeerInstance } from '../platform/simple-peer-loader.js';

/** A WebRTC implementation where there is no global one (Node: @roamhq/wrtc). */
export type WrtcImplementation = SimplePeerOptions['wrtc'];

/** One signal as simple-peer emits and takes it: a description, a candidate, or a renegotiation request. */
export type RtcSignal = Record<string, unknown>;

export interface RtcOptions {
  readonly initiator: boolean;
  readonly trickle: boolean;
  readonly iceServers: RTCIceServer[];
  /** `relay`: only TURN relay candidates are gathered and used (LinkOptions). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  readonly wrtc?: WrtcImplementation;
}

/** What the owner hears; none of these is called after `destroy()`. */
export interface RtcHandlers {
  signal(signal: RtcSignal): void;
  /** The data channel opened. */
  connect(): void;
  data(bytes: Uint8Array): void;
  close(): void;
  error(error: Error): void;
  iceState(state: string): void;
  /** The channel's buffer fell to the low-water mark (see LINK_LOW_WATER_BYTES). */
  drain(bufferedAmount: number): void;
  /** A media track from the remote, in the stream it was sent in; `refuse` stops receiving it (see #refuseTrack). */
  track(track: MediaStreamTrack, stream: MediaStream, refuse: () => void): void;
}

/**
 * One track this side sends to the remote. Swapping the track (another microphone, the camera off)
 * needs no renegotiation; removing it renegotiates.
 */
export interface MediaSender {
  readonly track: MediaStreamTrack | null;
  /** Sends `track` instead (null: nothing, the remote's track goes silent or black). */
  replace(track: MediaStreamTrack | null): Promise<void>;
  /** The most bits per second to spend on it (undefined: the browser's own choice). */
  setMaxBitrate(bitsPerSecond: number | undefined): Promise<void>;
  /** The cap the browser holds now (undefined: its own choice). */
  readonly maxBitrate: number | undefined;
  /** Stops sending it; the remote's track ends after the renegotiation. */
  remove(): void;
}

/** simple-peer's private parts this file reads; nothing else may. */
interface SimplePeerInternals {
  _pc?: RTCPeerConnection;
  _channel?: RTCDataChannel;
  /** simple-peer drops a non-initiator's first request to renegotiate (it takes it for the initial one). */
  _firstNegotiation: boolean;
  negotiate(): void;
  /** Negotiates once for what changed in this task: the initiator offers, the other side asks it to. */
  _needsNegotiation(): void;
}

/** Makes RtcPeers once simple-peer has loaded (it loads on demand, with its Node globals). */
export type RtcMaker = (options: RtcOptions, handlers: RtcHandlers, lowWaterBytes: number) => RtcPeer;

export async function loadRtc(): Promise<RtcMaker> {
  const SimplePeer = await loadSimplePeer();
  return (options, handlers, lowWaterBytes) => new RtcPeer(SimplePeer, options, handlers, lowWaterBytes);
}

/**
 * The RTCPeerConnections this page made and has not closed. Browsers cap them (Chromium: about
 * 500 alive in a page), so whatever a room or a pairing stops using must be closed, not left to
 * the garbage collector.
 */
const openConnections = new Set<RtcPeer>();

/** How many RTCPeerConnections peerkit holds open in this page (or process) now. */
export function openPeerConnections(): number {
  return openConnections.size;
}

export class RtcPeer {
  readonly #peer: SimplePeerInstance;
  readonly #initiator: boolean;
  /** Negotiated channels opened beside simple-peer's own, by SCTP stream id. */
  readonly #channels = new Map<number, RTCDataChannel>();
  #destroyed = false;
  /** Set while restartIce asks the initiator to renegotiate: that request carries `iceRestart`. */
  #askingIceRestart = false;
  /** Offers this side began making (once counting): before the first, a track added is in it. */
  #offersBegun: number | undefined;

  constructor(SimplePeer: SimplePeerConstructor, options: RtcOptions, handlers: RtcHandlers, lowWaterBytes: number) {
    this.#initiator = options.initiator;
    this.#peer = new SimplePeer({
      initiator: options.initiator,
      trickle: options.trickle,
      config: { iceServers: options.iceServers, ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}) },
      ...(options.wrtc ? { wrtc: options.wrtc } : {}),
    });
    openConnections.add(this);
    this.#countOffers();
    const live = () => !this.#destroyed;
    this.#peer.on('signal', (signal: RtcSignal) => live() && handlers.signal(signal.renegotiate && this.#askingIceRestart ? { ...signal, iceRestart: true } : signal));
    this.#peer.on('connect', () => {
      if (!live()) return;
      // Connected, the first negotiation is done: a track added from now on must be negotiated.
      this.#internals()._firstNegotiation = false;
      this.#watchBuffer(handlers, lowWaterBytes);
      handlers.connect();
    });
    this.#peer.on('track', (track: MediaStreamTrack, stream: MediaStream) => live() && handlers.track(track, stream, () => this.#refuseTrack(track)));
    // simple-peer hands over a Buffer (its stream turns text into bytes too): seen as a plain view.
    this.#peer.on('data', (chunk: Uint8Array) => live() && handlers.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    this.#peer.on('close', () => {
      // simple-peer closed its RTCPeerConnection (the remote went, or an error): it no longer counts.
      openConnections.delete(this);
      if (live()) handlers.close();
    });
    this.#peer.on('error', (error: Error) => live() && handlers.error(error));
    this.#peer.on('iceStateChange', (state: string) => live() && handlers.iceState(state));
  }

  /** Hands a signal to WebRTC; a peer that was destroyed (its error already reported) takes none. */
  signal(signal: RtcSignal): void {
    if (this.#destroyed || this.#peer.destroyed) return;
    // A remote asking to renegotiate wants tracks negotiated, or (so marked) an ICE restart.
    if (signal.renegotiate && signal.iceRestart === true && this.#initiator) this.#connection()?.restartIce();
    this.#peer.signal(signal as never);
  }

  /** Throws when the channel is not open (or is closing): its close event follows. */
  send(bytes: Uint8Array): void {
    this.#peer.send(bytes);
  }

  get bufferedAmount(): number {
    return this.#peer.bufferSize;
  }

  /** The SDP this side signed and sent (its DTLS fingerprint is in it), once set. */
  get localSdp(): string | undefined {
    return this.#connection()?.localDescription?.sdp;
  }

  /** The connection's stats (candidate pairs, certificates); undefined before it exists. */
  async stats(): Promise<RTCStatsReport | undefined> {
    return this.#connection()?.getStats();
  }

  /** New ICE servers (fresh TURN credentials) for what is gathered from now on: an ICE restart uses them. */
  setIceServers(servers: RTCIceServer[]): void {
    const connection = this.#connection();
    if (this.#destroyed || !connection) return;
    try {
      connection.setConfiguration({ ...connection.getConfiguration(), iceServers: servers });
    } catch {
      // An implementation that cannot change them (an older Node WebRTC) keeps the ones it has.
    }
  }

  /**
   * Restarts ICE: new credentials, negotiated over signaling, while the channel stays. The
   * initiator offers; the other side asks it to (simple-peer's renegotiation request).
   */
  restartIce(): void {
    if (this.#destroyed) return;
    if (this.#initiator) this.#connection()?.restartIce();
    // The request simple-peer emits now (synchronously) is marked: a request for tracks is not a restart.
    this.#askingIceRestart = true;
    try {
      this.#internals().negotiate();
    } finally {
      this.#askingIceRestart = false;
    }
  }

  /**
   * Sends `track` (as part of `stream`: the remote receives it in a stream with that id) and
   * negotiates; undefined before the connection exists. Renegotiation follows simple-peer's roles:
   * only the initiator offers, so two sides adding tracks at once never collide.
   */
  addTrack(track: MediaStreamTrack, stream: MediaStream): MediaSender | undefined {
    const connection = this.#connection();
    if (this.#destroyed || !connection) return undefined;
    // Sent already (its owner lost count across a reconnect, say): the browser would throw; the
    // sender it has is the answer, and nothing needs negotiating.
    const existing = connection.getSenders().find((candidate) => candidate.track === track);
    const sender = existing ?? connection.addTrack(track, stream);
    if (!existing && !this.#answeringFirst(connection) && !this.#offerPending()) this.#internals()._needsNegotiation();
    return {
      get track() {
        return sender.track;
      },
      replace: (next) => sender.replaceTrack(next),
      get maxBitrate() {
        return sender.getParameters().encodings?.[0]?.maxBitrate;
      },
      setMaxBitrate: async (bitsPerSecond) => {
        const parameters = sender.getParameters();
        if (!parameters.encodings?.length) return;
        for (const encoding of parameters.encodings) {
          if (bitsPerSecond === undefined) delete encoding.maxBitrate;
          else encoding.maxBitrate = bitsPerSecond;
        }
        await sender.setParameters(parameters);
      },
      remove: () => {
        if (this.#destroyed || connection.signalingState === 'closed') return;
        connection.removeTrack(sender);
        if (!this.#answeringFirst(connection) && !this.#offerPending()) this.#internals()._needsNegotiation();
      },
    };
  }

  /**
   * Before the remote's first offer, a track added (or taken back) needs no negotiation of its own:
   * the answer to that offer takes it (JSEP pairs it with an offered m-line of its kind, and
   * simple-peer asks the initiator for any kind that was not offered).
   */
  #answeringFirst(connection: RTCPeerConnection): boolean {
    return !this.#initiator && connection.remoteDescription === null;
  }

  /**
   * The initiator's first offer is made a task after the connection (simple-peer waits one): a
   * track added before it begins is in it, and asking for a negotiation besides would renegotiate
   * right after the first one for nothing (two more sealed signals, and the SDP work on both sides).
   */
  #offerPending(): boolean {
    // Not counting (no connection to watch): never assume an offer is still to come.
    return this.#initiator && this.#offersBegun === 0;
  }

  /** Counts the offers begun on the connection simple-peer made (its own `createOffer`, wrapped on this instance only). */
  #countOffers(): void {
    const connection = this.#connection();
    if (!connection) return;
    const createOffer = connection.createOffer.bind(connection) as (options?: RTCOfferOptions) => Promise<RTCSessionDescriptionInit>;
    this.#offersBegun = 0;
    connection.createOffer = ((options?: RTCOfferOptions) => {
      this.#offersBegun = (this.#offersBegun ?? 0) + 1;
      return createOffer(options);
    }) as RTCPeerConnection['createOffer'];
  }

  /**
   * Stops receiving a remote track at the connection: its transceiver no longer receives, so the
   * browser stops decoding it (a stopped track alone is still decoded, frame by frame). Called
   * while the track's offer is being applied, the answer says so; otherwise it takes a
   * renegotiation (simple-peer's roles: the initiator offers, the other side asks it to).
   */
  #refuseTrack(track: MediaStreamTrack): void {
    const connection = this.#connection();
    if (this.#destroyed || !connection || connection.signalingState === 'closed') return;
    const transceiver = connection.getTransceivers().find((candidate) => candidate.receiver.track === track);
    if (!transceiver || transceiver.currentDirection === 'stopped') return;
    if (transceiver.direction === 'sendrecv') transceiver.direction = 'sendonly';
    else if (transceiver.direction === 'recvonly') transceiver.direction = 'inactive';
    else return;
    if (connection.signalingState !== 'have-remote-offer') this.#internals()._needsNegotiation();
  }

  /**
   * A negotiated channel beside simple-peer's own, on the same connection (the same id gives back
   * the same channel while it is open); undefined before the connection exists.
   */
  dataChannel(label: string, id: number): RTCDataChannel | undefined {
    const open = this.#channels.get(id);
    if (open && (open.readyState === 'connecting' || open.readyState === 'open')) return open;
    const channel = this.#connection()?.createDataChannel(label, { negotiated: true, id });
    if (!channel) return undefined;
    channel.binaryType = 'arraybuffer';
    this.#channels.set(id, channel);
    return channel;
  }

  destroy(): void {
    openConnections.delete(this);
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#peer.destroy();
  }

  #connection(): RTCPeerConnection | undefined {
    return this.#internals()._pc;
  }

  #internals(): SimplePeerInternals {
    return this.#peer as unknown as SimplePeerInternals;
  }

  /** The channel exists once connected; its `bufferedamountlow` is what `drain` reports. */
  #watchBuffer(handlers: RtcHandlers, lowWaterBytes: number): void {
    const channel = (this.#peer as unknown as SimplePeerInternals)._channel;
    if (!channel || typeof channel.bufferedAmountLowThreshold !== 'number') return;
    channel.bufferedAmountLowThreshold = lowWaterBytes;
    channel.addEventListener('bufferedamountlow', () => {
      if (!this.#destroyed) handlers.drain(channel.bufferedAmount);
    });
  }
}
