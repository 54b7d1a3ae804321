import { expect } from 'chai';
import { toBase64Url } from '../util/bytes.js';
import { generateX25519KeyPair } from '../crypto/x25519.js';
import { seal } from '../envelope/envelope.js';
import { Identity } from '../identity/identity.js';
import { GOSSIP_ENVELOPE_TYPE, GOSSIP_LIMITS } from './gossip.js';
import { signedContent, signedText, tamperSigned } from '../../../test/support/envelope-reader.js';
import { ADDRESS, network, settle, frame, idOf, otherChar, type GossipNode as Node } from '../../../test/support/gossip-network.js';
import { identityNamed } from '../../../test/support/identities.js';
import { memoryStore } from '../platform/storage.js';

// Messages for one peer: routes, sealing (a relay reads nothing), replays, flood budgets, keys asked for.
describe('gossip relay: messages for one peer', function () {
  this.timeout(30_000);
  let ann: Identity, ben: Identity, cat: Identity, dan: Identity, mal: Identity;
  before(async () => {
    [ann, ben, cat, dan, mal] = (await Promise.all(['g-ann', 'g-ben', 'g-cat', 'g-dan', 'g-mal'].map((name) => identityNamed(name)))) as [Identity, Identity, Identity, Identity, Identity];
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

  it('remembers a bounded share of the routes learned through one neighbour, however many origins it relays', async () => {
    // A line: Dan – Ann – Ben – Cat. Cat relays broadcasts signed by throwaway keys.
    const { nodes } = network([dan, ann, ben, cat], [[0, 1], [1, 2], [2, 3]]);
    const [d, , b, c] = nodes as [Node, Node, Node, Node];
    d.gossip.send('from dan');
    await settle(() => b.delivered.length === 1);
    const throwaways = await Promise.all(Array.from({ length: GOSSIP_LIMITS.maxRoutesPerNeighbor + 40 }, (_, n) => Identity.create({ name: `throwaway-${n}`, store: memoryStore() })));
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
});
