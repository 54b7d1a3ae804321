// One conformance suite for the signaling protocol (README "The signaling server"): rooms and the
// pair protocol, run unchanged against every backend — the Node server in memory, two Node
// processes over Redis, and the Cloudflare Worker's Durable Objects on workerd. A backend passes
// when a client cannot tell which one it speaks to.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sealJoinProof, sealPairProof, serverName } from '../../src/core/envelope/join-proof.js';
import type { Identity } from '../../src/core/identity/identity.js';
import { BinaryKind, encodeBinarySignal } from '../../src/core/signaling/binary-frame.js';
import { ErrorCode } from '../../src/server/errors.js';
import { identityNamed } from '../support/identities.js';
import { joinAs } from '../support/identities-node.js';
import { CONFORMANCE_TURN, durableObjectBackend, nodeMemoryBackend, nodeRedisBackend, type SignalingBackend } from '../support/signaling-backends.js';
import { createHmac } from 'node:crypto';
import { TestClient } from '../support/ws-client.js';
import { nextEvent } from '../support/events.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import type { DataDetail, PresenceDetail, SignalDetail } from '../../src/core/signaling/transport.js';
import { WebSocket } from 'ws';

const ns = 'peerkit-conformance';
let alice: Identity;
let bob: Identity;
let carol: Identity;

before(async () => {
  [alice, bob, carol] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Carol')]);
});

const backends: [string, () => Promise<SignalingBackend>][] = [
  ['memory', nodeMemoryBackend],
  ['redis', nodeRedisBackend],
  ['durable-object', durableObjectBackend],
];

