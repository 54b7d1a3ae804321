import { expect } from 'chai';
import { EnvelopeError, seal } from '../envelope/envelope.js';
import type { KeyDirectory } from '../envelope/trust.js';
import type { Identity } from '../identity/identity.js';
import { GOSSIP_ENVELOPE_TYPE, GossipRefusal, RelayCheck, refusalOf, type SignedFields } from './relay-check.js';
import { GOSSIP_EVERYONE, type RelayFrame } from './relay-frame.js';
import { identityNamed } from '../../../test/support/identities.js';

const ADDRESS = { ns: 'test.relay-check', room: 'r' };
const ID = 'CCCCCCCCCCCCCCCC';
const readData = (body: SignedFields) => body.data;

/** The code `opening` fails with. */
async function codeOf(opening: Promise<unknown>): Promise<string> {
  const error = await opening.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) throw new Error('it opened');
  return refusalOf(error).code;
}

describe('relay check', function () {
  this.timeout(30_000);
  let ann: Identity, mal: Identity;
  before(async () => {
    [ann, mal] = (await Promise.all(['rc-ann', 'rc-mal'].map((name) => identityNamed(name)))) as [Identity, Identity];
  });

  const broadcast = (from: Identity, body: Record<string, unknown>, type = GOSSIP_ENVELOPE_TYPE) => seal(from, { ...ADDRESS, to: GOSSIP_EVERYONE, type, body, includeKey: true });

  it('opens a message that is what its frame says', async () => {
    const check = new RelayCheck({ address: ADDRESS });
    const e = await broadcast(ann, { id: ID, data: 'hello' });
    const frame: RelayFrame = { i: ID, t: 1, f: ann.fingerprint, e };
    expect(await check.open('cat', frame, { me: [GOSSIP_EVERYONE], read: readData })).to.equal('hello');
  });

  it("refuses a frame that claims another id, origin or recipient than the signed ones, or another envelope type, without spending the genuine envelope's nonce", async () => {
    const check = new RelayCheck({ address: ADDRESS });
    const e = await broadcast(ann, { id: ID, data: 'hello' });
    const as = { me: [GOSSIP_EVERYONE, 'cat'], read: readData };
    const wrapped: RelayFrame[] = [
      { i: 'DDDDDDDDDDDDDDDD', t: 1, f: ann.fingerprint, e },
      { i: ID, t: 1, f: mal.fingerprint, e },
      { i: ID, t: 1, f: ann.fingerprint, o: 'cat', e },
    ];
    for (const frame of wrapped) expect(await codeOf(check.open('mal', frame, as))).to.equal('mismatch');
    const otherType = await broadcast(ann, { id: ID, data: 'hello' }, 'chat');
    expect(await codeOf(check.open('mal', { i: ID, t: 1, f: ann.fingerprint, e: otherType }, as))).to.equal('mismatch');
    // The genuine frame still opens, once: the same envelope again is a replay.
    expect(await check.open('cat', { i: ID, t: 1, f: ann.fingerprint, e }, as)).to.equal('hello');
    expect(await codeOf(check.open('dan', { i: ID, t: 1, f: ann.fingerprint, e }, as))).to.equal('replayed');
  });

  it('spends no nonce on a body its kind refuses', async () => {
    const check = new RelayCheck({ address: ADDRESS });
    const e = await broadcast(ann, { id: ID, data: 'hello' });
    const frame: RelayFrame = { i: ID, t: 1, f: ann.fingerprint, e };
    const refuse = () => {
      throw new GossipRefusal('not-sealed', 'refused by its kind');
    };
    expect(await codeOf(check.open('mal', frame, { me: [GOSSIP_EVERYONE], read: refuse }))).to.equal('not-sealed');
    expect(await check.open('cat', frame, { me: [GOSSIP_EVERYONE], read: readData })).to.equal('hello');
  });

  it("opens a message for another peer as a relay: the address book's policy has no say, and its sender is not recorded", async () => {
    let admitted = 0;
    const refusing: KeyDirectory = {
      find: () => Promise.resolve(undefined),
      admit: () => {
        admitted++;
        return Promise.resolve('untrusted');
      },
    };
    const check = new RelayCheck({ address: ADDRESS, keys: refusing, policy: 'known' });
    const forCat = (id: string) => seal(ann, { ...ADDRESS, to: 'cat', type: GOSSIP_ENVELOPE_TYPE, body: { id, x: 'k' }, includeKey: true });
    const [first, second] = await Promise.all([forCat(ID), forCat('EEEEEEEEEEEEEEEE')]);
    expect(await check.open('ben', { i: ID, t: 2, f: ann.fingerprint, o: 'cat', e: first }, { me: ['cat'], read: () => 'relayed', asRelay: true })).to.equal('relayed');
    expect(admitted).to.equal(0);
    // Opened as its recipient, the same policy refuses it.
    const refused = await check.open('ben', { i: 'EEEEEEEEEEEEEEEE', t: 2, f: ann.fingerprint, o: 'cat', e: second }, { me: ['cat'], read: () => 'delivered' }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(EnvelopeError);
    expect(refusalOf(refused).code).to.equal('untrusted');
    expect(admitted).to.equal(1);
  });
});
