/**
 * bench/room worker: one Node process hosting several room members, each a real `Room` on
 * @roamhq/wrtc with its own `WebSocketTransport` to the signaling server. Driven over IPC by
 * run.ts (see protocol.ts). Every member records, for each broadcast it gets: the delivery
 * latency (sender's timestamp inside the message, on the shared wall clock
 * `performance.timeOrigin + performance.now()`), and for relayed ones the moment the first copy
 * of the relay frame reached the member, before its signature was checked. Exits by itself when
 * the coordinator goes away or after a hard time limit.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { Link, LinkFactory } from '../../src/core/link/link.js';
import { GOSSIP_DEFAULT_TTL } from '../../src/core/mesh/gossip.js';
import { PeerLink } from '../../src/core/link/peer-link.js';
import { FrameKind, frameText } from '../../src/core/link/frame.js';
import { Room, type RoomEventMap, type RoomOptions } from '../../src/core/room/room.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import type { Command, PeerResult, PeerStatus, Reply } from './protocol.js';
import { Identity } from '../../src/core/identity/identity.js';
import { memoryStore } from '../../src/core/platform/storage.js';

type Wrtc = NonNullable<RoomOptions['wrtc']>;

/** With BENCH_ROOM_PROFILE=dir: a CPU profile of the broadcast phase (reset → stop), written there. */
const PROFILE_DIR = process.env.BENCH_ROOM_PROFILE;
let profiler: Session | undefined;
const HARD_LIMIT_MS = Number(process.env.BENCH_ROOM_WORKER_LIMIT_MS ?? 15 * 60_000);
setTimeout(() => {
  process.stderr.write(`bench/room worker ${process.pid}: hard time limit reached, exiting\n`);
  process.exit(3);
}, HARD_LIMIT_MS).unref();
process.on('disconnect', () => process.exit(0));

/** The room's default relay TTL (RoomOptions.relayTtl is left unset). */
const TTL = GOSSIP_DEFAULT_TTL;
const now = () => performance.timeOrigin + performance.now();

interface Peer {
  readonly id: string;
  readonly room: Room;
  readonly transport: WebSocketTransport;
  /** Links whose RTCPeerConnection is not closed yet (includes links in their goodbye grace). */
  readonly open: Set<Link>;
  readonly remotes: Map<Link, string>;
  readonly observations: string[];
  readonly events: Record<string, number>;
  maxOpen: number;
  /** Links up or being made, as the room reports them (linkState over its members). */
  maxLive: number;
  maxConnected: number;
  /** Relay frame ids whose first copy has arrived, and the arrival times of those not delivered yet. */
  readonly firstSeen: Set<string>;
  readonly arrivals: [at: number, hops: number][];
  readonly deliveries: [number, number, number, number][];
  framesAtReset: number;
  duplicatesAtReset: number;
  graftsAtReset: number;
  direct: number;
  rejected: number;
  rotations: number;
  readonly errors: string[];
}

const peers = new Map<string, Peer>();
let wrtc: Wrtc;
let config: { url: string; ns: string; room: string; maxLinks: number };
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let cpuAtReset = process.cpuUsage();
let wallAtReset = performance.now();

/** Every RTCPeerConnection made here, with when: stuck links are described by their states. */
const connections = new Map<RTCPeerConnection, number>();

function watched(base: Wrtc): Wrtc {
  const Base = (base as { RTCPeerConnection: typeof RTCPeerConnection }).RTCPeerConnection;
  class Watched extends Base {
    constructor(configuration?: RTCConfiguration) {
      try {
        super(configuration);
      } catch (error) {
        const key = `new RTCPeerConnection (${connections.size} open in this process): ${(error as Error).message}`.slice(0, 160);
        webrtcErrors[key] = (webrtcErrors[key] ?? 0) + 1;
        throw error;
      }
      connections.set(this as unknown as RTCPeerConnection, performance.now());
      // Failures of the calls simple-peer makes are counted (it reports only that the link failed).
      const self = this as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      for (const method of ['setRemoteDescription', 'setLocalDescription', 'createAnswer', 'createOffer', 'addIceCandidate']) {
        const original = self[method]!.bind(this);
        self[method] = (...args: unknown[]) => noted(`${method}(${(args[0] as { type?: string } | undefined)?.type ?? ''})`, original(...args));
      }
    }
  }
  return { ...base, RTCPeerConnection: Watched } as Wrtc;
}

/** WebRTC calls that failed in this process, by call and message. */
const webrtcErrors: Record<string, number> = {};

function noted<T>(call: string, promise: Promise<T>): Promise<T> {
  promise.catch((error: unknown) => {
    const key = `${call}: ${(error as Error).message}`.slice(0, 160);
    webrtcErrors[key] = (webrtcErrors[key] ?? 0) + 1;
  });
  return promise;
}

