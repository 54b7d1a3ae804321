/**
 * What an owner (a room, a pairing) needs from a link to one peer, and the vocabulary links share.
 * PeerLink (WebRTC) is the real one; a test transport (memory-links.ts) stands in where real
 * WebRTC cannot be shaped, e.g. to slow one link down.
 *
 * Everything on a link travels as frames (frame.ts): the link keeps its own kinds (binding, pings)
 * and hands its owner the session kinds, as typed `frame` events, once the link is bound.
 */
import type { IceServersProvider } from '../signaling/ice.js';
import type { EnvelopeSigner } from '../envelope/envelope.js';
import type { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { Emitter } from '../util/events.js';
import type { FrameErrorCode, SessionFrameKind } from './frame.js';
import type { LinkPath } from './health.js';
import type { ServerPathErrorCode } from './server-path.js';
import type { MediaSender, WrtcImplementation } from './rtc.js';
import type { OpenedSignal, SignalRejectionCode } from './signals.js';

export type { LinkPath } from './health.js';
export type { MediaSender } from './rtc.js';
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';
export type LinkRejectionCode = SignalRejectionCode | 'binding-failed';
/** Why bytes from the remote were dropped: not a frame (frame.ts), or a piece through the server that did not open (server-path.ts). */
export type LinkFrameErrorCode = FrameErrorCode | ServerPathErrorCode | 'malformed';

/**
 * `drain` fires when the channel's buffer falls to this many bytes: a sender that stopped because
 * `bufferedAmount` grew (over a few times this) goes on then.
 */
export const LINK_LOW_WATER_BYTES = 64 * 1024;

export interface LinkOptions {
  readonly identity: EnvelopeSigner;
  /** The remote's fingerprint; left out to accept whichever stranger answers first (pair mode). */
  readonly remoteId?: string;
  /** Exactly one side initiates; rooms decide it from the ids so offers never collide. */
  readonly initiator: boolean;
  /** Where envelopes are sealed for: their `ns` and `room`. */
  readonly address: RoomAddress;
  /** Hands a sealed signal to whatever carries it (a transport, a pair request). Left out for a spare. */
  readonly sendSignal?: (env: string) => void;
  readonly replay: ReplayGuard;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** Default none: host candidates only, nothing leaves the machine's networks. */
  readonly iceServers?: RTCIceServer[];
  /**
   * Where `iceServers` came from, when they expire (TURN credentials: `iceServersFrom`): at its
   * `renewAt` the link asks it again, takes the new servers and restarts ICE, so a relayed link
   * outlives its first credentials (a TURN server refuses to refresh an allocation with expired ones).
   */
  readonly renewIceServers?: IceServersProvider;
  /**
   * `relay`: the link gathers and uses TURN relay candidates only, so the remote (and anyone who
   * reads the signals) never learns this device's addresses; it needs a TURN server among
   * `iceServers`. Default `all`.
   */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** How long to collect trickled signals into one envelope. */
  readonly batchMs?: number;
  /** Trickle ICE (default). Off: one signal per side, with every candidate (the pair protocol). */
  readonly trickle?: boolean;
  /**
   * Once bound, send signals (renegotiations for tracks, ICE restarts) over the link's own channel
   * instead of `sendSignal`, and take the remote's from there: for links whose signaling carries
   * only the first exchange (the pair protocol). They stay sealed and are checked like any signal.
   */
  readonly signalsOverChannel?: boolean;
  /**
   * Whether this side takes media on the link now (its owner is in a call): said in every sealed
   * signal, so the remote knows it with the first offer or answer (see the `media-intent` event).
   */
  readonly offersMedia?: () => boolean;
  /** Round-trip pings over the channel, once connected; 0 turns them off. */
  readonly pingMs?: number;
  /** How long ICE may stay `disconnected` before the initiator restarts it. */
  readonly iceRestartAfterMs?: number;
  /** A WebRTC implementation where there is no global one (Node: @roamhq/wrtc). */
  readonly wrtc?: WrtcImplementation;
  /**
   * Frames through the signaling server when no WebRTC path forms (server-path.ts): a link still
   * connecting after `afterMs`, or whose ICE attempt failed, agrees a key with the remote in sealed
   * signals and is `connected` with path `server` until a direct path binds. Left out: none.
   */
  readonly serverPath?: ServerPathHost;
}

/** What a link needs of its owner's transport to send frames through the server. */
export interface ServerPathHost {
  /** How long a link may stay connecting before it goes through the server. */
  readonly afterMs: number;
  /** The largest piece the transport takes now; 0 while it takes none (away, or a server that relays no data). */
  limit(): number;
  /** Bytes the transport holds back to keep to the server's budget. */
  buffered(): number;
  /** Hands one piece for `to` to the transport; throws when it cannot take it. */
  send(to: string, piece: Uint8Array): void;
}

/** How a group (a Room, a Pairing) and its parts make links: what their options share. */
export interface LinkSettings {
  readonly identity: EnvelopeSigner;
  /** The address book the trust policy reads and records in. */
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** ICE servers, or where to get them for each new link (e.g. `iceServersFrom(serverUrl)`, whose credentials links renew). */
  readonly iceServers?: RTCIceServer[] | IceServersProvider;
  /** `relay`: TURN relay candidates only (see LinkOptions). Default `all`. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  readonly wrtc?: WrtcImplementation;
  /** Round-trip pings per link; 0 turns them off. */
  readonly pingMs?: number;
  /** A link still connecting (not bound) after this long is dropped. */
  readonly connectTimeoutMs?: number;
}

export interface LinkEventMap {
  state: CustomEvent<{ readonly state: LinkState }>;
  /** A frame for the link's owner, in the order the remote sent it; only from a bound remote. */
  frame: CustomEvent<{ readonly kind: SessionFrameKind; readonly body: Uint8Array }>;
  /** A signal from the remote (or someone posing as it) was refused; the link is unchanged. */
  'signal-rejected': CustomEvent<{ readonly code: LinkRejectionCode; readonly message: string }>;
  /** Bytes on the channel that are not a frame this link speaks: dropped, the link stays up. */
  'frame-rejected': CustomEvent<{ readonly code: LinkFrameErrorCode; readonly message: string }>;
  /** A new round-trip measurement (ms), and the path it took. */
  rtt: CustomEvent<{ readonly rtt: number; readonly path: LinkPath }>;
  /** The channel's buffer fell to LINK_LOW_WATER_BYTES. */
  drain: CustomEvent<{ readonly bufferedAmount: number }>;
  /** This side's signals could not be sealed or handed to the transport: the link fails right after. */
  error: CustomEvent<{ readonly code: 'signal-failed'; readonly message: string }>;
  /**
   * A media track from the remote, on the bound connection (held until the link is `connected`):
   * it rides the DTLS session the remote signed for. It ends when the remote stops sending it or
   * the connection goes (a remote that starts over sends its tracks again). `refuse()` stops
   * receiving it at the connection itself (its transceiver no longer receives, negotiated with the
   * remote): stopping the track alone would leave the browser decoding every frame of it.
   */
  track: CustomEvent<{ readonly track: MediaStreamTrack; readonly stream: MediaStream; refuse(): void }>;
  /**
   * A description (offer or answer) from the remote is about to be applied; `media`: its sealed
   * signals say the remote takes media on this link. Fired just before it applies, so an owner can
   * add its tracks now (they ride this very negotiation: no renegotiation after binding) or take
   * back tracks it added for a remote that turns out to take none (nothing was sent yet).
   */
  'media-intent': CustomEvent<{ readonly media: boolean }>;
}

/** `send` on a link that is not `connected`. */
export class LinkStateError extends Error {
  readonly code = 'not-connected';
  constructor(
    readonly state: LinkState,
    remoteId: string | undefined,
  ) {
    super(`link to ${remoteId ?? 'a stranger'} is ${state}`);
    this.name = 'LinkStateError';
  }
}

export interface Link extends Pick<Emitter<LinkEventMap>, 'addEventListener' | 'removeEventListener' | 'dispatchEvent' | 'on'> {
  readonly state: LinkState;
  /** Smoothed round-trip time in ms; undefined before the first measurement. */
  readonly rtt: number | undefined;
  readonly path: LinkPath;
  /** Bytes queued on the channel, not yet sent: wait for `drain` when it grows. */
  readonly bufferedAmount: number;
  /** Opens and checks a signal the transport delivered from the remote, and applies it; in arrival order. */
  receive(env: string): Promise<void>;
  /** A piece of the remote's frames through the server (see LinkOptions.serverPath), in arrival order. */
  receiveServerData?(piece: Uint8Array): void;
  /** Applies a signal already opened and checked (signals.ts openSignal), in order with `receive`. */
  receiveOpened(signal: OpenedSignal): Promise<void>;
  /** Addresses a spare link (made without `remoteId`) to a peer. */
  claim(remoteId: string, sendSignal: (env: string) => void): void;
  /**
   * A negotiated data channel beside the link's own, for traffic that is not frames (an app's own raw channel).
   * Both sides open it with the same `id` (SCTP stream; keep it far from the small ids the link's
   * own channel gets, and under 1024). It rides the same DTLS session as the bound channel, so only
   * a `connected` link opens one (else LinkStateError): its data is then as authenticated as the
   * link's frames. While open, the same id gives back the same channel. Whatever arrives before the
   * remote has opened its side is dropped by the browser: protocols on it handshake.
   */
  openChannel(label: string, id: number): RTCDataChannel;
  /** Throws LinkStateError unless `connected`, FrameError (`too-large`) over MAX_FRAME_BODY. */
  send(kind: SessionFrameKind, body: Uint8Array | string): void;
  /**
   * Sends a media track (in `stream`) over the connection, negotiated with sealed signals: while
   * `connecting` it rides the first negotiation, and media flows only once both sides applied the
   * other's signed description (the remote's tracks are handed over only once bound); throws
   * LinkStateError when `closed` or `failed`. A link that starts over (a new connection) has no
   * senders: send the track again on its next `connected`. Links without media (a test
   * transport) leave it out.
   */
  sendTrack?(track: MediaStreamTrack, stream: MediaStream): MediaSender;
  /** The connection's WebRTC stats (candidate pairs, media streams); undefined before it exists, or without WebRTC (a test transport). */
  stats?(): Promise<RTCStatsReport | undefined>;
  close(): void;
}

/** Makes links: `PeerLink.create` by default. */
export type LinkFactory = (options: LinkOptions) => Promise<Link>;
