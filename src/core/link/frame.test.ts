import { expect } from 'chai';
import { decodeFrame, encodeFrame, FRAME_VERSION, FrameError, FrameKind, frameText, isSessionFrameKind, MAX_FRAME_BODY, MAX_FRAME_BYTES, type FrameErrorCode } from './frame.js';

function codeOf(run: () => unknown): FrameErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof FrameError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('link frames', () => {
  it('round-trips text and binary bodies of every kind, the body a view of what came in', () => {
    for (const kind of Object.values(FrameKind)) {
      const frame = encodeFrame(kind, 'héllo');
      expect([frame[0], frame[1]]).to.deep.equal([FRAME_VERSION, kind]);
      const decoded = decodeFrame(frame);
      expect(decoded.kind).to.equal(kind);
      expect(frameText(decoded.body)).to.equal('héllo');
      expect(decoded.body.buffer).to.equal(frame.buffer);
    }
    expect([...decodeFrame(encodeFrame(FrameKind.Channel, new Uint8Array([0, 255]))).body]).to.deep.equal([0, 255]);
    expect(decodeFrame(encodeFrame(FrameKind.Channel, new Uint8Array(MAX_FRAME_BODY))).body.length).to.equal(MAX_FRAME_BODY);
  });

  it('refuses what is not a frame of this version with typed codes', () => {
    expect(codeOf(() => decodeFrame(new Uint8Array(0)))).to.equal('empty');
    expect(codeOf(() => decodeFrame(new Uint8Array([FRAME_VERSION])))).to.equal('empty');
    // The text framing of before (`m` + text) reads as an unknown version, not as a guess.
    expect(codeOf(() => decodeFrame(new TextEncoder().encode('mhello')))).to.equal('version');
    expect(codeOf(() => decodeFrame(new Uint8Array([FRAME_VERSION + 1, FrameKind.Message])))).to.equal('version');
    expect(codeOf(() => decodeFrame(new Uint8Array([FRAME_VERSION, 99])))).to.equal('kind');
    expect(codeOf(() => decodeFrame(new Uint8Array(MAX_FRAME_BYTES + 1).fill(FRAME_VERSION, 0, 1)))).to.equal('too-large');
    expect(codeOf(() => frameText(new Uint8Array([0xc3, 0x28])))).to.equal('encoding');
  });

  it('will not make a frame over the limit or of an unknown kind', () => {
    expect(codeOf(() => encodeFrame(FrameKind.Channel, new Uint8Array(MAX_FRAME_BODY + 1)))).to.equal('too-large');
    expect(codeOf(() => encodeFrame(99 as FrameKind, 'x'))).to.equal('kind');
  });

  it('tells the kinds a link hands its owner from its own', () => {
    expect(Object.values(FrameKind).filter(isSessionFrameKind)).to.deep.equal([FrameKind.Message, FrameKind.Relay, FrameKind.Unlink, FrameKind.Channel]);
    expect(isSessionFrameKind(99)).to.equal(false);
  });
});
