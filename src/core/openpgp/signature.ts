/**
 * OpenPGP v4 signatures made with Ed25519 keys (RFC 9580 §5.2): building the signed data,
 * the packet, and verifying what any OpenPGP implementation produced with such a key.
 */
import { concatBytes, uint32BigEndian } from '../util/bytes.js';
import { digest, type DigestName } from '../crypto/digest.js';
import { verifyEd25519, type Ed25519Signer } from '../crypto/ed25519.js';
import { decodeMpi, encodeMpi, PacketError } from './packets.js';

export const SignatureType = { Binary: 0x00, Text: 0x01, GenericCert: 0x10, PersonaCert: 0x11, CasualCert: 0x12, PositiveCert: 0x13 } as const;
export const PublicKeyAlgorithm = { EdDsaLegacy: 22, Ed25519: 27 } as const;
const HashAlgorithm = { Sha256: 8, Sha384: 9, Sha512: 10 } as const;
const hashNames: Record<number, DigestName> = { 8: 'SHA-256', 9: 'SHA-384', 10: 'SHA-512' };

const Subpacket = { CreationTime: 2, IssuerKeyId: 16, KeyFlags: 27, IssuerFingerprint: 33 } as const;

/** Key flags (RFC 9580 §5.2.3.29): what a self-certification says the key may do. */
export const KeyFlag = { Certify: 0x01, Sign: 0x02 } as const;

export interface ParsedSignature {
  readonly type: number;
  readonly publicKeyAlgorithm: number;
  readonly hashAlgorithm: number;
  /** Version through hashed subpackets: the part the signature covers besides the data. */
  readonly hashedPart: Uint8Array;
  readonly created: number | undefined;
  readonly issuerKeyId: Uint8Array | undefined;
  readonly issuerFingerprint: Uint8Array | undefined;
  readonly hashPrefix: Uint8Array;
  readonly signature: Uint8Array;
}

function subpacket(type: number, data: Uint8Array): Uint8Array {
  // Our subpackets are tiny, so the one-byte length form always applies.
  return concatBytes(Uint8Array.of(data.length + 1, type), data);
}

function trailer(hashedPart: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x04, 0xff), uint32BigEndian(hashedPart.length));
}

export interface SignOptions {
  readonly type: number;
  readonly signer: Ed25519Signer;
  readonly keyId: Uint8Array;
  readonly createdSeconds: number;
  /** For a self-certification: what the key may be used for (KeyFlag bits), hashed. */
  readonly keyFlags?: number;
}

/**
 * Signs `signedData` (for a binary document, the literal data; for a certification, the key and
 * user id framing) and returns the signature packet body. Hashed area: creation time (and key
 * flags on a self-certification); unhashed: issuer key id — the smallest set GnuPG needs to find
 * the key and verify.
 */
export async function createSignatureBody(signedData: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const hashedSubpackets = concatBytes(
    subpacket(Subpacket.CreationTime, uint32BigEndian(options.createdSeconds)),
    options.keyFlags === undefined ? new Uint8Array(0) : subpacket(Subpacket.KeyFlags, Uint8Array.of(options.keyFlags)),
  );
  const hashedPart = concatBytes(
    Uint8Array.of(4, options.type, PublicKeyAlgorithm.EdDsaLegacy, HashAlgorithm.Sha256, hashedSubpackets.length >> 8, hashedSubpackets.length & 0xff),
    hashedSubpackets,
  );
  const hash = await digest('SHA-256', concatBytes(signedData, hashedPart, trailer(hashedPart)));
  const signature = await options.signer.sign(hash);
  const unhashed = subpacket(Subpacket.IssuerKeyId, options.keyId);
  return concatBytes(
    hashedPart,
    Uint8Array.of(unhashed.length >> 8, unhashed.length & 0xff),
    unhashed,
    hash.subarray(0, 2),
    encodeMpi(signature.subarray(0, 32)),
    encodeMpi(signature.subarray(32, 64)),
  );
}

interface Subpackets {
  created?: number;
  issuerKeyId?: Uint8Array;
  issuerFingerprint?: Uint8Array;
}

