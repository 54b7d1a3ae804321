import { expect } from 'chai';
import { fromBase64Url, toBase64Url, toHex, utf8Decode } from './bytes.js';

describe('bytes', () => {
  it('round-trips base64url for every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).to.deep.equal(bytes);
    }
  });

  it('rejects padding, foreign characters, impossible lengths and non-canonical tails', () => {
    expect(() => fromBase64Url('AA==')).to.throw(TypeError);
    expect(() => fromBase64Url('A+B/')).to.throw(TypeError);
    expect(() => fromBase64Url('AAAAA')).to.throw(TypeError);
    expect(() => fromBase64Url('AB')).to.throw(TypeError, 'non-canonical');
    expect(() => fromBase64Url('é')).to.throw(TypeError);
  });

  it('writes lower-case hex', () => {
    expect(toHex(Uint8Array.of(0x00, 0xff, 0x10))).to.equal('00ff10');
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(() => utf8Decode(Uint8Array.of(0xc3, 0x28))).to.throw(TypeError);
  });
});
