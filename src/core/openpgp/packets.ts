/**
 * OpenPGP packet framing (RFC 9580 §4.2): just enough to write the packets an envelope is made of
 * and to read the ones another OpenPGP tool may produce (old and new headers, partial lengths).
 */
import { concatBytes, uint32BigEndian } from '../util/bytes.js';

export const PacketTag = {
  Signature: 2,
  OnePassSignature: 4,
  SecretKey: 5,
  PublicKey: 6,
  CompressedData: 8,
  LiteralData: 11,
  UserId: 13,
  PublicSubkey: 14,
} as const;

export interface Packet {
  readonly tag: number;
  readonly body: Uint8Array;
}

/** Thrown for any structural problem; callers map it to their own error codes. */
export class PacketError extends Error {
  override readonly name = 'PacketError';
}

export function encodePacket(tag: number, body: Uint8Array): Uint8Array {
  const length = body.length;
  let header: Uint8Array;
  if (length < 192) {
    header = Uint8Array.of(0xc0 | tag, length);
  } else if (length < 8384) {
    const rest = length - 192;
    header = Uint8Array.of(0xc0 | tag, (rest >> 8) + 192, rest & 0xff);
  } else {
    header = concatBytes(Uint8Array.of(0xc0 | tag, 0xff), uint32BigEndian(length));
  }
  return concatBytes(header, body);
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Splits a byte string into packets. `maxPackets` bounds work on hostile input. */
export function decodePackets(bytes: Uint8Array, maxPackets = 64): Packet[] {
  const packets: Packet[] = [];
  let at = 0;
  const need = (n: number): void => {
    if (at + n > bytes.length) throw new PacketError('truncated packet');
  };
  while (at < bytes.length) {
    if (packets.length >= maxPackets) throw new PacketError('too many packets');
    const first = bytes[at++]!;
    if ((first & 0x80) === 0) throw new PacketError('invalid packet header');
    if (first & 0x40) {
      const tag = first & 0x3f;
      const chunks: Uint8Array[] = [];
      for (;;) {
        need(1);
        const l0 = bytes[at++]!;
        let length: number;
        let partial = false;
        if (l0 < 192) length = l0;
        else if (l0 < 224) {
          need(1);
          length = ((l0 - 192) << 8) + bytes[at++]! + 192;
        } else if (l0 === 255) {
          need(4);
          length = readU32(bytes, at);
          at += 4;
        } else {
          length = 1 << (l0 & 0x1f);
          partial = true;
        }
        need(length);
        chunks.push(bytes.subarray(at, at + length));
        at += length;
        if (!partial) break;
      }
      packets.push({ tag, body: chunks.length === 1 ? chunks[0]! : concatBytes(...chunks) });
    } else {
      const tag = (first >> 2) & 0x0f;
      const lengthType = first & 3;
      let length: number;
      if (lengthType === 0) {
        need(1);
        length = bytes[at++]!;
      } else if (lengthType === 1) {
        need(2);
        length = (bytes[at]! << 8) | bytes[at + 1]!;
        at += 2;
      } else if (lengthType === 2) {
        need(4);
        length = readU32(bytes, at);
        at += 4;
      } else {
        length = bytes.length - at;
      }
      need(length);
      packets.push({ tag, body: bytes.subarray(at, at + length) });
      at += length;
    }
  }
  return packets;
}

/** Multiprecision integer: two-byte bit count, then the big-endian value without leading zeros. */
export function encodeMpi(value: Uint8Array): Uint8Array {
  let start = 0;
  while (start < value.length && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  const bits = trimmed.length === 0 ? 0 : (trimmed.length - 1) * 8 + (32 - Math.clz32(trimmed[0]!));
  return concatBytes(Uint8Array.of(bits >> 8, bits & 0xff), trimmed);
}

/** Reads an MPI at `at`; returns the value left-padded to `width` bytes and the next offset. */
export function decodeMpi(bytes: Uint8Array, at: number, width: number): [Uint8Array, number] {
  if (at + 2 > bytes.length) throw new PacketError('truncated MPI');
  const bits = (bytes[at]! << 8) | bytes[at + 1]!;
  const length = (bits + 7) >> 3;
  if (length > width) throw new PacketError('MPI too long');
  const end = at + 2 + length;
  if (end > bytes.length) throw new PacketError('truncated MPI');
  const out = new Uint8Array(width);
  out.set(bytes.subarray(at + 2, end), width - length);
  return [out, end];
}
