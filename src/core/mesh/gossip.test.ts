import { expect } from 'chai';
import { seal } from '../envelope.js';
import type { Identity } from '../identity.js';
import { Gossip, GOSSIP_ENVELOPE_TYPE, GOSSIP_LIMITS, type GossipRejection } from './gossip.js';
import { identityNamed } from '../../../test/support/identities.js';

const ADDRESS = { ns: 'test.gossip', room: 'r' };

interface Node {
  readonly id: string;
  readonly gossip: Gossip;
  readonly delivered: { from: string; data: string; via: string }[];
  readonly rejected: GossipRejection[];
  readonly failed: string[];
  /** What this node put on its links. */
  readonly sent: string[];
  /** Changes each frame this node sends (a hostile relay); identity by default. */
  rewrite: (text: string) => string;
}

/** Gossip peers wired as the links say, delivering frames on the next macrotask like a channel. */
function network(identities: Identity[], links: [number, number][]) {
  const nodes = new Map<string, Node>();
  const neighbors = new Map<string, Set<string>>(identities.map((identity) => [identity.fingerprint, new Set()]));
  const up = (a: string, b: string) => {
    neighbors.get(a)!.add(b);
    neighbors.get(b)!.add(a);
  };
  const down = (a: string, b: string) => {
    neighbors.get(a)!.delete(b);
    neighbors.get(b)!.delete(a);
    nodes.get(a)!.gossip.forgetNeighbor(b);
    nodes.get(b)!.gossip.forgetNeighbor(a);
  };
  for (const [a, b] of links) up(identities[a]!.fingerprint, identities[b]!.fingerprint);
  for (const identity of identities) {
    const id = identity.fingerprint;
    const node: Node = {
      id,
      delivered: [],
      rejected: [],
      failed: [],
      sent: [],
      rewrite: (text) => text,
      gossip: new Gossip({
        identity,
        address: ADDRESS,
        neighbors: () => [...neighbors.get(id)!],
        send: (to, frame) => {
          if (!neighbors.get(id)!.has(to)) return false;
          const text = node.rewrite(frame);
          node.sent.push(text);
          setTimeout(() => nodes.get(to)!.gossip.receive(id, text), 0);
          return true;
        },
        deliver: (from, data, via) => node.delivered.push({ from, data, via }),
        reject: (rejection) => node.rejected.push(rejection),
        failed: (_to, data) => node.failed.push(data),
      }),
    };
    nodes.set(id, node);
  }
  return { nodes: identities.map((identity) => nodes.get(identity.fingerprint)!), up, down };
}

