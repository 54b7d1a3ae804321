import { expect } from 'chai';
import { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { seal } from '../envelope/envelope.js';
import { sealPairProof } from '../envelope/join-proof.js';
import { PAIR_ROOM, PAIRING_TIMEOUT, Pairing, type PairingEventMap, type PairingOptions } from './pairing.js';
import { HttpPairTransport, parsePairReply, type PairTransport } from '../signaling/pair-protocol.js';
import { SignalingError } from '../signaling/transport.js';
import { WebSocketTransport } from '../signaling/websocket.js';
import { memoryStore } from '../platform/storage.js';
import { MAX_FRAME_BYTES } from '../link/frame.js';
import { openPeerConnections } from '../link/rtc.js';
import { CHANNEL_HIGH_WATER_BYTES } from '../session/backpressure.js';
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

/** What a link sends by itself however full its buffer: its pings and pongs, a few bytes each. */
const PROBES_BYTES = 1024;

/**
 * Watches every data channel on this page: the most any held unsent, read right after each send
 * (a send adds to `bufferedAmount` at once, so this is its highest point).
 */
function watchSendBuffers(): { readonly most: () => number; readonly stop: () => void } {
  const prototype = RTCDataChannel.prototype as unknown as { send(this: RTCDataChannel, data: unknown): void };
  const send = prototype.send;
  let most = 0;
  prototype.send = function (data) {
    send.call(this, data);
    most = Math.max(most, this.bufferedAmount);
  };
  return { most: () => most, stop: () => (prototype.send = send) };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `size` bytes that differ from one 64 KiB block to the next (a misplaced part changes the digest). */
function bulk(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
  return bytes;
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

  // Files go this way (a channel, direct parts of up to a link frame). Without backpressure the
  // whole value went into the data channel at once: 12 MiB buffered, and past 16 MiB Chromium closes it.
  it('a large value over a channel waits for the link: never more than the high-water mark and one frame unsent, and it arrives whole', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, ws(ann));
    const b = pairing(ben, ns, ws(ben));
    await paired(a, b);
    const value = bulk(12 * 1024 * 1024);
    const arrived = nextEvent<{ from: string; value: unknown }>(b.channel('bulk'), 'message');
    const buffers = watchSendBuffers();
    cleanup.push(buffers.stop);
    await a.channel('bulk').send(ben.fingerprint, value, { direct: true });
    const { from, value: received } = await arrived;
    buffers.stop();
    expect(from).to.equal(ann.fingerprint);
    expect(received).to.be.instanceOf(Uint8Array);
    expect((received as Uint8Array).length).to.equal(value.length);
    expect(await sha256(received as Uint8Array)).to.equal(await sha256(value));
    expect(buffers.most()).to.be.within(1, CHANNEL_HIGH_WATER_BYTES + MAX_FRAME_BYTES + PROBES_BYTES);
  });

  // Many values handed over at once, each one frame: each must look at the buffer after the one
  // before it went, else all see it empty and all go at once; and none overtakes one that waits.
  it('values sent all at once keep to the sender\'s high-water mark and arrive in the order sent', async () => {
    const ns = freshNamespace();
    const a = pairing(ann, ns, ws(ann));
    const b = pairing(ben, ns, ws(ben));
    await paired(a, b);
    const highWaterMark = 256 * 1024;
    const values = Array.from({ length: 24 }, (_, index) => {
      const value = bulk(200 * 1024);
      value[0] = index;
      return value;
    });
    const order: number[] = [];
    const allArrived = new Promise<void>((resolve) =>
      b.channel('burst').on('message', ({ value }) => {
        order.push((value as Uint8Array)[0]!);
        if (order.length === values.length) resolve();
      }),
    );
    const buffers = watchSendBuffers();
    cleanup.push(buffers.stop);
    await Promise.all(values.map((value) => a.channel('burst').send(ben.fingerprint, value, { direct: true, highWaterMark })));
    await allArrived;
    buffers.stop();
    expect(order).to.deep.equal(values.map((_, index) => index));
    expect(buffers.most()).to.be.within(1, highWaterMark + MAX_FRAME_BYTES + PROBES_BYTES);
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

  // Browsers cap the RTCPeerConnections a page holds (Chromium: about 500), so a page that pairs
  // all evening must close each one it leaves, not wait for the garbage collector.
  it('"next" closes what it leaves: after ten strangers the page holds only the current pair\'s RTCPeerConnections', async () => {
    const ns = freshNamespace();
    const before = openPeerConnections();
    const a = pairing(ann, ns, ws(ann));
    let stranger: Pairing | undefined;
    for (let round = 0; round < 10; round++) {
      const identity = await Identity.create({ name: `Stranger ${round}`, store: memoryStore() });
      const next = pairing(identity, ns, ws(identity), { autoNext: false });
      const met = Promise.all([waitFor(a, 'peer', ({ id }) => id === identity.fingerprint), waitFor(next, 'peer', ({ id }) => id === ann.fingerprint)]);
      await next.join();
      if (round === 0) await a.join();
      else await a.next();
      await met;
      // The stranger Ann left goes too (its own page would close).
      await stranger?.leave();
      stranger = next;
    }
    // Ann's link to the last stranger, and the stranger's to Ann.
    expect(openPeerConnections() - before).to.equal(2);
    await a.leave();
    await stranger!.leave();
    expect(openPeerConnections()).to.equal(before);
  });

  // Chromium refuses a page new RTCPeerConnections once a few hundred are open (users of other
  // libraries meet it after an evening of "next"): a page pairs 520 times here, in four lanes side
  // by side, and never holds more than each lane's current and outgoing pairs.
  it('a page pairs 520 times and still pairs: it never holds more than the pairs under way', async function () {
    this.timeout(300_000);
    const lanes = 4;
    const rounds = 130;
    const before = openPeerConnections();
    let most = 0;
    let pairings = 0;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const ns = freshNamespace();
        const me = await Identity.create({ name: `Evening ${lane}`, store: memoryStore() });
        const a = pairing(me, ns, ws(me));
        let previous: { readonly pairing: Pairing; readonly transport: WebSocketTransport } | undefined;
        for (let round = 0; round < rounds; round++) {
          const identity = await Identity.create({ name: `Stranger ${lane}.${round}`, store: memoryStore() });
          // Each stranger's socket is closed when it leaves: the server allows an address only so many.
          const transport = new WebSocketTransport(url, identity);
          const next = new Pairing({ identity, transport, ns, retryMs: 50, maxRetryMs: 200, autoNext: false });
          const met = Promise.all([waitFor(a, 'peer', ({ id }) => id === identity.fingerprint), waitFor(next, 'peer', ({ id }) => id === me.fingerprint)]);
          await next.join();
          if (round === 0) await a.join();
          else await a.next();
          await met;
          pairings++;
          most = Math.max(most, openPeerConnections() - before);
          if (previous) {
            await previous.pairing.leave();
            previous.transport.close();
          }
          previous = { pairing: next, transport };
        }
        await previous?.pairing.leave();
        previous?.transport.close();
        await a.leave();
      }),
    );
    expect(pairings).to.equal(lanes * rounds);
    // Per lane: its link to the current stranger, the stranger's to it, and the last stranger's, still leaving.
    expect(most).to.be.at.most(lanes * 3);
    expect(openPeerConnections()).to.equal(before);
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
