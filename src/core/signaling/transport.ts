/**
 * Signaling transports: how sealed envelopes and presence travel between peers before a WebRTC
 * link exists. Every transport has the same shape, so a Room works over the peerkit server
 * (WebSocket), another tab (BroadcastChannel) or an in-memory network (tests) alike. Transports
 * carry the peers' sealed signals as opaque strings and never open one. The one envelope a
 * transport seals is its own: the WebSocket transport answers the server's challenge with a join
 * proof signed by the identity it was given (envelope/join-proof.ts).
 */
import type { LatencyReport, PeerSuggestion } from './suggest.js';
import { Emitter } from '../util/events.js';

export type TransportState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RoomAddress {
  readonly ns: string;
  readonly room: string;
}

export interface PresenceDetail extends RoomAddress {
  readonly id: string;
}

export interface PeersDetail extends RoomAddress {
  readonly ids: readonly string[];
}

export interface SignalDetail extends RoomAddress {
  readonly from: string;
  /** The sealed envelope, as sent. */
  readonly env: string;
}

/** A link's frames through the server (link/server-path.ts): bytes encrypted to us, the server read none. */
export interface DataDetail extends RoomAddress {
  readonly from: string;
  readonly data: Uint8Array;
}

/** Unlinked members of a room likely to be closer, best first: the answer to a latency report. */
export interface SuggestDetail extends RoomAddress {
  readonly peers: readonly PeerSuggestion[];
}

/**
 * Why the server could not be reached, told apart for the user: `server-rejected` (something
 * answers at that address but not with a peerkit WebSocket: a wrong URL, a proxy's 404),
 * `server-unreachable` (nothing answers: refused, unknown host, TLS), `server-timeout` (the
 * connection never opened, or never greeted us).
 */
export type ConnectFailureCode = 'server-rejected' | 'server-unreachable' | 'server-timeout';

export interface TransportErrorDetail {
  /** A number: a refusal from the other side (HTTP-like). A ConnectFailureCode: the server is out of reach (the transport keeps retrying). */
  readonly code: number | ConnectFailureCode;
  readonly message: string;
  /** `server-rejected`: the HTTP status the server's socket URL answered with, when it could be read. */
  readonly status?: number;
}

export function isConnectFailureCode(code: unknown): code is ConnectFailureCode {
  return code === 'server-rejected' || code === 'server-unreachable' || code === 'server-timeout';
}

export interface TransportEventMap {
  /** The full member list of a room: after joining, and again after every reconnect. */
  peers: CustomEvent<PeersDetail>;
  joined: CustomEvent<PresenceDetail>;
  left: CustomEvent<PresenceDetail>;
  signal: CustomEvent<SignalDetail>;
  /** Data from a member through the server (transports that relay data: see `sendData`). */
  data: CustomEvent<DataDetail>;
  /** What `sendData` had waiting has all gone out. */
  'data-drain': CustomEvent<Record<string, never>>;
  /** Suggestions answering this peer's `report()` (transports that implement it). */
  suggest: CustomEvent<SuggestDetail>;
  state: CustomEvent<{ readonly state: TransportState }>;
  /**
   * A refusal from the other side (e.g. 404: that peer is gone), or the server out of reach (a
   * ConnectFailureCode, once per outage after a few quick retries); the transport keeps going.
   */
  'transport-error': CustomEvent<TransportErrorDetail>;
  /** The connection is lost and the next attempt to reach the server starts at `at` (ms since the epoch); transports that reconnect by themselves. */
  retry: CustomEvent<{ readonly at: number }>;
}

export interface SignalingTransport extends Emitter<TransportEventMap> {
  /** This peer's id (its key fingerprint). */
  readonly id: string;
  readonly state: TransportState;
  /**
   * True when presence has one order every member agrees on: `peers` lists exactly the members
   * that joined before us, and each later one arrives as `joined` (a member that joins again is
   * announced again). Rooms then have the newer member offer each link (Membership.offersTo).
   * Absent or false: members may each see the other arrive, and the smaller id offers.
   */
  readonly presenceOrdered?: boolean;
  /** Joins a room; resolves with the ids already there. */
  join(address: RoomAddress): Promise<readonly string[]>;
  leave(address: RoomAddress): Promise<void>;
  /** Sends a sealed envelope to a member of a joined room. */
  send(address: RoomAddress, to: string, env: string): void;
  /**
   * The largest payload `sendData` takes now; 0 while it can take none (not connected, or a
   * server that relays no data). Absent: the transport never relays data.
   */
  readonly dataLimit?: number;
  /** Bytes `sendData` holds back to keep to the server's budget. */
  readonly dataBuffered?: number;
  /**
   * Sends bytes (already encrypted to `to`: link/server-path.ts) to a member of a joined room
   * through the server, for links no WebRTC path forms. Paced to the server's budget; throws
   * SignalingError when it cannot take them (403 not in the room, 413 over `dataLimit`, 429 too
   * much waiting, 503 not connected). Optional: transports whose server relays data.
   */
  sendData?(address: RoomAddress, to: string, data: Uint8Array): void;
  /**
   * Reports RTTs to the peers this one is linked to in a joined room; a `suggest` event answers.
   * Throws ReportError for a report the other side would refuse, SignalingError (403) outside the
   * room. Optional: not every transport has someone to compare reports.
   */
  report?(address: RoomAddress, report: LatencyReport): void;
  /** While waiting to reconnect: tries now instead of at the scheduled time (a user's "Retry now"). Optional: transports that reconnect by themselves. */
  reconnectNow?(): void;
  close(): void;
}

export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Shared state and event plumbing for the transports. */
export abstract class TransportBase extends Emitter<TransportEventMap> {
  #state: TransportState = 'idle';

  get state(): TransportState {
    return this.#state;
  }

  protected setState(state: TransportState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', { state });
  }
}

export function roomKeyOf(address: RoomAddress): string {
  return `${address.ns}\n${address.room}`;
}
