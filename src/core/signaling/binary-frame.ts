/**
 * The compact binary framing of `signal` on the WebSocket (an opt-in extension of DESIGN.md's
 * JSON protocol: a client asks for it with `"binary": true` in its join frames, and the JSON text
 * form stays valid both ways). The envelope travels as its raw bytes instead of base64url inside
 * JSON, about a third smaller on the wire and with nothing to parse but three short strings:
 *
 *   kind (1 byte: 0x01 to the server, naming `to`; 0x02 from the server, naming `from`)
 *   ‖ for ns, room, peer: length (1 byte, 1–MAX_NAME_BYTES = 128) ‖ UTF-8 bytes
 *   ‖ envelope bytes (the rest, at least 1)
 *
 * `data` frames (a link's frames through the server while no WebRTC path forms: link/server-path.ts)
 * have the same layout with kinds 0x03 (to the server) and 0x04 (from it); their payload is
 * already encrypted to the recipient, and the server only routes it.
 */
import { concatBytes, utf8Decode, utf8Encode } from '../util/bytes.js';

export const BinaryKind = { SignalTo: 0x01, SignalFrom: 0x02, DataTo: 0x03, DataFrom: 0x04 } as const;
export type BinaryKind = (typeof BinaryKind)[keyof typeof BinaryKind];

export interface BinarySignal {
  readonly kind: BinaryKind;
  readonly ns: string;
  readonly room: string;
  /** `to` in frames for the server, `from` in frames from it. */
  readonly peer: string;
  readonly env: Uint8Array;
}

/**
 * The longest namespace, room or peer id, in UTF-8 bytes: one length byte carries each in a binary
 * frame. The server refuses a longer name at join (and in every frame), and WebSocketTransport
 * before it joins, so every joined name fits the binary form.
 */
export const MAX_NAME_BYTES = 128;

/**
 * Whether `name` can be a namespace, room or peer id on the wire: 1–MAX_NAME_BYTES bytes of UTF-8,
 * and well-formed UTF-16 (a lone surrogate has no UTF-8 form: encoding would turn it into U+FFFD,
 * and the name would arrive changed). Counts without allocating: the server calls it per frame.
 */
export function isWireName(name: string): boolean {
  // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is refused at once.
  if (name.length === 0 || name.length > MAX_NAME_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit < 0xd800 || unit > 0xdfff) bytes += 3;
    else {
      const low = name.charCodeAt(i + 1);
      if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      bytes += 4;
      i++;
    }
  }
  return bytes <= MAX_NAME_BYTES;
}

export class BinaryFrameError extends Error {
  override readonly name = 'BinaryFrameError';
}

export function encodeBinarySignal(signal: BinarySignal): Uint8Array {
  const fields = [signal.ns, signal.room, signal.peer].map((text) => {
    const bytes = utf8Encode(text);
    if (bytes.length === 0 || bytes.length > MAX_NAME_BYTES) throw new BinaryFrameError(`a field of ${bytes.length} bytes (1–${MAX_NAME_BYTES})`);
    return concatBytes(Uint8Array.of(bytes.length), bytes);
  });
  return concatBytes(Uint8Array.of(signal.kind), ...fields, signal.env);
}

/** Decodes one frame; `maxEnvBytes` bounds the envelope. Throws `BinaryFrameError` on anything else. */
export function decodeBinarySignal(frame: Uint8Array, maxEnvBytes: number): BinarySignal {
  const kind = frame[0];
  if (kind !== BinaryKind.SignalTo && kind !== BinaryKind.SignalFrom && kind !== BinaryKind.DataTo && kind !== BinaryKind.DataFrom) throw new BinaryFrameError(`unknown binary frame kind ${kind}`);
  let at = 1;
  const readField = (name: string): string => {
    const length = frame[at];
    if (length === undefined || length === 0 || length > MAX_NAME_BYTES || at + 1 + length > frame.length) throw new BinaryFrameError(`"${name}" is missing or has a bad length`);
    const bytes = frame.subarray(at + 1, at + 1 + length);
    at += 1 + length;
    try {
      return utf8Decode(bytes);
    } catch {
      throw new BinaryFrameError(`"${name}" is not UTF-8`);
    }
  };
  const ns = readField('ns');
  const room = readField('room');
  const peer = readField(isToServer(kind) ? 'to' : 'from');
  const env = frame.subarray(at);
  if (env.length === 0) throw new BinaryFrameError('no envelope');
  if (env.length > maxEnvBytes) throw new BinaryFrameError(`envelope of ${env.length} bytes exceeds ${maxEnvBytes}`);
  return { kind, ns, room, peer, env };
}

/** Frames a client sends (naming `to`), as opposed to those the server sends (naming `from`). */
export function isToServer(kind: BinaryKind): boolean {
  return kind === BinaryKind.SignalTo || kind === BinaryKind.DataTo;
}
