import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Room, type RoomEventMap } from './room.js';
import { WebSocketTransport } from '../signaling/websocket.js';
import type { DataDetail } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import { nextEvent } from '../../../test/support/events.js';

/**
 * No WebRTC path can form: relay candidates only, from a TURN server that is not there (nothing
 * listens on port 9). What a page behind a firewall that blocks UDP, with no TURN, goes through.
 */
const NO_PATH = { iceServers: [{ urls: 'turn:127.0.0.1:9?transport=udp', username: 'nobody', credential: 'nothing' }], iceTransportPolicy: 'relay' as const };

describe('Room: frames through the server when no WebRTC path forms', function () {
  this.timeout(30_000);
  let ann: Identity;
  let ben: Identity;
  let url: string;
  const open: { room: Room; transport: WebSocketTransport }[] = [];

  before(async () => {
    [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
    url = await serverCommand<string>('signaling-url');
  });

  afterEach(async () => {
    for (const { room, transport } of open.splice(0)) {
      await room.leave();
      transport.close();
    }
  });

  async function pairOf(name: string, options: { serverFallbackMs: number; blocked: boolean }): Promise<[Room, Room]> {
    const rooms = [ann, ben].map((identity) => {
      const transport = new WebSocketTransport(url, identity);
      const room = new Room({ identity, transport, ns: 'peerkit-test', room: name, serverFallbackMs: options.serverFallbackMs, ...(options.blocked ? NO_PATH : {}) });
      open.push({ room, transport });
      return room;
    }) as [Room, Room];
    for (const room of rooms) await room.join();
    return rooms;
  }

  function connected(room: Room, id: string): Promise<unknown> {
    return room.linkState(id) === 'connected' ? Promise.resolve() : nextEvent<RoomEventMap['link-state']['detail']>(room, 'link-state', (detail) => detail.id === id && detail.state === 'connected');
  }

  it('carries messages and named channels both ways, marked as path `server`, and the server reads none of it', async () => {
    const [a, b] = await pairOf(`fallback-${Math.random()}`, { serverFallbackMs: 300, blocked: true });
    await Promise.all([connected(a, b.id), connected(b, a.id)]);
    expect(a.linkInfo(b.id)?.path).to.equal('server');
    expect(b.linkInfo(a.id)?.path).to.equal('server');
    const carried: Uint8Array[] = [];
    const transportB = open[1]!.transport;
    transportB.on('data', ({ data }) => carried.push(data));

    const secret = 'the meeting moved to the old mill';
    const arrived = nextEvent<RoomEventMap['message']['detail']>(b, 'message');
    a.send(b.id, secret);
    expect((await arrived).data).to.equal(secret);
    const back = nextEvent<RoomEventMap['message']['detail']>(a, 'message');
    b.broadcast('heard you');
    expect((await back).data).to.equal('heard you');

    const channel = b.channel('notes');
    const note = new Promise((resolve) => channel.on('message', ({ value }) => resolve(value)));
    await a.channel('notes').send(b.id, { page: 3, text: secret });
    expect(await note).to.deep.equal({ page: 3, text: secret });

    expect(carried.length).to.be.greaterThan(0);
    for (const data of carried) expect(new TextDecoder().decode(data)).not.to.contain('old mill');
    // No WebRTC path formed meanwhile: all of it went through the server.
    expect(a.linkInfo(b.id)?.path).to.equal('server');
  });

  it('refuses a piece the server replays or changes, and delivers the genuine one once', async () => {
    const [a, b] = await pairOf(`fallback-replay-${Math.random()}`, { serverFallbackMs: 300, blocked: true });
    await Promise.all([connected(a, b.id), connected(b, a.id)]);
    const transportB = open[1]!.transport;
    let captured: DataDetail | undefined;
    transportB.on('data', (detail) => (captured ??= detail));
    const received: string[] = [];
    b.on('message', ({ data }) => received.push(data));
    const rejected: string[] = [];
    b.on('relay-rejected', ({ message }) => rejected.push(message));

    const first = nextEvent(b, 'message');
    a.send(b.id, 'pay Ben 10');
    await first;
    expect(captured).not.to.equal(undefined);
    // The server sends the same piece again, and then a changed copy, as from Ann.
    const replayed = nextEvent<RoomEventMap['relay-rejected']['detail']>(b, 'relay-rejected');
    transportB.dispatchEvent(new CustomEvent('data', { detail: captured! }));
    expect((await replayed).message).to.match(/^replayed/);
    const changed = captured!.data.slice();
    changed[changed.length - 1]! ^= 0x40;
    const forged = nextEvent<RoomEventMap['relay-rejected']['detail']>(b, 'relay-rejected');
    transportB.dispatchEvent(new CustomEvent('data', { detail: { ...captured!, data: changed } }));
    expect((await forged).message).to.match(/^unauthenticated/);

    const later = nextEvent(b, 'message');
    a.send(b.id, 'done');
    await later;
    expect(received).to.deep.equal(['pay Ben 10', 'done']);
    expect(rejected).to.have.length(2);
  });

  it('moves to the WebRTC path once it forms, and keeps delivering', async () => {
    // Through the server almost at once, while WebRTC (host candidates) is still connecting.
    const [a, b] = await pairOf(`fallback-upgrade-${Math.random()}`, { serverFallbackMs: 1, blocked: false });
    await Promise.all([connected(a, b.id), connected(b, a.id)]);
    const paths = new Set([a.linkInfo(b.id)?.path]);
    while (a.linkInfo(b.id)?.path !== 'direct') paths.add((await nextEvent<RoomEventMap['rtt']['detail']>(a, 'rtt', ({ id }) => id === b.id)).path);
    expect([...paths]).to.include('server');
    const arrived = nextEvent<RoomEventMap['message']['detail']>(b, 'message');
    a.send(b.id, 'over WebRTC now');
    expect((await arrived).data).to.equal('over WebRTC now');
    expect(a.linkState(b.id)).to.equal('connected');
  });
});
