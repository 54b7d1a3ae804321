import { expect } from 'chai';
import { seal } from '../envelope/envelope.js';
import type { Identity } from '../identity/identity.js';
import { GOSSIP_ENVELOPE_TYPE, GOSSIP_LIMITS } from './gossip.js';
import { ADDRESS, network, settle, frame, idOf, type GossipNode as Node } from '../../../test/support/gossip-network.js';
import { identityNamed } from '../../../test/support/identities.js';

// Broadcasts over the relay trees: delivery once, pruning, seeded trees, grafts that heal cuts; holding while
// no link is up, and close(). (Forged copies: gossip-forgery.test.ts; messages for one peer: gossip-direct.test.ts.)
describe('gossip relay: broadcasts', function () {
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

  it('refuses to relay a message over the size limit, saying so', async () => {
    const { nodes } = network([ann, ben], [[0, 1]]);
    nodes[0]!.gossip.send('x'.repeat(GOSSIP_LIMITS.maxDataChars + 1));
    expect(nodes[0]!.failed).to.have.length(1);
    expect(nodes[0]!.gossip.framesSent).to.equal(0);
  });
});
