import { expect } from 'chai';
import { toHex } from '../util/bytes.js';
import { generateX25519KeyPair, useX25519Backend, X25519Error } from './x25519.js';
import { rejection } from '../../../test/support/rejection.js';

describe('X25519', () => {
  afterEach(() => useX25519Backend(undefined));

  it('agrees on one secret between WebCrypto and the TweetNaCl fallback', async () => {
    useX25519Backend('webcrypto');
    const platform = await generateX25519KeyPair();
    useX25519Backend('tweetnacl');
    const fallback = await generateX25519KeyPair();
    const [one, other] = await Promise.all([platform.agree(fallback.publicKey), fallback.agree(platform.publicKey)]);
    expect(one).to.have.length(32);
    expect(toHex(one)).to.equal(toHex(other));
    const third = await generateX25519KeyPair();
    expect(toHex(await third.agree(platform.publicKey))).to.not.equal(toHex(one));
  });

  for (const backend of ['webcrypto', 'tweetnacl'] as const) {
    it(`refuses a low-order key and a key of the wrong length (${backend})`, async () => {
      useX25519Backend(backend);
      const pair = await generateX25519KeyPair();
      const lowOrder = new Uint8Array(32);
      lowOrder[0] = 1;
      for (const bad of [new Uint8Array(32), lowOrder, new Uint8Array(31)]) expect(await rejection(pair.agree(bad))).to.be.instanceOf(X25519Error);
    });
  }
});
