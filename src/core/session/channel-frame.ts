/**
 * The body of a Channel frame (link/frame.ts FrameKind.Channel): one part of one message on one
 * named channel, or the receipt for a message.
 *
 *   byte 0        name length n (1–64)
 *   bytes 1..n    channel name, UTF-8
 *   byte n+1      type: 0 JSON, 1 binary, 2 receipt
 *   byte n+2      flags: bit 0 — the sender wants a receipt
 *   bytes +4      message id (u32, the sender's; a receipt names the message it confirms)
 *   bytes +2      part index (u16)
 *   bytes +2      part count (u16, ≥ 1; a receipt has 1 part and no payload)
 *   rest          this part's payload
 *
 * A value larger than one frame is split into parts, reassembled by (sender, message id).
 */
import { FrameError, MAX_FRAME_BODY } from '../link/frame.js';

export const MAX_CHANNEL_NAME_BYTES = 64;
const FIXED_BYTES = 1 + 1 + 1 + 4 + 2 + 2;

export const ChannelValueType = { Json: 0, Binary: 1, Receipt: 2 } as const;
export type ChannelValueType = (typeof ChannelValueType)[keyof typeof ChannelValueType];

export interface ChannelPart {
  readonly name: string;
  readonly type: ChannelValueType;
  readonly wantsReceipt: boolean;
  readonly id: number;
  readonly index: number;
  readonly count: number;
  readonly payload: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function channelNameBytes(name: string): Uint8Array {
  const bytes = encoder.encode(name);
  if (bytes.length < 1 || bytes.length > MAX_CHANNEL_NAME_BYTES) throw new RangeError(`a channel name is 1–${MAX_CHANNEL_NAME_BYTES} bytes of UTF-8 (got ${bytes.length})`);
  return bytes;
}

/**
 * The most payload one part carries: 16 KiB, the message size every WebRTC stack delivers whole,
 * and small enough that a part relayed through a partial mesh (base64url in a sealed gossip
 * message, ≤ 40 KiB) still fits — and a large value never holds a link for long.
 */
export const PART_PAYLOAD_BYTES = 16 * 1024;

export function partCapacity(nameBytes: Uint8Array): number {
  return Math.min(PART_PAYLOAD_BYTES, MAX_FRAME_BODY - FIXED_BYTES - nameBytes.length);
}

/**
 * The most payload one part of a direct message carries (SendOptions.direct): as much as a link
 * frame takes, since a direct message never goes through the relay. Fewer, larger frames cost far
 * less to send and to take than many of 16 KiB (bulk data: files).
 */
export function directPartCapacity(nameBytes: Uint8Array): number {
  return MAX_FRAME_BODY - FIXED_BYTES - nameBytes.length;
}

export function encodeChannelPart(nameBytes: Uint8Array, part: Omit<ChannelPart, 'name'>): Uint8Array {
  const out = new Uint8Array(FIXED_BYTES + nameBytes.length + part.payload.length);
  const view = new DataView(out.buffer);
  let at = 0;
  out[at++] = nameBytes.length;
  out.set(nameBytes, at);
  at += nameBytes.length;
  out[at++] = part.type;
  out[at++] = part.wantsReceipt ? 1 : 0;
  view.setUint32(at, part.id);
  at += 4;
  view.setUint16(at, part.index);
  at += 2;
  view.setUint16(at, part.count);
  at += 2;
  out.set(part.payload, at);
  return out;
}

export function decodeChannelPart(body: Uint8Array): ChannelPart {
  const nameLength = body[0] ?? 0;
  if (nameLength < 1 || nameLength > MAX_CHANNEL_NAME_BYTES || body.length < FIXED_BYTES + nameLength) throw new FrameError('empty', 'a channel frame too short for its header');
  let name: string;
  try {
    name = decoder.decode(body.subarray(1, 1 + nameLength));
  } catch {
    throw new FrameError('encoding', 'a channel name that is not UTF-8');
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 1 + nameLength;
  const type = body[at++]!;
  if (type !== ChannelValueType.Json && type !== ChannelValueType.Binary && type !== ChannelValueType.Receipt) throw new FrameError('kind', `unknown channel value type ${type}`);
  const wantsReceipt = (body[at++]! & 1) === 1;
  const id = view.getUint32(at);
  at += 4;
  const index = view.getUint16(at);
  at += 2;
  const count = view.getUint16(at);
  at += 2;
  if (count < 1 || index >= count) throw new FrameError('empty', `part ${index} of ${count}`);
  return { name, type: type as ChannelValueType, wantsReceipt, id, index, count, payload: body.subarray(at) };
}
