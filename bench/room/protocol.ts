/** IPC between bench/room/run.ts (the coordinator) and its worker processes. */

export interface WorkerConfig {
  readonly url: string;
  readonly ns: string;
  readonly room: string;
  readonly maxLinks: number;
}

export type Command =
  | { type: 'init'; seq: number; config: WorkerConfig; count: number; prefix: string }
  | { type: 'join'; seq: number; ids: string[] }
  | { type: 'status'; seq: number; detail?: boolean }
  | { type: 'reset'; seq: number }
  | { type: 'broadcast'; seq: number; from: string; bid: number }
  | { type: 'collect'; seq: number }
  | { type: 'stop'; seq: number };

/** Distributes over Command's members, so each keeps its own fields. */
export type CommandBody<C = Command> = C extends Command ? Omit<C, 'seq'> : never;

export interface PeerStatus {
  readonly id: string;
  /** Members the room knows besides itself. */
  readonly peers: number;
  readonly linked: string[];
  readonly mesh: 'full' | 'partial';
  readonly open: number;
  /** With `detail`: this member's link state to each other member (absent: no link). */
  readonly states?: Record<string, string>;
  /** With `detail`: counts of link troubles (signal rejections by code, links failed or closed before connecting). */
  readonly events?: Record<string, number>;
  /** With `detail`, on the first member of each worker: that process's RTCPeerConnections neither connected nor closed, by state. */
  readonly connections?: Record<string, number>;
  /** Likewise: WebRTC calls that failed in that process, by call and message. */
  readonly webrtcErrors?: Record<string, number>;
}

export interface PeerResult {
  readonly id: string;
  /** [broadcast id, delivery latency ms, first relay frame arrival ms, hops of that first copy] per delivery. */
  readonly deliveries: [number, number, number, number][];
  /** Relay frames put on links since the reset (own and forwarded). */
  readonly framesSent: number;
  /** Relay copies dropped as already seen, since the reset. */
  readonly duplicatesDropped: number;
  /** Relayed messages asked for after only their id arrived, since the reset. */
  readonly grafts: number;
  /** Direct (full mesh) messages sent by broadcasts since the reset. */
  readonly direct: number;
  readonly maxOpen: number;
  readonly maxLive: number;
  readonly maxConnected: number;
  readonly linkedNow: number;
  /** RTCPeerConnections still open when collected. */
  readonly openNow: number;
  /** Snapshots taken when more RTCPeerConnections than maxLinks were open at once. */
  readonly observations: string[];
  /** Link troubles over the whole run, by kind. */
  readonly events: Record<string, number>;
  readonly rejected: number;
  readonly rotations: number;
  readonly errors: string[];
}

export type Reply =
  | { type: 'hello'; seq: 0 }
  | { type: 'ok'; seq: number }
  | { type: 'ids'; seq: number; ids: string[] }
  | { type: 'status'; seq: number; peers: PeerStatus[] }
  | { type: 'results'; seq: number; peers: PeerResult[]; cpuPercent: number; loopDelayP99Ms: number; loopDelayMaxMs: number }
  | { type: 'error'; seq: number; message: string };
