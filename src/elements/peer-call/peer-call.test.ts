/**
 * `<peer-call>` between two (or three) `<peer-room>`s in this page, meeting over BroadcastChannel
 * with real WebRTC, Chromium's fake camera and microphone.
 */
import { expect } from 'chai';
import type { DeviceKind } from '../../core/call/devices.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { sendKeys } from '../../../test/support/browser-input.js';
import { connectedTo, domCondition, mountedPerTest, roomElement } from '../../../test/support/elements.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import type { PeerCallElement } from './peer-call.js';
import './define.js';
import '../peer-list/define.js';

const shadow = (call: PeerCallElement) => call.shadowRoot!;
const part = (call: PeerCallElement, name: string) => shadow(call).querySelector<HTMLElement>(`[part~="${name}"]`);

/** The focused element, looking into shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Chromium's track generator (insertable streams), which the DOM typings lack. */
declare const MediaStreamTrackGenerator: new (init: { kind: 'video' }) => MediaStreamTrack & { writable: WritableStream<VideoFrame> };

/**
 * A camera made by the page, as an app's processed camera is (a blurred background, say): frames
 * drawn and written into a track generator. Closing it ends the track as an unplugged camera does.
 */
function generatedCamera(): { track: MediaStreamTrack; unplug(): Promise<void> } {
  const generator = new MediaStreamTrackGenerator({ kind: 'video' });
  const writer = generator.writable.getWriter();
  const canvas = new OffscreenCanvas(320, 180);
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const timer = setInterval(() => {
    context.fillStyle = `hsl(${(frame * 12) % 360} 60% 50%)`;
    context.fillRect(0, 0, 320, 180);
    const picture = new VideoFrame(canvas, { timestamp: frame++ * 66_000 });
    writer.write(picture).catch(() => picture.close());
  }, 66);
  return {
    track: generator,
    unplug: async () => {
      clearInterval(timer);
      await writer.close();
    },
  };
}