/** Resolves once `done()` holds, checking after each macrotask; fails after `ms`. */
async function settle(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('did not settle');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A frame as a relay would put it on a link. */
function frame(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

describe('gossip relay', function () {
  this.timeout(30_000);
  let ann: Identity, ben: Identity, cat: Identity, dan: Identity, mal: Identity;
  before(async () => {
    [ann, ben, cat, dan, mal] = (await Promise.all(['g-ann', 'g-ben', 'g-cat', 'g-dan', 'g-mal'].map((name) => identityNamed(name)))) as [Identity, Identity, Identity, Identity, Identity];
  });

  it('delivers a broadcast once to every peer, and prunes the links that only carried copies', async () => {
    // Everyone linked to everyone: the first broadcast floods, the copies prune links to lazy.
    const { nodes } = network([ann, ben, cat, dan], [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    const framesNow = () => nodes.reduce((sum, node) => sum + node.gossip.framesSent, 0);
    nodes[0]!.gossip.send('first');
    await settle(() => nodes.slice(1).every((node) => node.delivered.length === 1));
    for (const node of nodes.slice(1)) expect(node.delivered[0]).to.include({ from: ann.fingerprint, data: 'first' });
    expect(nodes[0]!.delivered).to.deep.equal([]);
    // Every copy lands (each of the three forwards to the other two); the prunes they caused go
    // out with the next announce tick (sent now), and frames here arrive on the next macrotask.
    await settle(() => nodes.reduce((sum, node) => sum + node.gossip.duplicates, 0) === 6);
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const firstFrames = framesNow();

    // Now only the tree carries whole messages: fewer frames, still everyone exactly once.
    const before = framesNow();
    nodes[0]!.gossip.send('second');
    await settle(() => nodes.slice(1).every((node) => node.delivered.length === 2));
    expect(framesNow() - before).to.be.below(firstFrames);
    for (const node of nodes.slice(1)) expect(node.delivered.map((message) => message.data)).to.deep.equal(['first', 'second']);
  });

  it("starts a new origin's tree from a settled one: its first message takes one frame per peer, no copies", async () => {
    const { nodes } = network([ann, ben, cat, dan], [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    const framesNow = () => nodes.reduce((sum, node) => sum + node.gossip.framesSent, 0);
    const duplicatesNow = () => nodes.reduce((sum, node) => sum + node.gossip.duplicates, 0);
    // Ann's first message floods and its copies prune Ann's tree down to a spanning tree.
    nodes[0]!.gossip.send('first from ann');
    await settle(() => nodes.slice(1).every((node) => node.delivered.length === 1) && duplicatesNow() === 6);
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));

    // Ben has never sent: his first message follows Ann's tree instead of flooding.
    const [frames, duplicates] = [framesNow(), duplicatesNow()];
    nodes[1]!.gossip.send('first from ben');
    await settle(() => [0, 2, 3].every((at) => nodes[at]!.delivered.some((message) => message.from === ben.fingerprint)));
    // Whole messages only over the tree (announces to lazy links wait for the tick).
    expect(framesNow() - frames).to.equal(nodes.length - 1);
    expect(duplicatesNow() - duplicates).to.equal(0);
    expect(JSON.parse(nodes[1]!.sent.at(-1)!)).to.include({ f: ben.fingerprint, s: ann.fingerprint });
    for (const at of [0, 2, 3]) expect(nodes[at]!.delivered.filter((message) => message.from === ben.fingerprint).map((message) => message.data)).to.deep.equal(['first from ben']);
  });

  it('a graft heals the cut for every tree, so a new origin seeded from another cut tree needs none', async () => {
    const { nodes, down } = network([ann, ben, cat, dan], [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    const grafts = () => nodes.reduce((sum, node) => sum + node.gossip.grafts, 0);
    // Ann's tree is the star around her; Ben–Cat and Cat–Dan carried only copies and are lazy.
    a.gossip.send('warm up');
    await settle(() => [b, c, d].every((node) => node.delivered.length === 1) && c.gossip.duplicates === 2);
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Cutting Ann–Cat cuts Cat off Ann's tree. Ben's first message follows it, so Cat hears of it
    // only by id and grafts it.
    down(ann.fingerprint, cat.fingerprint);
    b.gossip.send('from ben');
    await settle(() => [a, d].every((node) => node.delivered.some((message) => message.data === 'from ben')));
    for (const node of nodes) node.gossip.flushUpkeep();
    await settle(() => c.delivered.length === 2);
    expect(grafts()).to.equal(1);
    // Dan seeds from Ann's tree (one hop away, nearer than Ben): cut in the same place, but
    // healed by Ben's graft, so Cat gets it pushed.
    d.gossip.send('from dan');
    await settle(() => [a, b, c].every((node) => node.delivered.some((message) => message.data === 'from dan')));
    const dansFrame = d.sent.map((text) => JSON.parse(text) as Record<string, unknown>).find((frame) => frame.f === dan.fingerprint);
    expect(dansFrame).to.include({ s: ann.fingerprint });
    expect(grafts()).to.equal(1);
  });

  it('a link that brings a first copy is a tree link again on this side too, for the trees seeded from it', async () => {
    // A line: Ann – Cat – Ben – Dan. Ben has been told to prune Cat for Ann's messages.
    const { nodes } = network([ann, ben, cat, dan], [[0, 2], [2, 1], [1, 3]]);
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    const grafts = () => nodes.reduce((sum, node) => sum + node.gossip.grafts, 0);
    b.gossip.receive(cat.fingerprint, frame({ k: 'h', ids: [], p: [ann.fingerprint] }));
    // Yet Ann's message comes to Ben only over that link.
    a.gossip.send('over the lazy link');
    await settle(() => [b, c, d].every((node) => node.delivered.length === 1));
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Dan's first message is seeded with Ann's tree: Ben pushes it on to Cat, nobody grafts.
    d.gossip.send('from dan');
    await settle(() => [a, b, c].every((node) => node.delivered.some((message) => message.data === 'from dan')));
    expect(c.delivered.at(-1)).to.deep.include({ data: 'from dan', via: ben.fingerprint });
    expect(grafts()).to.equal(0);
  });

  it('an origin whose seeded tree has no link of its own up pushes its message over every link', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [a, b, c] = nodes as [Node, Node, Node];
    a.gossip.send('hello');
    await settle(() => [b, c].every((node) => node.delivered.length === 1));
    // Ben prunes Cat for Ann's messages (as if a faster path had shown up): Cat's copy of Ann's
    // tree has no eager link left.
    c.gossip.receive(ben.fingerprint, frame({ k: 'h', ids: [], p: [ann.fingerprint] }));
    c.gossip.send('from cat');
    await settle(() => [a, b].every((node) => node.delivered.some((message) => message.data === 'from cat')));
    expect(b.delivered.at(-1)).to.deep.include({ data: 'from cat', via: cat.fingerprint });
    expect(nodes.reduce((sum, node) => sum + node.gossip.grafts, 0)).to.equal(0);
  });

  it('forgets the tree of a peer that left: a new origin does not seed from it, and floods', async () => {
    // Ann in the middle, linked to all; Ben – Cat – Dan also in a line. Ann's tree is the star,
    // so the line's links are lazy for it.
    const { nodes, down } = network([ann, ben, cat, dan], [[0, 1], [0, 2], [0, 3], [1, 2], [2, 3]]);
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    a.gossip.send('from ann');
    await settle(() => [b, c, d].every((node) => node.delivered.length === 1) && c.gossip.duplicates === 2);
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Ann leaves: her links go, and the room tells the relay (Room does this on `left`).
    for (const other of [ben, cat, dan]) down(ann.fingerprint, other.fingerprint);
    for (const node of [b, c, d]) node.gossip.forgetOrigin(ann.fingerprint);
    b.gossip.send('from ben');
    await settle(() => d.delivered.length === 2);
    expect(d.delivered[1]).to.deep.include({ data: 'from ben', via: cat.fingerprint });
    expect(nodes.reduce((sum, node) => sum + node.gossip.grafts, 0)).to.equal(0);
    expect(b.sent.some((text) => text.includes('"s"'))).to.equal(false);
  });

  it('floods a new origin\'s first message when its seed names a tree nobody has, and still delivers once', async () => {
    // Ann reaches Cat and Dan only through Ben, who rewrites the seed (outside the signature) to
    // an origin nobody heard from.
    const { nodes } = network([ann, ben, cat, dan], [[0, 1], [1, 2], [1, 3], [2, 3]]);
    nodes[1]!.rewrite = (text) => (text.startsWith('{"i"') ? JSON.stringify({ ...JSON.parse(text), s: mal.fingerprint }) : text);
    nodes[2]!.gossip.send('from cat');
    await settle(() => [0, 1, 3].every((at) => nodes[at]!.delivered.length === 1));
    // Ann seeds her first message with Cat's tree; past Ben it names Mal's, which nobody has.
    nodes[0]!.gossip.send('seeded with nonsense');
    await settle(() => nodes.slice(1).every((node) => node.delivered.length === (node === nodes[2] ? 1 : 2)));
    expect(JSON.parse(nodes[0]!.sent.at(-1)!)).to.include({ s: cat.fingerprint });
    const seedsPastBen = nodes[1]!.sent.filter((text) => text.includes('"s"')).map((text) => (JSON.parse(text) as { s: string }).s);
    expect(seedsPastBen.length).to.be.above(0);
    expect(seedsPastBen.every((seed) => seed === mal.fingerprint)).to.equal(true);
    for (const node of nodes.slice(1)) expect(node.delivered.at(-1)).to.include({ from: ann.fingerprint, data: 'seeded with nonsense' });
    expect(nodes.flatMap((node) => node.rejected)).to.deep.equal([]);
  });

  it('heals a tree broken by a dropped link: a peer that hears of a message it lacks grafts it', async () => {
    const { nodes, down } = network([ann, ben, cat], [[0, 1], [0, 2], [1, 2]]);
    const [a, b, c] = nodes;
    a!.gossip.send('warm up');
    await settle(() => b!.delivered.length === 1 && c!.delivered.length === 1);
    // Ben and Cat got copies from each other after Ann's: that link is lazy now. Drop Ann–Cat.
    await settle(() => b!.gossip.duplicates + c!.gossip.duplicates >= 2);
    for (const node of nodes) node.gossip.flushUpkeep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    down(ann.fingerprint, cat.fingerprint);
    a!.gossip.send('after the drop');
    await settle(() => c!.delivered.length === 2);
    expect(c!.delivered[1]).to.deep.include({ from: ann.fingerprint, data: 'after the drop', via: ben.fingerprint });
    // The graft made Ben–Cat eager again: the next message takes it too.
    a!.gossip.send('straight through');
    await settle(() => c!.delivered.length === 3);
    expect(c!.delivered[2]).to.deep.include({ data: 'straight through', via: ben.fingerprint });
  });

  it('takes a message for one peer along the path the peer\'s own broadcasts came, and only that peer delivers it', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    nodes[2]!.gossip.send('hello from cat');
    await settle(() => nodes[0]!.delivered.length === 1);
    nodes[0]!.gossip.send('for cat only', cat.fingerprint);
    await settle(() => nodes[2]!.delivered.length === 1);
    expect(nodes[2]!.delivered[0]).to.deep.include({ from: ann.fingerprint, data: 'for cat only', via: ben.fingerprint });
    expect(nodes[1]!.delivered.map((message) => message.data)).to.deep.equal(['hello from cat']);
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

  it('holds messages while no link is up and sends them when one comes', async () => {
    const { nodes, up } = network([ann, ben], []);
    nodes[0]!.gossip.send('early');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nodes[0]!.gossip.framesSent).to.equal(0);
    up(ann.fingerprint, ben.fingerprint);
    nodes[0]!.gossip.flush();
    await settle(() => nodes[1]!.delivered.length === 1);
    expect(nodes[1]!.delivered[0]!.data).to.equal('early');
  });

  it('refuses to relay a message over the size limit, saying so', async () => {
    const { nodes } = network([ann, ben], [[0, 1]]);
    nodes[0]!.gossip.send('x'.repeat(GOSSIP_LIMITS.maxDataChars + 1));
    expect(nodes[0]!.failed).to.have.length(1);
    expect(nodes[0]!.gossip.framesSent).to.equal(0);
  });
});
