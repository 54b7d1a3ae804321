/**
 * Calls between real rooms in this page: real WebRTC links (signals over an in-memory signaling
 * network), Chromium's fake camera and microphone (--use-fake-device-for-media-stream), a drawn
 * canvas for a shared screen and a WebAudio tone for a microphone whose level is known.
 */
import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Room } from '../room/room.js';
import { open, seal } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory } from '../envelope/trust.js';
import type { SignalBody } from '../link/signals.js';
import { MemorySignalingNetwork, MemoryTransport } from '../signaling/memory.js';
import type { RoomAddress } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { Call, CallError, type CallEventMap, type CallPeer } from './call.js';
import { decodeCallState, encodeCallState, OUT_OF_CALL } from './call-state.js';
import { captureCamera, captureMicrophone } from './devices.js';

const NS = 'peerkit-test';

/** A memory transport whose outgoing signals can be changed on the way: by a hostile relay, or by their own sender. */
class TamperingTransport extends MemoryTransport {
  rewrite: ((env: string) => string | Promise<string>) | undefined;
  override send(address: RoomAddress, to: string, env: string): void {
    if (!this.rewrite) return super.send(address, to, env);
    void Promise.resolve(this.rewrite(env)).then((changed) => super.send(address, to, changed));
  }
}

/** What a relay can do to a sealed signal: change one character of it. */
const alterOneCharacter = (env: string) => `${env.slice(0, 40)}${env[40] === 'A' ? 'B' : 'A'}${env.slice(41)}`;

/** Rooms for `who` on one signaling network, not yet joined; their transports can watch or change signals on the way. */
function roomsOf(who: Identity[]): { rooms: Room[]; transports: TamperingTransport[] } {
  const network = new MemorySignalingNetwork();
  const name = `call-${Math.random()}`;
  const transports = who.map((identity) => new TamperingTransport(network, identity.fingerprint));
  const rooms = who.map((identity, at) => new Room({ identity, transport: transports[at]!, ns: NS, room: name, prewarm: false }));
  return { rooms, transports };
}

/** Rooms for `people`, joined and linked with one another. */
async function meshOf(people: Identity[]): Promise<{ rooms: Room[]; transports: TamperingTransport[] }> {
  const { rooms, transports } = roomsOf(people);
  for (const room of rooms) await room.join();
  await Promise.all(
    rooms.map(async (room) => {
      const others = rooms.filter((other) => other !== room).map((other) => other.id);
      while (!others.every((id) => room.linkState(id) === 'connected')) await nextEvent(room, 'peer');
    }),
  );
  return { rooms, transports };
}

/** Each call joins with Chromium's fake microphone and camera. */
async function joinWithDevices(calls: Call[]): Promise<void> {
  for (const call of calls) {
    call.setMicrophone(await captureMicrophone());
    call.setCamera(await captureCamera());
    call.join();
  }
}

/** Resolves with the first `peer` view of `call` that satisfies `holds` (checked now, then on each change). */
function peerWhere(call: Call, id: string, holds: (peer: CallPeer) => boolean): Promise<CallPeer> {
  const now = call.peers.find((peer) => peer.id === id);
  if (now && holds(now)) return Promise.resolve(now);
  return nextEvent<CallEventMap['peer']['detail']>(call, 'peer', ({ peer }) => peer.id === id && holds(peer)).then(({ peer }) => peer);
}

const liveVideo = (stream: MediaStream | undefined) => stream?.getVideoTracks().some((track) => track.readyState === 'live') === true;

/** Plays `stream` in a muted video element until `count` frames were decoded and shown. */
async function framesShown(stream: MediaStream, count: number): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  try {
    await video.play();
    for (let frame = 0; frame < count; frame++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    return video.videoWidth;
  } finally {
    video.remove();
  }
}

/** A continuous 440 Hz tone as a microphone track: its level is known, unlike the fake device's beeps. */
function toneTrack(context: AudioContext): MediaStreamTrack {
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  return destination.stream.getAudioTracks()[0]!;
}

/** The level (RMS) of `stream`'s audio as it plays, read on demand. */
function levelMeter(context: AudioContext, stream: MediaStream): { level(): number; stop(): void } {
  // Chromium hands a remote WebRTC stream's samples to WebAudio only while a media element plays it.
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = stream;
  void sink.play();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      return Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
    },
    stop: () => (sink.srcObject = null),
  };
}

