import { expect } from 'chai';
import { fromBase64Url } from '../util/bytes.js';
import type { Identity } from '../identity/identity.js';
import { PeerLink, type LinkRejectionCode, type LinkState, type PeerLinkEventMap } from './peer-link.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { MemorySignalingNetwork, type MemoryTransport } from '../signaling/memory.js';
import type { SignalingTransport, TransportEventMap } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';

const address = { ns: 'peerkit-test', room: 'links' };

/** Two links over a memory network; `intercept` may rewrite or reroute what the "server" relays. */
async function pair(
  a: Identity,
  b: Identity,
  intercept: (env: string, from: string, to: string) => string | undefined = (env) => env,
): Promise<{ left: PeerLink; right: PeerLink; transports: MemoryTransport[] }> {
  const network = new MemorySignalingNetwork();
  const ta = network.connect(a.fingerprint);
  const tb = network.connect(b.fingerprint);
  await ta.join(address);
  await tb.join(address);
  const left = await PeerLink.create({ identity: a, remoteId: b.fingerprint, initiator: true, address, sendSignal: (env) => ta.send(address, b.fingerprint, env), replay: new ReplayGuard() });
  const right = await PeerLink.create({ identity: b, remoteId: a.fingerprint, initiator: false, address, sendSignal: (env) => tb.send(address, a.fingerprint, env), replay: new ReplayGuard() });
  const route = (transport: SignalingTransport, link: PeerLink) =>
    transport.addEventListener('signal', (event) => {
      const { from, env } = (event as TransportEventMap['signal']).detail;
      const relayed = intercept(env, from, transport.id);
      if (relayed !== undefined) void link.receive(relayed);
    });
  route(ta, left);
  route(tb, right);
  return { left, right, transports: [ta, tb] };
}

function stateOf(link: PeerLink, wanted: LinkState): Promise<void> {
  return new Promise((resolve) => {
    if (link.state === wanted) return resolve();
    link.addEventListener('state', (event) => {
      if ((event as PeerLinkEventMap['state']).detail.state === wanted) resolve();
    });
  });
}

function rejection(link: PeerLink): Promise<LinkRejectionCode> {
  return new Promise((resolve) => link.addEventListener('signal-rejected', (event) => resolve((event as PeerLinkEventMap['signal-rejected']).detail.code), { once: true }));
}

