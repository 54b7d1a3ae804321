/**
 * One side of the call benchmark, driven by run.ts. Both sides hold Chromium's fake camera before
 * the clock starts (opening the device is not the library's time). `prepare` puts this page in the
 * room, answering calls; `run` times, on the other page, from joining to the first frame of the
 * other side's video shown (`requestVideoFrameCallback`).
 */
import { Peer as PeerJs } from 'peerjs';
import { Call } from '../../src/core/call/call.js';
import { Room } from '../../src/core/room/room.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { Identity } from '../../src/core/identity/identity.js';
import { memoryStore } from '../../src/core/platform/storage.js';

type System = 'peerkit' | 'peerjs';
interface Servers {
  peerkit: string;
  peerjs: { host: string; port: number };
}

let camera: MediaStream | undefined;
const cleanups: (() => void)[] = [];

function cleanup(): void {
  for (const run of cleanups.splice(0)) run();
}

/** Resolves once `stream`'s video has shown its first frame on this page. */
function firstFrame(stream: MediaStream): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  cleanups.push(() => video.remove());
  // Removed at cleanup, possibly before it started playing: that interruption is expected.
  video.play().catch(() => undefined);
  return new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
}

async function peerkitSide(servers: Servers, room: string, timed: boolean): Promise<number | undefined> {
  // A new key each run, as between strangers. The joining (timed) page offers, being the newer
  // member, so it receives in the direction WebRTC starts first (the answerer's video reaches the
  // offerer ≈ 45 ms before the offerer's reaches the answerer).
  const me = await Identity.create({ name: `bench-${Math.random()}`, store: memoryStore() });
  const start = performance.now();
  const transport = new WebSocketTransport(servers.peerkit, me);
  const group = new Room({ identity: me, transport, ns: 'bench-call', room });
  const call = new Call({ group });
  // A clone per run: the call stops its tracks when it leaves.
  call.setCamera(camera!.getVideoTracks()[0]!.clone());
  cleanups.push(() => {
    call.close();
    void group.leave().finally(() => transport.close());
  });
  call.join();
  const shown = new Promise<number>((resolve) => {
    const off = call.on('peer', ({ peer }) => {
      if (!peer.camera?.getVideoTracks().length) return;
      off();
      void firstFrame(peer.camera).then(() => resolve(performance.now() - start));
    });
  });
  await group.join();
  return timed ? shown : undefined;
}

async function peerjsSide(servers: Servers, room: string, timed: boolean): Promise<number | undefined> {
  const start = performance.now();
  const options = { host: servers.peerjs.host, port: servers.peerjs.port, path: '/', config: { iceServers: [] }, debug: 0 };
  const stream = new MediaStream([camera!.getVideoTracks()[0]!.clone()]);
  cleanups.push(() => stream.getTracks().forEach((track) => track.stop()));
  if (!timed) {
    const peer = new PeerJs(`${room}-b`, options);
    cleanups.push(() => peer.destroy());
    peer.on('call', (call) => call.answer(stream));
    await new Promise((resolve) => peer.on('open', resolve));
    return undefined;
  }
  const peer = new PeerJs(`${room}-a`, options);
  cleanups.push(() => peer.destroy());
  await new Promise((resolve) => peer.on('open', resolve));
  const call = peer.call(`${room}-b`, stream);
  const remote = await new Promise<MediaStream>((resolve) => call.on('stream', resolve));
  await firstFrame(remote);
  return performance.now() - start;
}

const sides: Record<System, typeof peerkitSide> = { peerkit: peerkitSide, peerjs: peerjsSide };

(window as unknown as { bench: object }).bench = {
  ready: async () => {
    camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 } });
  },
  prepare: (system: System, servers: Servers, room: string) => sides[system](servers, room, false),
  run: (system: System, servers: Servers, room: string) => sides[system](servers, room, true),
  cleanup,
};
(window as unknown as { benchReady: boolean }).benchReady = true;
