/** What a Room is made with, and the events it emits. */

import type { LinkFactory, LinkSettings } from '../link/link.js';
import type { GossipRejection } from '../mesh/gossip.js';
import type { RotationOptions } from '../mesh/rotation.js';
import type { ChannelLimits } from '../session/channels.js';
import type { PeerGroupEventMap } from '../session/peer-group.js';
import type { CoarseLocation } from '../signaling/suggest.js';
import type { SignalingTransport } from '../signaling/transport.js';

export interface RoomOptions extends LinkSettings {
  readonly transport: SignalingTransport;
  readonly ns: string;
  readonly room: string;
  /** Messages held per peer while its link is down. */
  readonly maxQueuedPerPeer?: number;
  /** How long messages for a peer that left wait for it to come back (a reload) before failing. */
  readonly returnGraceMs?: number;
  /** First delay before making a dropped link again; doubles up to 10 s. */
  readonly relinkMinMs?: number;
  /** Keep spare links ready (default true): faster connects for two idle RTCPeerConnections. */
  readonly prewarm?: boolean;
  /** Most links this peer keeps (default 8, at least 2); with more members the room is a partial mesh. */
  readonly maxLinks?: number;
  /** Hops a relayed message may travel (default 32). */
  readonly relayTtl?: number;
  /** Replacing slow links with closer peers the server suggests; false turns it off. */
  readonly rotation?: RotationOptions | false;
  /** A coarse location sent with the RTT reports; only with the user's explicit consent (rounded to ~10 km). */
  readonly location?: () => Promise<CoarseLocation | undefined>;
  /** Makes links (default WebRTC, `PeerLink.create`); a test transport can stand in. */
  readonly links?: LinkFactory;
  /** Limits of named channels. */
  readonly channels?: Partial<ChannelLimits>;
  /**
   * How long a link may stay connecting before its frames go through the signaling server
   * instead, encrypted to the peer (link/server-path.ts): chat and named channels carry on while
   * no WebRTC path forms (no TURN, UDP blocked), and move back to WebRTC as soon as one does.
   * Only with a transport whose server relays data (the peerkit server does). Default 5000 ms; 0
   * turns it off. Calls and raw data channels still need a WebRTC path.
   */
  readonly serverFallbackMs?: number;
}

/** See RoomOptions.serverFallbackMs. */
export const DEFAULT_SERVER_FALLBACK_MS = 5000;

export interface RoomEventMap extends PeerGroupEventMap {
  /** A link was replaced for latency: `dropped` stayed slow (`rtt`), `added` is estimated closer. */
  rotate: CustomEvent<{ readonly dropped: string; readonly added: string; readonly rtt: number; readonly estimate: number }>;
  /** A relayed frame was refused (malformed, forged, replayed...) and not delivered. */
  'relay-rejected': CustomEvent<GossipRejection>;
}
