import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { Mic, MicOff, MonitorUp, MonitorX, PhoneOff, Settings2, Video, VideoOff } from 'lucide';
import { Call, CallError, type CallPeer } from '../../core/call/call.js';
import { CallDeviceError, captureCamera, captureMicrophone, captureScreen, deviceError, listDevices, type DeviceChoice, type DeviceKind } from '../../core/call/devices.js';
import { PeerAlertElement } from '../blocks/alert.js';
import { avatar } from '../blocks/avatar.js';
import { button } from '../blocks/button.js';
import { icon } from '../blocks/icon.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerCallStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import { defineElement, PeerElement } from '../peer-element.js';
import type { PeerView, RoomState } from '../room-context.js';
import { RoomFollower } from '../room-follower.js';
import { peerCallStyles } from './peer-call.styles.js';
import { SpeakingMeter } from './speaking.js';

export type { PeerCallStrings };

/** Where a call's tracks come from: the browser's devices by default; an app may give its own (a processed camera). */
export type CaptureDevice = (kind: DeviceKind, deviceId?: string) => Promise<MediaStreamTrack>;

const captureDefault: CaptureDevice = (kind, deviceId) => (kind === 'microphone' ? captureMicrophone(deviceId) : kind === 'camera' ? captureCamera(deviceId) : captureScreen());

/** What keeps part of the call from working, shown where it happened, with a way out. */
type Problem = { readonly kind: 'device'; readonly device: DeviceKind; readonly error: CallDeviceError } | { readonly kind: 'full'; readonly max: number; readonly video: boolean };

/**
 * A call in the room it sits in: voice, video and screen sharing with every member who joins it,
 * in mesh mode or with the stranger of pair mode. Before joining it says who is in the call; in
 * the call it shows a tile per member (their video, or their avatar while their camera is off; a
 * ring while they speak; muted and relayed marks) and one's own preview, with controls for the
 * microphone, the camera, sharing the screen, the devices, and leaving. A device that is refused,
 * missing or lost is said in place, with a way to try again; a full call says so.
 *
 * @tagname peer-call
 * @summary Voice, video and screen sharing with the members of a room.
 *
 * @fires peer-call-change - This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}`
 * @fires peer-error - A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}`
 *
 * @csspart stage - The tiles.
 * @csspart tile - One member's tile; also `tile-local`, `tile-screen`, `tile-speaking`.
 * @csspart video - The video in a tile.
 * @csspart tile-label - A tile's name and marks.
 * @csspart controls - The row of call controls.
 * @csspart button - Every button; also `join`, `microphone`, `camera`, `screen`, `devices`, `leave`.
 * @csspart devices - The device choice.
 * @csspart alert - A problem with a device, or a full call.
 */
export class PeerCallElement extends PeerElement {
  static override styles = peerCallStyles;

  static override properties = {
    for: { type: String },
    audioOnly: { type: Boolean, attribute: 'audio-only' },
    maxVideoPeers: { type: Number, attribute: 'max-video-peers' },
    strings: { attribute: false },
    capture: { attribute: false },
  };

  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  declare for: string | undefined;
  /** Joins with the microphone only (the camera can be turned on later). */
  declare audioOnly: boolean;
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  declare maxVideoPeers: number | undefined;
  /** Overrides for the visible strings (localization). */
  declare strings: Partial<PeerCallStrings>;
  /** Where tracks come from (default: the browser's microphone, camera and screen). */
  capture: CaptureDevice = captureDefault;

