import { expect } from 'chai';
import { BinaryFrameError, BinaryKind, decodeBinarySignal, encodeBinarySignal, isWireName, MAX_NAME_BYTES } from './binary-frame.js';

describe('binary signal frames', () => {
  const signal = { kind: BinaryKind.SignalTo, ns: 'peerkit', room: 'räum', peer: 'ABCDEF0123', env: new Uint8Array([0, 1, 2, 255]) } as const;

  it('round-trips every field, UTF-8 included', () => {
    const decoded = decodeBinarySignal(encodeBinarySignal(signal), 1024);
    expect({ ...decoded, env: [...decoded.env] }).to.deep.equal({ ...signal, env: [0, 1, 2, 255] });
  });

  it('is smaller than the JSON text form of the same signal', () => {
    const env = new Uint8Array(600).map((_, i) => (i * 7) & 0xff);
    const json = JSON.stringify({ type: 'signal', ns: signal.ns, room: signal.room, to: signal.peer, env: btoa(String.fromCharCode(...env)) });
    expect(encodeBinarySignal({ ...signal, env }).length).to.be.lessThan(json.length * 0.8);
  });

  it('refuses fields it cannot carry', () => {
    expect(() => encodeBinarySignal({ ...signal, ns: '' })).to.throw(BinaryFrameError);
    expect(() => encodeBinarySignal({ ...signal, room: 'x'.repeat(129) })).to.throw(BinaryFrameError);
  });

  it('isWireName counts UTF-8 bytes, not characters, and refuses lone surrogates', () => {
    const cases: [string, boolean][] = [
      ['a'.repeat(MAX_NAME_BYTES), true],
      ['a'.repeat(MAX_NAME_BYTES + 1), false],
      [`${'€'.repeat(42)}ok`, true],
      ['€'.repeat(43), false],
      ['😀'.repeat(32), true],
      [`${'😀'.repeat(32)}x`, false],
      ['', false],
      ['a\ud800', false],
      ['\udc00a', false],
      ['\ud800\ud800\udc00', false],
    ];
    for (const [name, expected] of cases) expect(isWireName(name), JSON.stringify(name)).to.equal(expected);
    // Against the platform's encoder: random names from ASCII, two-, three- and four-byte characters and lone halves.
    const alphabet = ['a', 'é', '€', '😀', '\ud83d', '\ude00'];
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 500; i++) {
      const name = Array.from({ length: random(60) }, () => alphabet[random(alphabet.length)]).join('');
      const bytes = new TextEncoder().encode(name);
      const wellFormed = new TextDecoder().decode(bytes) === name;
      expect(isWireName(name), JSON.stringify(name)).to.equal(wellFormed && bytes.length >= 1 && bytes.length <= MAX_NAME_BYTES);
      // Every name it accepts fits a binary frame and arrives unchanged.
      if (isWireName(name)) expect(decodeBinarySignal(encodeBinarySignal({ ...signal, room: name }), 1024).room).to.equal(name);
    }
  });

  const good = encodeBinarySignal(signal);
  const hostile: [string, Uint8Array][] = [
    ['an empty frame', new Uint8Array(0)],
    ['an unknown kind', Uint8Array.of(0x7f, ...good.subarray(1))],
    ['a truncated field', good.subarray(0, 5)],
    ['a zero-length field', Uint8Array.of(BinaryKind.SignalTo, 0, 1, 0x61, 1, 0x62, 9)],
    ['a length past the end', Uint8Array.of(BinaryKind.SignalTo, 100, 0x61)],
    ['invalid UTF-8', Uint8Array.of(BinaryKind.SignalTo, 1, 0xc3, 1, 0x62, 1, 0x63, 9)],
    ['no envelope', Uint8Array.of(BinaryKind.SignalTo, 1, 0x61, 1, 0x62, 1, 0x63)],
  ];
  for (const [what, frame] of hostile) {
    it(`refuses ${what}`, () => {
      expect(() => decodeBinarySignal(frame, 1024)).to.throw(BinaryFrameError);
    });
  }

  it('refuses an envelope over the limit', () => {
    expect(() => decodeBinarySignal(encodeBinarySignal({ ...signal, env: new Uint8Array(2000) }), 1024)).to.throw(BinaryFrameError, /exceeds/);
  });

  it('survives 500 random frames with a BinaryFrameError or a decoded signal, nothing else', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
    for (let i = 0; i < 500; i++) {
      const frame = Uint8Array.from({ length: random() }, random);
      if (i % 2 === 0 && frame.length > 0) frame[0] = BinaryKind.SignalTo;
      try {
        decodeBinarySignal(frame, 1024);
      } catch (error) {
        expect(error).to.be.instanceOf(BinaryFrameError);
      }
    }
  });
});
