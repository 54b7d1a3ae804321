import { expect } from 'chai';
import { generateX25519KeyPair, type X25519KeyPair } from '../crypto/x25519.js';
import { GossipRefusal } from './relay-check.js';
import { encodeX25519Key, openSealed, type DirectContext } from './sealed-direct.js';
import { broadcastBody, directBody, readBroadcast, readDirect, readRelayed } from './signed-body.js';

const CONTEXT: DirectContext = { ns: 'test.body', room: 'r', from: 'ann', to: 'cat', id: 'AAAAAAAAAAAAAAAA' };

/** The code `read` refuses `body` with. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof GossipRefusal) return error.code;
    throw error;
  }
  throw new Error('not refused');
}

describe('signed bodies', () => {
  let ann: X25519KeyPair, cat: X25519KeyPair;
  before(async () => {
    [ann, cat] = await Promise.all([generateX25519KeyPair(), generateX25519KeyPair()]);
  });

  it("reads a broadcast's message and its origin's key, and refuses one without a message", () => {
    const body = broadcastBody(CONTEXT.id, 'hello', ann);
    const read = readBroadcast({ ...body });
    expect(read.data).to.equal('hello');
    expect(encodeX25519Key(read.key!)).to.equal(encodeX25519Key(ann.publicKey));
    expect(readBroadcast({ id: CONTEXT.id, data: 'no key', x: 'not a key' })).to.deep.equal({ data: 'no key' });
    expect(refusal(() => readBroadcast({ id: CONTEXT.id, data: 42 }))).to.equal('mismatch');
  });

  it('seals a message for one peer so that only its recipient opens it, bound to its context', async () => {
    const body = await directBody({ data: 'for cat only', key: cat.publicKey }, ann, CONTEXT);
    expect(JSON.stringify(body)).to.not.include('for cat only');
    const read = readDirect({ ...body });
    expect(encodeX25519Key(read.key)).to.equal(encodeX25519Key(ann.publicKey));
    expect(read.ask).to.equal(false);
    expect(await openSealed(cat, read.sealed!, CONTEXT)).to.equal('for cat only');
    const asOther = await openSealed(cat, read.sealed!, { ...CONTEXT, id: 'BBBBBBBBBBBBBBBB' }).catch((error: Error) => error);
    expect(asOther).to.be.instanceOf(Error);
  });

  it('tells a key request and a key note from a message: neither seals anything', async () => {
    const ask = readDirect({ ...(await directBody({ ask: true }, ann, CONTEXT)) });
    const note = readDirect({ ...(await directBody({ note: true }, ann, CONTEXT)) });
    expect([ask.ask, ask.sealed, note.ask, note.sealed]).to.deep.equal([true, undefined, false, undefined]);
  });

  it('refuses a message for one peer that names no key, seals nothing that is sealed, or comes in the clear', () => {
    const x = encodeX25519Key(ann.publicKey);
    expect(refusal(() => readDirect({ id: CONTEXT.id }))).to.equal('malformed');
    expect(refusal(() => readDirect({ id: CONTEXT.id, x, s: { e: 'short', r: 'short', c: '' } }))).to.equal('malformed');
    expect(refusal(() => readDirect({ id: CONTEXT.id, x, data: 'readable by every relay' }))).to.equal('not-sealed');
  });

  it('lets a relay read the sender key of a message for another peer, and nothing it must have', () => {
    expect(encodeX25519Key(readRelayed({ x: encodeX25519Key(ann.publicKey) }).key!)).to.equal(encodeX25519Key(ann.publicKey));
    expect(readRelayed({ x: 'k' })).to.deep.equal({});
  });
});