  readonly #localize = new LocalizeController(this);
  readonly #follower = new RoomFollower(this, (state) => [state?.group, state?.peers, state?.selfId]);
  #call: Call | undefined;
  #stopListening: (() => void) | undefined;
  #joining = false;
  #problem: Problem | undefined;
  #devicesOpen = false;
  #devices: { microphones: DeviceChoice[]; cameras: DeviceChoice[] } = { microphones: [], cameras: [] };
  #chosen: { microphone?: string; camera?: string } = {};
  #speaking: ReadonlySet<string> = new Set();
  readonly #meter = new SpeakingMeter((speaking) => {
    this.#speaking = speaking;
    this.requestUpdate();
  });

  constructor() {
    super();
    this.audioOnly = false;
    this.strings = {};
  }

  /** The call of the room this element shows; undefined outside a running room. */
  get call(): Call | undefined {
    return this.#call;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detach();
  }

  /** Joins the call: asks for the microphone (and the camera, unless `audio-only`), then joins with what it got. */
  async join(): Promise<void> {
    const call = this.#call;
    if (!call || call.inCall || this.#joining) return;
    this.#joining = true;
    this.#problem = undefined;
    this.requestUpdate();
    const hadFocus = this.matches(':focus-within');
    try {
      // What cannot be had is said in place; the call is joined with the rest (and the button tries again).
      await this.#use('microphone');
      if (!this.audioOnly) await this.#use('camera');
      if (this.#call !== call) return;
      call.join();
    } catch (error) {
      if (!(error instanceof CallError)) throw error;
      // The limit that refused: the one for calls with video while anyone (this page too) sends video.
      const video = call.state.video === 'on' || call.members.some((peer) => peer.state.video === 'on');
      this.#problem = { kind: 'full', max: video ? call.limits.maxVideoPeers : call.limits.maxPeers, video };
      call.leave();
      this.emit('peer-error', { code: error.code, message: error.message });
    } finally {
      this.#joining = false;
      this.requestUpdate();
    }
    // The Join button that had the focus is gone: a keyboard user goes on from the first control.
    if (hadFocus) await this.#focusPart(call.inCall ? 'microphone' : 'join');
  }

  /** Leaves the call: every device is released. */
  leave(): void {
    const hadFocus = this.matches(':focus-within');
    this.#call?.leave();
    this.#devicesOpen = false;
    this.#problem = undefined;
    this.requestUpdate();
    // The Leave button goes with the call: the focus goes to Join, where it can come back.
    if (hadFocus) void this.#focusPart('join');
  }

  async #focusPart(name: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`)?.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const group = this.#follower.state?.group;
    if (group !== this.#attachedTo) this.#attach(group);
  }

  /** The group the call was made for: a new session of the room (or none) means another call. */
  #attachedTo: unknown;

  #attach(group: NonNullable<RoomState['group']> | undefined): void {
    this.#detach();
    this.#attachedTo = group;
    if (!group) return;
    const call = new Call({ group, limits: this.maxVideoPeers ? { maxVideoPeers: this.maxVideoPeers } : {} });
    this.#call = call;
    // Who is in the call goes out with every change: the room shows it in its list.
    const changed = () => {
      const { inCall, audio, video, screen } = call.state;
      this.emit('peer-call-change', { inCall, audio, video, screen, members: call.members.map((peer) => peer.id) });
      this.#mediaChanged();
    };
    const offPeer = call.on('peer', changed);
    const offLocal = call.on('local', changed);
    // A screen whose sharing ended from the browser's own bar was stopped on purpose: no error for that.
    const offEnded = call.on('track-ended', ({ kind }) => kind !== 'screen' && this.#showDeviceError(kind, new CallDeviceError('device-lost', kind, `the ${kind} stopped`)));
    this.#stopListening = () => {
      offPeer();
      offLocal();
      offEnded();
    };
    this.requestUpdate();
  }

  #detach(): void {
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#call?.close();
    this.#call = undefined;
    this.#attachedTo = undefined;
    this.#meter.stop();
    this.#speaking = new Set();
  }

  #mediaChanged(): void {
    const call = this.#call;
    const streams = new Map<string, MediaStream>();
    if (call?.inCall) {
      for (const peer of call.members) if (peer.camera) streams.set(peer.id, peer.camera);
      if (call.state.audio === 'on') streams.set('', call.localCamera);
    }
    this.#meter.watch(streams);
    this.requestUpdate();
  }

  /** Gets a track for `kind` and gives it to the call; a failure is shown (and not thrown). */
  async #use(kind: DeviceKind): Promise<void> {
    const call = this.#call;
    if (!call) return;
    let track: MediaStreamTrack;
    try {
      track = await this.capture(kind, kind === 'screen' ? undefined : this.#chosen[kind]);
    } catch (error) {
      // An app's own `capture` may throw the browser's errors as they are: named here as ours would be.
      this.#showDeviceError(kind, deviceError(kind, error));
      return;
    }
    // The element left its room meanwhile: the track is nobody's.
    if (this.#call !== call) return track.stop();
    if (this.#problem?.kind === 'device' && this.#problem.device === kind) this.#problem = undefined;
    if (kind === 'microphone') call.setMicrophone(track);
    else if (kind === 'camera') call.setCamera(track);
    else call.setScreen(track);
  }

  #showDeviceError(device: DeviceKind, error: CallDeviceError): void {
    this.#problem = { kind: 'device', device, error };
    this.emit('peer-error', { code: error.code, message: error.message });
    this.requestUpdate();
  }

  #strings(): Bound<PeerCallStrings> {
    return this.#localize.strings('call', this.strings);
  }

  async #toggleDevices(): Promise<void> {
    this.#devicesOpen = !this.#devicesOpen;
    this.requestUpdate();
    if (!this.#devicesOpen) return;
    this.#devices = await listDevices().catch(() => ({ microphones: [], cameras: [] }));
    this.requestUpdate();
  }

  /** Another device of `kind`: swapped in without renegotiating (when that kind is on). */
  async #choose(kind: 'microphone' | 'camera', deviceId: string): Promise<void> {
    this.#chosen = { ...this.#chosen, [kind]: deviceId };
    const state = this.#call?.state;
    if (kind === 'microphone' ? state?.audio !== 'none' : state?.video === 'on') await this.#use(kind);
  }

  /*
   * Every `.srcObject` binding goes through `live()`: Lit sets an object-valued property again on
   * each render, and setting a media element's srcObject, even to the same stream, restarts it
   * (black, then a new first frame): each speaking ring or state change blanked every tile.
   */
  protected override render() {
    const strings = this.#strings();
    const room = this.#follower.state;
    const call = this.#call;
    if (!room) return html`<p part="empty" class="empty">${strings.noRoom}</p>`;
    const problem = this.#renderProblem(strings);
    if (!call?.inCall) {
      // In a room that has not started yet (no session): the lobby, its button waiting for the room.
      return html`<div class="lobby" role="group" aria-label=${strings.label}>
          <p>${strings.inCall(call?.members.length ?? 0)}</p>
          ${button({ label: this.#joining ? strings.joining : strings.join, variant: 'primary', icon: Video, part: 'button join', loading: this.#joining, disabled: !call, onClick: () => void this.join() })}
        </div>
        ${problem}`;
    }
    const peers = new Map((room.peers ?? []).map((peer) => [peer.id, peer]));
    // A group, not a region: a page may hold more than one call, and landmarks must be unique.
    return html`<div role="group" aria-label=${strings.label}>
        <ul part="stage" class="stage">
          ${this.#localTile(strings)}
          ${repeat(
            call.members,
            (peer) => peer.id,
            (peer) => this.#remoteTiles(peer, peers.get(peer.id), strings),
          )}
        </ul>
      </div>
      ${problem} ${this.#renderControls(strings)} ${this.#devicesOpen ? this.#renderDevices(strings) : nothing}
      ${repeat(
        call.members.filter((peer) => peer.camera),
        (peer) => peer.id,
        (peer) => html`<audio class="hidden-audio" autoplay .srcObject=${live(peer.camera)}></audio>`,
      )}`;
  }

  #localTile(strings: Bound<PeerCallStrings>) {
    const call = this.#call!;
    const state = call.state;
    const self = this.#follower.state?.selfId ?? '';
    const name = this.#follower.state?.identity?.name || strings.you;
    const screen = call.localScreen;
    const speaking = this.#speaking.has('');
    return html`<li part="tile tile-local${speaking ? ' tile-speaking' : ''}" class="tile local ${speaking ? 'speaking' : ''}">
        ${state.video === 'on' ? html`<video part="video" autoplay playsinline muted .srcObject=${live(call.localCamera)}></video>` : avatar({ name, fingerprint: self || '00' })}
        <span part="tile-label" class="label caption">${this.#caption(strings.you, state.audio === 'muted', false, strings)}</span>
      </li>
      ${screen
        ? html`<li part="tile tile-screen" class="tile screen">
            <video part="video" autoplay playsinline muted .srcObject=${live(screen)}></video>
            <span part="tile-label" class="label caption">${this.#caption(strings.screenOf(strings.you), false, false, strings)}</span>
          </li>`
        : nothing}`;
  }

  #remoteTiles(peer: CallPeer, view: PeerView | undefined, strings: Bound<PeerCallStrings>) {
    const name = view?.name || strings.unnamed;
    const speaking = this.#speaking.has(peer.id);
    const relayed = view?.path === 'relayed';
    const video = peer.state.video === 'on' && peer.camera?.getVideoTracks().some((track) => track.readyState === 'live');
    return html`<li part="tile${speaking ? ' tile-speaking' : ''}" class="tile ${speaking ? 'speaking' : ''}" data-peer=${peer.id}>
        ${video ? html`<video part="video" autoplay playsinline muted .srcObject=${live(peer.camera)}></video>` : avatar({ name, fingerprint: peer.id })}
        <span part="tile-label" class="label caption">${this.#caption(name, peer.state.audio === 'muted', relayed, strings)}</span>
      </li>
      ${peer.state.screen && peer.screen
        ? html`<li part="tile tile-screen" class="tile screen" data-peer=${peer.id}>
            <video part="video" autoplay playsinline muted .srcObject=${live(peer.screen)}></video>
            <span part="tile-label" class="label caption">${this.#caption(strings.screenOf(name), false, false, strings)}</span>
          </li>`
        : nothing}`;
  }

  #caption(name: string, muted: boolean, relayed: boolean, strings: Bound<PeerCallStrings>) {
    return html`<span class="name">${name}</span>${muted ? html`<span class="muted-mark" role="img" aria-label=${strings.muted}>${icon(MicOff)}</span>` : nothing}${relayed ? html`<span class="badge">${strings.relayed}</span>` : nothing}`;
  }

  #renderControls(strings: Bound<PeerCallStrings>) {
    const call = this.#call!;
    const state = call.state;
    const microphone =
      state.audio === 'none'
        ? button({ label: strings.microphoneOn, icon: MicOff, iconOnly: true, part: 'button microphone', title: strings.microphoneOn, onClick: () => void this.#use('microphone') })
        : button({ label: strings.mute, icon: state.audio === 'muted' ? MicOff : Mic, iconOnly: true, pressed: state.audio === 'muted', part: 'button microphone', title: state.audio === 'muted' ? strings.unmute : strings.mute, onClick: () => call.setMuted(state.audio !== 'muted') });
    const camera =
      state.video === 'on'
        ? button({ label: strings.cameraOff, icon: Video, iconOnly: true, part: 'button camera', title: strings.cameraOff, onClick: () => call.setCamera(undefined) })
        : button({ label: strings.cameraOn, icon: VideoOff, iconOnly: true, part: 'button camera', title: strings.cameraOn, onClick: () => void this.#use('camera') });
    const screen = state.screen
      ? button({ label: strings.stopSharing, icon: MonitorX, iconOnly: true, pressed: true, part: 'button screen', title: strings.stopSharing, onClick: () => call.setScreen(undefined) })
      : button({ label: strings.shareScreen, icon: MonitorUp, iconOnly: true, pressed: false, part: 'button screen', title: strings.shareScreen, onClick: () => void this.#use('screen') });
    return html`<div part="controls" class="controls" role="group" aria-label=${strings.controls}>
      ${microphone} ${camera} ${screen}
      ${button({ label: strings.devices, icon: Settings2, iconOnly: true, pressed: this.#devicesOpen, part: 'button devices', title: strings.devices, onClick: () => void this.#toggleDevices() })}
      ${button({ label: strings.leave, icon: PhoneOff, variant: 'danger', part: 'button leave', className: 'leave', onClick: () => this.leave() })}
    </div>`;
  }

  #renderDevices(strings: Bound<PeerCallStrings>) {
    const select = (kind: 'microphone' | 'camera', label: string, choices: readonly DeviceChoice[]) =>
      html`<label>${label}
        <select @change=${(event: Event) => void this.#choose(kind, (event.target as HTMLSelectElement).value)}>
          ${choices.map((choice, index) => html`<option value=${choice.id} ?selected=${this.#chosen[kind] === choice.id}>${choice.label || strings.unnamedDevice(index + 1)}</option>`)}
        </select>
      </label>`;
    return html`<div part="devices" class="devices">${select('microphone', strings.microphone, this.#devices.microphones)} ${select('camera', strings.camera, this.#devices.cameras)}</div>`;
  }

  /** A problem where it happened: what, and (when trying again can help) a button that does. */
  #renderProblem(strings: Bound<PeerCallStrings>) {
    const problem = this.#problem;
    if (!problem) return nothing;
    defineElement('peer-alert', PeerAlertElement);
    if (problem.kind === 'full') return html`<peer-alert part="alert" variant="warning" open>${strings.full(problem.max, problem.video)}</peer-alert>`;
    const { device, error } = problem;
    const retry = () => void (this.#call?.inCall ? this.#use(device) : this.join());
    return html`<peer-alert part="alert" variant="danger" open>
      ${strings.deviceError(device, error.code)}
      ${error.code === 'unsupported' ? nothing : html`<span slot="action">${button({ label: strings.retry, size: 's', part: 'button retry', onClick: retry })}</span>`}
    </peer-alert>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-call': PeerCallElement;
  }
}
