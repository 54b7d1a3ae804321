/**
 * The wire protocol of DESIGN.md "Signaling", as types, and the validation of every frame a
 * client sends. Anything that does not fit becomes a ProtocolError with its code.
 */
import { BinaryKind, decodeBinarySignal, isWireName, MAX_NAME_BYTES } from '../core/signaling/binary-frame.js';
import { parseLatencyReport, ReportError, type CoarseLocation, type PeerSuggestion } from '../core/signaling/suggest.js';
import { ErrorCode, ProtocolError } from './errors.js';
import { toBase64Url } from '../core/util/bytes.js';

/**
 * Namespaces, rooms and ids are names: UTF-8 bytes, as the binary framing carries them (a name
 * counted in characters could pass here and then not fit a binary frame). The rest: characters.
 */
export const FIELD_LIMITS = { ns: MAX_NAME_BYTES, room: MAX_NAME_BYTES, id: MAX_NAME_BYTES, nonce: 128, ref: 64 } as const;

/** `binary`: the client takes signals as binary frames (binary-frame.ts), an opt-in extension. */
export type JoinFrame = { type: 'join'; ns: string; room: string; id: string; proof: string; mode: 'mesh' | 'pair'; binary?: boolean; ref?: string };
export type SignalFrame = { type: 'signal'; ns: string; room: string; to: string; env: string; ref?: string };
/**
 * A link's frames through the server (link/server-path.ts), for a member no WebRTC path reaches:
 * `data` is base64url of bytes already encrypted to `to`; the server routes it within the room,
 * and counts its bytes against the data budgets (ServerLimits.dataRate and the rest).
 */
export type DataFrame = { type: 'data'; ns: string; room: string; to: string; data: string; ref?: string };
export type LeaveFrame = { type: 'leave'; ns: string; room: string; ref?: string };
export type PingFrame = { type: 'ping'; ref?: string };
/** Withdraws this connection's waiting pair request (an extension: clients that leave pair mode). */
export type CancelFrame = { type: 'CANCEL'; ref?: string };
/** Pair protocol: `nonce` marks the answer to a DEMOTE. */
/** `proof`: a pair proof (join-proof.ts) that the requester holds the key `id` names; required. */
export type ConnectFrame = { type: 'CONNECT'; ns: string; id: string; signal: string; nonce?: string; proof?: string; ref?: string };
export type BounceFrame = { type: 'BOUNCE'; ns: string; id: string; signal: string; nonce: string; proof?: string; ref?: string };
export type PairFrame = ConnectFrame | BounceFrame;
/** RTTs (ms) to the peers this one is linked to in a joined room; answered with `suggest`. */
export type ReportFrame = { type: 'report'; ns: string; room: string; rtts: Readonly<Record<string, number>>; geo?: CoarseLocation; ref?: string };
/** The data budgets a client paces itself by, per socket: told in the hello. */
export interface DataLimits {
  /** Bytes a second. */
  readonly rate: number;
  readonly burst: number;
  /** The largest payload of one `data` frame, in bytes. */
  readonly max: number;
  /** Frames of any kind a second (and burst) one socket may send: data frames count too. */
  readonly frameRate: number;
  readonly frameBurst: number;
}

export type ClientFrame = JoinFrame | SignalFrame | DataFrame | LeaveFrame | PingFrame | CancelFrame | PairFrame | ReportFrame;

export type ServerFrame =
  /** `data`: what this server relays of `data` frames (DataLimits); absent where it relays none. */
  | { type: 'hello'; challenge: string; data?: DataLimits }
  | { type: 'peers'; ns: string; room: string; ids: string[] }
  | { type: 'joined'; ns: string; room: string; id: string }
  | { type: 'left'; ns: string; room: string; id: string }
  | { type: 'signal'; ns: string; room: string; from: string; env: string }
  | { type: 'data'; ns: string; room: string; from: string; data: string }
  /** Unlinked members likely to be closer, best first; `ref` echoes the report's. */
  | { type: 'suggest'; ns: string; room: string; peers: PeerSuggestion[]; ref?: string }
  | { type: 'pong' }
  | { type: 'DEMOTE'; nonce: string; signal: string; ref?: string }
  | { type: 'ANSWER'; signal: string; ref?: string }
  | { type: 'DELIVERED'; ref?: string }
  | { type: 'error'; code: number; message: string; ref?: string };

