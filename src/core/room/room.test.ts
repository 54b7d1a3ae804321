import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { Room, type RoomEventMap, type RoomOptions } from './room.js';
import { openPeerConnections } from '../link/rtc.js';
import { memoryStore } from '../platform/storage.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import type { SignalingTransport } from '../signaling/transport.js';
import { WebSocketTransport } from '../signaling/websocket.js';
import { identityNamed } from '../../../test/support/identities.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import { nextEvent } from '../../../test/support/events.js';

function waitFor<K extends keyof RoomEventMap>(room: Room, type: K, where?: (detail: RoomEventMap[K]['detail']) => boolean): Promise<RoomEventMap[K]['detail']> {
  return nextEvent(room, type, where);
}

/** Every room has a bound link to every other. */
async function fullMesh(rooms: Room[]): Promise<void> {
  await Promise.all(
    rooms.map(async (room) => {
      const others = rooms.filter((other) => other !== room).map((other) => other.id);
      while (!others.every((id) => room.linkState(id) === 'connected')) await waitFor(room, 'peer');
    }),
  );
}

/** Each room broadcasts once; every other room receives every broadcast exactly once. */
async function broadcastEveryone(rooms: Room[]): Promise<void> {
  const received = new Map(rooms.map((room) => [room.id, [] as string[]]));
  const all = rooms.length * (rooms.length - 1);
  let count = 0;
  const done = new Promise<void>((resolve) => {
    for (const room of rooms) {
      room.addEventListener('message', (event) => {
        received.get(room.id)!.push((event as RoomEventMap['message']).detail.data);
        if (++count === all) resolve();
      });
    }
  });
  for (const room of rooms) room.broadcast(`from ${room.id}`);
  await done;
  for (const room of rooms) {
    const expected = rooms.filter((other) => other !== room).map((other) => `from ${other.id}`).sort();
    expect(received.get(room.id)!.sort()).to.deep.equal(expected);
  }
}

/**
 * WebRTC for one side of a test whose connections can be told to "not notice yet": hold() defers
 * the close, error and state-change events of every connection (and its channels) that exists at
 * that moment, until release(). Connections made after hold() behave normally. This stands in,
 * deterministically, for a side too busy (heavy traffic) to have seen its old link close.
 */
function lateNoticeWebRTC() {
  type Run = () => void;
  const all: { held: boolean }[] = [];
  const queued: Run[] = [];
  const deferred = (target: object, name: string, gate: { held: boolean }) => {
    const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(target) as object, name)
      ?? Object.getOwnPropertyDescriptor(RTCPeerConnection.prototype, name)!;
    let handler: ((event: Event) => void) | null = null;
    Object.defineProperty(target, name, {
      get: () => handler,
      set: (next: ((event: Event) => void) | null) => {
        handler = next;
        native.set!.call(target, next && ((event: Event) => (gate.held ? queued.push(() => next.call(target, event)) : next.call(target, event))));
      },
    });
  };
  class LateNoticePeerConnection extends RTCPeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      const gate = { held: false };
      all.push(gate);
      for (const name of ['oniceconnectionstatechange', 'onconnectionstatechange']) deferred(this, name, gate);
      const native = Object.getOwnPropertyDescriptor(RTCPeerConnection.prototype, 'ondatachannel')!;
      Object.defineProperty(this, 'ondatachannel', {
        set: (next: ((event: RTCDataChannelEvent) => void) | null) =>
          native.set!.call(this, next && ((event: RTCDataChannelEvent) => {
            for (const name of ['onclose', 'onerror']) deferred(event.channel, name, gate);
            next.call(this, event);
          })),
      });
    }
  }
  return {
    wrtc: { RTCPeerConnection: LateNoticePeerConnection, RTCSessionDescription, RTCIceCandidate },
    hold: () => all.forEach((gate) => (gate.held = true)),
    release: () => {
      all.forEach((gate) => (gate.held = false));
      for (const run of queued.splice(0)) run();
    },
  };
}

