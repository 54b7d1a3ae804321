import { expect } from 'chai';
import { toBase64Url } from '../util/bytes.js';
import { generateX25519KeyPair } from '../crypto/x25519.js';
import { seal } from '../envelope/envelope.js';
import type { Identity } from '../identity/identity.js';
import { Gossip, GOSSIP_ENVELOPE_TYPE, GOSSIP_LIMITS, type GossipOptions, type GossipRejection } from './gossip.js';
import { fastIdentity } from '../../../bench/support/fast-keys.js';
import { signedContent, signedText, tamperSigned } from '../../../test/support/envelope-reader.js';
import { identityNamed } from '../../../test/support/identities.js';

const ADDRESS = { ns: 'test.gossip', room: 'r' };

interface Node {
  readonly id: string;
  /** Replaced when the peer restarts. */
  gossip: Gossip;
  readonly delivered: { from: string; data: string; via: string }[];
  readonly rejected: GossipRejection[];
  readonly failed: string[];
  /** What this node put on its links. */
  readonly sent: string[];
  /** What came to this node over its links. */
  readonly received: string[];
  /** Changes each frame this node sends, or drops it (undefined): a hostile relay. Identity by default. */
  rewrite: (text: string) => string | undefined;
}

/** Gossip peers wired as the links say, delivering frames on the next macrotask like a channel. */
function network(identities: Identity[], links: [number, number][], options: Partial<GossipOptions> = {}) {
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
  const relayFor = (identity: Identity, node: Node) => {
    const id = identity.fingerprint;
    return new Gossip({
      ...options,
      identity,
      address: ADDRESS,
      neighbors: () => [...neighbors.get(id)!],
      send: (to, frame) => {
        if (!neighbors.get(id)!.has(to)) return false;
        const text = node.rewrite(frame);
        if (text === undefined) return true;
        node.sent.push(text);
        setTimeout(() => {
          const receiver = nodes.get(to)!;
          receiver.received.push(text);
          receiver.gossip.receive(id, text);
        }, 0);
        return true;
      },
      deliver: (from, data, via) => node.delivered.push({ from, data, via }),
      reject: (rejection) => node.rejected.push(rejection),
      failed: (_to, data) => node.failed.push(data),
    });
  };
  for (const identity of identities) {
    const node = { id: identity.fingerprint, delivered: [], rejected: [], failed: [], sent: [], received: [], rewrite: (text: string) => text } as Omit<Node, 'gossip'> as Node;
    node.gossip = relayFor(identity, node);
    nodes.set(identity.fingerprint, node);
  }
  /** The peer at `at` starts a new session (a reload): a new relay, with a new X25519 key. */
  const restart = (at: number) => {
    const identity = identities[at]!;
    const node = nodes.get(identity.fingerprint)!;
    node.gossip.close();
    node.gossip = relayFor(identity, node);
  };
  return { nodes: identities.map((identity) => nodes.get(identity.fingerprint)!), up, down, restart };
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

/** A message id (16 base64url characters) made from a number. */
function idOf(n: number): string {
  return String(n).padStart(16, 'J');
}

/** One base64url character swapped for another. */
function otherChar(char: string): string {
  return char === 'A' ? 'B' : 'A';
}

/** `from` sends a broadcast whose first whole frame is held back; resolves with that frame and its id. */
async function heldBack(from: Node, data: string): Promise<{ id: string; frame: string }> {
  let held: string | undefined;
  const rewrite = from.rewrite;
  from.rewrite = (text) => {
    if (held === undefined && text.startsWith('{"i"')) {
      held = text;
      return undefined;
    }
    return rewrite(text);
  };
  from.gossip.send(data);
  await settle(() => held !== undefined);
  return { id: (JSON.parse(held!) as { i: string }).i, frame: held! };
}

/** `from` sends a broadcast whose first whole frame is lost on the way; resolves with its id. */
async function lostOnTheWay(from: Node, data: string): Promise<string> {
  return (await heldBack(from, data)).id;
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

  it('refuses a message for another peer replayed once its id has left the dedupe memory, and does not pass it on', async () => {
    const { nodes } = network([ann, ben, cat, dan], [[0, 1], [1, 2], [1, 3]]);
    const [a, b, c] = nodes as [Node, Node, Node, Node];
    // Cat's broadcast gives Ann its key; Ann's sealed message for Cat goes through Ben.
    c.gossip.send('hello');
    await settle(() => a.delivered.length === 1);
    a.gossip.send('for cat', cat.fingerprint);
    await settle(() => c.delivered.length === 1);
    const relayed = a.sent.find((text) => (JSON.parse(text) as { o?: string }).o === cat.fingerprint)!;
    // Junk from many links, all taken before any check runs: more ids than the dedupe memory holds.
    const junk = (n: number) => frame({ i: idOf(n), t: 0, f: mal.fingerprint, e: 'bm90IGFuIGVudmVsb3Bl' });
    let taken = 0;
    for (let link = 0, n = 0; taken < GOSSIP_LIMITS.maxSeen; link++) {
      for (;;) {
        const refused = b.rejected.length;
        b.gossip.receive(`junk-link-${link}`, junk(n++));
        if (b.rejected.length > refused) break;
        taken++;
      }
    }
    expect(b.gossip.memory.seen).to.equal(GOSSIP_LIMITS.maxSeen);
    await settle(() => b.gossip.memory.pendingChecks === 0, 20_000);
    const [framesSent, catReceived, refused] = [b.gossip.framesSent, c.received.length, b.rejected.length];
    // Dan replays Ann's frame.
    b.gossip.receive(dan.fingerprint, relayed);
    await settle(() => b.rejected.length > refused && b.gossip.memory.pendingChecks === 0);
    expect(b.rejected.slice(refused).map((rejection) => [rejection.code, rejection.via, rejection.origin])).to.deep.equal([['replayed', dan.fingerprint, ann.fingerprint]]);
    expect(b.gossip.framesSent).to.equal(framesSent);
    expect(c.received.length).to.equal(catReceived);
  });

  it('does not keep the route to a peer through a neighbour that was first with its message once, then stopped passing messages on', async () => {
    // Ann and Ben are both linked to Mal and to Cat. Mal is first with Ann's first message.
    const { nodes } = network([ann, ben, cat, mal], [[0, 3], [0, 2], [1, 3], [1, 2]], { announceMs: 20, graftAfterMs: 20 });
    const [a, b, c, m] = nodes as [Node, Node, Node, Node];
    a.gossip.send('first');
    await settle(() => b.delivered.length === 1 && c.delivered.length === 1);
    expect(b.delivered[0]).to.deep.include({ data: 'first', via: mal.fingerprint });
    // Mal drops every message from now on: broadcasts and messages for one peer alike.
    m.rewrite = (text) => (text.startsWith('{"i"') ? undefined : text);
    // Ann's next message reaches Ben through Cat (by id, then a graft)...
    a.gossip.send('second');
    await settle(() => b.delivered.length === 2);
    expect(b.delivered[1]).to.deep.include({ data: 'second', via: cat.fingerprint });
    // ...and so does Ben's message for Ann, the other way.
    b.gossip.send('for ann', ann.fingerprint);
    await settle(() => a.delivered.some((message) => message.data === 'for ann'));
    expect(a.delivered.find((message) => message.data === 'for ann')).to.deep.include({ from: ben.fingerprint, via: cat.fingerprint });
  });

  it('sends, delivers and schedules nothing once closed, whatever checks were still queued', async () => {
    // Gossip's own timers, told apart by their delays.
    const announceMs = 777;
    const graftAfterMs = 333;
    const live = new Set<unknown>();
    const realSetTimeout = window.setTimeout;
    const realClearTimeout = window.clearTimeout;
    window.setTimeout = ((handler: () => void, ms?: number) => {
      if (ms !== announceMs && ms !== graftAfterMs) return realSetTimeout(handler, ms);
      const timer = realSetTimeout(() => {
        live.delete(timer);
        handler();
      }, ms);
      live.add(timer);
      return timer;
    }) as unknown as typeof window.setTimeout;
    window.clearTimeout = ((timer?: number) => {
      live.delete(timer);
      realClearTimeout(timer);
    }) as typeof window.clearTimeout;
    try {
      const { nodes } = network([ann, ben, cat, dan], [[0, 1], [1, 2], [1, 3]], { announceMs, graftAfterMs });
      const b = nodes[1]!;
      // Dan gets only the ids of Ann's messages from Ben, so passing one on starts the announce timer.
      b.gossip.receive(dan.fingerprint, frame({ k: 'h', ids: [], p: [ann.fingerprint] }));
      const id = idOf(7);
      const forged = await seal(mal, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: 'forged' }, includeKey: true });
      const real = await seal(ann, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: 'genuine' }, includeKey: true });
      // A forged copy is checked first; the genuine one waits as a candidate, to be passed on once the forgery fails.
      b.gossip.receive(cat.fingerprint, frame({ i: id, t: 2, f: ann.fingerprint, e: forged }));
      b.gossip.receive(ann.fingerprint, frame({ i: id, t: 2, f: ann.fingerprint, e: real }));
      const sent = nodes.map((node) => node.sent.length);
      for (const node of nodes) node.gossip.close();
      // After close, an "I have" must not start a graft timer, and a message fails at once.
      b.gossip.receive(cat.fingerprint, frame({ k: 'h', ids: [idOf(8)] }));
      b.gossip.send('after close');
      await settle(() => nodes.every((node) => node.gossip.memory.pendingChecks === 0));
      expect(nodes.map((node) => node.sent.length)).to.deep.equal(sent);
      expect(b.delivered).to.deep.equal([]);
      expect(b.failed).to.deep.equal(['after close']);
      expect(live.size).to.equal(0);
    } finally {
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
    }
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

  it('remembers a bounded share of the routes learned through one neighbour, however many origins it relays', async () => {
    // A line: Dan – Ann – Ben – Cat. Cat relays broadcasts signed by throwaway keys.
    const { nodes } = network([dan, ann, ben, cat], [[0, 1], [1, 2], [2, 3]]);
    const [d, , b, c] = nodes as [Node, Node, Node, Node];
    d.gossip.send('from dan');
    await settle(() => b.delivered.length === 1);
    const throwaways = await Promise.all(Array.from({ length: GOSSIP_LIMITS.maxRoutesPerNeighbor + 40 }, (_, n) => fastIdentity(`throwaway-${n}`)));
    const frames = await Promise.all(
      throwaways.map(async (identity, n) => {
        const id = idOf(1000 + n);
        const e = await seal(identity, { ...ADDRESS, to: '*', type: GOSSIP_ENVELOPE_TYPE, body: { id, data: 'hi' }, includeKey: true });
        return frame({ i: id, t: 1, f: identity.fingerprint, e });
      }),
    );
    // In batches a link's check queue takes.
    for (let at = 0; at < frames.length; at += 100) {
      for (const text of frames.slice(at, at + 100)) b.gossip.receive(cat.fingerprint, text);
      await settle(() => b.delivered.length === 1 + Math.min(at + 100, frames.length), 20_000);
    }
    expect(b.gossip.memory.routes).to.equal(GOSSIP_LIMITS.maxRoutesPerNeighbor + 1);
    // The route to Dan, learned through Ann, is still there: a message for Dan goes only that way.
    const cats = c.received.length;
    b.gossip.send('for dan', dan.fingerprint);
    await settle(() => d.delivered.length === 1);
    expect(d.delivered[0]).to.deep.include({ from: ben.fingerprint, data: 'for dan', via: ann.fingerprint });
    expect(c.received.length).to.equal(cats);
  });

  it('passes on a message for another peer only once its signature verifies, and floods one with no known path within its origin\'s budget', async () => {
    // Ben in the middle of a star: Ann, Cat and Dan. Mal's frames come over Cat's link.
    const { nodes } = network([ann, ben, cat, dan], [[0, 1], [1, 2], [1, 3]]);
    const b = nodes[1]!;
    const nobody = 'a-recipient-nobody-has-a-path-to';
    const junk = Array.from({ length: 20 }, (_, n) => frame({ i: idOf(n), t: 5, f: mal.fingerprint, o: nobody, e: 'bm90IGFuIGVudmVsb3Bl' }));
    for (const text of junk) b.gossip.receive(cat.fingerprint, text);
    await settle(() => b.rejected.length === junk.length);
    expect(b.rejected.map((rejection) => rejection.code)).to.deep.equal(junk.map(() => 'malformed'));
    expect(b.gossip.framesSent).to.equal(0);
    // Signed by a member, but for nobody Ben knows a path to: flooded only while Mal's budget lasts.
    const burst = GOSSIP_LIMITS.floodBurstPerOrigin;
    const over = 8;
    const signed = await Promise.all(
      Array.from({ length: burst + over }, async (_, n) => {
        const id = idOf(100 + n);
        const e = await seal(mal, { ...ADDRESS, to: nobody, type: GOSSIP_ENVELOPE_TYPE, body: { id, x: 'k' }, includeKey: true });
        return frame({ i: id, t: 5, f: mal.fingerprint, o: nobody, e });
      }),
    );
    for (const text of signed) b.gossip.receive(cat.fingerprint, text);
    await settle(() => b.rejected.length === junk.length + over);
    expect(b.rejected.slice(junk.length).map((rejection) => [rejection.code, rejection.origin])).to.deep.equal(Array.from({ length: over }, () => ['over-budget', mal.fingerprint]));
    // Each flooded one went to Ann and Dan.
    expect(b.gossip.framesSent).to.equal(burst * 2);
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

  it('seals a message for one peer: the relay between sees its routing only, the recipient reads it', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [a, b, c] = nodes as [Node, Node, Node];
    const secret = 'meet me by the old mill at nine';
    // Ann has never heard from Cat: she asks for Cat's key first, through Ben.
    a.gossip.send(secret, cat.fingerprint);
    await settle(() => c.delivered.length === 1);
    expect(c.delivered[0]).to.deep.include({ from: ann.fingerprint, data: secret, via: ben.fingerprint });
    // Every frame Ben handled, and all he can read in each envelope: no trace of the message.
    const handled = [...b.received, ...b.sent];
    for (const text of handled) {
      expect(text).to.not.include(secret);
      expect(signedText((JSON.parse(text) as { e: string }).e)).to.not.include(secret);
    }
    // Those were the ask for Cat's key, her answer and the message, each in and out.
    expect(handled).to.have.length(6);
    expect(b.delivered).to.deep.equal([]);
    // Cat answers through the same path; Ann reads it, Ben does not.
    c.gossip.send(`re: ${secret}`, ann.fingerprint);
    await settle(() => a.delivered.length === 1);
    expect(a.delivered[0]).to.deep.include({ from: cat.fingerprint, data: `re: ${secret}` });
    for (const text of [...b.received, ...b.sent]) expect(signedText((JSON.parse(text) as { e: string }).e)).to.not.include(secret);
  });

  it('refuses a message for one peer whose ciphertext or ephemeral key a relay changed, or that a relay signed again as its own', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [a, b, c] = nodes as [Node, Node, Node];
    // Cat's broadcast carries her key: Ann's messages to her are sealed at once.
    c.gossip.send('hello from cat');
    await settle(() => a.delivered.length === 1);
    // Ben keeps back Ann's sealed messages for Cat; the test plays what he does with them.
    const kept: { i: string; t: number; f: string; o: string; e: string }[] = [];
    b.rewrite = (text) => {
      const relayed = JSON.parse(text) as (typeof kept)[number];
      if (relayed.o !== cat.fingerprint || !signedText(relayed.e).includes('"s":{')) return text;
      kept.push(relayed);
      return undefined;
    };
    for (const data of ['first', 'second', 'third']) a.gossip.send(data, cat.fingerprint);
    await settle(() => kept.length === 3);
    const [first, second, third] = kept as [(typeof kept)[number], (typeof kept)[number], (typeof kept)[number]];
    const ciphertextChanged = tamperSigned(first.e, (text) => text.replace(/("c":")(.)/, (_, field: string, char: string) => field + otherChar(char)));
    const ephemeralSwapped = tamperSigned(second.e, (text) => text.replace(/("e":")(.)/, (_, field: string, char: string) => field + otherChar(char)));
    c.gossip.receive(ben.fingerprint, JSON.stringify({ ...first, e: ciphertextChanged }));
    c.gossip.receive(ben.fingerprint, JSON.stringify({ ...second, e: ephemeralSwapped }));
    await settle(() => c.rejected.length === 2);
    expect(c.rejected.map((rejection) => rejection.code)).to.deep.equal(['bad-signature', 'bad-signature']);
    // Signed again by Ben himself: with his own ephemeral key, or as it was. Neither opens.
    const sealed = signedContent(third.e).body.s as { e: string; r: string; c: string };
    const bensKey = toBase64Url((await generateX25519KeyPair()).publicKey);
    for (const [n, s] of [{ ...sealed, e: bensKey }, sealed].entries()) {
      const id = idOf(n);
      const e = await seal(ben, { ...ADDRESS, to: cat.fingerprint, type: GOSSIP_ENVELOPE_TYPE, body: { id, x: bensKey, s }, includeKey: true });
      c.gossip.receive(ben.fingerprint, frame({ i: id, t: 3, f: ben.fingerprint, o: cat.fingerprint, e }));
    }
    await settle(() => c.rejected.length === 4);
    expect(c.rejected.slice(2).map((rejection) => [rejection.code, rejection.origin])).to.deep.equal([
      ['undecryptable', ben.fingerprint],
      ['undecryptable', ben.fingerprint],
    ]);
    expect(c.delivered).to.deep.equal([]);
    // The frame as Ann sealed it still opens.
    c.gossip.receive(ben.fingerprint, JSON.stringify(third));
    await settle(() => c.delivered.length === 1);
    expect(c.delivered[0]).to.deep.include({ from: ann.fingerprint, data: 'third' });
  });

  it('refuses a message sealed for the key of an earlier session with its own code, and tells the sender the new key', async () => {
    const { nodes, restart } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [a, , c] = nodes as [Node, Node, Node];
    c.gossip.send('hello from cat');
    await settle(() => a.delivered.length === 1);
    // Cat reloads (a new key) and Ann missed it: her next message is sealed for Cat's old key.
    restart(2);
    a.gossip.send('sealed for the old key', cat.fingerprint);
    await settle(() => c.rejected.length === 1);
    expect(c.rejected[0]).to.include({ code: 'stale-key', origin: ann.fingerprint });
    // Cat answers with a key note (a message for Ann that seals nothing); once Ann has checked it, her messages open again.
    const isNote = (text: string) => {
      const relayed = JSON.parse(text) as { f: string; o?: string; e: string };
      return relayed.f === cat.fingerprint && relayed.o === ann.fingerprint && !signedText(relayed.e).includes('"s":{');
    };
    await settle(() => a.received.some(isNote) && a.gossip.memory.pendingChecks === 0);
    a.gossip.send('sealed for the new key', cat.fingerprint);
    await settle(() => c.delivered.length === 1);
    expect(c.delivered[0]).to.deep.include({ from: ann.fingerprint, data: 'sealed for the new key' });
  });

  it('relays a sealed message for one peer at the size limit, and refuses a larger one, saying so', async () => {
    const { nodes } = network([ann, ben, cat], [[0, 1], [1, 2]]);
    const [a, , c] = nodes as [Node, Node, Node];
    a.gossip.send('é'.repeat(GOSSIP_LIMITS.maxDirectBytes / 2), cat.fingerprint);
    a.gossip.send('x'.repeat(GOSSIP_LIMITS.maxDirectBytes + 1), cat.fingerprint);
    await settle(() => c.delivered.length === 1);
    expect(c.delivered[0]!.data).to.have.length(GOSSIP_LIMITS.maxDirectBytes / 2);
    expect(a.failed).to.have.length(1);
    expect(nodes.flatMap((node) => node.rejected)).to.deep.equal([]);
  });

  it('fails a message for one peer that never answers with its key, after asking three times', async () => {
    const { nodes } = network([ann, ben], [[0, 1]], { keyAskMs: 30 });
    const [a, b] = nodes as [Node, Node];
    b.rewrite = () => undefined;
    a.gossip.send('anyone there?', ben.fingerprint);
    await settle(() => a.failed.length === 1);
    expect(a.failed).to.deep.equal(['anyone there?']);
    expect(b.received).to.have.length(3);
    expect(a.gossip.memory.waitingForKeys).to.equal(0);
  });

  it('refuses to relay a message over the size limit, saying so', async () => {
    const { nodes } = network([ann, ben], [[0, 1]]);
    nodes[0]!.gossip.send('x'.repeat(GOSSIP_LIMITS.maxDataChars + 1));
    expect(nodes[0]!.failed).to.have.length(1);
    expect(nodes[0]!.gossip.framesSent).to.equal(0);
  });
});