describe('<peer-call>', function () {
  this.timeout(60_000);
  const mount = mountedPerTest();

  /** Rooms for `names`, each with a `<peer-call>`, linked with one another. */
  async function callsIn(names: string[], attributes: Record<string, string> = {}): Promise<{ room: PeerRoomElement; call: PeerCallElement }[]> {
    const ns = `call-${Math.random()}`;
    const made = await Promise.all(
      names.map(async (name) => {
        const room = await roomElement(name, { ns, room: 'r' });
        const call = document.createElement('peer-call');
        for (const [key, value] of Object.entries(attributes)) call.setAttribute(key, value);
        room.append(call);
        mount(room);
        return { room, call };
      }),
    );
    for (const one of made) for (const other of made) if (other !== one) await connectedTo(one.room, other.room.identity!.fingerprint);
    for (const { call } of made) await domCondition(shadow(call), () => part(call, 'join') !== null && !part(call, 'join')!.hasAttribute('disabled'));
    return made;
  }

  /** Resolves once `video` has shown `count` decoded frames. */
  async function framesShown(video: HTMLVideoElement, count: number): Promise<void> {
    for (let frame = 0; frame < count; frame++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
  }

  it('two members join: each sees the other\'s video and name in a tile, and its own preview; the tiles pass axe', async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    part(ann!.call, 'join')!.click();
    part(ben!.call, 'join')!.click();
    for (const [me, other] of [[ann!, ben!], [ben!, ann!]] as const) {
      const tile = () => shadow(me.call).querySelector<HTMLElement>(`[data-peer="${other.room.identity!.fingerprint}"]`);
      await domCondition(shadow(me.call), () => tile()?.querySelector('video') != null);
      expect(tile()!.textContent).to.include(other.room.identity!.name);
      await framesShown(tile()!.querySelector('video')!, 3);
      expect(shadow(me.call).querySelector('[part~="tile-local"] video'), 'own preview').to.not.equal(null);
    }
    expect(await accessibilityViolations(ann!.call)).to.deep.equal([]);
  });

  it("the room's <peer-list> says who is in the call", async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    const list = document.createElement('peer-list');
    ann!.room.append(list);
    const benRow = () => list.shadowRoot!.querySelector(`[part="peer"][data-peer="${ben!.room.identity!.fingerprint}"] [part="state"]`);
    await domCondition(list.shadowRoot!, () => benRow() !== null);
    expect(benRow()!.textContent).to.not.include('in the call');
    part(ben!.call, 'join')!.click();
    await domCondition(list.shadowRoot!, () => benRow()?.textContent?.includes('in the call') === true);
    part(ben!.call, 'leave')!.click();
    await domCondition(list.shadowRoot!, () => benRow()?.textContent?.includes('in the call') === false);
  });

  it('mute is a pressed toggle, and the other tile says muted; the camera off shows the avatar there', async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    part(ann!.call, 'join')!.click();
    part(ben!.call, 'join')!.click();
    const annId = ann!.room.identity!.fingerprint;
    const annTile = () => shadow(ben!.call).querySelector<HTMLElement>(`[data-peer="${annId}"]`);
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('video') != null);
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'microphone') !== null);
    const microphone = part(ann!.call, 'microphone')!;
    expect(microphone.getAttribute('aria-pressed')).to.equal('false');
    microphone.click();
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'microphone')!.getAttribute('aria-pressed') === 'true');
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('[aria-label="Muted"]') != null);
    part(ann!.call, 'camera')!.click();
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('video') == null && annTile()?.querySelector('.avatar') != null);
    expect(ann!.call.call!.localCamera.getVideoTracks()).to.deep.equal([]);
  });

  it("a speaking member's tile gets a ring, on the other side too; muted, the ring goes", async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    // Ann's microphone is a steady tone: she "speaks" all the time, until she mutes.
    const context = new AudioContext();
    const fallback = ann!.call.capture;
    ann!.call.capture = async (kind: DeviceKind, deviceId?: string) => {
      if (kind !== 'microphone') return fallback(kind, deviceId);
      const oscillator = context.createOscillator();
      const destination = context.createMediaStreamDestination();
      oscillator.connect(destination);
      oscillator.start();
      return destination.stream.getAudioTracks()[0]!;
    };
    try {
      part(ann!.call, 'join')!.click();
      part(ben!.call, 'join')!.click();
      const annTile = () => shadow(ben!.call).querySelector<HTMLElement>(`[data-peer="${ann!.room.identity!.fingerprint}"]`);
      await domCondition(shadow(ben!.call), () => annTile()?.matches('[part~="tile-speaking"]') === true);
      await domCondition(shadow(ann!.call), () => part(ann!.call, 'tile-local')?.matches('[part~="tile-speaking"]') === true);
      part(ann!.call, 'microphone')!.click();
      await domCondition(shadow(ben!.call), () => annTile()?.matches('[part~="tile-speaking"]') === false);
    } finally {
      await context.close();
    }
  });

  it('a refused camera is said in place with "Try again"; the call goes on with the microphone, and trying again brings the camera', async () => {
    const [ann] = await callsIn(['Ann', 'Ben']);
    let refuse = true;
    const fallback = ann!.call.capture;
    // Refused as the browser refuses (a DOMException named NotAllowedError), through an app's own capture.
    ann!.call.capture = (kind: DeviceKind, deviceId?: string) => (kind === 'camera' && refuse ? Promise.reject(new DOMException('denied by the test', 'NotAllowedError')) : fallback(kind, deviceId));
    const errors: string[] = [];
    ann!.call.addEventListener('peer-error', (event) => errors.push(String(event.detail.code)));
    part(ann!.call, 'join')!.click();
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'alert') !== null && part(ann!.call, 'controls') !== null);
    expect(part(ann!.call, 'alert')!.textContent).to.include('camera was not allowed');
    expect(errors).to.deep.equal(['permission-denied']);
    expect(ann!.call.call!.state).to.include({ inCall: true, audio: 'on', video: 'none' });
    refuse = false;
    part(ann!.call, 'retry')!.click();
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'alert') === null && ann!.call.call!.state.video === 'on');
  });

  it('a camera lost during the call is said in place with "Try again"; the others see the avatar; trying again brings it back', async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    const camera = generatedCamera();
    const fallback = ann!.call.capture;
    let lost = false;
    ann!.call.capture = (kind: DeviceKind, deviceId?: string) => (kind === 'camera' && !lost ? Promise.resolve(camera.track) : fallback(kind, deviceId));
    const errors: string[] = [];
    ann!.call.addEventListener('peer-error', (event) => errors.push(String(event.detail.code)));
    part(ann!.call, 'join')!.click();
    part(ben!.call, 'join')!.click();
    const annTile = () => shadow(ben!.call).querySelector<HTMLElement>(`[data-peer="${ann!.room.identity!.fingerprint}"]`);
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('video') != null);
    lost = true;
    await camera.unplug();
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'alert') !== null);
    expect(part(ann!.call, 'alert')!.textContent).to.include('The camera stopped');
    expect(errors).to.deep.equal(['device-lost']);
    expect(ann!.call.call!.state).to.include({ inCall: true, audio: 'on', video: 'none' });
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('video') == null && annTile()?.querySelector('.avatar') != null);
    part(ann!.call, 'retry')!.click();
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'alert') === null && ann!.call.call!.state.video === 'on');
    await domCondition(shadow(ben!.call), () => annTile()?.querySelector('video') != null);
  });

  it("a tile's video keeps playing while the call around it changes (no restart on each render)", async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    part(ann!.call, 'join')!.click();
    part(ben!.call, 'join')!.click();
    const annVideo = () => shadow(ben!.call).querySelector<HTMLVideoElement>(`[data-peer="${ann!.room.identity!.fingerprint}"] video`);
    await domCondition(shadow(ben!.call), () => annVideo() !== null);
    const remote = annVideo()!;
    const local = shadow(ben!.call).querySelector<HTMLVideoElement>('[part~="tile-local"] video')!;
    await framesShown(remote, 3);
    await framesShown(local, 3);
    // Renders of every kind: Ann mutes (a state from afar), Ben opens the devices, and plain updates.
    part(ann!.call, 'microphone')!.click();
    await domCondition(shadow(ben!.call), () => remote.closest('li')?.querySelector('[aria-label="Muted"]') != null);
    part(ben!.call, 'devices')!.click();
    await domCondition(shadow(ben!.call), () => shadow(ben!.call).querySelector('div[part="devices"]') !== null);
    for (let render = 0; render < 3; render++) {
      ben!.call.requestUpdate();
      await ben!.call.updateComplete;
      // Setting srcObject again, even to the same stream, sends a video back to HAVE_NOTHING at once.
      for (const video of [remote, local]) expect(video.readyState, 'still has its picture').to.be.at.least(HTMLMediaElement.HAVE_CURRENT_DATA);
    }
    expect(annVideo(), 'the same element').to.equal(remote);
  });

  it('keyboard only: Tab reaches Join, Enter joins and the focus lands on the microphone; Space mutes; Leave hands the focus back to Join', async () => {
    const [ann] = await callsIn(['Ann', 'Ben']);
    const start = document.createElement('button');
    start.textContent = 'before';
    ann!.room.before(start);
    start.focus();
    for (let presses = 0; presses < 10 && deepActiveElement() !== part(ann!.call, 'join'); presses++) await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(), 'Tab reaches Join').to.equal(part(ann!.call, 'join'));
    await sendKeys({ press: 'Enter' });
    await domCondition(shadow(ann!.call), () => deepActiveElement() === part(ann!.call, 'microphone'));
    await sendKeys({ press: 'Space' });
    await domCondition(shadow(ann!.call), () => part(ann!.call, 'microphone')!.getAttribute('aria-pressed') === 'true');
    expect(ann!.call.call!.muted).to.equal(true);
    expect(deepActiveElement(), 'the focus stays on the toggle').to.equal(part(ann!.call, 'microphone'));
    // On through the controls to Leave, each a labelled button.
    const visited: string[] = [];
    while (deepActiveElement() !== part(ann!.call, 'leave') && visited.length < 8) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement() as HTMLElement;
      visited.push(active.getAttribute('aria-label') ?? active.textContent!.trim());
    }
    expect(visited).to.deep.equal(['Turn camera off', 'Share screen', 'Devices', 'Leave call']);
    await sendKeys({ press: 'Enter' });
    await domCondition(shadow(ann!.call), () => deepActiveElement() === part(ann!.call, 'join'));
    expect(ann!.call.call!.inCall).to.equal(false);
    start.remove();
  });

  it('a full call says so instead of joining (max-video-peers)', async () => {
    const trio = await callsIn(['Ann', 'Ben', 'Cat'], { 'max-video-peers': '2' });
    part(trio[0]!.call, 'join')!.click();
    part(trio[1]!.call, 'join')!.click();
    const cat = trio[2]!.call;
    await domCondition(shadow(cat), () => /2 people are in the call/.test(shadow(cat).textContent ?? ''));
    part(cat, 'join')!.click();
    await domCondition(shadow(cat), () => part(cat, 'alert') !== null);
    expect(part(cat, 'alert')!.textContent).to.include('at most 2 people');
    expect(cat.call!.inCall).to.equal(false);
    expect(cat.call!.localCamera.getTracks(), 'its devices were released').to.deep.equal([]);
  });

  it('leaving releases the devices and takes the tile away from the others', async () => {
    const [ann, ben] = await callsIn(['Ann', 'Ben']);
    part(ann!.call, 'join')!.click();
    part(ben!.call, 'join')!.click();
    const annId = ann!.room.identity!.fingerprint;
    await domCondition(shadow(ben!.call), () => shadow(ben!.call).querySelector(`[data-peer="${annId}"] video`) !== null);
    const tracks = ann!.call.call!.localCamera.getTracks();
    expect(tracks.length).to.equal(2);
    part(ann!.call, 'leave')!.click();
    expect(tracks.map((track) => track.readyState)).to.deep.equal(['ended', 'ended']);
    await domCondition(shadow(ben!.call), () => shadow(ben!.call).querySelector(`[data-peer="${annId}"]`) === null);
    expect(part(ann!.call, 'join')).to.not.equal(null);
  });

  it('outside a room it says a call needs one', async () => {
    const call = document.createElement('peer-call');
    mount(call);
    await call.updateComplete;
    expect(shadow(call).textContent).to.include('a call needs a <peer-room>');
    expect(call.call).to.equal(undefined);
  });
});