describe('Room (mesh)', function () {
  this.timeout(60_000);
  let people: Identity[];

  before(async () => {
    people = await Promise.all(['Ann', 'Ben', 'Cid', 'Dee'].map((name) => identityNamed(name)));
  });

  async function meshOf(count: number, transportFor: (identity: Identity) => SignalingTransport, name: string): Promise<Room[]> {
    const rooms = people.slice(0, count).map((identity) => new Room({ identity, transport: transportFor(identity), ns: 'peerkit-test', room: name }));
    for (const room of rooms) await room.join();
    return rooms;
  }

  it('four peers over the in-memory network form a full mesh and every broadcast arrives once', async () => {
    const network = new MemorySignalingNetwork();
    const rooms = await meshOf(4, (identity) => network.connect(identity.fingerprint), 'memory-mesh');
    await fullMesh(rooms);
    await broadcastEveryone(rooms);
    for (const room of rooms) await room.leave();
  });

  it('three peers through the real signaling server mesh and exchange messages', async () => {
    const url = await serverCommand<string>('signaling-url');
    const transports: WebSocketTransport[] = [];
    const rooms = await meshOf(3, (identity) => {
      const transport = new WebSocketTransport(url, identity);
      transports.push(transport);
      return transport;
    }, `server-mesh-${Math.random()}`);
    await fullMesh(rooms);
    await broadcastEveryone(rooms);
    for (const room of rooms) await room.leave();
    for (const transport of transports) transport.close();
  });

  it('queues a message to a peer whose link is not up yet, and delivers it in order', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben] = await meshOf(2, (identity) => network.connect(identity.fingerprint), 'queue');
    // Sent as soon as Ann knows Ben is in the room, before their link is bound.
    if (!ann!.peers.includes(ben!.id)) await waitFor(ann!, 'peerlist', ({ ids }) => ids.includes(ben!.id));
    expect(ann!.linkState(ben!.id)).to.not.equal('connected');
    const got: string[] = [];
    const both = new Promise<void>((resolve) =>
      ben!.addEventListener('message', (event) => {
        got.push((event as RoomEventMap['message']).detail.data);
        if (got.length === 2) resolve();
      }),
    );
    ann!.send(ben!.id, 'first');
    ann!.send(ben!.id, 'second');
    await both;
    expect(got).to.deep.equal(['first', 'second']);
    await ann!.leave();
    await ben!.leave();
  });

  it('makes a dropped link again while both peers stay, delivering what was sent meanwhile in order', async () => {
    const network = new MemorySignalingNetwork();
    const rooms = people.slice(0, 2).map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: 'relink', relinkMinMs: 20 }));
    for (const room of rooms) await room.join();
    await fullMesh(rooms);
    // The answering side drops the link (as a network failure would): the initiator re-links. The
    // initiator is the member that joined second (the newer member offers).
    const [second, first] = rooms;
    const dropped = waitFor(first!, 'link-state', ({ state }) => state === 'closed');
    second!.reconnect(first!.id);
    await dropped;
    const back = Promise.all([waitFor(first!, 'peer'), waitFor(second!, 'peer')]);
    first!.send(second!.id, 'one');
    first!.send(second!.id, 'two');
    const got: string[] = [];
    const both = new Promise<void>((resolve) =>
      second!.addEventListener('message', (event) => {
        got.push((event as RoomEventMap['message']).detail.data);
        if (got.length === 2) resolve();
      }),
    );
    await back;
    await both;
    expect(got).to.deep.equal(['one', 'two']);
    expect(first!.linkInfo(second!.id)?.state).to.equal('connected');
    for (const room of rooms) await room.leave();
  });

  // Browsers cap the RTCPeerConnections a page holds (Chromium: about 500): a link made again must
  // close the one it replaces, on both sides, or a page that relinks all evening runs out.
  it('makes a link again ten times and never holds more RTCPeerConnections than the live link\'s two', async () => {
    const network = new MemorySignalingNetwork();
    const before = openPeerConnections();
    const rooms = people.slice(0, 2).map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: 'relink-count', relinkMinMs: 20, prewarm: false }));
    for (const room of rooms) await room.join();
    await fullMesh(rooms);
    const [second, first] = rooms;
    for (let round = 0; round < 10; round++) {
      const back = Promise.all([waitFor(first!, 'peer'), waitFor(second!, 'peer')]);
      second!.reconnect(first!.id);
      await back;
      // One page holds both rooms: each one's side of the link made again, and nothing of the old one.
      expect(openPeerConnections() - before).to.equal(2);
    }
    for (const room of rooms) await room.leave();
    expect(openPeerConnections()).to.equal(before);
  });

  it('takes a new offer from the initiator that re-made the link before the answerer noticed the old one close', async () => {
    const network = new MemorySignalingNetwork();
    const [low, high] = people[0]!.fingerprint < people[1]!.fingerprint ? [people[0]!, people[1]!] : [people[1]!, people[0]!];
    const late = lateNoticeWebRTC();
    const options = { ns: 'peerkit-test', room: 'initiator-relink', relinkMinMs: 20 };
    // `first` initiates: it joins second (the newer member offers, though its id is the larger);
    // `second` answers, and will be slow to notice its link drop.
    const first = new Room({ ...options, identity: high, transport: network.connect(high.fingerprint) });
    const second = new Room({ ...options, identity: low, transport: network.connect(low.fingerprint), wrtc: late.wrtc as RoomOptions['wrtc'] });
    for (const room of [second, first]) await room.join();
    try {
      await fullMesh([first, second]);
      late.hold();
      const rejected: string[] = [];
      second.addEventListener('signal-rejected', (event) => rejected.push((event as RoomEventMap['signal-rejected']).detail.code));
      const refused = waitFor(second, 'signal-rejected');
      const back = Promise.all([waitFor(first, 'peer'), waitFor(second, 'peer')]);
      // The initiator drops the link and offers a new one; the answerer's old link still looks up.
      first.reconnect(second.id);
      const outcome = await Promise.race([back.then(() => 'back'), refused.then(({ code }) => `refused: ${code}`)]);
      expect(outcome, 'the answerer took the new session\'s offer').to.equal('back');
      // The old link's close is noticed at last: it must not take the new link down.
      late.release();
      const got = Promise.all([waitFor(second, 'message'), waitFor(first, 'message')]);
      first.send(second.id, 'after');
      second.send(first.id, 'reply');
      const [atSecond, atFirst] = await got;
      expect(atSecond.data).to.equal('after');
      expect(atFirst.data).to.equal('reply');
      expect(first.linkState(second.id)).to.equal('connected');
      expect(second.linkState(first.id)).to.equal('connected');
      expect(rejected).to.deep.equal([]);
    } finally {
      late.release();
      for (const room of [first, second]) await room.leave();
    }
  });

  it('reports a signaling refusal as an error event, and join() rejects with its code', async () => {
    const url = await serverCommand<string>('signaling-url');
    const impostor = { ...people[1]!, fingerprint: people[0]!.fingerprint } as Identity;
    const transport = new WebSocketTransport(url, impostor);
    const room = new Room({ identity: impostor, transport, ns: 'peerkit-test', room: 'refused' });
    const error = waitFor(room, 'error');
    try {
      await room.join();
      expect.fail('joined under another key');
    } catch (refusal) {
      expect((refusal as { code?: number }).code).to.equal(401);
    }
    expect((await error).code).to.equal(401);
    transport.close();
  });

  it('enforces the trust policy before a link is made: under "known", a stranger\'s signals are refused', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben] = [people[0]!, people[1]!];
    const strict = new Room({ identity: ann, transport: network.connect(ann.fingerprint), ns: 'peerkit-test', room: 'trust', keys: await Keyring.open({ store: memoryStore() }), policy: 'known' });
    const open = new Room({ identity: ben, transport: network.connect(ben.fingerprint), ns: 'peerkit-test', room: 'trust' });
    const refused = waitFor(strict, 'signal-rejected');
    await strict.join();
    await open.join();
    // Whoever offers, the strict side opens a signal from Ben first and refuses it.
    const detail = await refused;
    expect(detail).to.deep.include({ from: ben.fingerprint, code: 'untrusted' });
    expect(strict.linkState(ben.fingerprint)).to.not.equal('connected');
    expect(open.linkState(ann.fingerprint)).to.not.equal('connected');
    await strict.leave();
    await open.leave();
  });

  it('marks a peer as met in the address book once a link with it is bound (a binding strangers cannot evict)', async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben] = [people[0]!, people[1]!];
    const keyrings = await Promise.all([Keyring.open({ store: memoryStore() }), Keyring.open({ store: memoryStore() })]);
    const rooms = [ann, ben].map((identity, at) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: 'met', keys: keyrings[at]!, policy: 'tofu' }));
    for (const room of rooms) await room.join();
    await fullMesh(rooms);
    expect(keyrings[0]!.get(ben.fingerprint)?.linkedAt).to.be.a('number');
    expect(keyrings[1]!.get(ann.fingerprint)?.linkedAt).to.be.a('number');
    for (const room of rooms) await room.leave();
  });

  it('reports messages for a peer that leaves and does not come back as failed', async () => {
    const network = new MemorySignalingNetwork();
    const rooms = people.slice(0, 2).map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: 'failed', returnGraceMs: 100 }));
    for (const room of rooms) await room.join();
    const [ann, ben] = rooms;
    if (!ann!.peers.includes(ben!.id)) await waitFor(ann!, 'peerlist', ({ ids }) => ids.includes(ben!.id));
    const failed = waitFor(ann!, 'message-failed');
    const disconnect = waitFor(ann!, 'peer-disconnect');
    ann!.send(ben!.id, 'never delivered');
    await ben!.leave();
    const detail = await failed;
    expect(detail).to.deep.include({ to: ben!.id, data: 'never delivered' });
    expect((await disconnect).id).to.equal(ben!.id);
    await ann!.leave();
  });
});