/**
 * How many of the videos `room` receives from `from` are being decoded: frames decoded per
 * inbound video stream (WebRTC stats), compared over 0.7 s.
 */
async function videosDecoding(room: Room, from: string): Promise<number> {
  const decodedNow = async () => {
    const frames = new Map<string, number>();
    (await room.linkStats(from))!.forEach((report: { type: string; kind?: string; id: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames.set(report.id, report.framesDecoded ?? 0);
    });
    return frames;
  };
  const before = await decodedNow();
  await new Promise((resolve) => setTimeout(resolve, 700));
  const after = await decodedNow();
  return [...after].filter(([id, frames]) => frames > (before.get(id) ?? 0)).length;
}

/** Resolves once `holds()` is true, checked on every animation frame (what a meter on screen would show). */
async function frameUntil(holds: () => boolean): Promise<void> {
  while (!holds()) await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('calls', function () {
  this.timeout(60_000);
  let people: Identity[];
  before(async () => {
    people = await Promise.all(['Ann', 'Ben', 'Cat'].map((name) => identityNamed(name)));
  });

  it('three peers in a call each decode video from the other two, and see each other in the call', async () => {
    const { rooms } = await meshOf(people);
    const calls = rooms.map((group) => new Call({ group }));
    try {
      await joinWithDevices(calls);
      for (const [at, call] of calls.entries()) {
        for (const other of rooms.filter((_, index) => index !== at)) {
          const peer = await peerWhere(call, other.id, (view) => view.state.inCall && liveVideo(view.camera));
          expect(peer.state).to.include({ audio: 'on', video: 'on', screen: false });
          expect(await framesShown(peer.camera!, 5), 'a decoded picture').to.be.greaterThan(0);
        }
        expect(call.members.map((peer) => peer.id).sort()).to.deep.equal(rooms.filter((_, index) => index !== at).map((room) => room.id).sort());
      }
    } finally {
      for (const call of calls) call.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  /** Each description the two transports carry, as a relay sees it: "offer media video:sendrecv" and the like. */
  function watchDescriptions(who: Identity[], rooms: Room[], transports: TamperingTransport[]): string[] {
    const seen: string[] = [];
    const keys: KeyDirectory = { find: async (id) => who.find((identity) => identity.fingerprint === id)?.key, admit: async () => undefined };
    for (const [at, transport] of transports.entries()) {
      transport.rewrite = async (env) => {
        const opened = await open<SignalBody>(env, { ns: NS, room: rooms[at]!.address.room, me: rooms[1 - at]!.id, replay: new ReplayGuard(), keys });
        for (const signal of opened.body.signals) {
          if (typeof signal.sdp !== 'string') continue;
          const video = signal.sdp.split('\nm=').find((section) => section.startsWith('video'));
          const direction = video ? /a=(sendrecv|sendonly|recvonly|inactive)/.exec(video)?.[1] : undefined;
          seen.push(`${String(signal.type)}${opened.body.media ? ' media' : ''}${direction ? ` video:${direction}` : ''}`);
        }
        return env;
      };
    }
    return seen;
  }

  it('both in the call before they link: the tracks ride the first offer and answer (media said in the signed signals), no renegotiation needed', async () => {
    const who = people.slice(0, 2);
    const { rooms, transports } = roomsOf(who);
    const descriptions = watchDescriptions(who, rooms, transports);
    const calls = rooms.map((group) => new Call({ group }));
    try {
      await joinWithDevices(calls);
      for (const room of rooms) await room.join();
      for (const [at, call] of calls.entries()) {
        const peer = await peerWhere(call, rooms[1 - at]!.id, (view) => liveVideo(view.camera));
        expect(await framesShown(peer.camera!, 2), 'a decoded picture').to.be.greaterThan(0);
      }
      expect(descriptions.slice(0, 2)).to.deep.equal(['offer media video:sendrecv', 'answer media video:sendrecv']);
    } finally {
      for (const call of calls) call.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('privacy: a peer in the call links to one who is not: not one packet of its media goes there (tracks put in on the chance are taken back)', async () => {
    const who = [people[0]!, people[2]!];
    const { rooms } = roomsOf(who);
    const [annRoom, catRoom] = rooms as [Room, Room];
    const ann = new Call({ group: annRoom });
    const cat = new Call({ group: catRoom });
    try {
      ann.setMicrophone(await captureMicrophone());
      ann.setCamera(await captureCamera());
      ann.join();
      for (const room of rooms) await room.join();
      await peerWhere(cat, annRoom.id, (peer) => peer.state.inCall && peer.state.video === 'on');
      // Two guards hold this: the tracks come out when Cat's description says it takes no media
      // (before it applies), and again when the link is bound and Cat is not in the call.
      // Media starts within ≈ 100 ms of a negotiation: ten frames of Ann's camera later, any would have come.
      expect(await framesShown(ann.localCamera, 10)).to.be.greaterThan(0);
      let packets = 0;
      (await catRoom.linkStats(annRoom.id))!.forEach((report: { type: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp') packets += report.packetsReceived ?? 0;
      });
      expect(packets, 'media packets Cat received').to.equal(0);
      expect([...ann.videoBitrateCaps.keys()]).to.deep.equal([]);
    } finally {
      ann.close();
      cat.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('muting silences the microphone for the others (and says so); unmuting brings it back', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    const context = new AudioContext();
    try {
      ann.setMicrophone(toneTrack(context));
      ann.join();
      ben.join();
      const heard = await peerWhere(ben, rooms[0]!.id, (peer) => peer.camera?.getAudioTracks().length === 1);
      const meter = levelMeter(context, heard.camera!);
      await frameUntil(() => meter.level() > 0.1);
      ann.setMuted(true);
      await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.audio === 'muted');
      await frameUntil(() => meter.level() < 0.01);
      ann.setMuted(false);
      await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.audio === 'on');
      await frameUntil(() => meter.level() > 0.1);
      meter.stop();
    } finally {
      ann.close();
      ben.close();
      await context.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('a shared screen arrives as a second stream, told apart from the camera; stopping it ends it there', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 200;
    const draw = canvas.getContext('2d')!;
    const paint = setInterval(() => {
      draw.fillStyle = `hsl(${Date.now() % 360} 70% 50%)`;
      draw.fillRect(0, 0, 320, 200);
    }, 30);
    try {
      ann.setCamera(await captureCamera());
      ann.join();
      ben.join();
      await peerWhere(ben, rooms[0]!.id, (peer) => liveVideo(peer.camera));
      ann.setScreen(canvas.captureStream(30).getVideoTracks()[0]);
      const sharing = await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.screen && liveVideo(peer.screen));
      expect(sharing.screen!.id).to.not.equal(sharing.camera!.id);
      expect(await framesShown(sharing.screen!, 3)).to.equal(320);
      ann.setScreen(undefined);
      const stopped = await peerWhere(ben, rooms[0]!.id, (peer) => !peer.state.screen);
      expect(stopped.screen).to.equal(undefined);
      expect(liveVideo(stopped.camera), 'the camera goes on').to.equal(true);
    } finally {
      clearInterval(paint);
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('the camera off stops the camera (its light goes out) and the others see video off; on again, they see it again', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    try {
      const camera = await captureCamera();
      ann.setCamera(camera);
      ann.join();
      ben.join();
      await peerWhere(ben, rooms[0]!.id, (peer) => liveVideo(peer.camera));
      ann.setCamera(undefined);
      expect(camera.readyState, 'the device is released').to.equal('ended');
      expect(ann.state.video).to.equal('off');
      await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.video === 'off');
      ann.setCamera(await captureCamera());
      const back = await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.video === 'on');
      expect(await framesShown(back.camera!, 3)).to.be.greaterThan(0);
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('swapping the microphone or the camera for another device needs no renegotiation: no signal is sent, the video goes on', async () => {
    const { rooms, transports } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    const keys: KeyDirectory = { find: async (id) => people.find((person) => person.fingerprint === id)?.key, admit: async () => undefined };
    // Every signal either side sends from now on, opened: the renegotiation that adds the tracks ends with an answer.
    let signals = 0;
    let answered!: () => void;
    const renegotiated = new Promise<void>((resolve) => (answered = resolve));
    for (const [at, transport] of transports.entries()) {
      transport.rewrite = async (env) => {
        signals++;
        const opened = await open<SignalBody>(env, { ns: NS, room: rooms[0]!.address.room, me: rooms[1 - at]!.id, replay: new ReplayGuard(), keys });
        if (opened.body.signals.some((signal) => signal.type === 'answer')) answered();
        return env;
      };
    }
    try {
      ann.setMicrophone(await captureMicrophone());
      ann.setCamera(await captureCamera());
      ann.join();
      ben.join();
      const before = await peerWhere(ben, rooms[0]!.id, (peer) => liveVideo(peer.camera) && peer.camera!.getAudioTracks().length === 1);
      await renegotiated;
      const remoteTracks = before.camera!.getTracks();
      signals = 0;
      const [oldMicrophone, oldCamera] = [ann.localCamera.getAudioTracks()[0]!, ann.localCamera.getVideoTracks()[0]!];
      ann.setMicrophone(await captureMicrophone());
      ann.setCamera(await captureCamera());
      expect([oldMicrophone.readyState, oldCamera.readyState], 'the old devices are released').to.deep.equal(['ended', 'ended']);
      // Ben's tracks are the same ones, and show the new camera's frames.
      expect(await framesShown(before.camera!, 5)).to.be.greaterThan(0);
      expect(before.camera!.getTracks()).to.deep.equal(remoteTracks);
      expect(remoteTracks.every((track) => track.readyState === 'live')).to.equal(true);
      expect(signals, 'signals sent for the swap').to.equal(0);
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('leaving releases every device and tells the others', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    try {
      const tracks = [await captureMicrophone(), await captureCamera()];
      ann.setMicrophone(tracks[0]);
      ann.setCamera(tracks[1]);
      ann.join();
      ben.join();
      await peerWhere(ben, rooms[0]!.id, (peer) => liveVideo(peer.camera));
      ann.leave();
      expect(tracks.map((track) => track.readyState)).to.deep.equal(['ended', 'ended']);
      expect(ann.localCamera.getTracks()).to.deep.equal([]);
      const gone = await peerWhere(ben, rooms[0]!.id, (peer) => !peer.state.inCall);
      expect(gone.camera).to.equal(undefined);
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('attack: a relay that alters a renegotiation signal gets it refused; no track arrives, the link stays', async () => {
    const { rooms, transports } = await meshOf(people.slice(0, 2));
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    try {
      ben.join();
      await peerWhere(ann, rooms[1]!.id, (peer) => peer.state.inCall);
      // From now on the relay alters whatever signal either side sends: the renegotiation for Ann's camera.
      for (const transport of transports) transport.rewrite = alterOneCharacter;
      const refused = Promise.race(rooms.map((room) => nextEvent<{ code: string }>(room, 'signal-rejected')));
      ann.setCamera(await captureCamera());
      ann.join();
      // One character changed: the envelope no longer decodes, or its signature no longer holds.
      expect(['bad-signature', 'malformed']).to.include((await refused).code);
      // The link stays up and carries the call's state; Ben knows Ann's camera is on, and has no track of it.
      const seen = await peerWhere(ben, rooms[0]!.id, (peer) => peer.state.video === 'on');
      expect(seen.camera).to.equal(undefined);
      expect(rooms[1]!.linkState(rooms[0]!.id)).to.equal('connected');
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('attack: a member renegotiates its link with another DTLS certificate (another endpoint\'s): refused, no track arrives, the link stays', async () => {
    const { rooms, transports } = await meshOf(people.slice(0, 2));
    const [annRoom, benRoom] = rooms as [Room, Room];
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    const other = (await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams)).getFingerprints()[0]!.value!.toUpperCase();
    const address = { ns: NS, room: annRoom.address.room };
    const annKey: KeyDirectory = { find: async (id) => (id === annRoom.id ? people[0]!.key : undefined), admit: async () => undefined };
    try {
      ben.join();
      await peerWhere(ann, benRoom.id, (peer) => peer.state.inCall);
      // Ann (she holds her key: she can sign anything) swaps the certificate in each description she sends.
      transports[0]!.rewrite = async (env) => {
        const opened = await open<SignalBody>(env, { ...address, me: benRoom.id, replay: new ReplayGuard(), keys: annKey });
        if (!opened.body.signals.some((signal) => typeof signal.sdp === 'string')) return env;
        const signals = opened.body.signals.map((signal) => (typeof signal.sdp === 'string' ? { ...signal, sdp: signal.sdp.replace(/^(a=fingerprint:sha-256 )[0-9A-F:]+/gim, `$1${other}`) } : signal));
        return seal<SignalBody>(people[0]!, { ...address, to: benRoom.id, type: 'signal', body: { ...opened.body, signals } });
      };
      const refused = nextEvent<{ code: string; from: string }>(benRoom, 'signal-rejected');
      ann.setCamera(await captureCamera());
      ann.join();
      expect(await refused).to.include({ code: 'binding-failed', from: annRoom.id });
      const seen = await peerWhere(ben, annRoom.id, (peer) => peer.state.video === 'on');
      expect(seen.camera).to.equal(undefined);
      expect(benRoom.linkState(annRoom.id)).to.equal('connected');
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('attack: a member who sends a dozen videos (to make the others decode them) has one shown, the rest refused: not decoded', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [annRoom, benRoom] = rooms as [Room, Room];
    const [ann, ben] = rooms.map((group) => new Call({ group })) as [Call, Call];
    const received: MediaStreamTrack[] = [];
    benRoom.addEventListener('track', ({ detail }) => received.push(detail.track));
    try {
      ben.join();
      ann.setCamera(await captureCamera());
      ann.join();
      await peerWhere(ben, annRoom.id, (peer) => liveVideo(peer.camera));
      // Around its own Call, Ann's page sends eleven more videos in its camera stream and three more streams.
      const extra = await Promise.all(Array.from({ length: 14 }, () => captureCamera()));
      const streamId = ann.localCamera;
      for (const [at, track] of extra.entries()) annRoom.sendTrack(benRoom.id, track, at < 11 ? streamId : new MediaStream([track]));
      await frameUntil(() => received.length >= 15);
      const shown = ben.members.find((peer) => peer.id === annRoom.id)!;
      expect(shown.camera!.getVideoTracks()).to.have.length(1);
      // Kept: the first extra stream, in the place of the screen Ann may share; shown only once she says it is her screen.
      expect(shown.screen).to.equal(undefined);
      expect(received.filter((track) => track.readyState === 'ended'), 'the rest stopped').to.have.length(13);
      // Stopped is not enough: the browser decodes a stopped remote track's frames all the same.
      // Refused at the connection, only the two kept videos are still being decoded.
      while ((await videosDecoding(benRoom, annRoom.id)) > 2);
      expect(await videosDecoding(benRoom, annRoom.id), 'and it stays that way').to.be.at.most(2);
      for (const track of extra) track.stop();
    } finally {
      ann.close();
      ben.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('a track sent to a peer again (as after a reconnect) reuses its sender: no error, no second copy', async () => {
    const { rooms } = await meshOf(people.slice(0, 2));
    const [annRoom, benRoom] = rooms as [Room, Room];
    const received: string[] = [];
    benRoom.addEventListener('track', ({ detail }) => received.push(detail.track.kind));
    const camera = await captureCamera();
    const microphone = await captureMicrophone();
    const stream = new MediaStream([camera, microphone]);
    try {
      const first = annRoom.sendTrack(benRoom.id, camera, stream)!;
      const again = annRoom.sendTrack(benRoom.id, camera, stream)!;
      expect(again.track).to.equal(first.track);
      // Renegotiations are ordered: once the microphone sent after it arrives, a second camera would have too.
      annRoom.sendTrack(benRoom.id, microphone, stream);
      await frameUntil(() => received.includes('audio'));
      expect(received.sort()).to.deep.equal(['audio', 'video']);
    } finally {
      camera.stop();
      microphone.stop();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('the uplink budget is shared as the call grows: each copy of the video is capped once the copies would pass it, and freed again as it shrinks', async () => {
    const { rooms } = await meshOf(people);
    const limits = { uplinkBitsPerSecond: 2_000_000, maxVideoBitsPerSecond: 1_500_000, minVideoBitsPerSecond: 150_000 };
    const calls = rooms.map((group) => new Call({ group, limits }));
    const [ann, ben, cat] = rooms.map((room) => room.id);
    /** Resolves once Ann's copies are sent at exactly these caps, as her browser holds them. */
    const capsAre = async (wanted: Record<string, number | undefined>) => {
      const now = () => JSON.stringify(Object.fromEntries([...calls[0]!.videoBitrateCaps].sort()));
      const expected = JSON.stringify(Object.fromEntries(Object.entries(wanted).sort()));
      while (now() !== expected) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      calls[0]!.setCamera(await captureCamera());
      calls[0]!.join();
      calls[1]!.join();
      // One copy: 2 Mbps would allow more than the 1.5 Mbps a copy may have: the browser's own rate.
      await peerWhere(calls[1]!, ann!, (peer) => liveVideo(peer.camera));
      await capsAre({ [ben!]: undefined });
      // Two copies: 1 Mbps each.
      calls[2]!.join();
      await peerWhere(calls[2]!, ann!, (peer) => liveVideo(peer.camera));
      await capsAre({ [ben!]: 1_000_000, [cat!]: 1_000_000 });
      // One copy again: the cap comes off.
      calls[2]!.leave();
      await capsAre({ [ben!]: undefined });
    } finally {
      for (const call of calls) call.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('attack: a member whose own client ignores call-full joins anyway: its video is refused undecoded, and it is sent none', async () => {
    const { rooms } = await meshOf(people);
    const [annRoom, , catRoom] = rooms as [Room, Room, Room];
    // Ann and Ben keep the limit (two with video); Cat's client was changed to ignore it.
    const [ann, ben, cat] = rooms.map((group, at) => new Call({ group, limits: { maxVideoPeers: at === 2 ? 16 : 2 } })) as [Call, Call, Call];
    const fromCat: MediaStreamTrack[] = [];
    annRoom.addEventListener('track', ({ detail }) => detail.id === catRoom.id && fromCat.push(detail.track));
    try {
      ann.setCamera(await captureCamera());
      ann.join();
      ben.setCamera(await captureCamera());
      ben.join();
      await peerWhere(ben, annRoom.id, (peer) => liveVideo(peer.camera));
      await peerWhere(cat, annRoom.id, (peer) => peer.state.inCall);
      await peerWhere(cat, rooms[1]!.id, (peer) => peer.state.inCall);
      cat.setCamera(await captureCamera());
      cat.join();
      // Cat's camera reaches Ann's connection and is refused there: stopped, and not decoded.
      await frameUntil(() => fromCat.some((track) => track.kind === 'video'));
      expect(fromCat.filter((track) => track.kind === 'video').map((track) => track.readyState)).to.deep.equal(['ended']);
      while ((await videosDecoding(annRoom, catRoom.id)) > 0);
      expect(await videosDecoding(annRoom, catRoom.id), 'and it stays that way').to.equal(0);
      // Ann sends Cat her sound, not her video; Ben (second to join) still gets her video.
      expect([...ann.videoBitrateCaps.keys()]).to.deep.equal([rooms[1]!.id]);
      expect(ann.members.find((peer) => peer.id === catRoom.id)?.camera?.getVideoTracks() ?? []).to.deep.equal([]);
    } finally {
      for (const call of [ann, ben, cat]) call.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  it('a call with video holds at most maxVideoPeers members: the next one is refused with call-full', async () => {
    const { rooms } = await meshOf(people);
    const calls = rooms.map((group) => new Call({ group, limits: { maxVideoPeers: 2 } }));
    try {
      calls[0]!.setCamera(await captureCamera());
      calls[0]!.join();
      calls[1]!.join();
      await peerWhere(calls[2]!, rooms[1]!.id, (peer) => peer.state.inCall);
      await peerWhere(calls[2]!, rooms[0]!.id, (peer) => peer.state.inCall && peer.state.video === 'on');
      expect(() => calls[2]!.join()).to.throw(CallError).with.property('code', 'call-full');
      expect(calls[2]!.inCall).to.equal(false);
    } finally {
      for (const call of calls) call.close();
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });
});

describe('call state messages', () => {
  it('round-trip, and anything else is dropped (not a state, another version, a stream id too long)', () => {
    const state = { inCall: true, audio: 'muted', video: 'off', screen: true, streams: { camera: crypto.randomUUID(), screen: crypto.randomUUID() } } as const;
    expect(decodeCallState(encodeCallState(state))).to.deep.equal(state);
    expect(decodeCallState(encodeCallState(OUT_OF_CALL))).to.deep.equal(OUT_OF_CALL);
    const valid = encodeCallState(state);
    for (const bad of [null, 'in', [], { ...valid, v: 2 }, { ...valid, in: 'yes' }, { ...valid, audio: 'loud' }, { ...valid, video: true }, { ...valid, streams: { camera: 'x'.repeat(65) } }, { ...valid, streams: null }]) {
      expect(decodeCallState(bad), JSON.stringify(bad)).to.equal(undefined);
    }
  });
});