function readSubpackets(area: Uint8Array, into: Subpackets): void {
  let at = 0;
  while (at < area.length) {
    const l0 = area[at++]!;
    let length: number;
    if (l0 < 192) length = l0;
    else if (l0 < 255) {
      if (at >= area.length) throw new PacketError('truncated subpacket');
      length = ((l0 - 192) << 8) + area[at++]! + 192;
    } else {
      if (at + 4 > area.length) throw new PacketError('truncated subpacket');
      length = ((area[at]! << 24) | (area[at + 1]! << 16) | (area[at + 2]! << 8) | area[at + 3]!) >>> 0;
      at += 4;
    }
    if (length === 0 || at + length > area.length) throw new PacketError('truncated subpacket');
    const type = area[at]! & 0x7f;
    const data = area.subarray(at + 1, at + length);
    if (type === Subpacket.CreationTime && data.length === 4) {
      into.created = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
    } else if (type === Subpacket.IssuerKeyId && data.length === 8) {
      into.issuerKeyId = data;
    } else if (type === Subpacket.IssuerFingerprint && data.length === 21 && data[0] === 4) {
      into.issuerFingerprint = data.subarray(1);
    }
    at += length;
  }
}

export function parseSignature(body: Uint8Array): ParsedSignature {
  if (body.length < 6 || body[0] !== 4) throw new PacketError('unsupported signature version');
  const hashedLength = (body[4]! << 8) | body[5]!;
  const hashedEnd = 6 + hashedLength;
  if (hashedEnd + 2 > body.length) throw new PacketError('truncated signature');
  const unhashedLength = (body[hashedEnd]! << 8) | body[hashedEnd + 1]!;
  const unhashedEnd = hashedEnd + 2 + unhashedLength;
  if (unhashedEnd + 2 > body.length) throw new PacketError('truncated signature');
  const subpackets: Subpackets = {};
  // Unhashed first so that hashed values, which the signature covers, win.
  readSubpackets(body.subarray(hashedEnd + 2, unhashedEnd), subpackets);
  const unhashedIssuer = subpackets.issuerKeyId;
  delete subpackets.issuerKeyId;
  readSubpackets(body.subarray(6, hashedEnd), subpackets);
  subpackets.issuerKeyId ??= unhashedIssuer;
  const publicKeyAlgorithm = body[2]!;
  let signature: Uint8Array;
  let end: number;
  if (publicKeyAlgorithm === PublicKeyAlgorithm.EdDsaLegacy) {
    const [r, afterR] = decodeMpi(body, unhashedEnd + 2, 32);
    const [s, afterS] = decodeMpi(body, afterR, 32);
    signature = concatBytes(r, s);
    end = afterS;
  } else if (publicKeyAlgorithm === PublicKeyAlgorithm.Ed25519) {
    end = unhashedEnd + 2 + 64;
    if (end > body.length) throw new PacketError('truncated signature');
    signature = body.slice(unhashedEnd + 2, end);
  } else {
    throw new PacketError(`unsupported public key algorithm ${publicKeyAlgorithm}`);
  }
  if (end !== body.length) throw new PacketError('trailing bytes after signature');
  return {
    type: body[1]!,
    publicKeyAlgorithm,
    hashAlgorithm: body[3]!,
    hashedPart: body.subarray(0, hashedEnd),
    created: subpackets.created,
    issuerKeyId: subpackets.issuerKeyId,
    issuerFingerprint: subpackets.issuerFingerprint,
    hashPrefix: body.subarray(hashedEnd + 2 + unhashedLength, hashedEnd + 4 + unhashedLength),
    signature,
  };
}

/** True when `signature` is a valid signature by `publicKey` over `signedData`. */
export async function verifySignature(signature: ParsedSignature, signedData: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  const hashName = hashNames[signature.hashAlgorithm];
  if (!hashName) return false;
  const hash = await digest(hashName, concatBytes(signedData, signature.hashedPart, trailer(signature.hashedPart)));
  if (hash[0] !== signature.hashPrefix[0] || hash[1] !== signature.hashPrefix[1]) return false;
  // Ed25519Legacy (22) signs the digest; RFC 9580's Ed25519 (27) signs the digest too for v4.
  return verifyEd25519(publicKey, hash, signature.signature);
}
