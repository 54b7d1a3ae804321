import { expect } from 'chai';
import { randomBytes } from '../util/bytes.js';
import { createEd25519Signer, generateEd25519KeyPair, hasCanonicalScalar, useEd25519Backend, verifyEd25519 } from './ed25519.js';

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

  // A key made by one backend is the same key to the other: the seed is RFC 8032's, whoever made it.
  for (const [maker, checker] of [['webcrypto', 'tweetnacl'], ['tweetnacl', 'webcrypto']] as const) {
    it(`generates a key pair with the ${maker} backend whose seed signs as the ${checker} backend expects`, async () => {
      useEd25519Backend(maker);
      const pair = await generateEd25519KeyPair();
      expect(pair.seed.length).to.equal(32);
      const nacl = (await import('tweetnacl')).default;
      expect([...nacl.sign.keyPair.fromSeed(pair.seed).publicKey]).to.deep.equal([...pair.publicKey]);
      const message = new TextEncoder().encode('made by ' + maker);
      const signature = await (await createEd25519Signer(pair.seed, pair.publicKey)).sign(message);
      useEd25519Backend(checker);
      expect(await verifyEd25519(pair.publicKey, message, signature)).to.equal(true);
      expect(await verifyEd25519(pair.publicKey, new TextEncoder().encode('something else'), signature)).to.equal(false);
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
