/**
 * One member of the 4-page call in bench/call/cpu.ts. Both systems send the same tracks (Chromium's
 * fake microphone and camera, 640×360 at 15 fps) and show every other member's video:
 * - peerkit: `<peer-room>` with `<peer-call>`, joined as a user joins (its `capture` hands it the
 *   bench's tracks), so the kit's whole cost counts: sealed renegotiations, call state, the tiles,
 *   speaking detection, the bitrate budget;
 * - bare: one RTCPeerConnection per other member with the same tracks and a <video> per remote,
 *   signaled through the runner (which is not timed: only steady-state CPU is measured).
 */
import '../../src/elements/peer-room/define.js';
import '../../src/elements/peer-call/define.js';
import type { PeerCallElement } from '../../src/elements/peer-call/peer-call.js';
import type { DeviceKind } from '../../src/core/call/devices.js';
import { Identity } from '../../src/core/identity/identity.js';
import { memoryStore } from '../../src/core/platform/storage.js';

declare global {
  interface Window {
    /** Exposed by the runner: hands a signal to another page of the bare mesh. */
    benchSignal(to: number, message: string): Promise<void>;
  }
}

const constraints: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true },
  video: { width: 640, height: 360, frameRate: 15 },
};
const identity = Identity.create({ name: `cpu-${Math.random()}`, store: memoryStore() });
const connections = new Map<number, RTCPeerConnection>();

async function tracks(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(constraints);
}

/** As `<peer-call>` shows a member: a muted <video>, and the sound through an <audio> of its own. */
function show(stream: MediaStream, local: boolean): void {
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.muted = true;
  video.srcObject = stream;
  if (local) video.dataset.local = '';
  document.body.append(video);
  if (local) return;
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = stream;
  document.body.append(audio);
}

async function startPeerkit(server: string, room: string): Promise<void> {
  const media = await tracks();
  const element = document.createElement('peer-room');
  element.identity = await identity;
  element.setAttribute('server', server);
  element.setAttribute('ns', 'bench-cpu');
  element.setAttribute('room', room);
  const call = document.createElement('peer-call') as PeerCallElement;
  call.capture = async (kind: DeviceKind) => (kind === 'microphone' ? media.getAudioTracks()[0]! : media.getVideoTracks()[0]!).clone();
  element.append(call);
  document.body.append(element);
  await customElements.whenDefined('peer-call');
  // Joins once its room runs (the Join button is enabled then).
  while (!call.call) await new Promise((resolve) => setTimeout(resolve, 50));
  await call.join();
}

async function startBare(self: number, count: number): Promise<void> {
  const media = await tracks();
  show(media, true);
  for (let other = 0; other < count; other++) {
    if (other === self) continue;
    const connection = new RTCPeerConnection({ iceServers: [] });
    connections.set(other, connection);
    for (const track of media.getTracks()) connection.addTrack(track, media);
    connection.ontrack = ({ track, streams }) => track.kind === 'video' && show(streams[0]!, false);
    connection.onicecandidate = ({ candidate }) => void window.benchSignal(other, JSON.stringify({ candidate }));
    // The lower index offers, once: no renegotiation in a bare mesh.
    if (self < other) {
      await connection.setLocalDescription();
      void window.benchSignal(other, JSON.stringify({ description: connection.localDescription }));
    }
  }
}

async function receiveBare(from: number, message: string): Promise<void> {
  const connection = connections.get(from)!;
  const { description, candidate } = JSON.parse(message) as { description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit | null };
  // A null candidate ends the remote's gathering.
  if (!description) return candidate ? connection.addIceCandidate(candidate) : undefined;
  await connection.setRemoteDescription(description);
  if (description.type === 'offer') {
    await connection.setLocalDescription();
    await window.benchSignal(from, JSON.stringify({ description: connection.localDescription }));
  }
}

/** Every <video> on the page, the call's tiles too. */
function videos(): HTMLVideoElement[] {
  const call = document.querySelector('peer-call');
  return [...document.querySelectorAll('video'), ...(call?.shadowRoot?.querySelectorAll('video') ?? [])];
}

/** Frames shown so far by the videos of other members (not the local preview). */
function remoteFramesShown(): { playing: number; frames: number } {
  const remote = videos().filter((video) => !video.matches('[data-local]') && !video.closest('[part~="tile-local"]') && video.videoWidth > 0);
  return { playing: remote.length, frames: remote.reduce((sum, video) => sum + video.getVideoPlaybackQuality().totalVideoFrames, 0) };
}

window.bench = { startPeerkit, startBare, receiveBare, remoteFramesShown };
(window as unknown as { benchReady: boolean }).benchReady = true;

declare global {
  interface Window {
    bench: { startPeerkit: typeof startPeerkit; startBare: typeof startBare; receiveBare: typeof receiveBare; remoteFramesShown: typeof remoteFramesShown };
  }
}
