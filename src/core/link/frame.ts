/**
 * The one framing on a link's data channel, for every kind of frame that travels on it:
 *
 *   byte 0   version (FRAME_VERSION)
 *   byte 1   kind (FrameKind)
 *   rest     body, as the kind defines it
 *
 * Kinds below 16 belong to the link itself (its binding statement and pings) and never leave it;
 * kinds from 16 up are handed to whoever owns the link (the session: room messages, relayed
 * frames, goodbyes, named channels). A frame of another version or an unknown kind is refused
 * with a typed error, never guessed at, so a later version can change the layout behind a new
 * version byte.
 */
import { utf8Decode, utf8Encode } from '../util/bytes.js';

export const FRAME_VERSION = 1;

export const FrameKind = {
  /** The sealed statement that binds the channel to both keys (link/binding). */
  Bind: 1,
  /** A round-trip probe: the sender's clock, echoed back as Pong. */
  Ping: 2,
  Pong: 3,
  /**
   * A sealed signal (an envelope, UTF-8) over the bound channel, for links whose signaling ends once
   * they are made (pair mode): renegotiations and ICE restarts still reach the remote.
   */
  Signal: 4,
  /** A message from the app to this peer (Room.send / broadcast in a full mesh), UTF-8. */
  Message: 16,
  /** A gossip frame to relay (mesh/gossip), UTF-8. */
  Relay: 17,
  /** A goodbye: the link is dropped on purpose, with the reason (JSON, UTF-8). */
  Unlink: 18,
  /** A frame of a named channel (session/channels). */
  Channel: 19,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** The kinds a link hands to its owner. */
export type SessionFrameKind = typeof FrameKind.Message | typeof FrameKind.Relay | typeof FrameKind.Unlink | typeof FrameKind.Channel;

const KINDS = new Set<number>(Object.values(FrameKind));
const FIRST_SESSION_KIND = 16;

/** Kinds from 16 up go to the link's owner; a link refuses to send its own kinds for it. */
export function isSessionFrameKind(kind: number): kind is SessionFrameKind {
  return kind >= FIRST_SESSION_KIND && KINDS.has(kind);
}

/**
 * The largest frame, header included: what every browser's SCTP stack takes as one message
 * (Chromium and Firefox announce 256 KiB in the SDP). Larger values are split by their channel.
 */
export const MAX_FRAME_BYTES = 256 * 1024;
const HEADER_BYTES = 2;
export const MAX_FRAME_BODY = MAX_FRAME_BYTES - HEADER_BYTES;

export type FrameErrorCode = 'empty' | 'version' | 'kind' | 'too-large' | 'encoding';

export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

export interface Frame {
  readonly kind: FrameKind;
  readonly body: Uint8Array;
}

export function encodeFrame(kind: FrameKind, body: Uint8Array | string): Uint8Array {
  if (!KINDS.has(kind)) throw new FrameError('kind', `unknown frame kind ${kind}`);
  const bytes = typeof body === 'string' ? utf8Encode(body) : body;
  if (bytes.length > MAX_FRAME_BODY) throw new FrameError('too-large', `a frame body of ${bytes.length} bytes is over ${MAX_FRAME_BODY}`);
  const frame = new Uint8Array(HEADER_BYTES + bytes.length);
  frame[0] = FRAME_VERSION;
  frame[1] = kind;
  frame.set(bytes, HEADER_BYTES);
  return frame;
}

/** Reads a frame as it came off the channel; the body is a view into `data`, not a copy. */
export function decodeFrame(data: Uint8Array): Frame {
  if (data.length < HEADER_BYTES) throw new FrameError('empty', 'a frame without its header');
  if (data.length > MAX_FRAME_BYTES) throw new FrameError('too-large', `a frame of ${data.length} bytes is over ${MAX_FRAME_BYTES}`);
  if (data[0] !== FRAME_VERSION) throw new FrameError('version', `frame version ${data[0]} (this peer speaks ${FRAME_VERSION})`);
  const kind = data[1]!;
  if (!KINDS.has(kind)) throw new FrameError('kind', `unknown frame kind ${kind}`);
  return { kind: kind as FrameKind, body: data.subarray(HEADER_BYTES) };
}

/** A text body (Message, Relay, Unlink); invalid UTF-8 is an `encoding` error, not replaced. */
export function frameText(body: Uint8Array): string {
  try {
    return utf8Decode(body);
  } catch {
    throw new FrameError('encoding', 'a text frame that is not UTF-8');
  }
}