for (const [label, start] of backends) {
  describe(`signaling conformance: ${label}`, () => {
    let backend: SignalingBackend;
    const open: TestClient[] = [];
    before(async () => {
      backend = await start();
    });
    after(async () => {
      await Promise.all(open.splice(0).map((client) => client.close()));
      await backend?.stop();
    });

    /** The `index`-th client of a test (on Redis, clients alternate between the two processes). */
    async function client(index: number): Promise<TestClient> {
      const made = await TestClient.connect(backend.serverUrl(index));
      open.push(made);
      return made;
    }
    const fresh = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;


    /** A pair request by `identity`, with a fresh proof for the server `client` speaks to. */
    async function connect(client: TestClient, identity: Identity, space: string, extra: Record<string, unknown>): Promise<void> {
      client.send({ type: 'CONNECT', ns: space, id: identity.fingerprint, proof: await sealPairProof(identity, { ns: space, server: client.server }), ...extra });
    }

    test('several rooms on one socket: each room hears only its own', async () => {
      const [one, two] = [fresh('one'), fresh('two')];
      const a = await client(0);
      const b = await client(1);
      await joinAs(a, alice, ns, one);
      await joinAs(a, alice, ns, two);
      await joinAs(b, bob, ns, two);
      const joined = await a.next('joined');
      assert.deepEqual([joined.room, joined.id], [two, bob.fingerprint]);
      b.send({ type: 'signal', ns, room: one, to: alice.fingerprint, env: 'x', ref: 'not-in-one' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'not-in-one')).code, ErrorCode.NotJoined);
      b.send({ type: 'signal', ns, room: two, to: alice.fingerprint, env: 'AQID' });
      assert.equal((await a.next('signal')).room, two);
    });

    test("the kit's own client (WebSocketTransport) joins, hears the other join, and sends it a signal and data", async () => {
      const room = fresh('kit');
      // Every backend is reached at the base URL: the transport opens its /ws.
      const [a, b] = [alice, bob].map((who, index) => new WebSocketTransport(backend.serverUrl(index), who, { WebSocket: WebSocket as never }));
      try {
        assert.deepEqual(await a!.join({ ns, room }), []);
        const joined = nextEvent<PresenceDetail>(a!, 'joined');
        assert.deepEqual(await b!.join({ ns, room }), [alice.fingerprint]);
        assert.equal((await joined).id, bob.fingerprint);
        const signal = nextEvent<SignalDetail>(a!, 'signal');
        b!.send({ ns, room }, alice.fingerprint, 'AQIDBA');
        assert.deepEqual([(await signal).from, (await signal).env], [bob.fingerprint, 'AQIDBA']);
        const data = nextEvent<DataDetail>(b!, 'data');
        a!.sendData({ ns, room }, bob.fingerprint, new Uint8Array([9, 8, 7]));
        assert.deepEqual([...(await data).data], [9, 8, 7]);
      } finally {
        a!.close();
        b!.close();
      }
    });

    test('pairing: the second stranger gets the first one\'s offer, and its answer reaches the first', async () => {
      const space = fresh('pair');
      const a = await client(0);
      const b = await client(1);
      // Whichever request the server checks first waits; the other is demoted to answer its offer.
      // (Sent back to back, either may be checked first: a proof's check is asynchronous.)
      await connect(a, alice, space, { signal: 'offer-from-alice' });
      await connect(b, bob, space, { signal: 'offer-from-bob' });
      const sides = [
        { client: a, identity: alice, offer: 'offer-from-alice' },
        { client: b, identity: bob, offer: 'offer-from-bob' },
      ] as const;
      // The side never demoted has its wait time out unheard.
      const demoted = (index: 0 | 1) => sides[index].client.next('DEMOTE').then((frame) => ({ frame, answerer: sides[index], waiter: sides[1 - index]! }));
      const first = demoted(0);
      const second = demoted(1);
      for (const wait of [first, second]) wait.catch(() => undefined);
      const { frame: demote, answerer, waiter } = await Promise.race([first, second]);
      assert.equal(demote.signal, waiter.offer);
      await connect(answerer.client, answerer.identity, space, { signal: 'the-answer', nonce: demote.nonce });
      await answerer.client.next('DELIVERED');
      assert.equal((await waiter.client.next('ANSWER')).signal, 'the-answer');
    });

    test('HTTP: /healthz, and /ice with TURN REST credentials coturn accepts (HMAC-SHA1 of the username)', async () => {
      const health = await fetch(`${backend.serverUrl(0)}/healthz`);
      assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
      const response = await fetch(`${backend.serverUrl(0)}/ice?id=conformance-peer`);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const { iceServers, ttl } = (await response.json()) as { iceServers: { urls: string | string[]; username: string; credential: string }[]; ttl: number };
      assert.equal(ttl, 86_400);
      const [turn] = iceServers;
      assert.deepEqual([turn!.urls].flat(), [CONFORMANCE_TURN.url]);
      const [expiry, id] = turn!.username.split(':');
      assert.equal(id, 'conformance-peer');
      assert.ok(Math.abs(Number(expiry) - (Date.now() / 1000 + 86_400)) < 60);
      assert.equal(turn!.credential, createHmac('sha1', CONFORMANCE_TURN.secret).update(turn!.username).digest('base64'));
    });

    test('pairing over HTTP (POST /link, a long poll) with a stranger on a socket', async () => {
      const space = fresh('pair-http');
      const a = await client(0);
      await connect(a, alice, space, { signal: 'offer-from-alice' });
      const post = async (body: Record<string, unknown>) => {
        const response = await fetch(`${backend.serverUrl(1)}/link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      // Bob's proof names the server he posts to (on Redis, the other process).
      const proof = () => sealPairProof(bob, { ns: space, server: serverName(backend.serverUrl(1)) });
      const demoted = await post({ type: 'CONNECT', ns: space, id: bob.fingerprint, signal: 'offer-from-bob', proof: await proof() });
      assert.deepEqual([demoted.status, demoted.body.type, demoted.body.signal], [200, 'DEMOTE', 'offer-from-alice']);
      const delivered = await post({ type: 'CONNECT', ns: space, id: bob.fingerprint, signal: 'answer-from-bob', nonce: demoted.body.nonce, proof: await proof() });
      assert.deepEqual([delivered.status, delivered.body.type], [200, 'DELIVERED']);
      assert.equal((await a.next('ANSWER')).signal, 'answer-from-bob');
      const garbage = await fetch(`${backend.serverUrl(0)}/link`, { method: 'POST', body: 'not json' });
      assert.equal(garbage.status, ErrorCode.BadParameter);
      assert.equal((await fetch(`${backend.serverUrl(0)}/link`)).status, 405);
    });

    test('pairing: a request without a proof, or with one for another namespace or key, is refused', async () => {
      const space = fresh('pair-proof');
      const a = await client(0);
      a.send({ type: 'CONNECT', ns: space, id: alice.fingerprint, signal: 'x', ref: 'none' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'none')).code, ErrorCode.BadProof);
      const elsewhere = await sealPairProof(alice, { ns: 'another-space', server: a.server });
      a.send({ type: 'CONNECT', ns: space, id: alice.fingerprint, signal: 'x', proof: elsewhere, ref: 'ns' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'ns')).code, ErrorCode.BadProof);
      const bobs = await sealPairProof(bob, { ns: space, server: a.server });
      a.send({ type: 'CONNECT', ns: space, id: alice.fingerprint, signal: 'x', proof: bobs, ref: 'key' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'key')).code, ErrorCode.BadProof);
    });

    test('hello: a challenge, and the data budget', async () => {
      const a = await client(0);
      assert.match(String(a.hello.challenge), /^[\w-]{16,}$/);
      assert.deepEqual(Object.keys(a.hello.data as object).sort(), ['burst', 'frameBurst', 'frameRate', 'max', 'rate']);
    });

    test('presence: peers lists who was there, the others hear joined and left', async () => {
      const room = fresh('presence');
      const a = await client(0);
      const b = await client(1);
      assert.deepEqual((await joinAs(a, alice, ns, room)).ids, []);
      assert.deepEqual((await joinAs(b, bob, ns, room)).ids, [alice.fingerprint]);
      assert.equal((await a.next('joined')).id, bob.fingerprint);
      b.send({ type: 'leave', ns, room });
      assert.equal((await a.next('left')).id, bob.fingerprint);
      await joinAs(b, bob, ns, room);
      assert.equal((await a.next('joined')).id, bob.fingerprint);
      await b.close();
      assert.equal((await a.next('left')).id, bob.fingerprint);
    });

    test('signals: relayed as sent, text to binary and back; not to strangers, not before joining', async () => {
      const room = fresh('signals');
      const a = await client(0);
      const b = await client(1);
      b.send({ type: 'signal', ns, room, to: alice.fingerprint, env: 'early', ref: 'early' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'early')).code, ErrorCode.NotJoined);
      await joinAs(a, alice, ns, room, { binary: true });
      await joinAs(b, bob, ns, room);
      b.send({ type: 'signal', ns, room, to: alice.fingerprint, env: 'AQID' });
      const binary = await a.next('binary-signal');
      assert.deepEqual({ kind: binary.kind, from: binary.from, env: binary.env }, { kind: BinaryKind.SignalFrom, from: bob.fingerprint, env: 'AQID' });
      a.send(encodeBinarySignal({ kind: BinaryKind.SignalTo, ns, room, peer: bob.fingerprint, env: new Uint8Array([4, 5, 6]) }));
      const text = await b.next('signal');
      assert.deepEqual({ from: text.from, env: text.env }, { from: alice.fingerprint, env: 'BAUG' });
      b.send({ type: 'signal', ns, room, to: carol.fingerprint, env: 'x', ref: 'stranger' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'stranger')).code, ErrorCode.UnknownPeer);
    });

    test('data: relayed within the room; too large and over the budget refused', async () => {
      const room = fresh('data');
      const a = await client(0);
      const b = await client(1);
      await joinAs(a, alice, ns, room);
      await joinAs(b, bob, ns, room);
      const max = (a.hello.data as { max: number }).max;
      a.send({ type: 'data', ns, room, to: bob.fingerprint, data: 'AQID' });
      assert.deepEqual(await b.next('data').then((frame) => [frame.from, frame.data]), [alice.fingerprint, 'AQID']);
      a.send({ type: 'data', ns, room, to: bob.fingerprint, data: Buffer.alloc(max + 1).toString('base64url'), ref: 'large' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'large')).code, ErrorCode.FrameTooLarge);
      // The socket's burst is a few frames of the largest size: past it, refused.
      const burst = (a.hello.data as { burst: number }).burst;
      const full = Buffer.alloc(max).toString('base64url');
      const count = Math.ceil(burst / max) + 2;
      for (let i = 0; i < count; i++) a.send({ type: 'data', ns, room, to: bob.fingerprint, data: full, ref: `bulk-${i}` });
      assert.equal((await a.next('error', (frame) => String(frame.ref).startsWith('bulk-'))).code, ErrorCode.RateLimited);
    });

    test('join proofs: for another room, another server, or another key are refused', async () => {
      const room = fresh('proofs');
      const a = await client(0);
      const otherRoom = await sealJoinProof(alice, { ns, room: 'elsewhere', challenge: a.challenge, server: a.server });
      a.send({ type: 'join', ns, room, id: alice.fingerprint, proof: otherRoom, ref: 'room' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'room')).code, ErrorCode.BadProof);
      const otherServer = await sealJoinProof(alice, { ns, room, challenge: a.challenge, server: 'signal.example.org' });
      a.send({ type: 'join', ns, room, id: alice.fingerprint, proof: otherServer, ref: 'server' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'server')).code, ErrorCode.BadProof);
      const bobs = await sealJoinProof(bob, { ns, room, challenge: a.challenge, server: a.server });
      a.send({ type: 'join', ns, room, id: alice.fingerprint, proof: bobs, ref: 'key' });
      assert.equal((await a.next('error', (frame) => frame.ref === 'key')).code, ErrorCode.BadProof);
    });

    test('a proof made without a challenge (join in one frame) is single-use', async () => {
      const room = fresh('once');
      const proof = await sealJoinProof(alice, { ns, room, server: (await client(0)).server });
      const first = await client(0);
      first.send({ type: 'join', ns, room, id: alice.fingerprint, proof });
      await first.next('peers');
      const replay = await client(0);
      replay.send({ type: 'join', ns, room, id: alice.fingerprint, proof, ref: 'again' });
      assert.equal((await replay.next('error', (frame) => frame.ref === 'again')).code, ErrorCode.BadProof);
    });

    test('a second connection of the same key takes the seat; the first is told it left', async () => {
      const room = fresh('replace');
      const a = await client(0);
      const b1 = await client(1);
      await joinAs(a, alice, ns, room);
      await joinAs(b1, bob, ns, room);
      await a.next('joined');
      const b2 = await client(1);
      assert.deepEqual((await joinAs(b2, bob, ns, room)).ids, [alice.fingerprint]);
      assert.equal((await b1.next('left')).id, bob.fingerprint);
      b2.send({ type: 'signal', ns, room, to: alice.fingerprint, env: 'AQID' });
      assert.equal((await a.next('signal')).from, bob.fingerprint);
    });

    test('reports are answered with suggestions; garbage with an error, and the socket goes on', async () => {
      const room = fresh('report');
      const a = await client(0);
      const b = await client(0);
      const c = await client(0);
      await joinAs(a, alice, ns, room);
      await joinAs(b, bob, ns, room);
      await joinAs(c, carol, ns, room);
      a.send({ type: 'report', ns, room, rtts: { [bob.fingerprint]: 20 } });
      const suggest = await a.next('suggest');
      assert.deepEqual(suggest.peers, [{ id: carol.fingerprint }]);
      a.send('not json');
      assert.equal((await a.next('error')).code, ErrorCode.BadFrame);
      a.send({ type: 'ping' });
      await a.next('pong');
    });

    if (label === 'durable-object') {
      // Attack: the Worker's objects take the gateway's challenge from a header. A client that
      // sets it itself (to a challenge it saw a join proof made for) must not get that proof taken.
      test('a room socket that names its own challenge in the gateway\'s header gets no captured proof taken', async () => {
        const room = fresh('forged-challenge');
        const victim = await client(0);
        // A proof Alice made on her socket (its challenge) for this room; the attacker opens the room directly.
        const captured = await sealJoinProof(alice, { ns, room, challenge: victim.challenge, server: victim.server });
        const direct = `${backend.serverUrl(0).replace(/^http/, 'ws')}/rooms/${ns}/${room}`;
        const attacker = await TestClient.connectTo(direct, { headers: { 'x-peerkit-challenge': victim.challenge } });
        open.push(attacker);
        attacker.send({ type: 'join', ns, room, id: alice.fingerprint, proof: captured, ref: 'replay' });
        assert.equal((await attacker.next('error', (frame) => frame.ref === 'replay')).code, ErrorCode.BadProof);
      });
    }
  });
}
