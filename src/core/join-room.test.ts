import { expect } from 'chai';
import { nextEvent } from '../../test/support/events.js';
import { rejection } from '../../test/support/rejection.js';
import { serverCommand } from '../../test/support/server-commands.js';
import { joinRoom, JoinRoomError, type Joined } from './join-room.js';
import type { Pairing } from './pair/pairing.js';
import type { Room } from './room/room.js';

/** IndexedDB databases made under these names, deleted after each test. */
const databases: string[] = [];
function freshStorage(): string {
  const name = `peerkit-test-join-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  databases.push(name);
  return name;
}

/** The id of the peer's first `peer` event on `room` (a link up and bound). */
const linked = (room: Room, id: string) => nextEvent<{ id: string }>(room, 'peer', (detail) => detail.id === id);

describe('joinRoom', function () {
  this.timeout(30_000);
  const joined: Joined<Room | Pairing>[] = [];
  const join: typeof joinRoom = (async (options: Parameters<typeof joinRoom>[0]) => {
    const room = await joinRoom(options);
    joined.push(room);
    return room;
  }) as typeof joinRoom;

  afterEach(async () => {
    await Promise.all(joined.splice(0).map((room) => room.close()));
    await Promise.all(databases.splice(0).map((name) => new Promise((resolve) => Object.assign(indexedDB.deleteDatabase(name), { onsuccess: resolve, onerror: resolve, onblocked: resolve }))));
  });

  it('twice in one page, with two stores: two keys made and kept, meeting over BroadcastChannel, send() arrives', async () => {
    const ns = `join-${Math.random()}`;
    const [annStorage, benStorage] = [freshStorage(), freshStorage()];
    const ann = await join({ ns, room: 'lobby', storage: annStorage, name: 'Ann' });
    const ben = await join({ ns, room: 'lobby', storage: benStorage, name: 'Ben' });
    expect(ann.id).to.not.equal(ben.id);
    await Promise.all([linked(ann, ben.id), linked(ben, ann.id)]);

    const message = nextEvent<{ from: string; data: string }>(ben, 'message');
    ann.send(ben.id, 'hello through joinRoom');
    expect(await message).to.deep.include({ from: ann.id, data: 'hello through joinRoom' });

    // The key was stored: joining again with the same storage is the same peer.
    await ann.close();
    const again = await join({ ns, room: 'elsewhere', storage: annStorage, name: 'Someone else' });
    expect(again.id).to.equal(ann.id);
  });

  it("through the real server, with iceServers: 'server' (its /ice read first)", async () => {
    const server = await serverCommand<string>('signaling-url');
    const room = `join-${Math.random()}`;
    const ann = await join({ server, ns: 'join-test', room, storage: freshStorage(), iceServers: 'server' });
    const ben = await join({ server: `${server.replace(/^http/, 'ws')}/ws`, ns: 'join-test', room, storage: freshStorage(), iceServers: 'server' });
    await Promise.all([linked(ann, ben.id), linked(ben, ann.id)]);
    const message = nextEvent<{ from: string; data: string }>(ann, 'message');
    ben.broadcast('over the server');
    expect(await message).to.deep.include({ from: ben.id, data: 'over the server' });
  });

  it('links use relay candidates only when asked (with a TURN server); a mesh room defaults to all', async () => {
    const turn = [{ urls: 'turn:127.0.0.1:3478?transport=udp', username: 'u', credential: 'c' }];
    const ns = `join-${Math.random()}`;
    const relayed = await join({ ns, room: 'relay', storage: freshStorage(), iceServers: turn, iceTransportPolicy: 'relay' });
    const direct = await join({ ns, room: 'direct', storage: freshStorage(), iceServers: turn });
    expect([relayed.iceTransportPolicy, direct.iceTransportPolicy]).to.deep.equal(['relay', 'all']);
  });

  describe('fails with a typed error, leaving nothing behind', () => {
    for (const [what, options, code] of [
      ['no namespace', { ns: '', room: 'r' }, 'invalid-options'],
      ['pair mode without a server', { ns: 'n', room: 'r', mode: 'pair' }, 'invalid-options'],
      ["iceServers: 'server' without a server", { ns: 'n', room: 'r', iceServers: 'server' }, 'invalid-options'],
      ['a server URL of another scheme', { ns: 'n', room: 'r', server: 'ftp://127.0.0.1' }, 'invalid-options'],
      // Links that may use only relay candidates and have no TURN server would never connect.
      ["iceTransportPolicy 'relay' without a TURN server", { ns: 'n', room: 'r', iceServers: [{ urls: 'stun:127.0.0.1:3478' }] as RTCIceServer[], iceTransportPolicy: 'relay' as RTCIceTransportPolicy }, 'invalid-options'],
      ['an unknown iceTransportPolicy', { ns: 'n', room: 'r', iceTransportPolicy: 'none' as RTCIceTransportPolicy }, 'invalid-options'],
    ] as const) {
      it(`${what}: ${code}`, async () => {
        const error = await rejection(joinRoom({ storage: freshStorage(), ...options }));
        expect(error).to.be.instanceOf(JoinRoomError);
        expect((error as JoinRoomError).code).to.equal(code);
      });
    }

    it('a server whose /ws answers 404: server-rejected, with the status', async () => {
      const server = await serverCommand<string>('misconfigured-server', '404');
      const error = (await rejection(joinRoom({ server, ns: 'n', room: 'r', storage: freshStorage() }))) as JoinRoomError;
      expect(error).to.be.instanceOf(JoinRoomError);
      expect(error.code).to.equal('server-rejected');
      expect(error.status).to.equal(404);
    });

    it("iceServers: 'server' where /ice answers 404: ice-unavailable, before any socket", async () => {
      const server = await serverCommand<string>('misconfigured-server', '404');
      const error = (await rejection(joinRoom({ server, ns: 'n', room: 'r', storage: freshStorage(), iceServers: 'server' }))) as JoinRoomError;
      expect(error.code).to.equal('ice-unavailable');
      expect(error.status).to.equal(404);
    });

    it('aborted while joining: aborted, and the transport made is closed', async () => {
      const server = await serverCommand<string>('misconfigured-server', 'silent');
      const abort = new AbortController();
      let transportState: () => string = () => 'none';
      const joining = joinRoom({
        server,
        ns: 'n',
        room: 'r',
        storage: freshStorage(),
        signal: abort.signal,
        onJoining: ({ transport }) => {
          transportState = () => transport.state;
          abort.abort();
        },
      });
      const error = (await rejection(joining)) as JoinRoomError;
      expect(error.code).to.equal('aborted');
      expect(transportState()).to.equal('closed');
    });
  });
});
