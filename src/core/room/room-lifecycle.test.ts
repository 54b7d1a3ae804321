/**
 * A room across reconnects, evictions, repeated joins and forged signals: the reliability bugs
 * the Core v2 review found, each written as the situation that exposed it.
 */
import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { memoryStore } from '../platform/storage.js';
import { MemoryLinkNetwork } from '../link/memory-links.js';
import type { LinkFactory } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import type { RoomAddress, TransportState } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { LyingTransport } from '../../../test/support/lying-transport.js';
import { Room, type RoomEventMap } from './room.js';

const NS = 'peerkit-test';

function waitFor<K extends keyof RoomEventMap>(room: Room, type: K, where?: (detail: RoomEventMap[K]['detail']) => boolean): Promise<RoomEventMap[K]['detail']> {
  return nextEvent(room, type, where);
}

/** A memory transport whose connection can drop and come back, as a WebSocket's does (and that can lie). */
class FlakyTransport extends LyingTransport {
  joins = 0;

  override async join(address: RoomAddress): Promise<readonly string[]> {
    this.joins++;
    return super.join(address);
  }

  /** While down, nothing reaches this peer (the network only delivers to open transports). */
  down(): void {
    this.setState('reconnecting' satisfies TransportState);
  }

  /** Back: the server hands over the room's full member list, as after every re-join. */
  up(network: MemorySignalingNetwork, address: RoomAddress): void {
    this.setState('open');
    this.emit('peers', { ...address, ids: [...network.members(address).keys()].filter((id) => id !== this.id) });
  }
}

/** RTCPeerConnections made through it are counted. */
function countingWebRTC() {
  const counter = { made: 0 };
  class CountedPeerConnection extends RTCPeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      counter.made++;
    }
  }
  return { counter, wrtc: { RTCPeerConnection: CountedPeerConnection, RTCSessionDescription, RTCIceCandidate } };
}

