import { expect } from 'chai';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import type { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { seal } from '../envelope/envelope.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import { memoryStore } from '../platform/storage.js';
import { PeerLink } from './peer-link.js';
import { LINK_LOW_WATER_BYTES, LinkStateError, type LinkEventMap, type LinkFrameErrorCode, type LinkOptions, type LinkRejectionCode, type LinkState } from './link.js';
import { FrameError, FrameKind, frameText, MAX_FRAME_BODY, type SessionFrameKind } from './frame.js';
import { MAX_WAITING_SIGNALS, openSignal, type SignalRejectionCode } from './signals.js';
import type { WrtcImplementation } from './rtc.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { MemorySignalingNetwork, type MemoryTransport } from '../signaling/memory.js';
import { SignalingError, type SignalingTransport } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';

const address = { ns: 'peerkit-test', room: 'links' };

/** Two links over a memory network; `intercept` may rewrite or reroute what the "server" relays. */
async function pair(
  a: Identity,
  b: Identity,
  intercept: (env: string, from: string, to: string) => string | undefined = (env) => env,
  extra: { left?: Partial<LinkOptions>; right?: Partial<LinkOptions> } = {},
): Promise<{ left: PeerLink; right: PeerLink; transports: MemoryTransport[] }> {
  const network = new MemorySignalingNetwork();
  const ta = network.connect(a.fingerprint);
  const tb = network.connect(b.fingerprint);
  await ta.join(address);
  await tb.join(address);
  const left = await PeerLink.create({ identity: a, remoteId: b.fingerprint, initiator: true, address, sendSignal: (env) => ta.send(address, b.fingerprint, env), replay: new ReplayGuard(), ...extra.left });
  const right = await PeerLink.create({ identity: b, remoteId: a.fingerprint, initiator: false, address, sendSignal: (env) => tb.send(address, a.fingerprint, env), replay: new ReplayGuard(), ...extra.right });
  const route = (transport: SignalingTransport, link: PeerLink) =>
    transport.addEventListener('signal', (event) => {
      const { from, env } = event.detail;
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
      if (event.detail.state === wanted) resolve();
    });
  });
}

function rejection(link: PeerLink): Promise<LinkRejectionCode> {
  return new Promise((resolve) => link.addEventListener('signal-rejected', (event) => resolve(event.detail.code), { once: true }));
}

/** The text of the next frame of `kind` the link hands its owner. */
function nextText(link: PeerLink, kind: SessionFrameKind = FrameKind.Message): Promise<string> {
  return new Promise((resolve) => {
    const off = link.on('frame', (frame) => {
      if (frame.kind !== kind) return;
      off();
      resolve(frameText(frame.body));
    });
  });
}

/** An envelope with one byte flipped in the middle: what a tampering relay hands over. */
function tampered(env: string): string {
  const bytes = fromBase64Url(env);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
  return toBase64Url(bytes);
}

/** The browser's WebRTC, with every data channel simple-peer opens handed to the test: it can then put raw bytes on it. */
function channelSpy(): { wrtc: WrtcImplementation; channels: RTCDataChannel[] } {
  const channels: RTCDataChannel[] = [];
  class Spied extends RTCPeerConnection {
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      const channel = super.createDataChannel(label, init);
      channels.push(channel);
      return channel;
    }
  }
  return { wrtc: { RTCPeerConnection: Spied, RTCSessionDescription, RTCIceCandidate }, channels };
}

/** Counts the RTCPeerConnections made (by anyone on the page) until `restore()`. */
function countConnections(): { made(): number; restore(): void } {
  const Original = globalThis.RTCPeerConnection;
  let made = 0;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      made++;
    }
  };
  return { made: () => made, restore: () => (globalThis.RTCPeerConnection = Original) };
}

/** The first envelope `from`'s link seals for `to`, as the transport would deliver it. */
async function firstEnvelope(from: Identity, to: Identity): Promise<string> {
  let link: PeerLink | undefined;
  const env = await new Promise<string>((resolve) => {
    void PeerLink.create({ identity: from, remoteId: to.fingerprint, initiator: true, address, replay: new ReplayGuard(), sendSignal: resolve }).then((made) => (link = made));
  });
  link?.close();
  return env;
}

