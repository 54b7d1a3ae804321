import { expect } from 'chai';
import { armor, dearmor } from './armor.js';
import { PacketError } from './packets.js';

describe('armor', () => {
  const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i * 7) & 0xff);

  it('round-trips, in 76-character lines with a CRC-24 line', () => {
    const text = armor('PUBLIC KEY BLOCK', bytes);
    const lines = text.split('\n');
    expect(lines[0]).to.equal('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(Math.max(...lines.map((line) => line.length))).to.be.at.most(76);
    expect(lines.some((line) => /^=[A-Za-z0-9+/]{4}$/.test(line))).to.equal(true);
    const decoded = dearmor(text);
    expect(decoded.type).to.equal('PUBLIC KEY BLOCK');
    expect(decoded.bytes).to.deep.equal(bytes);
  });

  it('accepts armor headers and CRLF line ends', () => {
    const text = armor('MESSAGE', bytes).replace('-----\n\n', '-----\nVersion: test\nComment: x\n\n').replace(/\n/g, '\r\n');
    expect(dearmor(text).bytes).to.deep.equal(bytes);
  });

  it('refuses a wrong checksum, a missing footer, a bad body and oversize input', () => {
    const text = armor('MESSAGE', bytes);
    const badCrc = text.replace(/\n=(.)/, (_, c: string) => `\n=${c === 'A' ? 'B' : 'A'}`);
    expect(() => dearmor(badCrc)).to.throw(PacketError, 'checksum');
    expect(() => dearmor(text.replace('-----END PGP MESSAGE-----', ''))).to.throw(PacketError, 'footer');
    expect(() => dearmor('-----BEGIN PGP MESSAGE-----\n\n@@@@\n-----END PGP MESSAGE-----')).to.throw(PacketError);
    expect(() => dearmor('no armor here')).to.throw(PacketError, 'header');
    expect(() => dearmor('x'.repeat(70_000))).to.throw(PacketError, 'too large');
  });
});
