/**
 * What a member tells the others about its part in a call, on the call's named channel: whether it
 * is in the call, its microphone and camera (on, muted or off, or none), whether it shares its
 * screen, and the ids of the streams its tracks come in (so a receiver tells the camera from the
 * screen). Who said it is the channel's authenticated `from` (the peer a link is bound to, or the
 * sealed origin of a relayed frame); this module only checks the shape, within limits.
 */

export type AudioState = 'on' | 'muted' | 'none';
export type VideoState = 'on' | 'off' | 'none';

export interface CallPeerState {
  /** In the call: it sends its tracks to the others in it, and takes theirs. */
  readonly inCall: boolean;
  readonly audio: AudioState;
  readonly video: VideoState;
  readonly screen: boolean;
  /** The stream its microphone and camera come in, and its screen's. */
  readonly streams: { readonly camera?: string; readonly screen?: string };
}

export const OUT_OF_CALL: CallPeerState = Object.freeze({ inCall: false, audio: 'none', video: 'none', screen: false, streams: Object.freeze({}) });

/** The state message's version; a receiver drops other versions (and says so with `undefined`). */
const VERSION = 1;
/** MediaStream ids are UUIDs (36 characters); anything longer than this is not one. */
const MAX_STREAM_ID = 64;

interface StateMessage {
  readonly v: typeof VERSION;
  readonly in: boolean;
  readonly audio: AudioState;
  readonly video: VideoState;
  readonly screen: boolean;
  readonly streams: { readonly camera?: string; readonly screen?: string };
}

export function encodeCallState(state: CallPeerState): StateMessage {
  return { v: VERSION, in: state.inCall, audio: state.audio, video: state.video, screen: state.screen, streams: { ...state.streams } };
}

const isStreamId = (value: unknown): value is string | undefined => value === undefined || (typeof value === 'string' && value.length > 0 && value.length <= MAX_STREAM_ID);

/** The state in a message from a peer, or undefined when it is not a state message this version reads. */
export function decodeCallState(value: unknown): CallPeerState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Partial<Record<keyof StateMessage, unknown>>;
  if (message.v !== VERSION || typeof message.in !== 'boolean' || typeof message.screen !== 'boolean') return undefined;
  if (message.audio !== 'on' && message.audio !== 'muted' && message.audio !== 'none') return undefined;
  if (message.video !== 'on' && message.video !== 'off' && message.video !== 'none') return undefined;
  const streams = message.streams;
  if (typeof streams !== 'object' || streams === null) return undefined;
  const { camera, screen } = streams as Record<string, unknown>;
  if (!isStreamId(camera) || !isStreamId(screen)) return undefined;
  return {
    inCall: message.in,
    audio: message.audio,
    video: message.video,
    screen: message.screen,
    streams: { ...(camera ? { camera } : {}), ...(screen ? { screen } : {}) },
  };
}