describe('PeerLink', function () {
  this.timeout(30_000);
  let alice: Identity;
  let bob: Identity;
  let carol: Identity;

  before(async () => {
    [alice, bob, carol] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Carol')]);
  });

  /** Alice's first offer from a session that connected and closed: what a replaying relay would keep. */
  async function offerOfAFinishedSession(): Promise<string> {
    let firstOffer: string | undefined;
    const first = await pair(alice, bob, (env, from) => {
      if (from === alice.fingerprint) firstOffer ??= env;
      return env;
    });
    await stateOf(first.right, 'connected');
    first.left.close();
    first.right.close();
    return firstOffer!;
  }


  it('connects over sealed, batched signals, binds the channel, and carries messages', async () => {
    let envelopes = 0;
    const { left, right } = await pair(alice, bob, (env) => {
      envelopes++;
      return env;
    });
    right.addEventListener('signal-rejected', () => expect.fail('a genuine signal was rejected'));
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    // Offer, answer and candidates: batched into a handful of envelopes.
    expect(envelopes).to.be.within(2, 8);
    const got = new Promise<string>((resolve) => right.addEventListener('message', (event) => resolve((event as PeerLinkEventMap['message']).detail.data)));
    left.send('hello over a bound channel');
    expect(await got).to.equal('hello over a bound channel');
    left.close();
    right.close();
  });

  it('measures the round-trip time over the channel and reports a direct path', async () => {
    const { left, right } = await pair(alice, bob);
    const sample = new Promise<PeerLinkEventMap['rtt']['detail']>((resolve) => left.addEventListener('rtt', (event) => resolve((event as PeerLinkEventMap['rtt']).detail), { once: true }));
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const { rtt, path } = await sample;
    expect(rtt).to.be.a('number').greaterThan(0).lessThan(1000);
    expect(left.rtt).to.equal(rtt);
    // Host candidates on loopback, no TURN: direct.
    expect(path).to.equal('direct');
    left.close();
    right.close();
  });

  for (const side of ['initiator', 'answerer'] as const) {
    it(`restarts ICE when the ${side} asks, keeping the bound channel`, async () => {
      // Who sent signals since the restart: a fresh offer from Alice and a fresh answer from Bob.
      const sinceRestart = new Set<string>();
      let restarting = false;
      let renegotiated!: () => void;
      const bothSignalled = new Promise<void>((resolve) => (renegotiated = resolve));
      const { left, right } = await pair(alice, bob, (env, from) => {
        if (restarting) sinceRestart.add(from);
        if (sinceRestart.size === 2) renegotiated();
        return env;
      });
      await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
      restarting = true;
      (side === 'initiator' ? left : right).restartIce();
      await bothSignalled;
      expect(left.state).to.equal('connected');
      const got = new Promise<string>((resolve) => left.addEventListener('message', (event) => resolve((event as PeerLinkEventMap['message']).detail.data)));
      right.send('still bound after the restart');
      expect(await got).to.equal('still bound after the restart');
      left.close();
      right.close();
    });
  }

  it('rejects an altered signal and never connects', async () => {
    let fromBob = 0;
    const { left, right } = await pair(alice, bob, (env, from) => {
      if (from !== alice.fingerprint) {
        fromBob++;
        return env;
      }
      const bytes = fromBase64Url(env);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    });
    const code = await rejection(right);
    expect(['bad-signature', 'malformed']).to.include(code);
    // The offer never reached Bob's WebRTC stack: no answer, no link.
    expect(fromBob).to.equal(0);
    expect(right.state).to.equal('connecting');
    left.close();
    right.close();
  });

  it('rejects a signal the relay redirects to another peer', async () => {
    // Carol's genuine envelope for Alice, delivered to Bob's link as if from Alice.
    const { left, right } = await pair(alice, bob, () => undefined);
    const network = new MemorySignalingNetwork();
    const carolTransport = network.connect(carol.fingerprint);
    const spy = network.connect(alice.fingerprint);
    await spy.join(address);
    await carolTransport.join(address);
    const toAlice = new Promise<string>((resolve) => spy.addEventListener('signal', (event) => resolve((event as TransportEventMap['signal']).detail.env)));
    const carolLink = await PeerLink.create({ identity: carol, remoteId: alice.fingerprint, initiator: true, address, sendSignal: (env) => carolTransport.send(address, alice.fingerprint, env), replay: new ReplayGuard() });
    const stolen = await toAlice;
    const code = rejection(right);
    await right.receive(stolen);
    expect(await code).to.equal('wrong-recipient');
    for (const link of [left, right, carolLink]) link.close();
  });

  it('starts over when a newer offer follows a stale one from an earlier session (a reloaded answerer)', async () => {
    const firstOffer = await offerOfAFinishedSession();
    // Bob's new link has a fresh replay guard; the relay slips Alice's old offer in before her new one.
    const held: string[] = [];
    let holding = true;
    let offerHeld!: () => void;
    const newOfferReady = new Promise<void>((resolve) => (offerHeld = resolve));
    const second = await pair(alice, bob, (env, from) => {
      if (!holding || from !== alice.fingerprint) return env;
      held.push(env);
      offerHeld();
      return undefined;
    });
    const refused: LinkRejectionCode[] = [];
    second.right.addEventListener('signal-rejected', (event) => refused.push((event as PeerLinkEventMap['signal-rejected']).detail.code));
    await second.right.receive(firstOffer);
    await newOfferReady;
    holding = false;
    for (const env of held.splice(0)) await second.right.receive(env);
    await Promise.all([stateOf(second.left, 'connected'), stateOf(second.right, 'connected')]);
    expect(refused).to.deep.equal([]);
    second.left.close();
    second.right.close();
  });

  it('rejects an offer replayed from an earlier session', async () => {
    const firstOffer = await offerOfAFinishedSession();
    // A new session between the same two, bound: the relay slips the old offer in.
    const second = await pair(alice, bob);
    await Promise.all([stateOf(second.left, 'connected'), stateOf(second.right, 'connected')]);
    const code = rejection(second.right);
    await second.right.receive(firstOffer);
    expect(['replayed', 'wrong-session']).to.include(await code);
    second.left.close();
    second.right.close();
  });

  it('a bound answerer takes a newer session\'s offer from its remote (it re-made the link first), and still refuses replays', async () => {
    let oldOffer: string | undefined;
    const alices: { renewed?: PeerLink } = {};
    const { left, right } = await pair(alice, bob, (env, from) => {
      if (from === alice.fingerprint) oldOffer ??= env;
      // Once Alice has a new link, Bob's answers go to it.
      if (from === bob.fingerprint && alices.renewed) return void alices.renewed.receive(env);
      return env;
    });
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const states: LinkState[] = [];
    const rightBack = new Promise<void>((resolve) =>
      right.addEventListener('state', (event) => {
        states.push((event as PeerLinkEventMap['state']).detail.state);
        if (states.join() === 'connecting,connected') resolve();
      }),
    );
    // Alice starts a new session while Bob's link to her old one is still up.
    const newOffers: string[] = [];
    const renewed = (alices.renewed = await PeerLink.create({ identity: alice, remoteId: bob.fingerprint, initiator: true, address, replay: new ReplayGuard(), sendSignal: (env) => {
      newOffers.push(env);
      void right.receive(env);
    } }));
    await Promise.all([stateOf(renewed, 'connected'), rightBack]);
    const message = new Promise<string>((resolve) => right.addEventListener('message', (event) => resolve((event as PeerLinkEventMap['message']).detail.data), { once: true }));
    renewed.send('over the new session');
    expect(await message).to.equal('over the new session');
    // Neither the new offer replayed nor the old session's offer takes the link down again.
    for (const env of [newOffers[0]!, oldOffer!]) {
      const code = rejection(right);
      await right.receive(env);
      expect(['replayed', 'wrong-session']).to.include(await code);
    }
    expect(right.state).to.equal('connected');
    expect(states).to.deep.equal(['connecting', 'connected']);
    for (const link of [left, right, renewed]) link.close();
  });
});
