/**
 * The signaling server's limits and their defaults: one list for every backend (the Node server,
 * and the Durable Objects of cloudflare/), so a deployment behaves the same wherever it runs.
 */
export interface ServerLimits {
  /** Largest accepted frame or HTTP body, in bytes. */
  readonly maxFrameBytes: number;
  /** Largest envelope, proof or pair-request signal inside a frame. */
  readonly maxSignalBytes: number;
  readonly maxRoomsPerSocket: number;
  readonly maxPeersPerRoom: number;
  /** Seats of one room that members from one address may hold (419 past it). */
  readonly maxPeersPerRoomPerIp: number;
  readonly maxSocketsPerIp: number;
  /** Frames per second per socket (token bucket rate) and burst. */
  readonly socketRate: number;
  readonly socketBurst: number;
  /** Frames and HTTP requests per second per IP, and burst. */
  readonly ipRate: number;
  readonly ipBurst: number;
  /** Error frames a socket may earn per second (and burst) before it is closed for misbehaving. */
  readonly errorRate: number;
  readonly errorBurst: number;
  readonly pairTimeoutMs: number;
  readonly pairedMemoryMs: number;
  readonly maxPendingPairs: number;
  /** Held pair requests one address may have at once (439 past it). */
  readonly maxPendingPairsPerIp: number;
  /** GET /ice requests per second per address, and burst (429 past it). */
  readonly iceRate: number;
  readonly iceBurst: number;
  /** WebSocket ping interval; a socket that misses one pong is dropped. */
  readonly heartbeatMs: number;
  /** A socket that sends no frame for this long is closed (clients send `ping`). */
  readonly idleTimeoutMs: number;
  /** A connection may send one latency report per room this often; an earlier one is refused (297). */
  readonly reportIntervalMs: number;
  /**
   * Join-proof nonces remembered to make each proof single-use, in all (bounded per key inside:
   * see ReplayGuard). Size it above the joins one freshness window (±2 min) brings.
   */
  readonly maxProofNonces: number;
  /**
   * `data` frames (a link's frames through the server while no WebRTC path forms): the largest
   * payload, in bytes (0 relays none), and the bytes a second (and burst) one socket, one address
   * and the whole server may relay. A member past its budget is refused (297) and the frame dropped;
   * clients pace themselves by what the hello says.
   */
  readonly maxDataBytes: number;
  readonly dataRate: number;
  readonly dataBurst: number;
  readonly ipDataRate: number;
  readonly ipDataBurst: number;
  readonly serverDataRate: number;
  readonly serverDataBurst: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxFrameBytes: 80 * 1024,
  maxSignalBytes: 64 * 1024,
  maxRoomsPerSocket: 16,
  maxPeersPerRoom: 256,
  // A quarter of a room: it takes four addresses to fill one. Applies to loopback too (60-peer
  // tests and benchmarks fit); raise it where many members share one address (a big NAT).
  maxPeersPerRoomPerIp: 64,
  maxSocketsPerIp: 256,
  socketRate: 100,
  socketBurst: 200,
  ipRate: 1000,
  ipBurst: 2000,
  errorRate: 1,
  errorBurst: 20,
  pairTimeoutMs: 15_000,
  pairedMemoryMs: 5 * 60_000,
  maxPendingPairs: 10_000,
  // Honest waiters pair each other at once, so an address rarely holds more than a few; it takes
  // 157 addresses to fill the queue.
  maxPendingPairsPerIp: 64,
  // A client fetches /ice once per page and again at half the credentials' life.
  iceRate: 5,
  iceBurst: 50,
  heartbeatMs: 30_000,
  idleTimeoutMs: 120_000,
  reportIntervalMs: 1000,
  maxProofNonces: 20_000,
  // A chat's worth, not a file transfer's: the server is the last resort, not a TURN server.
  maxDataBytes: 16 * 1024,
  dataRate: 64 * 1024,
  dataBurst: 256 * 1024,
  ipDataRate: 256 * 1024,
  ipDataBurst: 1024 * 1024,
  serverDataRate: 16 * 1024 * 1024,
  serverDataBurst: 32 * 1024 * 1024,
};

/** The names three limits had before the pair protocol had a name of its own; still read, for one release. */
export interface DeprecatedServerLimits {
  /** @deprecated Use `pairTimeoutMs`. */
  readonly linkTimeoutMs?: number;
  /** @deprecated Use `maxPendingPairs`. */
  readonly maxPendingLinks?: number;
  /** @deprecated Use `maxPendingPairsPerIp`. */
  readonly maxPendingLinksPerIp?: number;
}

/** The defaults with `given` over them; an old name counts unless its new name is given too. */
export function serverLimits(given: Partial<ServerLimits> & DeprecatedServerLimits = {}): ServerLimits {
  const { linkTimeoutMs, maxPendingLinks, maxPendingLinksPerIp, ...current } = given;
  const renamed: Partial<ServerLimits> = {
    ...(linkTimeoutMs !== undefined ? { pairTimeoutMs: linkTimeoutMs } : {}),
    ...(maxPendingLinks !== undefined ? { maxPendingPairs: maxPendingLinks } : {}),
    ...(maxPendingLinksPerIp !== undefined ? { maxPendingPairsPerIp: maxPendingLinksPerIp } : {}),
  };
  return { ...DEFAULT_LIMITS, ...renamed, ...current };
}
