/**
 * Named channels between real rooms: over real WebRTC links (full mesh), and relayed through a
 * partial mesh of in-memory links.
 */
import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { MemoryLinkNetwork } from '../link/memory-links.js';
import { Room } from '../room/room.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { ChannelError, ChannelHub, type ChannelEventMap } from './channels.js';
import { decodeChannelPart, encodeChannelPart, channelNameBytes, ChannelValueType, PART_PAYLOAD_BYTES } from './channel-frame.js';
import { FrameError } from '../link/frame.js';

const NS = 'peerkit-test';

async function linkedPair(name: string, people: Identity[]): Promise<[Room, Room]> {
  const network = new MemorySignalingNetwork();
  const rooms = people.slice(0, 2).map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: NS, room: name })) as [Room, Room];
  for (const room of rooms) await room.join();
  const [ann, ben] = rooms;
  while (ann.linkState(ben.id) !== 'connected') await nextEvent(ann, 'peer');
  while (ben.linkState(ann.id) !== 'connected') await nextEvent(ben, 'peer');
  return rooms;
}

function nextMessage(room: Room, channel: string): Promise<ChannelEventMap['message']['detail']> {
  return nextEvent(room.channel(channel), 'message');
}

describe('named channels', function () {
  this.timeout(60_000);
  let people: Identity[];

  before(async () => {
    people = await Promise.all(['Ann', 'Ben', 'Cid', 'Dee', 'Eve'].map((name) => identityNamed(name)));
  });

  it('send a JSON value to one peer and broadcast another; each channel hears only its own, and the app\'s messages hear none', async () => {
    const [ann, ben] = await linkedPair('json', people);
    const appMessages: string[] = [];
    ben.addEventListener('message', (event) => appMessages.push(event.detail.data));
    const otherChannel: unknown[] = [];
    ben.channel('other').on('message', ({ value }) => otherChannel.push(value));
    const first = nextMessage(ben, 'notes');
    await ann.channel('notes').send(ben.id, { text: 'hi', n: 1 });
    expect(await first).to.deep.equal({ from: ann.id, value: { text: 'hi', n: 1 } });
    const second = nextMessage(ben, 'notes');
    await ann.channel('notes').broadcast(['everyone']);
    expect((await second).value).to.deep.equal(['everyone']);
    expect(appMessages).to.deep.equal([]);
    expect(otherChannel).to.deep.equal([]);
    await ann.leave();
    await ben.leave();
  });

  it('carries bytes larger than one frame (split and put back together) and Blobs, without choosing stream ids', async () => {
    const [ann, ben] = await linkedPair('bytes', people);
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff);
    const arrived = nextMessage(ben, 'blobs');
    await ann.channel('blobs').send(ben.id, bytes);
    const value = (await arrived).value as Uint8Array;
    expect(value).to.be.instanceOf(Uint8Array);
    expect(value.length).to.equal(bytes.length);
    expect(value.every((byte, i) => byte === bytes[i])).to.equal(true);
    const blob = nextMessage(ben, 'blobs');
    await ann.channel('blobs').send(ben.id, new Blob(['a file']));
    expect(new TextDecoder().decode((await blob).value as Uint8Array)).to.equal('a file');
    await ann.leave();
    await ben.leave();
  });

  it('values in parts sent at once to one peer all arrive: their parts do not interleave past what the receiver reassembles from one sender (8)', async () => {
    const [ann, ben] = await linkedPair('at-once', people);
    const arrived: Uint8Array[] = [];
    const refused: string[] = [];
    const all = new Promise<void>((resolve) =>
      ben.channel('bulk').on('message', ({ value }) => {
        if (arrived.push(value as Uint8Array) === 12) resolve();
      }),
    );
    ben.channel('bulk').on('error', ({ code }) => refused.push(code));
    // Three parts each, handed to the channel in one go (as `Promise.all(files.map(send))` would).
    const values = Array.from({ length: 12 }, (_, n) => new Uint8Array(40_000).fill(n));
    await Promise.all(values.map((value) => ann.channel('bulk').send(ben.id, value)));
    await Promise.race([all, nextEvent(ben.channel('bulk'), 'error')]);
    expect(refused).to.deep.equal([]);
    expect(arrived.map((value) => [value.length, value[0]])).to.deep.equal(values.map((value, n) => [40_000, n]));
    await ann.leave();
    await ben.leave();
  });

  it('keeps program order: one channel\'s messages arrive as sent though a Blob is read and a value goes in parts; a value that needs no reading keeps its place among app messages', async () => {
    const [ann, ben] = await linkedPair('order', people);
    const heard: string[] = [];
    const describe = (value: unknown) => (value instanceof Uint8Array ? `bytes:${value.length}` : JSON.stringify(value));
    let channelMessages = 0;
    const done = new Promise<void>((resolve) => {
      ben.channel('ordered').on('message', ({ value }) => {
        heard.push(`channel ${describe(value)}`);
        if (++channelMessages === 6) resolve();
      });
    });
    ben.on('message', ({ data }) => heard.push(`app ${data}`));
    const channel = ann.channel('ordered');
    // Not awaited, one after the other, as an app would: the Blob takes a read, the 100 kB value seven parts.
    const sends = [channel.send(ben.id, new Blob(['from a blob'])), channel.send(ben.id, 'after the blob'), channel.send(ben.id, new Uint8Array(100_000)), channel.send(ben.id, 'after the parts')];
    await Promise.all(sends);
    void channel.send(ben.id, 'before the app message');
    ann.send(ben.id, 'the app message');
    void channel.send(ben.id, 'after the app message');
    await done;
    expect(heard).to.deep.equal(['channel bytes:11', 'channel "after the blob"', 'channel bytes:100000', 'channel "after the parts"', 'channel "before the app message"', 'app the app message', 'channel "after the app message"']);
    await ann.leave();
    await ben.leave();
  });

  it('messages waiting for their turn on one channel are bounded: one more fails with queue-full, naming its id', async () => {
    const signaling = new MemorySignalingNetwork();
    const links = new MemoryLinkNetwork();
    const [room, other] = people.slice(0, 2).map((identity) => new Room({ identity, transport: signaling.connect(identity.fingerprint), ns: NS, room: 'lane-bound', links: links.factory, prewarm: false, channels: { maxWaitingPerChannel: 2 } })) as [Room, Room];
    for (const joining of [room, other]) await joining.join();
    while (room.linkState(other.id) !== 'connected') await nextEvent(room, 'peer');
    const channel = room.channel('busy');
    // The Blob holds the lane (to the one peer) while it is read; two may wait behind it, not three.
    const sends = [channel.broadcast(new Blob(['x'])), channel.broadcast(1), channel.broadcast(2), channel.broadcast(3)];
    const outcomes = await Promise.allSettled(sends);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const refused = (outcomes[3] as PromiseRejectedResult).reason as ChannelError;
    expect(refused).to.be.instanceOf(ChannelError);
    expect(refused.code).to.equal('queue-full');
    expect(refused.messageId).to.be.a('number');
    await room.leave();
    await other.leave();
  });

  it('with {ack: true} resolves once the peer confirms; a message for someone not in the room fails with a typed error naming its id and the peer', async () => {
    const [ann, ben] = await linkedPair('ack', people);
    ben.channel('confirmed').on('message', () => undefined);
    await ann.channel('confirmed').send(ben.id, 'got it?', { ack: true });
    const quiet = new Room({ identity: people[0]!, transport: new MemorySignalingNetwork().connect(people[0]!.fingerprint), ns: NS, room: 'never', channels: { receiptTimeoutMs: 200 } });
    await quiet.join();
    const error = await quiet.channel('x').send('nobody-here', 1, { ack: true }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(ChannelError);
    expect((error as ChannelError).code).to.equal('not-in-room');
    expect((error as ChannelError).messageId).to.be.a('number');
    expect((error as ChannelError).peer).to.equal('nobody-here');
    await quiet.leave();
    await ann.leave();
    await ben.leave();
  });

  it('a value over the channel limit is refused before anything is sent; values that are not JSON are refused with a typed error', async () => {
    const network = new MemorySignalingNetwork();
    const room = new Room({ identity: people[0]!, transport: network.connect(people[0]!.fingerprint), ns: NS, room: 'limits', channels: { maxMessageBytes: 1000 } });
    await room.join();
    const tooLarge = await room.channel('x').broadcast(new Uint8Array(1001)).catch((error: unknown) => error);
    expect((tooLarge as ChannelError).code).to.equal('too-large');
    const notJson = await room.channel('x').broadcast(() => 1).catch((error: unknown) => error);
    expect((notJson as ChannelError).code).to.equal('not-json');
    await room.leave();
  });

  it('outlives a relink: a message sent while the link is re-forming waits for it and arrives', async () => {
    const [ann, ben] = await linkedPair('relink', people);
    ann.reconnect(ben.id);
    const arrived = nextMessage(ben, 'notes');
    const sent = ann.channel('notes').send(ben.id, 'across the relink');
    await sent;
    expect((await arrived).value).to.equal('across the relink');
    await ann.leave();
    await ben.leave();
  });

  it('in a partial mesh, a value for a peer without a link is relayed (sealed) and arrives whole, bytes included', async () => {
    const signaling = new MemorySignalingNetwork();
    const links = new MemoryLinkNetwork();
    const rooms = people.map((identity) => new Room({ identity, transport: signaling.connect(identity.fingerprint), ns: NS, room: 'relayed', links: links.factory, prewarm: false, maxLinks: 2, rotation: false }));
    for (const room of rooms) await room.join();
    await Promise.all(rooms.map(async (room) => {
      while (room.linked.length < 2) await nextEvent(room, 'peer');
    }));
    const sender = rooms[0]!;
    const target = rooms.find((room) => room !== sender && !sender.linked.includes(room.id))!;
    const bytes = Uint8Array.from({ length: 40_000 }, (_, i) => i & 0xff);
    const arrived = nextMessage(target, 'relay');
    await sender.channel('relay').send(target.id, bytes);
    const detail = await arrived;
    expect(detail.from).to.equal(sender.id);
    expect(detail.via).to.be.a('string');
    expect((detail.value as Uint8Array).length).to.equal(bytes.length);
    // Sent direct (bulk data, in frames too large for the relay), it is not relayed: it fails, naming its id and the peer.
    const refused = await sender.channel('relay').send(target.id, bytes, { direct: true }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(ChannelError);
    expect(refused).to.include({ code: 'no-link', peer: target.id });
    expect((refused as ChannelError).messageId).to.be.a('number');
    await Promise.all(rooms.map((room) => room.leave()));
  });

  // The attack: a member stops reading (withholds its channel's flow control). Its link's send
  // buffer fills, and a broadcast that waited for every link to drain stopped for everyone.
  it('a member that stops reading holds back only its own copies of a broadcast: the others get every message, in order, and it gets them once it reads again', async () => {
    const signaling = new MemorySignalingNetwork();
    const links = new MemoryLinkNetwork();
    const rooms = people.slice(0, 3).map((identity) => new Room({ identity, transport: signaling.connect(identity.fingerprint), ns: NS, room: 'stalled', links: links.factory, prewarm: false, rotation: false }));
    for (const room of rooms) await room.join();
    await Promise.all(rooms.map(async (room) => {
      while (room.linked.length < 2) await nextEvent(room, 'peer');
    }));
    const [ann, ben, mallory] = rooms as [Room, Room, Room];
    links.stopReading(mallory.id, ann.id);
    const count = 12;
    const arrivals = (room: Room) => {
      const got: number[] = [];
      const all = new Promise<number[]>((resolve) => room.channel('notes').on('message', ({ value }) => (got.push((value as Uint8Array)[0]!), got.length === count && resolve(got))));
      return { got, all };
    };
    const atBen = arrivals(ben);
    const atMallory = arrivals(mallory);
    // 12 × 100 KB: well past the link's mark (LINK_LOW_WATER_BYTES at least) once nothing drains.
    const sent = Array.from({ length: count }, (_, index) => ann.channel('notes').broadcast(new Uint8Array(100_000).fill(index), { highWaterMark: 1 }));
    expect(await atBen.all).to.deep.equal(Array.from({ length: count }, (_, index) => index));
    expect(atMallory.got).to.deep.equal([]);
    links.resumeReading(mallory.id, ann.id);
    expect(await atMallory.all).to.deep.equal(Array.from({ length: count }, (_, index) => index));
    await Promise.all(sent);
    await Promise.all(rooms.map((room) => room.leave()));
  });

  it('the channel frame refuses what it cannot read: a name longer than allowed, parts that do not add up', () => {
    expect(() => channelNameBytes('x'.repeat(65))).to.throw(RangeError);
    const name = channelNameBytes('n');
    const frame = encodeChannelPart(name, { type: ChannelValueType.Json, wantsReceipt: false, id: 7, index: 0, count: 1, payload: new Uint8Array([49]) });
    expect(decodeChannelPart(frame)).to.deep.include({ name: 'n', id: 7, index: 0, count: 1 });
    const badPart = encodeChannelPart(name, { type: ChannelValueType.Json, wantsReceipt: false, id: 7, index: 2, count: 2, payload: new Uint8Array() });
    expect(() => decodeChannelPart(badPart)).to.throw(FrameError);
    expect(() => decodeChannelPart(frame.subarray(0, 5))).to.throw(FrameError);
  });

  it('one member that starts large messages and never finishes them cannot lock everyone else out of reassembly', () => {
    // The hub as a room's receiving side; the carrier is not used (nothing is sent back).
    const hub = new ChannelHub({ peers: [], roomFor: () => undefined, carry: () => Promise.resolve(), carryAll: () => Promise.resolve(), fansOut: () => true }, { maxPartialBytes: 8 * PART_PAYLOAD_BYTES });
    const channel = hub.channel('big');
    const delivered: string[] = [];
    channel.on('message', ({ from }) => delivered.push(from));
    const name = channelNameBytes('big');
    const part = (id: number, index: number, count: number) => encodeChannelPart(name, { type: ChannelValueType.Binary, wantsReceipt: false, id, index, count, payload: new Uint8Array(PART_PAYLOAD_BYTES) });
    // The attack: the first part of eight 4-part messages, never the rest: the whole budget (8 parts).
    for (let id = 1; id <= 8; id++) hub.receive('mallory', part(id, 0, 4));
    // An honest peer's value in 2 parts still fits in what is left.
    for (let index = 0; index < 2; index++) hub.receive('ben', part(1, index, 2));
    expect(delivered).to.deep.equal(['ben']);
    hub.close();
  });

  it('messages half received before a relink give way to new ones (their parts may have gone with the old link), yet may still complete', () => {
    const hub = new ChannelHub({ peers: [], roomFor: () => undefined, carry: () => Promise.resolve(), carryAll: () => Promise.resolve(), fansOut: () => true }, { maxPartialPerSender: 3 });
    const channel = hub.channel('big');
    const delivered: number[] = [];
    const refused: string[] = [];
    channel.on('message', ({ value }) => delivered.push((value as Uint8Array)[0]!));
    channel.on('error', ({ code }) => refused.push(code));
    const name = channelNameBytes('big');
    const part = (id: number, index: number, count: number) => encodeChannelPart(name, { type: ChannelValueType.Binary, wantsReceipt: false, id, index, count, payload: new Uint8Array(8).fill(id) });
    // Ben's link broke with three messages half sent: every slot Ben has.
    for (let id = 1; id <= 3; id++) hub.receive('ben', part(id, 0, 2));
    hub.receive('ben', part(4, 0, 2));
    expect(refused, 'before the relink, a fourth is refused').to.deep.equal(['too-large']);
    hub.peerRelinked('ben');
    // A new message takes the slot of the oldest half-received one (1), and completes.
    hub.receive('ben', part(5, 0, 2));
    hub.receive('ben', part(5, 1, 2));
    // The rest of message 3 comes from Ben's outbox over the new link: it completes too.
    hub.receive('ben', part(3, 1, 2));
    expect(delivered).to.deep.equal([5, 3]);
    expect(refused).to.deep.equal(['too-large']);
    hub.close();
  });
});
