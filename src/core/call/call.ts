/**
 * A call in a room (or with a pair-mode partner): this peer's microphone, camera and screen sent to
 * every other member who is in the call, and theirs received, over the same bound links as
 * everything else. Adding or removing a track renegotiates the link with sealed signals, and only
 * the link's initiator offers (the room's rule), so two peers changing their media at once never
 * collide; a track can only arrive on a link bound to its sender's key. A link made while this
 * peer is in the call carries its tracks in its first offer or answer (a Room's links; see
 * MediaDelegate), and every signal says, signed, whether its sender takes media: tracks put in on
 * the chance are taken back before the description of a peer that takes none applies.
 *
 * What each member tells the others (in the call or not, muted, camera off, sharing, and which
 * stream is which) goes on the `peerkit/call` channel (call-state.ts), whose sender is
 * authenticated. Muting disables the microphone track (its level drops to silence at once, and
 * unmuting needs no new permission); turning the camera off stops the camera, so its light goes
 * out, and sends nothing in its place until it is on again (no renegotiation either way). Leaving
 * stops every local track: the devices are released.
 *
 * A mesh call has a size: each member sends its video to each other, so past `maxVideoPeers`
 * members with video (default 6) `join` refuses with `call-full`, as past `maxPeers` (default 16)
 * for any call. The limits hold against members whose own client ignores them: past them, what
 * such a member sends is refused at the connection and it is sent nothing (see #admits). Once the
 * copies of a member's video would together pass `uplinkBitsPerSecond` (at the browser's own
 * rate, capped at `maxVideoBitsPerSecond` each), each copy is capped at its share of it (not below
 * `minVideoBitsPerSecond`).
 */
import type { LinkState, MediaSender } from '../link/link.js';
import type { Channel } from '../session/channels.js';
import type { MediaDelegate, PeerGroupEventMap } from '../session/peer-group.js';
import { Emitter } from '../util/events.js';
import { TokenBuckets } from '../util/token-bucket.js';
import { decodeCallState, encodeCallState, OUT_OF_CALL, type AudioState, type CallPeerState, type VideoState } from './call-state.js';

export const CALL_CHANNEL = 'peerkit/call';

/** What a call needs of its group (a Room; a Pairing). */
export interface CallGroup {
  readonly id: string;
  readonly peers: readonly string[];
  channel(name: string): Channel;
  linkState(id: string): LinkState | undefined;
  sendTrack(peer: string, track: MediaStreamTrack, stream: MediaStream): MediaSender | undefined;
  /** Lets the call's tracks ride each new link's first negotiation (a Room does; without it, tracks follow once bound). */
  setMediaDelegate?(delegate: MediaDelegate | undefined): void;
  addEventListener(type: 'peer', listener: (event: PeerGroupEventMap['peer']) => void, options?: AddEventListenerOptions): void;
  addEventListener(type: 'peer-disconnect', listener: (event: PeerGroupEventMap['peer-disconnect']) => void, options?: AddEventListenerOptions): void;
  addEventListener(type: 'link-state', listener: (event: PeerGroupEventMap['link-state']) => void, options?: AddEventListenerOptions): void;
  addEventListener(type: 'peerlist', listener: (event: PeerGroupEventMap['peerlist']) => void, options?: AddEventListenerOptions): void;
  addEventListener(type: 'track', listener: (event: PeerGroupEventMap['track']) => void, options?: AddEventListenerOptions): void;
}

export interface CallLimits {
  /** Most members in a call. */
  readonly maxPeers: number;
  /** Most members in a call while this one sends video. */
  readonly maxVideoPeers: number;
  /** All copies of this member's video together, bits per second. */
  readonly uplinkBitsPerSecond: number;
  /** No copy gets less than this (a smaller picture rather than none). */
  readonly minVideoBitsPerSecond: number;
  /** Nor more than this. */
  readonly maxVideoBitsPerSecond: number;
  /** State messages a peer may send per second, and in a burst. */
  readonly statesPerSecond: number;
  readonly stateBurst: number;
}

export const CALL_LIMITS: CallLimits = {
  maxPeers: 16,
  maxVideoPeers: 6,
  uplinkBitsPerSecond: 4_000_000,
  minVideoBitsPerSecond: 150_000,
  maxVideoBitsPerSecond: 1_500_000,
  statesPerSecond: 5,
  stateBurst: 10,
};

