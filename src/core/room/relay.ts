/**
 * The room's relay (mesh/gossip) as the room uses it: relayed frames are session frames in their
 * relayed form (session/relayed.ts), put on links as Relay frames; what arrives is an app message
 * or a channel frame, anything else is refused.
 */
import type { EnvelopeSigner } from '../envelope/envelope.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import { FrameKind } from '../link/frame.js';
import { Gossip, type GossipRejection } from '../mesh/gossip.js';
import { decodeRelayed, type RelayedFrame } from '../session/relayed.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { LinkPool } from './link-pool.js';

export interface RoomRelayOptions {
  readonly identity: EnvelopeSigner;
  readonly address: RoomAddress;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  readonly ttl?: number;
  readonly pool: LinkPool;
  /** A relayed session frame from `from`, through the neighbour `via`. */
  readonly deliver: (from: string, frame: RelayedFrame, via: string) => void;
  readonly reject: (rejection: GossipRejection) => void;
  /** An app message of ours that could not be relayed. */
  readonly messageFailed: (to: string, data: string, reason: string) => void;
}

export function roomRelay(options: RoomRelayOptions): Gossip {
  const { pool } = options;
  return new Gossip({
    identity: options.identity,
    address: options.address,
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
    neighbors: () => pool.connected,
    send: (neighbor, frame) => {
      const link = pool.get(neighbor);
      if (link?.state !== 'connected') return false;
      try {
        link.send(FrameKind.Relay, frame);
        return true;
      } catch {
        return false;
      }
    },
    deliver: (from, data, via) => {
      const relayed = decodeRelayed(data);
      if (relayed) options.deliver(from, relayed, via);
      else options.reject({ via, origin: from, code: 'malformed', message: 'a relayed message that is no session frame' });
    },
    reject: options.reject,
    failed: (to, data, reason) => {
      const relayed = decodeRelayed(data);
      if (relayed?.kind === FrameKind.Message) options.messageFailed(to ?? '*', relayed.text, reason);
    },
  });
}
