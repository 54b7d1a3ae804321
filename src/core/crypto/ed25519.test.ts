import { expect } from 'chai';
import { randomBytes } from '../util/bytes.js';
import { createEd25519Signer, hasCanonicalScalar, useEd25519Backend, verifyEd25519 } from './ed25519.js';

/** S + L, little-endian: the same signature in non-canonical form (S < L < 2^253, so no overflow). */
function withOrderAdded(signature: Uint8Array): Uint8Array {
  const order = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, ...new Array<number>(15).fill(0), 0x10];
  const out = signature.slice();
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const sum = out[32 + i]! + order[i]! + carry;
    out[32 + i] = sum & 0xff;
    carry = sum >> 8;
  }
  return out;
}

describe('Ed25519', () => {
  afterEach(() => useEd25519Backend(undefined));

  // The attack: a relay adds the group order to S. TweetNaCl accepted the result as a second valid
  // signature over the same message; WebCrypto refuses it. Both backends must refuse it.
  for (const backend of ['webcrypto', 'tweetnacl'] as const) {
    it(`refuses a non-canonical signature (S ≥ L) with the ${backend} backend, and accepts the canonical one`, async () => {
      useEd25519Backend(backend);
      const seed = randomBytes(32);
      const nacl = (await import('tweetnacl')).default;
      const publicKey = nacl.sign.keyPair.fromSeed(seed).publicKey;
      const signer = await createEd25519Signer(seed, publicKey);
      const message = new TextEncoder().encode('a signed signal');
      const signature = await signer.sign(message);
      expect(await verifyEd25519(publicKey, message, signature)).to.equal(true);
      const malleated = withOrderAdded(signature);
      expect(hasCanonicalScalar(malleated)).to.equal(false);
      expect(await verifyEd25519(publicKey, message, malleated)).to.equal(false);
    });
  }

  it('tells canonical scalars from the group order and above', () => {
    const signature = new Uint8Array(64);
    expect(hasCanonicalScalar(signature)).to.equal(true);
    const order = withOrderAdded(signature);
    expect(hasCanonicalScalar(order)).to.equal(false);
    order[32] = 0xec;
    expect(hasCanonicalScalar(order)).to.equal(true);
  });
});