export type CallErrorCode = 'call-full' | 'not-in-call';

export class CallError extends Error {
  override readonly name = 'CallError';
  constructor(
    readonly code: CallErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** One other member as the call sees it. */
export interface CallPeer {
  readonly id: string;
  readonly state: CallPeerState;
  /** Its microphone and camera, as they arrive (tracks come and go in it). */
  readonly camera: MediaStream | undefined;
  readonly screen: MediaStream | undefined;
}

export interface CallEventMap {
  /** A member's state or media changed (joined or left the call, muted, camera off, a stream arrived or ended). */
  peer: CustomEvent<{ readonly peer: CallPeer }>;
  /** This peer's own state changed (joined, left, muted, camera, screen). */
  local: CustomEvent<{ readonly state: CallPeerState }>;
  /** A local track ended by itself (a device unplugged, sharing stopped from the browser's own UI). */
  'track-ended': CustomEvent<{ readonly kind: 'microphone' | 'camera' | 'screen' }>;
}

export interface CallOptions {
  readonly group: CallGroup;
  readonly limits?: Partial<CallLimits>;
}

type LocalKind = 'microphone' | 'camera' | 'screen';

export class Call extends Emitter<CallEventMap> {
  readonly #group: CallGroup;
  readonly #channel: Channel;
  readonly #limits: CallLimits;
  readonly #states: TokenBuckets;
  readonly #listening = new AbortController();
  /** Microphone and camera travel in one stream (so they stay in sync), the screen in another. */
  readonly #cameraStream = new MediaStream();
  readonly #screenStream = new MediaStream();
  readonly #tracks: Record<LocalKind, MediaStreamTrack | undefined> = { microphone: undefined, camera: undefined, screen: undefined };
  #muted = false;
  #cameraOff = false;
  #inCall = false;
  /** Per peer, the senders of this peer's tracks on its current link. */
  readonly #senders = new Map<string, Map<LocalKind, MediaSender>>();
  /** Per peer, what it told, the streams its tracks arrived in (by stream id), and when (in this call's count) it joined. */
  readonly #peers = new Map<string, { state: CallPeerState; streams: Map<string, MediaStream>; joined: number }>();
  #joins = 0;
  /** How to refuse each received track at the connection (see the group's `track` event). */
  readonly #refusers = new WeakMap<MediaStreamTrack, () => void>();
  /** The bitrate cap last set on each sender (undefined: the browser's own). */
  readonly #caps = new WeakMap<MediaSender, number | undefined>();
  /** Peers whose signed signals said they take media (they are in the call) before their state came. */
  readonly #claimed = new Set<string>();
  /** Peers whose current link has been bound: its going back to `connecting` is a new connection. */
  readonly #bound = new Set<string>();

  constructor(options: CallOptions) {
    super();
    this.#group = options.group;
    this.#limits = { ...CALL_LIMITS, ...options.limits };
    this.#states = new TokenBuckets(this.#limits.statesPerSecond, this.#limits.stateBurst);
    this.#channel = options.group.channel(CALL_CHANNEL);
    const { signal } = this.#listening;
    this.#channel.on('message', ({ from, value }) => this.#receiveState(from, value), { signal });
    const group = this.#group;
    // A (re)made link has not heard our state: tell it, then send what is ours (if it is not on its way already).
    group.addEventListener('peer', ({ detail }) => this.#linked(detail.id), { signal });
    group.addEventListener('link-state', ({ detail }) => this.#linkState(detail.id, detail.state), { signal });
    // Where the group allows it, tracks ride each new link's first offer or answer: the first frame
    // comes as soon as the connection does, not one sealed renegotiation after the link is bound.
    group.setMediaDelegate?.({ offersMedia: () => this.#inCall, linkMade: (id) => this.#linkMade(id), remoteMedia: (id, media) => this.#remoteMedia(id, media) });
    group.addEventListener('peer-disconnect', ({ detail }) => this.#gone(detail.id), { signal });
    group.addEventListener('peerlist', ({ detail }) => {
      for (const id of this.#peers.keys()) if (!detail.ids.includes(id)) this.#gone(id);
    }, { signal });
    group.addEventListener('track', ({ detail }) => this.#received(detail.id, detail.track, detail.stream, detail.refuse), { signal });
  }

  get inCall(): boolean {
    return this.#inCall;
  }

  /** This peer's state, as the others are told it. */
  get state(): CallPeerState {
    const audio: AudioState = this.#tracks.microphone ? (this.#muted ? 'muted' : 'on') : 'none';
    const video: VideoState = this.#tracks.camera ? 'on' : this.#cameraOff ? 'off' : 'none';
    return {
      inCall: this.#inCall,
      audio,
      video,
      screen: this.#tracks.screen !== undefined,
      streams: { camera: this.#cameraStream.id, ...(this.#tracks.screen ? { screen: this.#screenStream.id } : {}) },
    };
  }

  /** This peer's microphone and camera, for a local preview. */
  get localCamera(): MediaStream {
    return this.#cameraStream;
  }

  get localScreen(): MediaStream | undefined {
    return this.#tracks.screen ? this.#screenStream : undefined;
  }

  /** The other members who told their state (in the call or not). */
  get peers(): readonly CallPeer[] {
    return [...this.#peers.keys()].map((id) => this.#view(id));
  }

  /** The members in the call, other than this peer. */
  get members(): readonly CallPeer[] {
    return this.peers.filter((peer) => peer.state.inCall);
  }

  get limits(): CallLimits {
    return this.#limits;
  }

  /**
   * Per member this peer sends its camera to, the bitrate cap that copy is sent at now, as the
   * browser holds it (undefined: the browser's own choice): the uplink budget at work.
   */
  get videoBitrateCaps(): ReadonlyMap<string, number | undefined> {
    const caps = new Map<string, number | undefined>();
    for (const [id, senders] of this.#senders) {
      const camera = senders.get('camera');
      if (camera) caps.set(id, camera.maxBitrate);
    }
    return caps;
  }

  /**
   * Joins the call: tells the room, and sends this peer's tracks to everyone in it. Throws
   * CallError `call-full` when the call already has as many members as it may (fewer with video).
   */
  join(): void {
    if (this.#inCall) return;
    const others = this.members.length;
    const withVideo = this.#tracks.camera !== undefined || this.members.some((peer) => peer.state.video === 'on');
    if (others + 1 > this.#limits.maxPeers) throw new CallError('call-full', `a call holds at most ${this.#limits.maxPeers} members`);
    if (withVideo && others + 1 > this.#limits.maxVideoPeers) throw new CallError('call-full', `a call with video holds at most ${this.#limits.maxVideoPeers} members`);
    this.#inCall = true;
    this.#announce();
    this.#reconcileAll();
  }

  /** Leaves the call: stops every local track (the devices are released) and tells the room. */
  leave(): void {
    for (const kind of ['microphone', 'camera', 'screen'] as const) this.#setTrack(kind, undefined);
    this.#cameraOff = false;
    this.#muted = false;
    if (!this.#inCall) return this.#announce();
    this.#inCall = false;
    this.#reconcileAll();
    this.#announce();
  }

  /** Uses this microphone track (undefined: none); the one it replaces is stopped. Swapping needs no renegotiation. */
  setMicrophone(track: MediaStreamTrack | undefined): void {
    if (track) track.enabled = !this.#muted;
    this.#setTrack('microphone', track);
    this.#changed();
  }

  /** Uses this camera track (undefined: the camera off, and released); the one it replaces is stopped. */
  setCamera(track: MediaStreamTrack | undefined): void {
    this.#cameraOff = track === undefined && (this.#cameraOff || this.#tracks.camera !== undefined);
    this.#setTrack('camera', track);
    this.#changed();
  }

  /** Shares this screen track (from captureScreen); undefined stops sharing. */
  setScreen(track: MediaStreamTrack | undefined): void {
    this.#setTrack('screen', track);
    this.#changed();
  }

  /** Mutes or unmutes the microphone: it keeps running, sending silence. */
  setMuted(muted: boolean): void {
    this.#muted = muted;
    if (this.#tracks.microphone) this.#tracks.microphone.enabled = !muted;
    this.#announce();
  }

  get muted(): boolean {
    return this.#muted;
  }

  /** Leaves the call and stops listening to the room. */
  close(): void {
    this.leave();
    this.#listening.abort();
    this.#group.setMediaDelegate?.(undefined);
    this.#peers.clear();
  }

  /** A new connection (or none) has none of our senders; one that is reconnecting (an ICE restart) keeps them. */
  #linkState(id: string, state: LinkState): void {
    if (state === 'connected') return void this.#bound.add(id);
    if (state === 'reconnecting' || (state === 'connecting' && !this.#bound.has(id))) return;
    this.#senders.delete(id);
    this.#bound.delete(id);
    this.#claimed.delete(id);
  }

  /** A new link to `id`, before its first offer: in the call, this peer's tracks go in it now. */
  #linkMade(id: string): void {
    this.#senders.delete(id);
    this.#bound.delete(id);
    this.#claimed.delete(id);
    if (this.#inCall) this.#sendEarly(id);
  }

  /**
   * `id`'s signed offer or answer is about to apply. Taking media, it counts as in the call until its
   * state says otherwise (it is shown in the call: nobody receives media unseen), and our tracks
   * ride this negotiation. Taking none, tracks added on the chance are taken back before its
   * description applies, so not one packet goes to a peer that is not in the call.
   */
  #remoteMedia(id: string, media: boolean): void {
    const claimed = this.#claimed.has(id);
    if (media) {
      const peer = this.#peers.get(id);
      // Its place in the call (for the limits) is taken when it first says so.
      if (!peer) this.#peers.set(id, { state: OUT_OF_CALL, streams: new Map(), joined: ++this.#joins });
      else if (!peer.state.inCall && !claimed) peer.joined = ++this.#joins;
      this.#claimed.add(id);
      if (this.#inCall && !this.#senders.has(id)) this.#sendEarly(id);
      // Past the limits, what went in on the chance comes out before anything is sent.
      const senders = this.#senders.get(id);
      for (const kind of ['microphone', 'camera', 'screen'] as const) {
        const sender = senders?.get(kind);
        if (!sender || this.#admits(id, kind === 'microphone' ? 'audio' : 'video')) continue;
        sender.remove();
        senders!.delete(kind);
      }
      if (!claimed) this.emit('peer', { peer: this.#view(id) });
      return;
    }
    this.#claimed.delete(id);
    if (this.#peers.get(id)?.state.inCall) return;
    for (const sender of this.#senders.get(id)?.values() ?? []) sender.remove();
    this.#senders.delete(id);
    if (claimed) this.emit('peer', { peer: this.#view(id) });
  }

  /** Sends this peer's tracks to `id` on a link still being made (they are negotiated with it). */
  #sendEarly(id: string): void {
    const senders = new Map<LocalKind, MediaSender>();
    const video = this.#admits(id, 'video');
    for (const kind of ['microphone', 'camera', 'screen'] as const) {
      const track = this.#tracks[kind];
      if (!track || (kind !== 'microphone' && !video)) continue;
      const sender = this.#group.sendTrack(id, track, kind === 'screen' ? this.#screenStream : this.#cameraStream);
      if (sender) senders.set(kind, sender);
    }
    if (senders.size) this.#senders.set(id, senders);
  }

  #setTrack(kind: LocalKind, track: MediaStreamTrack | undefined): void {
    const old = this.#tracks[kind];
    if (old === track) return;
    const stream = kind === 'screen' ? this.#screenStream : this.#cameraStream;
    if (old) {
      old.stop();
      stream.removeTrack(old);
      old.onended = null;
    }
    this.#tracks[kind] = track;
    if (!track) return;
    stream.addTrack(track);
    track.onended = () => {
      if (this.#tracks[kind] !== track) return;
      this.emit('track-ended', { kind });
      this.#setTrack(kind, undefined);
      this.#changed();
    };
  }

  /** The local media changed: senders follow, and the room is told. */
  #changed(): void {
    this.#reconcileAll();
    this.#announce();
  }

  #announce(to?: string): void {
    const message = encodeCallState(this.state);
    if (!to) this.emit('local', { state: this.state });
    // Best effort: a peer whose link is down hears it when the link is back (#linked).
    const sent = to ? this.#channel.send(to, message) : this.#channel.broadcast(message);
    sent.catch(() => undefined);
  }

  #linked(id: string): void {
    this.#announce(id);
    this.#reconcile(id);
  }

  #receiveState(from: string, value: unknown): void {
    if (!this.#states.take(from)) return;
    const state = decodeCallState(value);
    if (!state) return;
    if (!state.inCall) this.#claimed.delete(from);
    const known = this.#peers.get(from);
    const streams = known?.streams ?? new Map<string, MediaStream>();
    // Out of the call, its streams are over; a new call brings new tracks.
    if (!state.inCall) streams.clear();
    const joining = state.inCall && !known?.state.inCall;
    // A peer whose signals said so first keeps the place it took then.
    const placed = known !== undefined && this.#claimed.has(from);
    this.#peers.set(from, { state, streams, joined: joining && !placed ? ++this.#joins : (known?.joined ?? 0) });
    if (joining || known?.state.inCall !== state.inCall) {
      // Who is in the call changed: who gets which media may have too.
      for (const id of this.#peers.keys()) this.#enforce(id);
      this.#reconcileAll();
    } else {
      this.#reconcile(from);
      this.#budget();
    }
    this.emit('peer', { peer: this.#view(from) });
  }

  /**
   * A track from `from`, kept in a stream of this call's own that stands for the one it came in;
   * which stream is the camera and which the screen is what `from` announced (its state may come
   * before or after its tracks). A member sends at most two streams, and in each at most one audio
   * and one video track: a member who sends more (to make others decode a dozen videos) has the
   * rest refused at the connection (not decoded) and shown nowhere.
   */
  #received(from: string, track: MediaStreamTrack, stream: MediaStream, refuse: () => void): void {
    let peer = this.#peers.get(from);
    if (!peer) this.#peers.set(from, (peer = { state: OUT_OF_CALL, streams: new Map(), joined: 0 }));
    this.#refusers.set(track, refuse);
    const refused = () => {
      refuse();
      track.stop();
    };
    if (!this.#admits(from, track.kind)) return refused();
    let shown = peer.streams.get(stream.id);
    if (!shown && peer.streams.size >= 2) return refused();
    if (!shown) peer.streams.set(stream.id, (shown = new MediaStream()));
    if (shown.getTracks().some((other) => other.kind === track.kind && other.readyState === 'live')) return refused();
    shown.addTrack(track);
    const view = shown;
    const update = () => this.#peers.has(from) && this.emit('peer', { peer: this.#view(from) });
    // Whichever comes first ends the track's watch: a member who adds and removes tracks again and
    // again leaves no listeners behind on the stream, which lives as long as the link.
    const watching = new AbortController();
    const gone = () => {
      watching.abort();
      view.removeTrack(track);
      update();
    };
    track.addEventListener('ended', gone, { signal: watching.signal });
    // Renegotiated away (the screen no longer shared): the browser takes it out of the stream it came in.
    stream.addEventListener('removetrack', (event) => event.track === track && gone(), { signal: watching.signal });
    update();
  }

  /**
   * Whether media of `kind` goes between this peer and `id`. A call's limits hold for members who
   * ignore them too (their own client may not refuse to join): only the first `maxPeers` − 1 to join
   * (as this peer saw them join) exchange media with it, and video only the first
   * `maxVideoPeers` − 1; tracks from the others are refused unseen and undecoded, and nothing is sent
   * to them. A member whose state has not come yet is judged when it comes.
   */
  #admits(id: string, kind: string): boolean {
    const peer = this.#peers.get(id);
    const inCall = (other: string) => this.#peers.get(other)?.state.inCall === true || this.#claimed.has(other);
    if (!peer || !inCall(id)) return true;
    const earlier = [...this.#peers].filter(([other, entry]) => inCall(other) && entry.joined < peer.joined).length;
    return earlier < this.#limits.maxPeers - 1 && (kind !== 'video' || earlier < this.#limits.maxVideoPeers - 1);
  }

  /** Refuses what `id` sends past the limits (its state came after its tracks, or the call grew past them). */
  #enforce(id: string): void {
    const peer = this.#peers.get(id);
    if (!peer) return;
    for (const shown of peer.streams.values()) {
      for (const track of shown.getTracks()) {
        if (this.#admits(id, track.kind)) continue;
        this.#refusers.get(track)?.();
        track.stop();
        shown.removeTrack(track);
      }
    }
  }

  #gone(id: string): void {
    this.#senders.delete(id);
    this.#claimed.delete(id);
    this.#bound.delete(id);
    if (!this.#peers.delete(id)) return;
    this.emit('peer', { peer: { id, state: OUT_OF_CALL, camera: undefined, screen: undefined } });
  }

  #view(id: string): CallPeer {
    const peer = this.#peers.get(id);
    // Said in its signed signals, before its state came: in the call, its media still unnamed.
    const claimed = peer !== undefined && !peer.state.inCall && this.#claimed.has(id);
    if (!peer || (!peer.state.inCall && !claimed)) return { id, state: peer?.state ?? OUT_OF_CALL, camera: undefined, screen: undefined };
    const { streams } = peer;
    const state = claimed ? { ...OUT_OF_CALL, inCall: true } : peer.state;
    const screen = state.streams.screen ? streams.get(state.streams.screen) : undefined;
    const camera = (state.streams.camera ? streams.get(state.streams.camera) : undefined) ?? [...streams.values()].find((stream) => stream !== screen);
    return { id, state, camera, screen };
  }

  #reconcileAll(): void {
    for (const id of this.#group.peers) this.#reconcile(id);
    this.#budget();
  }

  /**
   * Brings what this peer sends to `id` in line with what it should: its tracks while both are in
   * the call and the link is up, nothing otherwise. A swapped track is replaced on its sender.
   */
  #reconcile(id: string): void {
    // Reconnecting (an ICE restart), or still being made (tracks may ride its first negotiation):
    // the senders stay as they are until the link is up.
    const linkState = this.#group.linkState(id);
    if (linkState === 'reconnecting' || linkState === 'connecting') return;
    const wanted = this.#inCall && (this.#peers.get(id)?.state.inCall === true || this.#claimed.has(id)) && this.#admits(id, 'audio') && linkState === 'connected';
    let senders = this.#senders.get(id);
    if (!wanted) {
      if (senders) for (const sender of senders.values()) sender.remove();
      this.#senders.delete(id);
      return;
    }
    if (!senders) this.#senders.set(id, (senders = new Map()));
    const video = this.#admits(id, 'video');
    for (const kind of ['microphone', 'camera', 'screen'] as const) {
      const track = kind === 'microphone' || video ? this.#tracks[kind] : undefined;
      const sender = senders.get(kind);
      if (sender && sender.track !== (track ?? null)) {
        // The camera off keeps its sender (sending nothing), so turning it on again is a swap; a screen no longer shared goes.
        if (track || kind === 'camera') sender.replace(track ?? null).catch(() => undefined);
        else {
          sender.remove();
          senders.delete(kind);
        }
      } else if (!sender && track) {
        const made = this.#group.sendTrack(id, track, kind === 'screen' ? this.#screenStream : this.#cameraStream);
        if (made) senders.set(kind, made);
      }
    }
  }

  /**
   * Shares the uplink between the copies of this peer's video. Only a budget that binds is set
   * (and only when it changes): setting a sender's parameters while its first frames are on the
   * way delayed the first frame the others see by ≈ 45 ms (bench/call), and a call of two or three
   * needs no cap below the browser's own.
   */
  #budget(): void {
    const copies = [...this.#senders.values()].flatMap((senders) => ['camera', 'screen'].map((kind) => senders.get(kind as LocalKind)).filter((sender) => sender !== undefined));
    if (copies.length === 0) return;
    const { uplinkBitsPerSecond, minVideoBitsPerSecond, maxVideoBitsPerSecond } = this.#limits;
    const share = Math.floor(uplinkBitsPerSecond / copies.length);
    const cap = share >= maxVideoBitsPerSecond ? undefined : Math.max(minVideoBitsPerSecond, share);
    for (const sender of copies) {
      if (this.#caps.get(sender) === cap) continue;
      this.#caps.set(sender, cap);
      sender.setMaxBitrate(cap).catch(() => undefined);
    }
  }
}
