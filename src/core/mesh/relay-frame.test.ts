import { expect } from 'chai';
import { decodeRelayFrame, encodeRelayFrame, GOSSIP_EVERYONE, isDirect, newMessageId, RELAY_FRAME_LIMITS, type RelayFrame } from './relay-frame.js';

const ID = 'AAAAAAAAAAAAAAAA';

describe('relay frame codec', () => {
  it('decodes what it encodes: a broadcast with its seed, a message for one peer, "I have" and graft', () => {
    const frames = [
      { i: ID, t: 3, f: 'ann', s: 'ben', e: 'envelope' },
      { i: ID, t: 0, f: 'ann', o: 'cat', e: 'envelope' },
      { k: 'h', ids: [ID], p: ['ann'] },
      { k: 'h', ids: [], p: ['ann'] },
      { k: 'g', i: ID },
    ] as const;
    for (const frame of frames) {
      const decoded = decodeRelayFrame(encodeRelayFrame(frame));
      expect(decoded).to.deep.equal('k' in frame ? { control: frame } : { message: frame });
    }
  });

  it('keeps only the fields a frame has: anything else a relay adds is dropped', () => {
    const decoded = decodeRelayFrame(JSON.stringify({ i: ID, t: 1, f: 'ann', e: 'envelope', note: 'extra' }));
    expect(decoded).to.deep.equal({ message: { i: ID, t: 1, f: 'ann', e: 'envelope' } });
    const control = decodeRelayFrame(JSON.stringify({ k: 'g', i: ID, ids: [ID] }));
    expect(control).to.deep.equal({ control: { k: 'g', i: ID } });
  });

  it('writes a message frame id first, as relays pass it on with one hop fewer', () => {
    const frame: RelayFrame = { i: ID, t: 2, f: 'ann', s: 'ben', e: 'envelope' };
    expect(encodeRelayFrame(frame).startsWith('{"i"')).to.equal(true);
    expect(encodeRelayFrame({ ...frame, t: frame.t - 1 })).to.equal('{"i":"AAAAAAAAAAAAAAAA","t":1,"f":"ann","s":"ben","e":"envelope"}');
  });

  it('refuses a frame over the size limit before parsing it, and says how large it was', () => {
    const text = JSON.stringify({ i: ID, t: 1, f: 'ann', e: 'x'.repeat(RELAY_FRAME_LIMITS.maxFrameChars) });
    expect(decodeRelayFrame(text)).to.deep.equal({ refused: 'too-large', reason: `a relayed frame of ${text.length} characters` });
  });

  it('refuses a recipient "everyone", an id of another shape and a seed on a message for one peer', () => {
    const refused = [
      { i: ID, t: 1, f: 'ann', o: GOSSIP_EVERYONE, e: 'x' },
      { i: `${ID}A`, t: 1, f: 'ann', e: 'x' },
      { i: 'AAAAAAAAAAAAAAA=', t: 1, f: 'ann', e: 'x' },
      { i: ID, t: 1, f: '', e: 'x' },
      { i: ID, t: 1, f: 'ann', e: '' },
      { i: ID, t: 1, f: 'ann', o: 'cat', s: 'ben', e: 'x' },
      { k: 'g', i: 'short' },
      { k: 'h', ids: [ID], p: [''] },
      { k: 'h', ids: [ID], p: 'ann' },
      { k: 'h', ids: [], p: [] },
      { k: 'h' },
    ];
    for (const fields of refused) expect(decodeRelayFrame(JSON.stringify(fields)), JSON.stringify(fields)).to.deep.equal({ refused: 'malformed', reason: 'not a relay frame' });
  });

  it('takes an "I have" of as many ids and origins as fit, and no more', () => {
    const ids = Array.from({ length: RELAY_FRAME_LIMITS.maxAnnounced }, () => ID);
    const origins = Array.from({ length: RELAY_FRAME_LIMITS.maxAnnounced }, () => 'ann');
    expect(decodeRelayFrame(JSON.stringify({ k: 'h', ids, p: origins }))).to.have.property('control');
    expect(decodeRelayFrame(JSON.stringify({ k: 'h', ids: [], p: [...origins, 'ann'] }))).to.have.property('refused', 'malformed');
  });

  it('tells a message for one peer from a broadcast, and makes ids of the shape it accepts', () => {
    expect(isDirect({ i: ID, t: 1, f: 'ann', o: 'cat', e: 'x' })).to.equal(true);
    expect(isDirect({ i: ID, t: 1, f: 'ann', e: 'x' })).to.equal(false);
    const ids = new Set(Array.from({ length: 64 }, () => newMessageId()));
    expect(ids.size).to.equal(64);
    for (const id of ids) expect(decodeRelayFrame(JSON.stringify({ i: id, t: 1, f: 'ann', e: 'x' }))).to.have.property('message');
  });
});
