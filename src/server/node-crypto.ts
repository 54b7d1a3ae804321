/** Node's synchronous crypto as peerkit's crypto provider: no thread-pool hop per hash or verify. */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoProvider } from '../core/crypto/provider.js';
import { BoundedMap } from '../core/util/bounded-map.js';

const HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** Parsed public keys, bounded: a flood of strangers cannot grow it without limit. */
const publicKeys = new BoundedMap<string, KeyObject>(256);

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey).toString('base64url');
  let key = publicKeys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    publicKeys.set(x, key);
  }
  return key;
}

export const nodeCryptoProvider: CryptoProvider = {
  digest: (name, data) => new Uint8Array(createHash(HASHES[name]).update(data).digest()),
  verifyEd25519(publicKey, message, signature) {
    try {
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  },
  signEd25519(seed, publicKey) {
    const key = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url'), x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return (message) => new Uint8Array(sign(null, message, key));
  },
};
