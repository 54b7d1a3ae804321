/**
 * Many throwaway Ed25519 OpenPGP identities, fast: the platform generates the key and our own
 * OpenPGP code writes the key packet and its self-certification. For load generators only —
 * real identities come from kbpgp (Identity.create).
 */
import { concatBytes, utf8Encode } from '../../src/core/util/bytes.js';
import { createEd25519Signer } from '../../src/core/crypto/ed25519.js';
import type { EnvelopeSigner } from '../../src/core/envelope/envelope.js';
import { armor } from '../../src/core/openpgp/armor.js';
import { certificationData, fingerprintOf, readPublicKey } from '../../src/core/openpgp/key.js';
import { encodePacket, encodeMpi, PacketTag } from '../../src/core/openpgp/packets.js';
import { createSignatureBody, PublicKeyAlgorithm, SignatureType } from '../../src/core/openpgp/signature.js';

const ED25519_OID = Uint8Array.of(0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01);

export async function fastIdentity(name: string): Promise<EnvelopeSigner> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const seed = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).slice(-32);
  const signer = await createEd25519Signer(seed, publicKey);
  const created = Math.floor(Date.now() / 1000);
  const keyBody = concatBytes(
    Uint8Array.of(4, created >>> 24, (created >> 16) & 0xff, (created >> 8) & 0xff, created & 0xff, PublicKeyAlgorithm.EdDsaLegacy, ED25519_OID.length),
    ED25519_OID,
    encodeMpi(concatBytes(Uint8Array.of(0x40), publicKey)),
  );
  const keyId = (await fingerprintOf(keyBody)).subarray(12);
  const userId = utf8Encode(name);
  const certification = await createSignatureBody(certificationData(keyBody, userId), { type: SignatureType.PositiveCert, signer, keyId, createdSeconds: created });
  const armored = armor('PUBLIC KEY BLOCK', concatBytes(encodePacket(PacketTag.PublicKey, keyBody), encodePacket(PacketTag.UserId, userId), encodePacket(PacketTag.Signature, certification)));
  const key = await readPublicKey(armored);
  return { fingerprint: key.fingerprint, keyId: key.keyId, armoredPublicKey: armored, signer };
}
