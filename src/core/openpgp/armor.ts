/** ASCII armor (RFC 9580 §6) with the CRC-24 checked when present. */
import { fromBase64, toBase64 } from '../util/bytes.js';
import { PacketError } from './packets.js';

function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

export type ArmorType = 'PUBLIC KEY BLOCK' | 'PRIVATE KEY BLOCK' | 'MESSAGE' | 'SIGNATURE';

/**
 * Armors without Version/Comment headers (they cost bytes on every first contact) in 76-character
 * lines. The CRC-24 line stays although RFC 9580 makes it optional: GnuPG 2.2 cannot find the end
 * of an unpadded body without it.
 */
export function armor(type: ArmorType, bytes: Uint8Array): string {
  const body = toBase64(bytes).replace(/.{1,76}/g, '$&\n');
  const crc = crc24(bytes);
  const crcBytes = Uint8Array.of(crc >> 16, (crc >> 8) & 0xff, crc & 0xff);
  return `-----BEGIN PGP ${type}-----\n\n${body}=${toBase64(crcBytes)}\n-----END PGP ${type}-----\n`;
}

export function dearmor(text: string, maxLength = 64 * 1024): { type: string; bytes: Uint8Array } {
  if (text.length > maxLength) throw new PacketError('armored block too large');
  const begin = /-----BEGIN PGP ([A-Z ]+)-----\r?\n/.exec(text);
  if (!begin) throw new PacketError('no armor header');
  const type = begin[1]!;
  const end = text.indexOf(`-----END PGP ${type}-----`, begin.index);
  if (end < 0) throw new PacketError('no armor footer');
  const lines = text.slice(begin.index + begin[0].length, end).split(/\r?\n/);
  // Armor headers ("Key: value") run until the first blank line.
  let first = 0;
  while (first < lines.length && lines[first]!.includes(': ')) first++;
  let data = '';
  let checksum: string | undefined;
  for (const raw of lines.slice(first)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('=') && line.length === 5) checksum = line.slice(1);
    else data += line;
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(data);
  } catch {
    throw new PacketError('invalid armor body');
  }
  if (checksum !== undefined) {
    let crc: Uint8Array;
    try {
      crc = fromBase64(checksum);
    } catch {
      throw new PacketError('invalid armor checksum');
    }
    if (((crc[0]! << 16) | (crc[1]! << 8) | crc[2]!) !== crc24(bytes)) throw new PacketError('armor checksum mismatch');
  }
  return { type, bytes };
}
