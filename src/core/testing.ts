/**
 * peerkit/core/testing: test doubles a user swaps in for the network, never needed in production.
 * An in-memory signaling network (presence, delivery with an optional delay per pair of peers,
 * latency reports and suggestions like the server's) and in-memory links (no WebRTC; per-pair
 * latency), so rooms can be tested in one page or in Node.
 */
export { MemorySignalingNetwork, MemoryTransport } from './signaling/memory.js';
export type { MemoryNetworkOptions } from './signaling/memory.js';
export { MemoryLinkNetwork } from './link/memory-links.js';
export type { MemoryLinkNetworkOptions } from './link/memory-links.js';
