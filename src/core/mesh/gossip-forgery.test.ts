import { expect } from 'chai';
import { seal } from '../envelope/envelope.js';
import type { Identity } from '../identity/identity.js';
import { GOSSIP_ENVELOPE_TYPE, GOSSIP_LIMITS } from './gossip.js';
import { ADDRESS, network, settle, frame, idOf, heldBack, lostOnTheWay, type GossipNode as Node } from '../../../test/support/gossip-network.js';
import { identityNamed } from '../../../test/support/identities.js';

// Frames a hostile neighbour sends: malformed, mismatched or forged copies sent ahead of the genuine one, and
// floods of ids and checks. Each test plays the attack and shows what it cannot do.
describe('gossip relay: hostile copies', function () {
  this.timeout(30_000);
  let ann: Identity, ben: Identity, cat: Identity, mal: Identity;
  before(async () => {
    [ann, ben, cat, mal] = (await Promise.all(['g-ann', 'g-ben', 'g-cat', 'g-mal'].map((name) => identityNamed(name)))) as [Identity, Identity, Identity, Identity];
  });

  it('refuses garbage, oversize and malformed frames with typed codes, and keeps relaying', async () => {
    const { nodes } = network([ann, ben], [[0, 1]]);
    const [, target] = nodes;
    const id = 'AAAAAAAAAAAAAAAA';
    const hostile = [
      'not json',
      '[]',
      'null',
      frame({ i: 'short', t: 3, f: ann.fingerprint, e: 'x' }),
      frame({ i: id, t: GOSSIP_LIMITS.maxTtl + 1, f: ann.fingerprint, e: 'x' }),
      frame({ i: id, t: -1, f: ann.fingerprint, e: 'x' }),
      frame({ i: id, t: 1.5, f: ann.fingerprint, e: 'x' }),
      frame({ i: id, t: 1, f: 'x'.repeat(GOSSIP_LIMITS.maxAddressChars + 1), e: 'x' }),
      frame({ i: id, t: 1, f: ann.fingerprint }),
      frame({ i: id, t: 1, f: ann.fingerprint, o: 42, e: 'x' }),
      // A broadcast's envelope is sealed for everyone: wrapped as a message for one peer "everyone", it would flood as one.
      frame({ i: id, t: 1, f: ann.fingerprint, o: '*', e: 'x' }),
      frame({ i: id, t: 1, f: ann.fingerprint, s: 42, e: 'x' }),
      frame({ i: id, t: 1, f: ann.fingerprint, s: 'x'.repeat(GOSSIP_LIMITS.maxAddressChars + 1), e: 'x' }),
      // A seed names a tree for a broadcast; a message for one peer has its route instead.
      frame({ i: id, t: 1, f: ann.fingerprint, o: ben.fingerprint, s: ann.fingerprint, e: 'x' }),
      frame({ k: 'x' }),
      frame({ k: 'p' }),
      frame({ k: 'h', ids: [] }),
      frame({ k: 'h', ids: [], p: [] }),
      frame({ k: 'h', ids: [], p: [42] }),
      frame({ k: 'h', ids: [], p: ['x'.repeat(GOSSIP_LIMITS.maxAddressChars + 1)] }),
      frame({ k: 'h', ids: ['not an id'] }),
      frame({ k: 'h', ids: Array.from({ length: GOSSIP_LIMITS.maxAnnounced + 1 }, () => id) }),
      frame({ k: 'g', i: 'short' }),
    ];
    for (const text of hostile) target!.gossip.receive(ann.fingerprint, text);
    target!.gossip.receive(ann.fingerprint, 'x'.repeat(GOSSIP_LIMITS.maxFrameChars + 1));
    expect(target!.rejected.map((rejection) => rejection.code)).to.deep.equal([...hostile.map(() => 'malformed'), 'too-large']);
    // Well-formed frame, garbage envelope: refused after the check, not delivered.
    target!.gossip.receive(ann.fingerprint, frame({ i: 'BBBBBBBBBBBBBBBB', t: 1, f: ann.fingerprint, e: 'bm90IGFuIGVudmVsb3Bl' }));
    await settle(() => target!.rejected.length === hostile.length + 2);
    expect(target!.rejected.at(-1)!.code).to.equal('malformed');
    nodes[0]!.gossip.send('still works');
    await settle(() => target!.delivered.length === 1);
    expect(target!.delivered[0]!.data).to.equal('still works');
  });

  it('refuses a message whose frame claims another origin or id than the signed one', async () => {
    const { nodes } = network([ann, ben], [[0, 1]]);
    const [, target] = nodes;
    const e = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id: 'CCCCCCCCCCCCCCCC', data: 'I am Ann' }, includeKey: true });
    target!.gossip.receive(ann.fingerprint, frame({ i: 'CCCCCCCCCCCCCCCC', t: 2, f: ann.fingerprint, e }));
    target!.gossip.receive(ann.fingerprint, frame({ i: 'DDDDDDDDDDDDDDDD', t: 2, f: mal.fingerprint, e }));
    await settle(() => target!.rejected.length === 2);
    expect(target!.rejected.map((rejection) => rejection.code)).to.deep.equal(['mismatch', 'mismatch']);
    expect(target!.delivered).to.deep.equal([]);
    // Wrapping a genuine envelope in bad frames did not spend its nonce: it still arrives once...
    target!.gossip.receive(ann.fingerprint, frame({ i: 'CCCCCCCCCCCCCCCC', t: 2, f: mal.fingerprint, e }));
    await settle(() => target!.delivered.length === 1);
    expect(target!.delivered[0]).to.deep.include({ from: mal.fingerprint, data: 'I am Ann' });
    // ...and only once: the same frame again is a dropped copy; the same envelope under a fresh id does not match it.
    const duplicates = target!.gossip.duplicates;
    target!.gossip.receive(ann.fingerprint, frame({ i: 'CCCCCCCCCCCCCCCC', t: 2, f: mal.fingerprint, e }));
    expect(target!.gossip.duplicates).to.equal(duplicates + 1);
    target!.gossip.receive(ann.fingerprint, frame({ i: 'FFFFFFFFFFFFFFFF', t: 2, f: mal.fingerprint, e }));
    await settle(() => target!.rejected.length === 3);
    expect(target!.rejected[2]!.code).to.equal('mismatch');
    expect(target!.delivered).to.have.length(1);
  });

  it('delivers the genuine copy of a message when a forged copy with its id arrived first', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2], [0, 2]]);
    const [, target] = nodes;
    // Seal the real message, then let the forger race it with the same id.
    const real = await seal(ann, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id: 'EEEEEEEEEEEEEEEE', data: 'genuine' }, includeKey: true });
    const forged = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id: 'EEEEEEEEEEEEEEEE', data: 'forged' }, includeKey: true });
    target!.gossip.receive(cat.fingerprint, frame({ i: 'EEEEEEEEEEEEEEEE', t: 2, f: ann.fingerprint, e: forged }));
    target!.gossip.receive(ann.fingerprint, frame({ i: 'EEEEEEEEEEEEEEEE', t: 2, f: ann.fingerprint, e: real }));
    await settle(() => target!.delivered.length === 1);
    expect(target!.delivered[0]).to.deep.include({ from: ann.fingerprint, data: 'genuine', via: ann.fingerprint });
    expect(target!.rejected.map((rejection) => rejection.code)).to.deep.equal(['mismatch']);
  });

  it('delivers the genuine copy of a message after two (or more) forged copies with its id from one neighbour', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [, target] = nodes;
    for (const [id, forgeries] of [[idOf(1), 2], [idOf(2), 5]] as const) {
      const real = await seal(ann, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: `genuine ${id}` }, includeKey: true });
      // Cat saw the id go by elsewhere and races copies that fail their check ahead of the genuine one.
      for (let n = 0; n < forgeries; n++) {
        const forged = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: `forged ${n}` }, includeKey: true });
        target!.gossip.receive(cat.fingerprint, frame({ i: id, t: 2, f: ann.fingerprint, e: forged }));
      }
      target!.gossip.receive(ann.fingerprint, frame({ i: id, t: 2, f: ann.fingerprint, e: real }));
      await settle(() => target!.delivered.some((message) => message.data === `genuine ${id}`));
    }
    expect(target!.delivered.map((message) => [message.from, message.data, message.via])).to.deep.equal([
      [ann.fingerprint, `genuine ${idOf(1)}`, ann.fingerprint],
      [ann.fingerprint, `genuine ${idOf(2)}`, ann.fingerprint],
    ]);
    expect(target!.rejected.every((rejection) => rejection.code === 'mismatch' && rejection.via === cat.fingerprint)).to.equal(true);
    expect(target!.gossip.memory.candidates).to.equal(0);
  });

  it('asks a neighbour that says it has a message for it while only forged copies with its id came', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]], { graftAfterMs: 20 });
    const [a, b] = nodes as [Node, Node, Node];
    const id = await lostOnTheWay(a, 'genuine');
    for (const data of ['forged 1', 'forged 2']) {
      const forged = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data }, includeKey: true });
      b.gossip.receive(cat.fingerprint, frame({ i: id, t: 2, f: ann.fingerprint, e: forged }));
    }
    // Ann's "I have" comes while the forged copies are still unchecked: it is not ignored.
    b.gossip.receive(ann.fingerprint, frame({ k: 'h', ids: [id] }));
    await settle(() => b.delivered.length === 1);
    expect(b.delivered[0]).to.deep.include({ from: ann.fingerprint, data: 'genuine', via: ann.fingerprint });
    expect(b.rejected.map((rejection) => rejection.code)).to.deep.equal(['mismatch', 'mismatch']);
    expect(b.gossip.grafts).to.equal(1);
  });

  it('delivers the genuine copy of a message that comes when forgeries from several neighbours fill the copies kept for its id', async () => {
    const { nodes } = network([ann, ben], [[0, 1]], { graftAfterMs: 20 });
    const [a, b] = nodes as [Node, Node];
    // Ann's frame is held back, so the forgers get ahead of it.
    const { id, frame: genuine } = await heldBack(a, 'genuine');
    // Four Sybil neighbours, each within its share per id: one copy is checked, the others take
    // every place kept for copies of this id.
    const sybils = ['sybil-1', 'sybil-2', 'sybil-3', 'sybil-4'];
    const copies = 1 + GOSSIP_LIMITS.maxCandidatesPerId;
    expect(sybils.length * GOSSIP_LIMITS.maxCandidatesPerIdPerNeighbor).to.equal(GOSSIP_LIMITS.maxCandidatesPerId);
    const forgeries = await Promise.all(
      Array.from({ length: copies }, (_, n) => seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: `forged ${n}` }, includeKey: true })),
    );
    forgeries.forEach((e, n) => b.gossip.receive(sybils[Math.max(0, Math.floor((n - 1) / 2))]!, frame({ i: id, t: 2, f: ann.fingerprint, e })));
    expect(b.gossip.memory.candidates).to.equal(GOSSIP_LIMITS.maxCandidatesPerId);
    // The genuine copy finds no place left; every forgery fails its check; Ann is asked for it.
    b.gossip.receive(ann.fingerprint, genuine);
    await settle(() => b.delivered.length === 1 && b.gossip.memory.pendingChecks === 0 && b.gossip.memory.missing === 0);
    expect(b.delivered).to.deep.equal([{ from: ann.fingerprint, data: 'genuine', via: ann.fingerprint }]);
    expect(b.rejected.map((rejection) => rejection.code)).to.deep.equal(forgeries.map(() => 'mismatch'));
    expect(b.gossip.grafts).to.equal(1);
    expect(b.gossip.memory.candidates).to.equal(0);
  });

  it('delivers the genuine copy of a message that comes when junk from several neighbours fills the copies kept for all messages', async () => {
    const { nodes } = network([ann, ben], [[0, 1]], { graftAfterMs: 20 });
    const [a, b] = nodes as [Node, Node];
    const { id, frame: genuine } = await heldBack(a, 'genuine');
    const forged = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: 'forged' }, includeKey: true });
    // Sybil neighbours each send junk under ids of their own, with as many copies as they may have
    // kept, until no copy of any message has a place left (all in one task from here: no check
    // runs and frees a place meanwhile).
    const junk = (n: number) => frame({ i: idOf(n), t: 0, f: mal.fingerprint, e: 'bm90IGFuIGVudmVsb3Bl' });
    const sybils = GOSSIP_LIMITS.maxCandidates / GOSSIP_LIMITS.maxCandidatesPerNeighbor;
    const idsPerSybil = GOSSIP_LIMITS.maxCandidatesPerNeighbor / GOSSIP_LIMITS.maxCandidatesPerIdPerNeighbor;
    for (let sybil = 0; sybil < sybils; sybil++) {
      for (let n = 0; n < idsPerSybil; n++) {
        for (let copy = 0; copy <= GOSSIP_LIMITS.maxCandidatesPerIdPerNeighbor; copy++) b.gossip.receive(`sybil-${sybil}`, junk(sybil * 1000 + n));
      }
    }
    expect(b.gossip.memory.candidates).to.equal(GOSSIP_LIMITS.maxCandidates);
    // A forged copy of Ann's message is checked; the genuine one finds no place and is asked for.
    b.gossip.receive('sybil-forger', frame({ i: id, t: 2, f: ann.fingerprint, e: forged }));
    b.gossip.receive(ann.fingerprint, genuine);
    await settle(() => b.delivered.length === 1 && b.gossip.memory.pendingChecks === 0 && b.gossip.memory.missing === 0, 20_000);
    expect(b.delivered).to.deep.equal([{ from: ann.fingerprint, data: 'genuine', via: ann.fingerprint }]);
    expect(b.gossip.grafts).to.equal(1);
    expect(b.gossip.memory.candidates).to.equal(0);
  });

  it('tracks a bounded share of the ids one neighbour says it has, and still asks for those another has', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]], { graftAfterMs: 20 });
    const [a, b] = nodes as [Node, Node, Node];
    // Cat announces 2,048 ids of messages that do not exist.
    const batches = 8;
    for (let batch = 0; batch < batches; batch++) {
      b.gossip.receive(cat.fingerprint, frame({ k: 'h', ids: Array.from({ length: GOSSIP_LIMITS.maxAnnounced }, (_, n) => idOf(batch * GOSSIP_LIMITS.maxAnnounced + n)) }));
    }
    // Ann's message reaches Ben only by id; he asks Ann for it and gets it.
    const id = await lostOnTheWay(a, 'from ann');
    b.gossip.receive(ann.fingerprint, frame({ k: 'h', ids: [id] }));
    await settle(() => b.delivered.length === 1);
    expect(b.delivered[0]).to.deep.include({ data: 'from ann', via: ann.fingerprint });
    // Cat's announcements were asked for only up to its share, each with a timer of its own.
    expect(b.gossip.grafts).to.equal(GOSSIP_LIMITS.maxMissingPerNeighbor + 1);
    expect(b.gossip.memory.missing).to.be.at.most(GOSSIP_LIMITS.maxMissingPerNeighbor);
  });

  it('holds a bounded number of one neighbour\'s frames waiting for their check, and still takes another\'s', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const b = nodes[1]!;
    const junk = (n: number) => frame({ i: idOf(n), t: 0, f: mal.fingerprint, e: 'bm90IGFuIGVudmVsb3Bl' });
    const share = GOSSIP_LIMITS.maxPendingChecksPerNeighbor;
    // Cat sends frames faster than they can be checked: past its share they are refused at once.
    for (let n = 0; n < share + 20; n++) b.gossip.receive(cat.fingerprint, junk(n));
    expect(b.rejected.map((rejection) => rejection.code)).to.deep.equal(Array.from({ length: 20 }, () => 'over-budget'));
    nodes[0]!.gossip.send('from ann');
    await settle(() => b.delivered.length === 1 && b.rejected.length === share + 20);
    expect(b.rejected.filter((rejection) => rejection.code === 'malformed')).to.have.length(share);
    // Checked, Cat's frames are taken again.
    b.gossip.receive(cat.fingerprint, junk(share + 20));
    await settle(() => b.rejected.length === share + 21);
    expect(b.rejected.at(-1)!.code).to.equal('malformed');
  });
});
