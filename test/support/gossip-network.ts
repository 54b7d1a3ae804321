/**
 * Gossip relays wired into a small network for tests: each peer a real Gossip with a real identity,
 * frames delivered on the next macrotask like a data channel, and hooks for a hostile relay
 * (`rewrite`), dropped and restored links and restarts.
 */
import type { Identity } from '../../src/core/identity/identity.js';
import { Gossip, type GossipOptions, type GossipRejection } from '../../src/core/mesh/gossip.js';

export const ADDRESS = { ns: 'test.gossip', room: 'r' };

export interface GossipNode {
  readonly id: string;
  /** Replaced when the peer restarts. */
  gossip: Gossip;
  readonly delivered: { from: string; data: string; via: string }[];
  readonly rejected: GossipRejection[];
  readonly failed: string[];
  /** What this node put on its links. */
  readonly sent: string[];
  /** What came to this node over its links. */
  readonly received: string[];
  /** Changes each frame this node sends, or drops it (undefined): a hostile relay. Identity by default. */
  rewrite: (text: string) => string | undefined;
}

/** Gossip peers wired as the links say, delivering frames on the next macrotask like a channel. */
export function network(identities: Identity[], links: [number, number][], options: Partial<GossipOptions> = {}) {
  const nodes = new Map<string, GossipNode>();
  const neighbors = new Map<string, Set<string>>(identities.map((identity) => [identity.fingerprint, new Set()]));
  const up = (a: string, b: string) => {
    neighbors.get(a)!.add(b);
    neighbors.get(b)!.add(a);
  };
  const down = (a: string, b: string) => {
    neighbors.get(a)!.delete(b);
    neighbors.get(b)!.delete(a);
    nodes.get(a)!.gossip.forgetNeighbor(b);
    nodes.get(b)!.gossip.forgetNeighbor(a);
  };
  for (const [a, b] of links) up(identities[a]!.fingerprint, identities[b]!.fingerprint);
  const relayFor = (identity: Identity, node: GossipNode) => {
    const id = identity.fingerprint;
    return new Gossip({
      ...options,
      identity,
      address: ADDRESS,
      neighbors: () => [...neighbors.get(id)!],
      send: (to, frame) => {
        if (!neighbors.get(id)!.has(to)) return false;
        const text = node.rewrite(frame);
        if (text === undefined) return true;
        node.sent.push(text);
        setTimeout(() => {
          const receiver = nodes.get(to)!;
          receiver.received.push(text);
          receiver.gossip.receive(id, text);
        }, 0);
        return true;
      },
      deliver: (from, data, via) => node.delivered.push({ from, data, via }),
      reject: (rejection) => node.rejected.push(rejection),
      failed: (_to, data) => node.failed.push(data),
    });
  };
  for (const identity of identities) {
    const node = { id: identity.fingerprint, delivered: [], rejected: [], failed: [], sent: [], received: [], rewrite: (text: string) => text } as Omit<GossipNode, 'gossip'> as GossipNode;
    node.gossip = relayFor(identity, node);
    nodes.set(identity.fingerprint, node);
  }
  /** The peer at `at` starts a new session (a reload): a new relay, with a new X25519 key. */
  const restart = (at: number) => {
    const identity = identities[at]!;
    const node = nodes.get(identity.fingerprint)!;
    node.gossip.close();
    node.gossip = relayFor(identity, node);
  };
  return { nodes: identities.map((identity) => nodes.get(identity.fingerprint)!), up, down, restart };
}

/** Resolves once `done()` holds, checking after each macrotask; fails after `ms`. */
export async function settle(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('did not settle');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A frame as a relay would put it on a link. */
export function frame(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

/** A message id (16 base64url characters) made from a number. */
export function idOf(n: number): string {
  return String(n).padStart(16, 'J');
}

/** One base64url character swapped for another. */
export function otherChar(char: string): string {
  return char === 'A' ? 'B' : 'A';
}

/** `from` sends a broadcast whose first whole frame is held back; resolves with that frame and its id. */
export async function heldBack(from: GossipNode, data: string): Promise<{ id: string; frame: string }> {
  let held: string | undefined;
  const rewrite = from.rewrite;
  from.rewrite = (text) => {
    if (held === undefined && text.startsWith('{"i"')) {
      held = text;
      return undefined;
    }
    return rewrite(text);
  };
  from.gossip.send(data);
  await settle(() => held !== undefined);
  return { id: (JSON.parse(held!) as { i: string }).i, frame: held! };
}

/** `from` sends a broadcast whose first whole frame is lost on the way; resolves with its id. */
export async function lostOnTheWay(from: GossipNode, data: string): Promise<string> {
  return (await heldBack(from, data)).id;
}