describe('Room lifecycle', function () {
  this.timeout(60_000);
  let people: Identity[];

  before(async () => {
    people = await Promise.all(['Ann', 'Ben', 'Cid'].map((name) => identityNamed(name)));
  });

  it('the newcomer offers the link, whatever the ids, and the member answers it with the answering link it kept ready', async () => {
    const network = new MemorySignalingNetwork();
    // The newcomer has the larger id: were the smaller id to offer, the member would.
    const [member, newcomer] = [...people.slice(0, 2)].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)) as [Identity, Identity];
    const made: { by: string; initiator: boolean; to: string | undefined }[] = [];
    const recording = (by: Identity): LinkFactory => (options) => {
      made.push({ by: by.fingerprint, initiator: options.initiator, to: options.remoteId });
      return PeerLink.create(options);
    };
    const address = { ns: NS, room: 'newcomer-offers' };
    const counted = countingWebRTC();
    const memberRoom = new Room({ identity: member, transport: network.connect(member.fingerprint), ...address, wrtc: counted.wrtc, links: recording(member) });
    await memberRoom.join();
    // Its spares (an offering and an answering link) are made when the page is idle.
    while (counted.counter.made < 2) await new Promise((resolve) => requestIdleCallback(resolve));
    const newcomerRoom = new Room({ identity: newcomer, transport: network.connect(newcomer.fingerprint), ...address, links: recording(newcomer), prewarm: false });
    let madeWhenLinked = -1;
    const linked = nextEvent<RoomEventMap['link-state']['detail']>(memberRoom, 'link-state', ({ id, state }) => {
      // Read as the link comes up, before the pool makes its next spare.
      if (id === newcomer.fingerprint && state === 'connected') madeWhenLinked = counted.counter.made;
      return state === 'connected';
    });
    await newcomerRoom.join();
    await Promise.all([linked, nextEvent(newcomerRoom, 'peer')]);
    expect(made.filter(({ by }) => by === newcomer.fingerprint)).to.deep.equal([{ by: newcomer.fingerprint, initiator: true, to: member.fingerprint }]);
    expect(made.filter(({ by }) => by === member.fingerprint).map(({ initiator, to }) => ({ initiator, to }))).to.have.deep.members([
      { initiator: true, to: undefined },
      { initiator: false, to: undefined },
    ]);
    expect(madeWhenLinked, 'RTCPeerConnections the member had made when the link came up: its two spares, no new one').to.equal(2);
    await newcomerRoom.leave();
    await memberRoom.leave();
  });

  it('after a reconnect, the full member list lets go of a member who left during the outage (no ghost is linked again)', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben, cid] = people as [Identity, Identity, Identity];
    const address = { ns: NS, room: 'ghost' };
    const flaky = new FlakyTransport(network, ann.fingerprint);
    const rooms = [new Room({ identity: ann, transport: flaky, ...address, relinkMinMs: 20 }), ...[ben, cid].map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ...address, relinkMinMs: 20 }))];
    for (const room of rooms) await room.join();
    const [annRoom, benRoom, cidRoom] = rooms as [Room, Room, Room];
    while (annRoom.linkState(cid.fingerprint) !== 'connected' || annRoom.linkState(ben.fingerprint) !== 'connected') await waitFor(annRoom, 'peer');
    flaky.down();
    await cidRoom.leave();
    const gone = waitFor(annRoom, 'peer-disconnect', ({ id }) => id === cid.fingerprint);
    flaky.up(network, address);
    await gone;
    // Cid is no member any more, so nothing links to it again (a relink needs a member).
    expect(annRoom.peers).to.deep.equal([ben.fingerprint]);
    expect(annRoom.linkState(cid.fingerprint)).to.equal(undefined);
    await annRoom.leave();
    await benRoom.leave();
  });

  it('the server telling us that we left (our key joined from elsewhere) is no peer leaving: the room says it was dropped, and its timers stay quiet', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben] = people as [Identity, Identity];
    const address = { ns: NS, room: 'evicted' };
    const annRoom = new Room({ identity: ann, transport: network.connect(ann.fingerprint), ...address, relinkMinMs: 10 });
    const benRoom = new Room({ identity: ben, transport: network.connect(ben.fingerprint), ...address });
    await annRoom.join();
    await benRoom.join();
    while (annRoom.linkState(ben.fingerprint) !== 'connected') await waitFor(annRoom, 'peer');
    const disconnects: string[] = [];
    annRoom.addEventListener('peer-disconnect', (event) => disconnects.push(event.detail.id));
    const dropped = waitFor(annRoom, 'error');
    // Ann's key joins the same room over another connection (another tab): the server evicts the first.
    await network.connect(ann.fingerprint).join(address);
    const error = await dropped;
    expect(error.code).to.equal(409);
    expect(disconnects).not.to.include(ann.fingerprint);
    expect(annRoom.peers).to.deep.equal([]);
    // A send now fails as a message, never as a 403 thrown from a timer.
    const failed = waitFor(annRoom, 'message-failed');
    annRoom.send(ben.fingerprint, 'after the eviction');
    expect((await failed).reason).to.equal('not in the room');
    await benRoom.leave();
  });

  it('join() twice is one join, and leave() then join() links again without doubled listeners', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben] = people as [Identity, Identity];
    const address = { ns: NS, room: 'rejoin' };
    const flaky = new FlakyTransport(network, ann.fingerprint);
    const annRoom = new Room({ identity: ann, transport: flaky, ...address });
    const benRoom = new Room({ identity: ben, transport: network.connect(ben.fingerprint), ...address });
    const rejected: string[] = [];
    annRoom.addEventListener('signal-rejected', (event) => rejected.push(event.detail.code));
    await Promise.all([annRoom.join(), annRoom.join()]);
    expect(flaky.joins).to.equal(1);
    await benRoom.join();
    while (annRoom.linkState(ben.fingerprint) !== 'connected') await waitFor(annRoom, 'peer');
    await annRoom.leave();
    await annRoom.join();
    expect(flaky.joins).to.equal(2);
    while (annRoom.linkState(ben.fingerprint) !== 'connected') await waitFor(annRoom, 'peer');
    const received: string[] = [];
    annRoom.addEventListener('message', (event) => received.push(event.detail.data));
    const last = waitFor(annRoom, 'message', ({ data }) => data === 'two');
    benRoom.send(ann.fingerprint, 'one');
    benRoom.send(ann.fingerprint, 'two');
    await last;
    expect(received).to.deep.equal(['one', 'two']);
    // Each signal handled once: none refused as a replay of itself.
    expect(rejected).to.deep.equal([]);
    await annRoom.leave();
    await benRoom.leave();
  });

  it('a link dropped to make room loses nothing in flight either way: both sides read up to the other\'s goodbye before it closes', async () => {
    const signaling = new MemorySignalingNetwork();
    const links = new MemoryLinkNetwork();
    const four = await Promise.all(['gb-0', 'gb-1', 'gb-2', 'gb-3'].map((name) => identityNamed(name)));
    four.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
    const make = (identity: Identity) => new Room({ identity, transport: signaling.connect(identity.fingerprint), ns: NS, room: 'goodbye', links: links.factory, prewarm: false, maxLinks: 2, rotation: false, pingMs: 0 });
    // Three members: a full mesh, so the first and the third are linked.
    const rooms = four.slice(0, 3).map(make);
    for (const room of rooms) await room.join();
    const [first, , third] = rooms as [Room, Room, Room];
    await Promise.all(rooms.map(async (room) => {
      while (room.linked.length < 2) await nextEvent(room, 'peer');
    }));
    // A slow link between them from now on (700 ms each way), and twenty messages each way on it.
    links.setDelay(first.id, third.id, 700);
    const heard = (room: Room, from: string) => {
      const got: string[] = [];
      room.addEventListener('message', (event) => event.detail.from === from && got.push(event.detail.data));
      return got;
    };
    const atThird = heard(third, first.id);
    const atFirst = heard(first, third.id);
    const failed: string[] = [];
    for (const room of [first, third]) room.addEventListener('message-failed', (event) => failed.push(event.detail.data));
    const sent = Array.from({ length: 20 }, (_, i) => `in flight ${i}`);
    for (const text of sent) {
      first.send(third.id, text);
      third.send(first.id, text);
    }
    // The fourth member makes it a partial mesh (3 others > maxLinks 2): first and third sit across
    // the ring from each other now, and both drop their link at once, with frames still on it.
    const dropped = nextEvent(first, 'link-state', (detail: RoomEventMap['link-state']['detail']) => detail.id === third.id && detail.state === 'closed');
    const fourth = make(four[3]!);
    await fourth.join();
    await dropped;
    while (atThird.length + failed.length < 20 || atFirst.length + failed.length < 20) await Promise.race([nextEvent(third, 'message'), nextEvent(first, 'message'), nextEvent(first, 'message-failed'), nextEvent(third, 'message-failed')]);
    // Every message arrives exactly once (the claim is about loss: the test links' timers, not the
    // room, decide the order of two frames sent within the same millisecond).
    expect(failed).to.deep.equal([]);
    expect([...atThird].sort()).to.deep.equal([...sent].sort());
    expect([...atFirst].sort()).to.deep.equal([...sent].sort());
    await Promise.all([...rooms, fourth].map((room) => room.leave()));
  });

  for (const policy of ['any', 'tofu', 'known'] as const) {
    it(`a forged signal from someone the server never announced allocates nothing under "${policy}": no member, no RTCPeerConnection, no spare`, async () => {
      const network = new MemorySignalingNetwork();
      const [ann, ben] = people as [Identity, Identity];
      const address = { ns: NS, room: `forged-${policy}` };
      const { counter, wrtc } = countingWebRTC();
      const keys = await Keyring.open({ store: memoryStore() });
      const server = new FlakyTransport(network, ann.fingerprint);
      const annRoom = new Room({ identity: ann, transport: server, ...address, wrtc, prewarm: false, keys, policy });
      await annRoom.join();
      const refused = waitFor(annRoom, 'signal-rejected');
      const lists: (readonly string[])[] = [];
      annRoom.addEventListener('peerlist', (event) => lists.push(event.detail.ids));
      // Ben never joined: the server makes up a "signal" from him, and it is no sealed envelope.
      server.forgeSignal(address, ben.fingerprint, 'AAAAnot-an-envelope');
      const detail = await refused;
      expect(detail.from).to.equal(ben.fingerprint);
      expect(annRoom.peers).to.deep.equal([]);
      expect(lists.filter((ids) => ids.length > 0)).to.deep.equal([]);
      expect(counter.made).to.equal(0);
      await annRoom.leave();
    });
  }

  // An app that leaves as soon as someone leaves does so inside the room's handling of a
  // full member list that misses two members: the room went on to let go of the second after it
  // had left — a `peer-disconnect` after leave(), and a 15 s timer holding messages for that peer,
  // which outlived the room (and kept a Node process alive).
  it('a member event that reaches a room after leave() starts nothing: no peer-disconnect after it, nothing held for a gone peer', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben, cid] = people as [Identity, Identity, Identity];
    const address = { ns: NS, room: 'late-member-event' };
    // Members the server announces that never answer (no room of theirs): no link to them comes up.
    const strangers = [ben, cid].map((identity) => network.connect(identity.fingerprint));
    for (const transport of strangers) await transport.join(address);
    const flaky = new FlakyTransport(network, ann.fingerprint);
    const annRoom = new Room({ identity: ann, transport: flaky, ...address, prewarm: false });
    await annRoom.join();
    const both = [ben.fingerprint, cid.fingerprint].sort();
    expect([...annRoom.peers].sort()).to.deep.equal(both);
    // Both go while Ann's connection is down: she learns it from the full list when it is back.
    flaky.down();
    for (const transport of strangers) await transport.leave(address);
    // Said before leave() returned (by the list, or by leave itself), and after it.
    const disconnects: string[] = [];
    const late: string[] = [];
    let leaveCalled = false;
    let leaving: Promise<void> | undefined;
    annRoom.addEventListener('peer-disconnect', (event) => {
      (leaving ? late : disconnects).push(event.detail.id);
      if (leaveCalled) return;
      leaveCalled = true;
      leaving = annRoom.leave();
    });
    flaky.up(network, address);
    expect(leaving, 'the app left on the first peer-disconnect').not.to.equal(undefined);
    await leaving;
    expect([...disconnects].sort(), 'each member said to be gone once, before leave() returned').to.deep.equal(both);
    expect(late, 'peer-disconnect after leave()').to.deep.equal([]);
    // Nothing is held for either (a held message would fail only when a timer fired): a send fails at once.
    const failed: { to: string; reason: string }[] = [];
    annRoom.addEventListener('message-failed', (event) => failed.push({ to: event.detail.to, reason: event.detail.reason }));
    for (const id of both) annRoom.send(id, 'still there?');
    expect(failed).to.deep.equal(both.map((to) => ({ to, reason: 'not in the room' })));
  });

  it('a leave() while the server is still answering the join wins: nothing starts for the room that left', async () => {
    const network = new MemorySignalingNetwork();
    // The leaver joins second: the member list its join brings has it offer to Ben at once (the
    // newer member offers), and leave() must stop that offer before it makes a connection.
    const [ben, ann] = people as [Identity, Identity];
    const address = { ns: NS, room: 'leave-while-joining' };
    // Spares (RTCPeerConnections made ahead, when the page is idle) show whether the link pool started.
    const joined = countingWebRTC();
    const benRoom = new Room({ identity: ben, transport: network.connect(ben.fingerprint), ...address, wrtc: joined.wrtc });
    await benRoom.join();
    const started = performance.now();
    while (joined.counter.made < 2) await new Promise((resolve) => requestIdleCallback(resolve));
    const sparesTook = performance.now() - started;
    const left = countingWebRTC();
    const annRoom = new Room({ identity: ann, transport: network.connect(ann.fingerprint), ...address, wrtc: left.wrtc });
    const joining = annRoom.join();
    const leaving = annRoom.leave();
    await Promise.all([joining, leaving]);
    expect(annRoom.peers).to.deep.equal([]);
    // A negative can only be seen by letting time pass: an idle moment (when a pool makes its
    // spares), then twice as long as Ben's took.
    await new Promise((resolve) => requestIdleCallback(resolve));
    await new Promise((resolve) => setTimeout(resolve, 2 * sparesTook));
    expect(left.counter.made, 'RTCPeerConnections made for a room that left').to.equal(0);
    await benRoom.leave();
  });
});
