/**
 * Reading Ed25519 OpenPGP public keys: the peer id is the v4 fingerprint of the primary key.
 * Keys are made here (key-writer.ts), or imported from kbpgp or GnuPG; reading them needs no
 * kbpgp, so the envelope can verify a first-contact key in well under a millisecond, in browsers
 * and in Node.
 */
import { concatBytes, equalBytes, toHex, uint32BigEndian, utf8Decode } from '../util/bytes.js';
import { cleanName } from '../util/names.js';
import { digest } from '../crypto/digest.js';
import { dearmor } from './armor.js';
import { decodeMpi, decodePackets, encodePacket, PacketError, PacketTag, type Packet } from './packets.js';
import { parseSignature, PublicKeyAlgorithm, SignatureType, verifySignature } from './signature.js';

/** The curve OID of Ed25519 in EdDSA-legacy keys (RFC 9580 §9.2). */
export const ED25519_OID = Uint8Array.of(0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01);

export interface PublicKeyInfo {
  /** Lower-case hex v4 fingerprint: the peer id. */
  readonly fingerprint: string;
  readonly keyId: Uint8Array;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly created: number;
  /** The first self-certified user id, or '' when none verifies. */
  readonly name: string;
  /** The binary transferable public key (primary key, user ids, signatures). */
  readonly packets: Uint8Array;
}

interface PrimaryKey {
  readonly body: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly created: number;
}

function readPrimaryKey(body: Uint8Array): PrimaryKey {
  if (body.length < 6 || body[0] !== 4) throw new PacketError('only v4 keys are supported');
  const created = ((body[1]! << 24) | (body[2]! << 16) | (body[3]! << 8) | body[4]!) >>> 0;
  const algorithm = body[5]!;
  let publicKey: Uint8Array;
  let end: number;
  if (algorithm === PublicKeyAlgorithm.EdDsaLegacy) {
    const oidLength = body[6]!;
    const oid = body.subarray(7, 7 + oidLength);
    if (!equalBytes(oid, ED25519_OID)) throw new PacketError('only Ed25519 keys are supported');
    const [point, after] = decodeMpi(body, 7 + oidLength, 33);
    if (point[0] !== 0x40) throw new PacketError('unsupported Ed25519 point encoding');
    publicKey = point.slice(1);
    end = after;
  } else if (algorithm === PublicKeyAlgorithm.Ed25519) {
    publicKey = body.slice(6, 38);
    end = 38;
    if (publicKey.length !== 32) throw new PacketError('truncated Ed25519 key');
  } else {
    throw new PacketError(`unsupported key algorithm ${algorithm}: peerkit keys are Ed25519`);
  }
  // A secret-key packet continues after the public part; callers pass only the public part on.
  return { body: body.subarray(0, end), publicKey, created };
}

function keyHashPrefix(keyBody: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x99, keyBody.length >> 8, keyBody.length & 0xff), keyBody);
}

export async function fingerprintOf(keyBody: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-1', keyHashPrefix(keyBody));
}

/** Data a user-id certification covers (RFC 9580 §5.2.4). */
export function certificationData(keyBody: Uint8Array, userId: Uint8Array): Uint8Array {
  return concatBytes(keyHashPrefix(keyBody), Uint8Array.of(0xb4), uint32BigEndian(userId.length), userId);
}

const CERTIFICATIONS: ReadonlySet<number> = new Set([
  SignatureType.GenericCert,
  SignatureType.PersonaCert,
  SignatureType.CasualCert,
  SignatureType.PositiveCert,
]);

async function selfCertifiedName(packets: readonly Packet[], key: PrimaryKey, keyId: Uint8Array): Promise<string> {
  for (let i = 1; i < packets.length; i++) {
    if (packets[i]!.tag !== PacketTag.UserId) continue;
    const userId = packets[i]!.body;
    for (let j = i + 1; j < packets.length && packets[j]!.tag === PacketTag.Signature; j++) {
      let signature;
      try {
        signature = parseSignature(packets[j]!.body);
      } catch {
        continue;
      }
      if (!CERTIFICATIONS.has(signature.type)) continue;
      if (signature.issuerKeyId && !equalBytes(signature.issuerKeyId, keyId)) continue;
      if (await verifySignature(signature, certificationData(key.body, userId), key.publicKey)) {
        try {
          return utf8Decode(userId);
        } catch {
          return '';
        }
      }
    }
  }
  return '';
}

/**
 * Reads only what proves possession of a key: its primary key and fingerprint. User ids are not
 * read or verified (`name` is ''), and `packets` holds the primary key packet alone; the arrays
 * are copies, so nothing of the input stays referenced. For a signaling server checking join
 * proofs, where names play no part: one Ed25519 check and the bytes of a user id fewer per key.
 * Throws PacketError.
 */
export async function readPrimaryPublicKey(input: string | Uint8Array): Promise<PublicKeyInfo> {
  const bytes = typeof input === 'string' ? dearmor(input).bytes : input;
  const first = decodePackets(bytes, 256)[0];
  if (!first || (first.tag !== PacketTag.PublicKey && first.tag !== PacketTag.SecretKey)) throw new PacketError('not an OpenPGP key');
  const primary = readPrimaryKey(first.body);
  const fingerprint = await fingerprintOf(primary.body);
  return {
    fingerprint: toHex(fingerprint),
    keyId: fingerprint.slice(12),
    publicKey: primary.publicKey.slice(),
    created: primary.created,
    name: '',
    packets: encodePacket(PacketTag.PublicKey, primary.body),
  };
}

/** Parses a transferable public (or secret) key, armored or binary. Throws PacketError. */
export async function readPublicKey(input: string | Uint8Array): Promise<PublicKeyInfo> {
  const bytes = typeof input === 'string' ? dearmor(input).bytes : input;
  const packets = decodePackets(bytes, 256);
  const first = packets[0];
  if (!first || (first.tag !== PacketTag.PublicKey && first.tag !== PacketTag.SecretKey)) {
    throw new PacketError('not an OpenPGP key');
  }
  const primary = readPrimaryKey(first.body);
  const fingerprint = await fingerprintOf(primary.body);
  const keyId = fingerprint.subarray(12);
  // What the key's owner certified, cleaned of what could make it show as someone else's (util/names).
  const name = cleanName(await selfCertifiedName(packets, primary, keyId));
  // Keep only public material: a secret-key packet becomes its public-key packet, secret subkeys are dropped.
  const publicPackets: Uint8Array[] = [encodePacket(PacketTag.PublicKey, primary.body)];
  for (const packet of packets.slice(1)) {
    if (packet.tag === PacketTag.UserId || packet.tag === PacketTag.Signature) publicPackets.push(encodePacket(packet.tag, packet.body));
    else if (packet.tag === PacketTag.PublicSubkey || packet.tag === 7) break;
  }
  return {
    fingerprint: toHex(fingerprint),
    keyId,
    publicKey: primary.publicKey,
    created: primary.created,
    name,
    packets: concatBytes(...publicPackets),
  };
}