/** The connections that are neither connected nor closed, by their states and age. */
function unsettledConnections(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [connection, created] of connections) {
    if (connection.connectionState === 'closed' || connection.signalingState === 'closed') {
      connections.delete(connection);
      continue;
    }
    if (connection.connectionState === 'connected') continue;
    const age = performance.now() - created < 10_000 ? '< 10 s old' : '≥ 10 s old';
    const key = `signaling ${connection.signalingState}, ice ${connection.iceConnectionState}, connection ${connection.connectionState}, ${age}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function reply(message: Reply): void {
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
}

/** PeerLink.create, watched: open links counted, first copies of relay frames stamped. */
function trackLinks(owner: () => Peer): LinkFactory {
  return async (options) => {
    const link = await PeerLink.create(options);
    const peer = owner();
    peer.open.add(link);
    peer.remotes.set(link, options.remoteId ?? '?');
    peer.maxOpen = Math.max(peer.maxOpen, peer.open.size);
    if (peer.open.size > config.maxLinks && peer.room.mesh === 'partial' && peer.observations.length < 5) {
      // Which links are open beyond maxLinks, and whether the room still counts them.
      const list = [...peer.open].map((open) => {
        const remote = peer.remotes.get(open)!;
        // The link being made is not among the room's links until this factory returns.
        const roomView = open === link ? 'being made' : (peer.room.linkState(remote) ?? 'dropped by the room');
        return `${remote.slice(0, 6)} ${open.state}/${roomView}`;
      });
      peer.observations.push(`${peer.id.slice(0, 8)}: ${peer.open.size} RTCPeerConnections open (room counts ${peer.room.linked.length} connected): ${list.join(', ')}`);
    }
    link.addEventListener('state', (event) => {
      const { state } = event.detail;
      if (state === 'closed' || state === 'failed') {
        peer.open.delete(link);
        peer.remotes.delete(link);
      }
    });
    // Runs before the room's own listener (added after the factory returns): the first copy of
    // each relay frame is stamped here, before the gossip layer verifies and delivers it.
    link.addEventListener('frame', (event) => {
      if (event.detail.kind !== FrameKind.Relay) return;
      const target = peer;
      try {
        const frame = JSON.parse(frameText(event.detail.body)) as { i?: unknown; f?: unknown; o?: unknown; t?: unknown };
        if (typeof frame.i !== 'string' || frame.f === target.id || frame.o !== undefined || target.firstSeen.has(frame.i)) return;
        target.firstSeen.add(frame.i);
        // Frames leave their origin with `ttl` hops left and lose one per forward.
        target.arrivals.push([now(), typeof frame.t === 'number' ? TTL - frame.t + 1 : Number.NaN]);
      } catch {
        // Malformed: the room reports it.
      }
    });
    return link;
  };
}

async function createPeers(count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const identity = await Identity.create({ name: `${prefix}-${i}`, store: memoryStore() });
    // The link factory runs only once the room joins, after `peer` below exists.
    // eslint-disable-next-line prefer-const
    let peer: Peer;
    const transport = new WebSocketTransport(config.url, identity, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });
    const room = new Room({
      identity,
      transport,
      ns: config.ns,
      room: config.room,
      iceServers: [],
      wrtc,
      maxLinks: config.maxLinks,
      // Spares only speed up connecting; the benchmark is about broadcasts, and they would add idle
      // RTCPeerConnections to processes that already hold many.
      prewarm: false,
      links: trackLinks(() => peer),
    });
    peer = {
      id: identity.fingerprint,
      room,
      transport,
      open: new Set(),
      remotes: new Map(),
      observations: [],
      events: {},
      maxOpen: 0,
      maxLive: 0,
      maxConnected: 0,
      firstSeen: new Set(),
      arrivals: [],
      deliveries: [],
      framesAtReset: 0,
      duplicatesAtReset: 0,
      graftsAtReset: 0,
      direct: 0,
      rejected: 0,
      rotations: 0,
      errors: [],
    };
    room.addEventListener('link-state', () => {
      const live = room.peers.filter((id) => ['connecting', 'connected'].includes(room.linkState(id) ?? 'closed')).length;
      peer.maxLive = Math.max(peer.maxLive, live);
      peer.maxConnected = Math.max(peer.maxConnected, room.linked.length);
    });
    room.addEventListener('message', (event) => {
      const { data, via } = (event as RoomEventMap['message']).detail;
      const at = now();
      // Relayed: the oldest undelivered first arrival is this one (the gossip layer checks and
      // delivers in arrival order). Direct: no relay frame, no signature check.
      const [first, hops] = via === undefined ? [at, 1] : (peer.arrivals.shift() ?? [at, Number.NaN]);
      let message: { b?: unknown; t?: unknown };
      try {
        message = JSON.parse(data) as typeof message;
      } catch {
        return;
      }
      if (typeof message.b === 'number' && typeof message.t === 'number') peer.deliveries.push([message.b, at - message.t, first - message.t, hops]);
    });
    room.addEventListener('relay-rejected', () => {
      peer.rejected++;
      peer.arrivals.shift();
    });
    room.addEventListener('rotate', () => peer.rotations++);
    const count = (kind: string) => (peer.events[kind] = (peer.events[kind] ?? 0) + 1);
    room.addEventListener('signal-rejected', (event) => count(`signal rejected: ${(event as RoomEventMap['signal-rejected']).detail.code}`));
    const reached = new Set<string>();
    room.addEventListener('link-state', (event) => {
      const { id, state } = (event as RoomEventMap['link-state']).detail;
      if (state === 'connected') reached.add(id);
      if ((state === 'closed' || state === 'failed') && !reached.has(id)) count(`link ${state} before connecting`);
      if (state === 'closed' || state === 'failed') reached.delete(id);
    });
    room.addEventListener('error', (event) => {
      const { code, message } = (event as RoomEventMap['error']).detail;
      if (peer.errors.length < 20) peer.errors.push(`${code}: ${message}`);
    });
    peers.set(peer.id, peer);
    ids.push(peer.id);
  }
  return ids;
}

function status(detail: boolean): PeerStatus[] {
  return [...peers.values()].map((peer, index) => ({
    id: peer.id,
    peers: peer.room.peers.length,
    linked: [...peer.room.linked],
    mesh: peer.room.mesh,
    open: peer.open.size,
    ...(detail ? { states: Object.fromEntries(peer.room.peers.map((id) => [id, peer.room.linkState(id) ?? 'none'])), events: peer.events, ...(index === 0 ? { connections: unsettledConnections(), webrtcErrors } : {}) } : {}),
  }));
}

function results(): PeerResult[] {
  return [...peers.values()].map((peer) => ({
    id: peer.id,
    deliveries: peer.deliveries,
    framesSent: peer.room.relayStats.framesSent - peer.framesAtReset,
    duplicatesDropped: peer.room.relayStats.duplicates - peer.duplicatesAtReset,
    grafts: peer.room.relayStats.grafts - peer.graftsAtReset,
    direct: peer.direct,
    maxOpen: peer.maxOpen,
    maxLive: peer.maxLive,
    maxConnected: peer.maxConnected,
    linkedNow: peer.room.linked.length,
    openNow: peer.open.size,
    observations: peer.observations,
    events: peer.events,
    rejected: peer.rejected,
    rotations: peer.rotations,
    errors: peer.errors,
  }));
}

async function handle(command: Command): Promise<Reply> {
  switch (command.type) {
    case 'init': {
      config = command.config;
      const module = (await import('@roamhq/wrtc')) as { default?: unknown };
      wrtc = watched((module.default ?? module) as Wrtc);
      return { type: 'ids', seq: command.seq, ids: await createPeers(command.count, command.prefix) };
    }
    case 'join':
      await Promise.all(command.ids.map((id) => peers.get(id)!.room.join()));
      return { type: 'ok', seq: command.seq };
    case 'status':
      return { type: 'status', seq: command.seq, peers: status(command.detail === true) };
    case 'reset':
      for (const peer of peers.values()) {
        peer.framesAtReset = peer.room.relayStats.framesSent;
        peer.duplicatesAtReset = peer.room.relayStats.duplicates;
        peer.graftsAtReset = peer.room.relayStats.grafts;
        peer.deliveries.length = 0;
        peer.direct = 0;
      }
      loopDelay.reset();
      loopDelay.enable();
      if (PROFILE_DIR) {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.post('Profiler.start');
      }
      cpuAtReset = process.cpuUsage();
      wallAtReset = performance.now();
      return { type: 'ok', seq: command.seq };
    case 'broadcast': {
      const peer = peers.get(command.from)!;
      if (peer.room.mesh === 'full') peer.direct += peer.room.peers.length;
      peer.room.broadcast(JSON.stringify({ b: command.bid, t: now() }));
      return { type: 'ok', seq: command.seq };
    }
    case 'collect': {
      const cpu = process.cpuUsage(cpuAtReset);
      const wall = performance.now() - wallAtReset;
      return {
        type: 'results',
        seq: command.seq,
        peers: results(),
        cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      };
    }
    case 'stop':
      if (profiler && PROFILE_DIR) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(join(PROFILE_DIR, `${config.room}-${process.pid}.cpuprofile`), JSON.stringify(profile));
        profiler.disconnect();
      }
      await Promise.all([...peers.values()].map((peer) => Promise.race([peer.room.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))])));
      for (const peer of peers.values()) peer.transport.close();
      setTimeout(() => process.exit(0), 200);
      return { type: 'ok', seq: command.seq };
  }
}

process.on('message', (command: Command) => {
  handle(command).then(reply, (error: unknown) => reply({ type: 'error', seq: command.seq, message: (error as Error).stack ?? String(error) }));
});
reply({ type: 'hello', seq: 0 });
