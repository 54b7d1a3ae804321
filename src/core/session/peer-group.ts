/**
 * What a Room (mesh mode) and a Pairing (pair mode) have in common: peers, each reached over a
 * bound link (or, in a large room, by relay), and the events that say so. Chat, files and the
 * elements depend on this interface only, so each works in either mode.
 */
import type { LinkPath, LinkRejectionCode, LinkState, MediaSender } from '../link/link.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { Emitter, EventMapOf } from '../util/events.js';

export interface LinkInfo {
  readonly state: LinkState;
  /** Smoothed round-trip time over the channel, ms. */
  readonly rtt: number | undefined;
  readonly path: LinkPath;
}

export interface PeerGroupEventMap {
  /** Who is here (other than this peer), linked or not. */
  peerlist: CustomEvent<{ readonly ids: readonly string[] }>;
  /** A link is up and bound: messages flow. */
  peer: CustomEvent<{ readonly id: string }>;
  'peer-disconnect': CustomEvent<{ readonly id: string }>;
  'link-state': CustomEvent<{ readonly id: string; readonly state: LinkState }>;
  /** An app message (`send`/`broadcast`). `from` is the author; `via` the neighbour that relayed it (absent when direct). */
  message: CustomEvent<{ readonly from: string; readonly data: string; readonly via?: string }>;
  'message-failed': CustomEvent<{ readonly to: string; readonly data: string; readonly reason: string }>;
  'signal-rejected': CustomEvent<{ readonly from: string; readonly code: LinkRejectionCode; readonly message: string }>;
  /** A new round-trip measurement to a peer. */
  rtt: CustomEvent<{ readonly id: string; readonly rtt: number; readonly path: LinkPath }>;
  /** Something failed that the group cannot fix by itself. */
  error: CustomEvent<{ readonly code: number | string; readonly message: string }>;
  /** A media track from a linked peer (see Link's `track`): only ever from the peer bound to that link. */
  track: CustomEvent<{ readonly id: string; readonly track: MediaStreamTrack; readonly stream: MediaStream; refuse(): void }>;
}

export interface PeerGroup<M extends PeerGroupEventMap & EventMapOf<M> = PeerGroupEventMap> extends Emitter<M> {
  /** This peer's id: its key's fingerprint. */
  readonly id: string;
  readonly address: RoomAddress;
  /** The other peers, linked or not. */
  readonly peers: readonly string[];
  linkState(id: string): LinkState | undefined;
  linkInfo(id: string): LinkInfo | undefined;
  join(): Promise<void>;
  leave(): Promise<void>;
  /** Sends an app message to one peer; a failure is reported by a `message-failed` event. */
  send(to: string, data: string): void;
  /** Sends an app message to every peer. */
  broadcast(data: string): void;
  /**
   * A negotiated data channel on the bound link to `peer`, beside the link's own (see
   * PeerLink.openChannel); undefined while the link is not `connected`. A link made again after a
   * drop (a new `peer` event) needs its channel opened again.
   */
  dataChannel(peer: string, label: string, id: number): RTCDataChannel | undefined;
  /**
   * Sends a media track to `peer` over its link (see Link.sendTrack); undefined without a live
   * link or one that cannot carry media. A link made again (a new `peer` event) needs its tracks
   * sent again.
   */
  sendTrack(peer: string, track: MediaStreamTrack, stream: MediaStream): MediaSender | undefined;
}

/**
 * What a group asks of whoever sends media on its links (a Call), so tracks can ride a link's
 * first negotiation instead of a renegotiation once it is bound.
 */
export interface MediaDelegate {
  /** Whether this peer takes media now: said, sealed, in every signal of every link. */
  offersMedia(): boolean;
  /** A link to `id` was made (before its first offer): tracks sent now ride it. */
  linkMade(id: string): void;
  /** `id`'s signed description is about to apply: whether it takes media (see Link's `media-intent`). */
  remoteMedia(id: string, media: boolean): void;
}