/** A key directory (a real keyring) whose `admit` is slow for chosen calls, as an IndexedDB write under TOFU can be. */
async function slowDirectory(): Promise<{ keys: KeyDirectory; slowNext(ms: number): void; admits: string[] }> {
  const keyring = await Keyring.open({ store: memoryStore() });
  const admits: string[] = [];
  let calls = 0;
  let slow: number | undefined;
  const keys: KeyDirectory = {
    find: (fingerprint) => keyring.find(fingerprint),
    admit: async (key, policy, now, context) => {
      const call = ++calls;
      const delay = slow;
      slow = undefined;
      admits.push(`start ${call}`);
      if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
      const verdict = await keyring.admit(key, policy, now, context);
      admits.push(`end ${call}`);
      return verdict;
    },
  };
  return { keys, slowNext: (ms) => (slow = ms), admits };
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
    const got = nextText(right);
    left.send(FrameKind.Message, 'hello over a bound channel');
    expect(await got).to.equal('hello over a bound channel');
    left.close();
    right.close();
  });

  it('measures the round-trip time over the channel and reports a direct path', async () => {
    const { left, right } = await pair(alice, bob);
    const sample = new Promise<LinkEventMap['rtt']['detail']>((resolve) => left.addEventListener('rtt', (event) => resolve(event.detail), { once: true }));
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
      const got = nextText(left);
      right.send(FrameKind.Message, 'still bound after the restart');
      expect(await got).to.equal('still bound after the restart');
      left.close();
      right.close();
    });
  }

  for (const side of ['initiator', 'answerer'] as const) {
    it(`pair mode (signals over the bound channel): an ICE restart the ${side} asks for brings new ICE credentials, with no signal through the transport`, async () => {
      const connections: RTCPeerConnection[] = [];
      class Watched extends RTCPeerConnection {
        constructor(configuration?: RTCConfiguration) {
          super(configuration);
          connections.push(this);
        }
      }
      const wrtc: WrtcImplementation = { RTCPeerConnection: Watched, RTCSessionDescription, RTCIceCandidate };
      let throughTransport = 0;
      let bound = false;
      const overChannel = { signalsOverChannel: true, wrtc };
      const { left, right } = await pair(
        alice,
        bob,
        (env) => {
          if (bound) throughTransport++;
          return env;
        },
        { left: overChannel, right: overChannel },
      );
      await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
      bound = true;
      const ufrag = (connection: RTCPeerConnection) => /a=ice-ufrag:(\S+)/.exec(connection.remoteDescription?.sdp ?? '')?.[1];
      const before = connections.map(ufrag);
      (side === 'initiator' ? left : right).restartIce();
      // Both sides hold the other's new credentials once the restart's offer and answer applied.
      while (connections.some((connection, at) => ufrag(connection) === before[at] || connection.signalingState !== 'stable')) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(throughTransport, 'signals through the transport after binding').to.equal(0);
      const got = nextText(left);
      right.send(FrameKind.Message, 'still bound after the restart');
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
      return tampered(env);
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
    const toAlice = new Promise<string>((resolve) => spy.addEventListener('signal', (event) => resolve(event.detail.env)));
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
    second.right.addEventListener('signal-rejected', (event) => refused.push(event.detail.code));
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
        states.push(event.detail.state);
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
    const message = nextText(right);
    renewed.send(FrameKind.Message, 'over the new session');
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

  it('hands its owner typed frames of every session kind, text and binary, in the order sent', async () => {
    const { left, right } = await pair(alice, bob);
    expect(() => left.send(FrameKind.Message, 'too early')).to.throw(LinkStateError);
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const got: LinkEventMap['frame']['detail'][] = [];
    const all = new Promise<void>((resolve) =>
      right.on('frame', (frame) => {
        got.push(frame);
        if (got.length === 4) resolve();
      }),
    );
    left.send(FrameKind.Message, 'hello');
    left.send(FrameKind.Relay, '{"relayed":true}');
    left.send(FrameKind.Unlink, '{"reason":"full"}');
    left.send(FrameKind.Channel, new Uint8Array([0, 255, 7]));
    await all;
    expect(got.map((frame) => frame.kind)).to.deep.equal([FrameKind.Message, FrameKind.Relay, FrameKind.Unlink, FrameKind.Channel]);
    expect(got.slice(0, 3).map((frame) => frameText(frame.body))).to.deep.equal(['hello', '{"relayed":true}', '{"reason":"full"}']);
    expect([...got[3]!.body]).to.deep.equal([0, 255, 7]);
    left.close();
    right.close();
  });

  it('refuses to send a frame over the limit, or one of its own kinds, with typed errors', async () => {
    const { left, right } = await pair(alice, bob);
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const codeOf = (send: () => void) => {
      try {
        send();
      } catch (error) {
        return error instanceof FrameError ? error.code : String(error);
      }
      return 'sent';
    };
    expect(codeOf(() => left.send(FrameKind.Channel, new Uint8Array(MAX_FRAME_BODY + 1)))).to.equal('too-large');
    // A remote's binding statement or pings cannot be forged through the owner's send().
    expect(codeOf(() => left.send(FrameKind.Bind as SessionFrameKind, 'x'))).to.equal('kind');
    expect(codeOf(() => left.send(FrameKind.Channel, new Uint8Array(MAX_FRAME_BODY)))).to.equal('sent');
    left.close();
    right.close();
  });

  it('reports bytes on its channel that are not a frame, drops them, and goes on delivering', async () => {
    const spy = channelSpy();
    const { left, right } = await pair(alice, bob, undefined, { left: { wrtc: spy.wrtc } });
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const rejected: LinkFrameErrorCode[] = [];
    right.on('frame-rejected', ({ code }) => rejected.push(code));
    const [channel] = spy.channels;
    // A peer speaking the text framing of before, an unknown version, an unknown kind, a lone byte.
    channel!.send('mhello in the old text framing');
    channel!.send(new Uint8Array([9, FrameKind.Message, 104, 105]));
    channel!.send(new Uint8Array([1, 99, 104, 105]));
    channel!.send(new Uint8Array([1]));
    const after = nextText(right);
    left.send(FrameKind.Message, 'still here');
    expect(await after).to.equal('still here');
    expect(rejected).to.deep.equal(['version', 'version', 'kind', 'empty']);
    expect(right.state).to.equal('connected');
    left.close();
    right.close();
  });

  it('reports how much it has buffered, and drains below the low-water mark', async () => {
    const { left, right } = await pair(alice, bob);
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const count = 24;
    let received = 0;
    const all = new Promise<void>((resolve) => right.on('frame', () => ++received === count && resolve()));
    const drained = new Promise<number>((resolve) => left.on('drain', ({ bufferedAmount }) => resolve(bufferedAmount), { once: true }));
    const body = new Uint8Array(MAX_FRAME_BODY);
    for (let i = 0; i < count; i++) left.send(FrameKind.Channel, body);
    expect(left.bufferedAmount).to.be.greaterThan(LINK_LOW_WATER_BYTES);
    expect(await drained).to.be.at.most(LINK_LOW_WATER_BYTES);
    await all;
    expect(received).to.equal(count);
    left.close();
    right.close();
  });

  it('applies signals in the order they arrived: an offer whose key check is slow is not overtaken', async () => {
    const directory = await slowDirectory();
    // The first envelope Bob opens (Alice's offer) waits on the key directory, as a first
    // meeting's IndexedDB write can; her candidates arrive meanwhile.
    directory.slowNext(300);
    const refused: LinkRejectionCode[] = [];
    let fromAlice = 0;
    const { left, right } = await pair(
      alice,
      bob,
      (env, from) => {
        if (from === alice.fingerprint) fromAlice++;
        return env;
      },
      { right: { keys: directory.keys } },
    );
    right.on('signal-rejected', ({ code }) => refused.push(code));
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    // Alice's offer and her candidates came in more than one envelope, so one could overtake another.
    expect(fromAlice).to.be.at.least(2);
    // The second envelope was checked while the first was still waiting, and finished first.
    // That it is applied after the offer is shown by signals.test.ts, and by the next test, where
    // candidates of a new session applied before its offer would be refused.
    expect(directory.admits.indexOf('start 2')).to.be.lessThan(directory.admits.indexOf('end 1'));
    expect(directory.admits.indexOf('end 2')).to.be.lessThan(directory.admits.indexOf('end 1'));
    expect(refused).to.deep.equal([]);
    left.close();
    right.close();
  });

  it('follows a remote that starts over even when the new offer\'s key check is slow: its candidates wait for it', async () => {
    const directory = await slowDirectory();
    const alices: { renewed?: PeerLink } = {};
    const { left, right } = await pair(
      alice,
      bob,
      // Once Alice has a new link, Bob's answers go to it.
      (env, from) => (from === bob.fingerprint && alices.renewed ? void alices.renewed.receive(env) : env),
      { right: { keys: directory.keys } },
    );
    await Promise.all([stateOf(left, 'connected'), stateOf(right, 'connected')]);
    const refused: LinkRejectionCode[] = [];
    right.on('signal-rejected', ({ code }) => refused.push(code));
    const rightBack = new Promise<void>((resolve) => {
      const seen: LinkState[] = [];
      right.on('state', ({ state }) => {
        seen.push(state);
        if (seen.join() === 'connecting,connected') resolve();
      });
    });
    // Alice re-makes the link: her new session's offer is slow to check, its candidates are not.
    directory.slowNext(300);
    let envelopes = 0;
    const renewed = (alices.renewed = await PeerLink.create({
      identity: alice,
      remoteId: bob.fingerprint,
      initiator: true,
      address,
      replay: new ReplayGuard(),
      sendSignal: (env) => {
        envelopes++;
        void right.receive(env);
      },
    }));
    await Promise.all([stateOf(renewed, 'connected'), rightBack]);
    expect(envelopes).to.be.at.least(2);
    expect(refused).to.deep.equal([]);
    for (const link of [left, right, renewed]) link.close();
  });

  it('bounds the signals waiting for one link: a flood past the bound is refused at once, not queued, and reported once per burst', async () => {
    const directory = await slowDirectory();
    const link = await PeerLink.create({ identity: bob, remoteId: alice.fingerprint, initiator: false, address, replay: new ReplayGuard(), keys: directory.keys, sendSignal: () => undefined });
    const codes: LinkRejectionCode[] = [];
    link.on('signal-rejected', ({ code }) => codes.push(code));
    // Alice's genuine offer is slow to check; a relay floods the link behind it.
    directory.slowNext(300);
    const genuine = link.receive(await firstEnvelope(alice, bob));
    const flood = Array.from({ length: 100 }, () => link.receive('bm90IGFuIGVudmVsb3Bl'));
    expect(codes.filter((code) => code === 'flooded')).to.have.length(1);
    await Promise.all([genuine, ...flood]);
    expect(codes.filter((code) => code === 'malformed')).to.have.length(MAX_WAITING_SIGNALS - 1);
    // The queue emptied: the next burst is reported again.
    directory.slowNext(300);
    const again = [link.receive(await firstEnvelope(alice, bob)), ...Array.from({ length: MAX_WAITING_SIGNALS + 5 }, () => link.receive('bm90IGFuIGVudmVsb3Bl'))];
    expect(codes.filter((code) => code === 'flooded')).to.have.length(2);
    await Promise.all(again);
    link.close();
  });

  it('reports a signed signal that WebRTC cannot take, and never throws it at the transport', async () => {
    const { left, right } = await pair(alice, bob, () => undefined);
    const env = await seal(alice, { ...address, to: bob.fingerprint, type: 'signal', includeKey: true, body: { session: 'AAAAAAAAAAAAAAAA', signals: [{ type: 'no-such-type', sdp: 'v=0' }] } });
    const code = rejection(right);
    await right.receive(env);
    expect(await code).to.equal('malformed');
    left.close();
    right.close();
  });

  it('fails with a typed error, and no unhandled rejection, when its signals cannot be handed over', async () => {
    const link = await PeerLink.create({
      identity: alice,
      remoteId: bob.fingerprint,
      initiator: true,
      address,
      replay: new ReplayGuard(),
      // A transport that dropped the room refuses to send for it.
      sendSignal: () => {
        throw new SignalingError(403, 'not in room "links"');
      },
    });
    const error = await new Promise<LinkEventMap['error']['detail']>((resolve) => link.on('error', resolve, { once: true }));
    expect(error.code).to.equal('signal-failed');
    expect(error.message).to.include('not in room');
    expect(link.state).to.equal('failed');
    link.close();
  });
});

describe('openSignal: checking a first signal before anything is made for it', function () {
  this.timeout(30_000);
  let alice: Identity;
  let bob: Identity;
  let carol: Identity;

  before(async () => {
    [alice, bob, carol] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Carol')]);
  });

  it('refuses a forged, unsigned, misattributed or untrusted first signal under every trust policy, and no connection is made', async () => {
    const genuine = await firstEnvelope(alice, bob);
    const carols = await firstEnvelope(carol, bob);
    const connections = countConnections();
    try {
      for (const policy of ['any', 'tofu', 'known'] as const satisfies readonly TrustPolicy[]) {
        const keys = await Keyring.open({ store: memoryStore() });
        // What an owner does with a signal the transport says is from Alice, before it makes a link.
        const check = async (env: string): Promise<SignalRejectionCode | 'ok'> => {
          const result = await openSignal(env, { me: bob.fingerprint, from: alice.fingerprint, address, replay: new ReplayGuard(), keys, policy });
          return result.ok ? 'ok' : result.code;
        };
        expect(['bad-signature', 'malformed'], policy).to.include(await check(tampered(genuine)));
        expect(await check('bm90IGFuIGVudmVsb3Bl'), policy).to.equal('malformed');
        // Carol's genuine envelope, delivered as Alice's (under `known` her key is refused first).
        expect(await check(carols), policy).to.equal(policy === 'known' ? 'untrusted' : 'wrong-sender');
        expect(await check(genuine), policy).to.equal(policy === 'known' ? 'untrusted' : 'ok');
      }
      expect(connections.made()).to.equal(0);
    } finally {
      connections.restore();
    }
  });

  it('a link takes the first signal its owner opened (receiveOpened), in order with the ones after it', async () => {
    const refused: LinkRejectionCode[] = [];
    const replay = new ReplayGuard();
    let bobs: PeerLink | undefined;
    // Bob's owner: the first signal is checked before the link is made; every signal from Alice is
    // handled after the one before it.
    let fromAlice: Promise<void> = Promise.resolve();
    const deliverToBob = (env: string) =>
      (fromAlice = fromAlice.then(async () => {
        if (bobs) return bobs.receive(env);
        const check = await openSignal(env, { me: bob.fingerprint, from: alice.fingerprint, address, replay });
        if (!check.ok) return void refused.push(check.code);
        bobs = await PeerLink.create({ identity: bob, remoteId: alice.fingerprint, initiator: false, address, replay, sendSignal: (answer) => void alices.receive(answer) });
        bobs.on('signal-rejected', ({ code }) => refused.push(code));
        await bobs.receiveOpened(check.signal);
      }));
    const alices = await PeerLink.create({ identity: alice, remoteId: bob.fingerprint, initiator: true, address, replay: new ReplayGuard(), sendSignal: (env) => void deliverToBob(env) });
    await stateOf(alices, 'connected');
    await fromAlice;
    await stateOf(bobs!, 'connected');
    const got = nextText(bobs!);
    alices.send(FrameKind.Message, 'checked before it was made');
    expect(await got).to.equal('checked before it was made');
    expect(refused).to.deep.equal([]);
    alices.close();
    bobs!.close();
  });
});
