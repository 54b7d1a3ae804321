/**
 * What a Room needs from a link to one peer. PeerLink (WebRTC) is the real one; a test transport
 * (memory-links.ts) stands in where real WebRTC cannot be shaped, e.g. to slow one link down.
 */
import type { LinkPath, LinkState, PeerLinkEventMap, PeerLinkOptions } from './peer-link.js';

export interface RoomLink extends EventTarget {
  readonly state: LinkState;
  /** Smoothed round-trip time in ms; undefined before the first measurement. */
  readonly rtt: number | undefined;
  readonly path: LinkPath;
  /** Hands a signal the transport delivered from the remote to this link. */
  receive(env: string): Promise<void>;
  /** Addresses a spare link (made without `remoteId`) to a peer. */
  claim(remoteId: string, sendSignal: (env: string) => void): void;
  openChannel(label: string, id: number): RTCDataChannel;
  send(data: string): void;
  close(): void;
  addEventListener<K extends keyof PeerLinkEventMap>(type: K, listener: (event: PeerLinkEventMap[K]) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}

/** Makes links: `PeerLink.create` by default. */
export type LinkFactory = (options: PeerLinkOptions) => Promise<RoomLink>;
