/**
 * One side of a connect benchmark, driven by run.ts. `prepare` puts this page in the room as the
 * peer that answers (it sends "hi" as soon as a data channel opens); `run` times, on the other
 * page, from joining to receiving that "hi".
 */
import { Peer as PeerJs } from 'peerjs';
import { Identity } from '../../src/core/identity/identity.js';
import { Room } from '../../src/core/room/room.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { loadSimplePeer } from '../../src/core/platform/simple-peer-loader.js';
import { memoryStore } from '../../src/core/platform/storage.js';

type System = 'peerkit' | 'peerkit-fallback' | 'peerjs' | 'simple-peer';
interface Servers {
  peerkit: string;
  peerjs: { host: string; port: number };
  relay: string;
  /** How long a link with no possible WebRTC path waits before going through the server (`peerkit-fallback`). */
  fallbackMs: number;
}

const identity = Identity.create({ name: `bench-${Math.random()}`, store: memoryStore() });
const cleanups: (() => void)[] = [];

function cleanup(): void {
  for (const run of cleanups.splice(0)) run();
}

/**
 * `peerkit-fallback`: no WebRTC path can form (relay candidates only, from a TURN server that is
 * not there), so the first message goes through the signaling server once the bound has passed.
 */
const NO_PATH = { iceServers: [{ urls: 'turn:127.0.0.1:9', username: 'nobody', credential: 'nothing' }], iceTransportPolicy: 'relay' as const };

async function peerkitSide(servers: Servers, room: string, timed: boolean, blocked = false): Promise<number | undefined> {
  const me = await identity;
  const start = performance.now();
  const transport = new WebSocketTransport(servers.peerkit, me);
  const peerRoom = new Room({ identity: me, transport, ns: 'bench-connect', room, ...(blocked ? { ...NO_PATH, serverFallbackMs: servers.fallbackMs } : {}) });
  cleanups.push(() => {
    void peerRoom.leave().finally(() => transport.close());
  });
  const firstMessage = new Promise<number>((resolve) => {
    peerRoom.addEventListener('peer', (event) => {
      if (!timed) peerRoom.send((event as CustomEvent<{ id: string }>).detail.id, 'hi');
    });
    peerRoom.addEventListener('message', () => resolve(performance.now() - start));
  });
  await peerRoom.join();
  return timed ? firstMessage : undefined;
}

async function peerjsSide(servers: Servers, room: string, timed: boolean): Promise<number | undefined> {
  const start = performance.now();
  const options = { host: servers.peerjs.host, port: servers.peerjs.port, path: '/', config: { iceServers: [] }, debug: 0 };
  if (!timed) {
    const peer = new PeerJs(`${room}-b`, options);
    cleanups.push(() => peer.destroy());
    peer.on('connection', (connection) => connection.on('open', () => connection.send('hi')));
    await new Promise((resolve) => peer.on('open', resolve));
    return undefined;
  }
  const peer = new PeerJs(`${room}-a`, options);
  cleanups.push(() => peer.destroy());
  await new Promise((resolve) => peer.on('open', resolve));
  const connection = peer.connect(`${room}-b`, { reliable: true });
  return new Promise((resolve) => connection.on('data', () => resolve(performance.now() - start)));
}

/** The floor: bare simple-peer (trickle on, no signing) over a relay that forwards JSON by id. */
async function simplePeerSide(servers: Servers, room: string, timed: boolean): Promise<number | undefined> {
  const SimplePeer = await loadSimplePeer();
  const start = performance.now();
  const me = `${room}-${timed ? 'a' : 'b'}`;
  const other = `${room}-${timed ? 'b' : 'a'}`;
  const socket = new WebSocket(`${servers.relay}/?id=${me}`);
  await new Promise((resolve) => socket.addEventListener('open', resolve));
  const peer = new SimplePeer({ initiator: timed, trickle: true, config: { iceServers: [] } });
  cleanups.push(() => {
    peer.destroy();
    socket.close();
  });
  // Closing the page's connections ends their channels with an RTCError ("Close called"): expected at cleanup.
  peer.on('error', () => undefined);
  peer.on('signal', (data: unknown) => socket.send(JSON.stringify({ to: other, data })));
  socket.addEventListener('message', (event) => peer.signal(JSON.parse(String(event.data)).data));
  if (!timed) {
    peer.on('connect', () => peer.send('hi'));
    return undefined;
  }
  return new Promise((resolve) => peer.on('data', () => resolve(performance.now() - start)));
}

const sides: Record<System, typeof peerkitSide> = {
  peerkit: peerkitSide,
  'peerkit-fallback': (servers, room, timed) => peerkitSide(servers, room, timed, true),
  peerjs: peerjsSide,
  'simple-peer': simplePeerSide,
};

(window as unknown as { bench: object }).bench = {
  ready: async () => {
    await identity;
    await loadSimplePeer();
  },
  prepare: (system: System, servers: Servers, room: string) => sides[system](servers, room, false),
  run: (system: System, servers: Servers, room: string) => sides[system](servers, room, true),
  cleanup,
};
(window as unknown as { benchReady: boolean }).benchReady = true;