function field(frame: Record<string, unknown>, name: string, max: number): string {
  const value = frame[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new ProtocolError(ErrorCode.BadParameter, `"${name}" must be a string of 1–${max} characters`);
  }
  return value;
}

/** A namespace, room or peer id: 1–MAX_NAME_BYTES bytes of well-formed UTF-8. */
function name(frame: Record<string, unknown>, field: 'ns' | 'room' | 'id' | 'to'): string {
  const value = frame[field];
  if (typeof value !== 'string' || !isWireName(value)) {
    throw new ProtocolError(ErrorCode.BadParameter, `"${field}" must be a string of 1–${MAX_NAME_BYTES} bytes of UTF-8`);
  }
  return value;
}

function optionalRef(frame: Record<string, unknown>): { ref?: string } {
  if (frame.ref === undefined) return {};
  return { ref: field(frame, 'ref', FIELD_LIMITS.ref) };
}

/** The `ref` of a frame, if it has a usable one: echoed in the error so clients can match it. */
export function refOf(frame: unknown): string | undefined {
  const ref = (frame as { ref?: unknown } | null)?.ref;
  return typeof ref === 'string' && ref.length <= FIELD_LIMITS.ref ? ref : undefined;
}

/** The `ref` of a text frame that may not even be JSON. */
export function refOfText(text: string): string | undefined {
  try {
    return refOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A binary frame (`signal` and `data` have one) as the text frame it stands for; the relay path is the same. */
export function parseBinaryFrame(data: Uint8Array, maxSignal: number, maxData: number): SignalFrame | DataFrame {
  let signal;
  try {
    // Base64url turns 3 bytes into 4 characters: the same bound as the text form.
    signal = decodeBinarySignal(data, Math.max(Math.floor((maxSignal * 3) / 4), maxData));
  } catch (error) {
    throw new ProtocolError(ErrorCode.BadFrame, `binary frame: ${(error as Error).message}`);
  }
  const payload = toBase64Url(signal.env);
  if (signal.kind === BinaryKind.DataTo) {
    if (signal.env.length > maxData) throw new ProtocolError(ErrorCode.FrameTooLarge, `data of ${signal.env.length} bytes exceeds ${maxData}`);
    return { type: 'data', ns: signal.ns, room: signal.room, to: signal.peer, data: payload };
  }
  if (signal.kind !== BinaryKind.SignalTo) throw new ProtocolError(ErrorCode.BadFrame, 'binary frame: clients send frames "to" a peer');
  if (signal.env.length > Math.floor((maxSignal * 3) / 4)) throw new ProtocolError(ErrorCode.BadFrame, `binary frame: envelope of ${signal.env.length} bytes exceeds ${Math.floor((maxSignal * 3) / 4)}`);
  return { type: 'signal', ns: signal.ns, room: signal.room, to: signal.peer, env: payload };
}

/** How many bytes a base64url `data` field stands for. */
export function dataBytes(data: string): number {
  return Math.floor((data.length * 3) / 4);
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Parses and validates one text frame. `maxSignal` bounds envelopes and the signals of pair requests, `maxData` the bytes of a `data` frame. */
export function parseClientFrame(text: string, maxSignal: number, maxData = 0): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError(ErrorCode.BadFrame, 'frame is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProtocolError(ErrorCode.BadFrame, 'frame is not a JSON object');
  const frame = value as Record<string, unknown>;
  const ref = optionalRef(frame);
  switch (frame.type) {
    case 'join': {
      const mode = frame.mode ?? 'mesh';
      if (mode !== 'mesh' && mode !== 'pair') throw new ProtocolError(ErrorCode.BadParameter, '"mode" must be "mesh" or "pair"');
      return {
        type: 'join',
        ns: name(frame, 'ns'),
        room: name(frame, 'room'),
        id: name(frame, 'id'),
        proof: field(frame, 'proof', maxSignal),
        mode,
        ...(frame.binary === true ? { binary: true } : {}),
        ...ref,
      };
    }
    case 'signal':
      // The relay hot path: validated in place rather than copied, and names by length only. Their
      // bytes were checked where they entered (join): a signal is relayed only within a joined room
      // and to a member, so any other ns, room or `to` is refused as 403 or 404 all the same.
      field(frame, 'ns', FIELD_LIMITS.ns);
      field(frame, 'room', FIELD_LIMITS.room);
      field(frame, 'to', FIELD_LIMITS.id);
      field(frame, 'env', maxSignal);
      return frame as SignalFrame;
    case 'data': {
      const data = frame.data;
      if (typeof data !== 'string' || data.length === 0) throw new ProtocolError(ErrorCode.BadParameter, '"data" must be a non-empty base64url string');
      if (dataBytes(data) > maxData) throw new ProtocolError(ErrorCode.FrameTooLarge, `data of ${dataBytes(data)} bytes exceeds ${maxData}`);
      if (!BASE64URL.test(data)) throw new ProtocolError(ErrorCode.BadParameter, '"data" must be base64url');
      return { type: 'data', ns: name(frame, 'ns'), room: name(frame, 'room'), to: name(frame, 'to'), data, ...ref };
    }
    case 'leave':
      return { type: 'leave', ns: name(frame, 'ns'), room: name(frame, 'room'), ...ref };
    case 'ping':
      return { type: 'ping', ...ref };
    case 'CANCEL':
      return { type: 'CANCEL', ...ref };
    case 'CONNECT':
    case 'BOUNCE':
      return parsePairRequest(frame, maxSignal);
    case 'report':
      return parseReport(frame, ref);
    default:
      throw new ProtocolError(ErrorCode.BadFrame, `unknown frame type ${JSON.stringify(frame.type)?.slice(0, 40)}`);
  }
}

/** Report codes as protocol codes: too many entries is a size limit, anything else a bad parameter. */
const REPORT_ERROR_CODES = { malformed: ErrorCode.BadParameter, 'out-of-range': ErrorCode.BadParameter, 'too-many': ErrorCode.FrameTooLarge } as const;

function parseReport(frame: Record<string, unknown>, ref: { ref?: string }): ReportFrame {
  const ns = name(frame, 'ns');
  const room = name(frame, 'room');
  try {
    return { type: 'report', ns, room, ...parseLatencyReport(frame), ...ref };
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    throw new ProtocolError(REPORT_ERROR_CODES[error.code], `report ${error.code}: ${error.message}`);
  }
}

/** Pair requests arrive as WebSocket frames and as `POST /link` bodies; both pass through here. */
export function parsePairRequest(frame: Record<string, unknown>, maxSignal: number): PairFrame {
  const base = {
    ns: name(frame, 'ns'),
    id: name(frame, 'id'),
    signal: field(frame, 'signal', maxSignal),
    // Checked by the server, which answers a missing or bad one with 401 (not a malformed frame).
    ...(frame.proof !== undefined ? { proof: field(frame, 'proof', maxSignal) } : {}),
    ...optionalRef(frame),
  };
  if (frame.type === 'BOUNCE') return { type: 'BOUNCE', ...base, nonce: field(frame, 'nonce', FIELD_LIMITS.nonce) };
  if (frame.type !== 'CONNECT') throw new ProtocolError(ErrorCode.BadParameter, '"type" must be CONNECT or BOUNCE');
  return frame.nonce === undefined ? { type: 'CONNECT', ...base } : { type: 'CONNECT', ...base, nonce: field(frame, 'nonce', FIELD_LIMITS.nonce) };
}
