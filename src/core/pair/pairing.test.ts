import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { seal } from '../envelope/envelope.js';
import { sealPairProof } from '../envelope/join-proof.js';
import { PAIR_ROOM, PAIRING_TIMEOUT, Pairing, type PairingEventMap, type PairingOptions } from './pairing.js';
import { HttpPairTransport, parsePairReply, type PairTransport } from '../signaling/pair-protocol.js';
import { SignalingError } from '../signaling/transport.js';
import { WebSocketTransport } from '../signaling/websocket.js';
import { memoryStore } from '../platform/storage.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { serverCommand } from '../../../test/support/server-commands.js';

function waitFor<K extends keyof PairingEventMap>(pairing: Pairing, type: K, where?: (detail: PairingEventMap[K]['detail']) => boolean): Promise<PairingEventMap[K]['detail']> {
  return nextEvent(pairing, type, where);
}

/** A namespace nobody else in this test run uses: the server remembers who it paired. */
function freshNamespace(): string {
  return `pair-${Math.random().toString(36).slice(2)}`;
}

async function pendingPairs(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(/^peerkit_link_pending (\d+)$/m.exec(metrics)?.[1]);
}

describe('Pairing (pair protocol, real server)', function () {
  this.timeout(60_000);
  let url: string;
  let ann: Identity;
  let ben: Identity;
  let cid: Identity;
  const cleanup: (() => unknown)[] = [];

  before(async () => {
    url = await serverCommand<string>('signaling-url');
    [ann, ben, cid] = await Promise.all([identityNamed('Ann'), identityNamed('Ben'), identityNamed('Cid')]);
  });

  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  function pairing(identity: Identity, ns: string, transport: PairTransport, extra: Partial<PairingOptions> = {}): Pairing {
    const made = new Pairing({ identity, transport, ns, retryMs: 50, maxRetryMs: 200, ...extra });
    cleanup.push(() => made.leave());
    return made;
  }

  function ws(identity: Identity): WebSocketTransport {
    const transport = new WebSocketTransport(url, identity);
    cleanup.push(() => transport.close());
    return transport;
  }

  async function paired(left: Pairing, right: Pairing): Promise<void> {
    const bothPaired = Promise.all([waitFor(left, 'peer', ({ id }) => id === right.id), waitFor(right, 'peer', ({ id }) => id === left.id)]);
    await Promise.all([left.join(), right.join()]);
    await bothPaired;
  }

  it('pairs two strangers over WebSocket; their bound link carries messages both ways', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, ws(ann));
    const b = pairing(ben, ns, ws(ben));
    await paired(a, b);
    expect(a.partner).to.equal(ben.fingerprint);
    expect(b.peers).to.deep.equal([ann.fingerprint]);
    expect(a.linkState(ben.fingerprint)).to.equal('connected');
    const atB = waitFor(b, 'message');
    a.send(ben.fingerprint, 'hi stranger');
    expect(await atB).to.deep.equal({ from: ann.fingerprint, data: 'hi stranger' });
    const atA = waitFor(a, 'message');
    b.broadcast('hi back');
    expect((await atA).data).to.equal('hi back');
  });

  it('pairs over plain HTTP (POST /link) where WebSockets are not used', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, new HttpPairTransport(url));
    const b = pairing(ben, ns, new HttpPairTransport(url));
    await paired(a, b);
    const atA = waitFor(a, 'message');
    b.send(ann.fingerprint, 'over http signaling');
    expect((await atA).data).to.equal('over http signaling');
  });

  it('"next" drops the partner and pairs with a new stranger, never the same one again', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, ws(ann));
    // Ben stays put when dropped, so the only stranger left for Ann is Cid.
    const b = pairing(ben, ns, ws(ben), { autoNext: false });
    await paired(a, b);
    const c = pairing(cid, ns, new HttpPairTransport(url));
    const cSearching = waitFor(c, 'searching');
    await c.join();
    await cSearching;

    const benDropped = waitFor(b, 'peer-disconnect', ({ id }) => id === ann.fingerprint);
    const annWithCid = waitFor(a, 'peer', ({ id }) => id === cid.fingerprint);
    const cidWithAnn = waitFor(c, 'peer', ({ id }) => id === ann.fingerprint);
    await a.next();
    await Promise.all([benDropped, annWithCid, cidWithAnn]);
    expect(a.partner).to.equal(cid.fingerprint);
    expect(b.partner).to.equal(undefined);
    const atC = waitFor(c, 'message');
    a.send(cid.fingerprint, 'next!');
    expect((await atC).data).to.equal('next!');
    // Sending to the old partner is reported, not dropped silently.
    const failed = waitFor(a, 'message-failed');
    a.send(ben.fingerprint, 'too late');
    expect((await failed).reason).to.equal('not paired with this peer');
  });

  it('enforces the trust policy before a link is made: a stranger under "known" is refused', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, ws(ann), { keys: await Keyring.open({ store: memoryStore() }), policy: 'known' });
    const b = pairing(ben, ns, ws(ben), { keys: await Keyring.open({ store: memoryStore() }), policy: 'known' });
    const refusals = [waitFor(a, 'signal-rejected'), waitFor(b, 'signal-rejected')];
    await Promise.all([a.join(), b.join()]);
    // Whichever was demoted refuses the other's offer; neither ever reports a partner.
    const refused = await Promise.race(refusals);
    expect(refused.code).to.equal('untrusted');
    expect(a.partner).to.equal(undefined);
    expect(b.partner).to.equal(undefined);
  });

  // The attack: a stranger's "offer" that is signed but holds no SDP. The demoted side checked it,
  // then waited for its own answer, which never came: it was wedged for good, pairing with nobody.
  it('a stranger\'s signed offer without SDP does not wedge the demoted side: the step times out and it pairs with the next', async () => {
    const ns = freshNamespace();
    const mallory = await identityNamed('Mallory');
    const transport = new HttpPairTransport(url);
    const before = await pendingPairs(url);
    const empty = await seal(mallory, { ns, room: PAIR_ROOM, to: '*', type: 'signal', body: { signals: [], session: 'nothing-to-answer' }, includeKey: true });
    const malloryWaits = transport.pair({ type: 'CONNECT', ns, id: mallory.fingerprint, signal: empty, proof: await sealPairProof(mallory, { ns, server: transport.server }) }).catch(() => undefined);
    while ((await pendingPairs(url)) <= before) await new Promise((resolve) => requestAnimationFrame(resolve));
    const a = pairing(ann, ns, ws(ann), { stepTimeoutMs: 1500 });
    const timedOut = waitFor(a, 'error', ({ code }) => code === PAIRING_TIMEOUT);
    await a.join();
    expect((await timedOut).message).to.match(/answer/);
    const b = pairing(ben, ns, ws(ben));
    const annWithBen = waitFor(a, 'peer', ({ id }) => id === ben.fingerprint);
    await b.join();
    await annWithBen;
    expect(a.partner).to.equal(ben.fingerprint);
    await malloryWaits;
  });

  it('leaving withdraws the waiting request: the server holds nothing for a gone peer', async () => {
    const ns = freshNamespace();
    const transport = ws(ann);
    const before = await pendingPairs(url);
    const a = pairing(ann, ns, transport);
    const searching = waitFor(a, 'searching');
    await a.join();
    await searching;
    // Held as soon as the server has the request; wait for the gauge to show it.
    while ((await pendingPairs(url)) <= before) await new Promise((resolve) => requestAnimationFrame(resolve));
    await a.leave();
    while ((await pendingPairs(url)) > before) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(await pendingPairs(url)).to.equal(before);
  });
});

describe('link replies from a hostile server', () => {
  it('accepts the three replies and turns server errors into their codes', () => {
    expect(parsePairReply({ type: 'DELIVERED' })).to.deep.equal({ type: 'DELIVERED' });
    expect(parsePairReply({ type: 'ANSWER', signal: 'x' })).to.deep.equal({ type: 'ANSWER', signal: 'x' });
    expect(() => parsePairReply({ type: 'error', code: 299, message: 'nobody' }))
      .to.throw(SignalingError)
      .with.property('code', 299);
  });

  for (const [what, reply] of [
    ['null', null],
    ['a string', 'DEMOTE'],
    ['an unknown type', { type: 'HELLO' }],
    ['a DEMOTE without a nonce', { type: 'DEMOTE', signal: 'x' }],
    ['an ANSWER with a non-string signal', { type: 'ANSWER', signal: 42 }],
    ['an oversize signal', { type: 'ANSWER', signal: 'x'.repeat(70_000) }],
    ['an error without a numeric code', { type: 'error', code: '299', message: 'x' }],
  ] as const) {
    it(`refuses ${what} with code 502`, () => {
      expect(() => parsePairReply(reply)).to.throw(SignalingError).with.property('code', 502);
    });
  }
});
