import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { getHeapSnapshot } from 'node:v8';
import { once } from 'node:events';
import { before, describe, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import type { Identity } from '../core/identity/identity.js';
import { sealJoinProof, serverName, verifyJoinProof } from '../core/envelope/join-proof.js';
import { ReplayGuard } from '../core/envelope/replay-guard.js';
import { identityNamed } from '../../test/support/identities.js';
import { joinAs, proven } from '../../test/support/identities-node.js';
import { TestClient } from '../../test/support/ws-client.js';
import { BinaryKind, encodeBinarySignal } from '../core/signaling/binary-frame.js';
import { REPORT_LIMITS } from '../core/signaling/suggest.js';
import { nextEvent } from '../../test/support/events.js';
import type { SuggestDetail, TransportErrorDetail } from '../core/signaling/transport.js';
import { WebSocketTransport } from '../core/signaling/websocket.js';
import { MemoryHub } from './memory-hub.js';
import { ErrorCode } from './errors.js';
import { createLogger } from './logger.js';
import { held, postPair, withServer } from '../../test/support/server-harness.js';

const ns = 'peerkit-test';
let alice: Identity;
let bob: Identity;
let carol: Identity;

before(async () => {
  [alice, bob, carol] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Carol')]);
});

describe('rooms (mesh)', () => {
  test('presence, relay, leave and disconnect', async () => {
    await withServer({}, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      assert.notEqual(a.challenge, b.challenge);
      assert.deepEqual((await joinAs(a, alice, ns, 'r1')).ids, []);
      assert.deepEqual((await joinAs(b, bob, ns, 'r1')).ids, [alice.fingerprint]);
      assert.equal((await a.next('joined')).id, bob.fingerprint);

      b.send({ type: 'signal', ns, room: 'r1', to: alice.fingerprint, env: 'sealed-offer' });
      const relayed = await a.next('signal');
      assert.deepEqual({ from: relayed.from, env: relayed.env, room: relayed.room }, { from: bob.fingerprint, env: 'sealed-offer', room: 'r1' });

      b.send({ type: 'leave', ns, room: 'r1' });
      assert.equal((await a.next('left')).id, bob.fingerprint);
      b.send({ type: 'signal', ns, room: 'r1', to: alice.fingerprint, env: 'x', ref: 'after-leave' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'after-leave')).code, ErrorCode.NotJoined);

      await joinAs(b, bob, ns, 'r1');
      await a.next('joined');
      await b.close();
      assert.equal((await a.next('left')).id, bob.fingerprint);
      a.send({ type: 'ping' });
      await a.next('pong');
      await a.close();
    });
  });

  test('news of the room that comes while the hub is still adding a member reaches it after its member list, never before', async () => {
    // A hub that delivers news to Bob while it is still adding him (the Hub interface allows it).
    const hub = new (class extends MemoryHub {
      override async join(...args: Parameters<MemoryHub['join']>): Promise<string[]> {
        const ids = await super.join(...args);
        const [ns, room, member] = args;
        if (member.id === bob.fingerprint) member.deliver({ type: 'joined', ns, room, id: carol.fingerprint });
        return ids;
      }
    })();
    await withServer({ hub }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'order');
      await joinAs(b, bob, ns, 'order');
      assert.equal((await b.next('joined')).id, carol.fingerprint);
      // Bob takes Alice (listed) as older and Carol (announced) as newer only if they come in this order.
      assert.deepEqual(b.arrivals, ['hello', 'peers', 'joined']);
      await Promise.all([a.close(), b.close()]);
    });
  });

  test('binary signal frames (opt-in): relayed to binary and to JSON clients alike; garbage refused', async () => {
    await withServer({}, async (server) => {
      const binary = await TestClient.connect(server.url);
      const text = await TestClient.connect(server.url);
      await joinAs(binary, alice, ns, 'bin', { binary: true });
      await joinAs(text, bob, ns, 'bin');
      const env = new Uint8Array([0x01, 0xff, 0x00, 0x7f, 0x80]);
      binary.send(encodeBinarySignal({ kind: BinaryKind.SignalTo, ns, room: 'bin', peer: bob.fingerprint, env }));
      const asText = await text.next('signal');
      assert.deepEqual({ from: asText.from, env: asText.env }, { from: alice.fingerprint, env: Buffer.from(env).toString('base64url') });
      text.send({ type: 'signal', ns, room: 'bin', to: alice.fingerprint, env: 'AQID' });
      const asBinary = await binary.next('binary-signal');
      assert.deepEqual({ from: asBinary.from, env: asBinary.env, room: asBinary.room }, { from: bob.fingerprint, env: 'AQID', room: 'bin' });

      const hostile = [
        new Uint8Array([]),
        new Uint8Array([0x09, 1, 0x61]),
        new Uint8Array([BinaryKind.SignalFrom, 1, 0x61, 1, 0x62, 1, 0x63, 0]),
        new Uint8Array([BinaryKind.SignalTo, 200, 0x61]),
        new Uint8Array([BinaryKind.SignalTo, 1, 0xc3, 1, 0x62, 1, 0x63, 0]),
        new Uint8Array([BinaryKind.SignalTo, 1, 0x61, 1, 0x62, 1, 0x63]),
        encodeBinarySignal({ kind: BinaryKind.SignalTo, ns, room: 'bin', peer: bob.fingerprint, env: new Uint8Array(60_000) }),
      ];
      for (const frame of hostile) {
        binary.send(frame);
        const refused = await binary.next('error');
        assert.ok([ErrorCode.BadFrame, ErrorCode.FrameTooLarge].includes(refused.code as never), `code ${refused.code} for ${frame.length} bytes`);
      }
      // A binary signal to someone not in the room: the same typed error as the text form.
      binary.send(encodeBinarySignal({ kind: BinaryKind.SignalTo, ns, room: 'bin', peer: carol.fingerprint, env }));
      assert.equal((await binary.next('error')).code, ErrorCode.UnknownPeer);
      binary.send({ type: 'ping' });
      await binary.next('pong');
      await Promise.all([binary.close(), text.close()]);
    });
  });

  test('data frames (a link through the server): routed within the room, binary and text; what is not a member, too large or over a budget is refused', async () => {
    const limits = { maxDataBytes: 1000, dataRate: 2000, dataBurst: 3000, ipDataRate: 1_000_000, ipDataBurst: 1_000_000 };
    await withServer({ limits }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      const outsider = await TestClient.connect(server.url);
      // Clients pace themselves by what the hello says.
      assert.deepEqual(a.hello.data, { rate: 2000, burst: 3000, max: 1000, frameRate: 100, frameBurst: 200 });
      await joinAs(a, alice, ns, 'data', { binary: true });
      await joinAs(b, bob, ns, 'data');
      await joinAs(outsider, carol, ns, 'elsewhere');
      const bytes = new Uint8Array(900).fill(7);
      a.send(encodeBinarySignal({ kind: BinaryKind.DataTo, ns, room: 'data', peer: bob.fingerprint, env: bytes }));
      const asText = await b.next('data');
      assert.deepEqual({ from: asText.from, data: asText.data }, { from: alice.fingerprint, data: Buffer.from(bytes).toString('base64url') });
      b.send({ type: 'data', ns, room: 'data', to: alice.fingerprint, data: 'AQID' });
      const asBinary = await a.next('binary-signal');
      assert.deepEqual({ kind: asBinary.kind, from: asBinary.from, env: asBinary.env }, { kind: BinaryKind.DataFrom, from: bob.fingerprint, env: 'AQID' });

      const refusal = async (client: TestClient, frame: Record<string, unknown> | Uint8Array) => {
        client.send(frame);
        return (await client.next('error')).code;
      };
      assert.equal(await refusal(outsider, { type: 'data', ns, room: 'data', to: alice.fingerprint, data: 'AQID' }), ErrorCode.NotJoined);
      assert.equal(await refusal(b, { type: 'data', ns, room: 'data', to: carol.fingerprint, data: 'AQID' }), ErrorCode.UnknownPeer);
      assert.equal(await refusal(b, { type: 'data', ns, room: 'data', to: alice.fingerprint, data: Buffer.alloc(1001).toString('base64url') }), ErrorCode.FrameTooLarge);
      assert.equal(await refusal(a, encodeBinarySignal({ kind: BinaryKind.DataTo, ns, room: 'data', peer: bob.fingerprint, env: new Uint8Array(1001) })), ErrorCode.FrameTooLarge);
      assert.equal(await refusal(b, { type: 'data', ns, room: 'data', to: alice.fingerprint, data: 'not base64!' }), ErrorCode.BadParameter);
      // The server sends data, it never takes it "from" anyone.
      assert.equal(await refusal(a, encodeBinarySignal({ kind: BinaryKind.DataFrom, ns, room: 'data', peer: bob.fingerprint, env: bytes })), ErrorCode.BadFrame);

      // A member that keeps sending past its budget: what fits goes, the rest is refused, and
      // the other member's own budget is untouched.
      let relayed = 0;
      let refused = 0;
      for (let i = 0; i < 6; i++) {
        a.send(encodeBinarySignal({ kind: BinaryKind.DataTo, ns, room: 'data', peer: bob.fingerprint, env: bytes }));
      }
      a.send({ type: 'ping' });
      await a.next('pong');
      while (a.frames.some((frame) => frame.type === 'error')) {
        const { code } = await a.next('error');
        assert.equal(code, ErrorCode.RateLimited);
        refused++;
      }
      while (b.frames.some((frame) => frame.type === 'data')) {
        await b.next('data');
        relayed++;
      }
      assert.ok(refused >= 2 && relayed <= 4 && relayed + refused === 6, `relayed ${relayed}, refused ${refused}`);
      b.send({ type: 'data', ns, room: 'data', to: alice.fingerprint, data: Buffer.from(bytes).toString('base64url') });
      assert.equal((await a.next('binary-signal', (frame) => frame.kind === BinaryKind.DataFrom)).from, bob.fingerprint);
      await Promise.all([a.close(), b.close(), outsider.close()]);
    });
  });

  test('data frames: one address, and the whole server, have a budget of their own', async () => {
    const limits = { maxDataBytes: 1000, dataRate: 100_000, dataBurst: 100_000, ipDataRate: 10, ipDataBurst: 2500 };
    await withServer({ limits }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      const c = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'ip');
      await joinAs(b, bob, ns, 'ip');
      await joinAs(c, carol, ns, 'ip');
      const data = Buffer.alloc(1000).toString('base64url');
      // Two sockets of one address share its budget (2,500 bytes): the third kilobyte is refused whoever sends it.
      a.send({ type: 'data', ns, room: 'ip', to: carol.fingerprint, data });
      b.send({ type: 'data', ns, room: 'ip', to: carol.fingerprint, data });
      await c.next('data');
      await c.next('data');
      b.send({ type: 'data', ns, room: 'ip', to: carol.fingerprint, data, ref: 'third' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'third')).code, ErrorCode.RateLimited);
      await Promise.all([a.close(), b.close(), c.close()]);
    });
    await withServer({ limits: { maxDataBytes: 1000, serverDataRate: 10, serverDataBurst: 1500 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'all');
      await joinAs(b, bob, ns, 'all');
      const data = Buffer.alloc(1000).toString('base64url');
      a.send({ type: 'data', ns, room: 'all', to: bob.fingerprint, data });
      await b.next('data');
      b.send({ type: 'data', ns, room: 'all', to: alice.fingerprint, data, ref: 'over' });
      assert.equal((await b.next('error', (frame) => frame.ref === 'over')).code, ErrorCode.RateLimited);
      await Promise.all([a.close(), b.close()]);
    });
  });

  test('a second connection with the same id replaces the first cleanly', async () => {
    await withServer({}, async (server) => {
      const a = await TestClient.connect(server.url);
      const b1 = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'r');
      await joinAs(b1, bob, ns, 'r');
      await a.next('joined');
      const b2 = await TestClient.connect(server.url);
      assert.deepEqual((await joinAs(b2, bob, ns, 'r')).ids, [alice.fingerprint]);
      assert.equal((await b1.next('left')).id, bob.fingerprint, 'the stale connection is told it left');
      assert.equal((await a.next('left')).id, bob.fingerprint);
      assert.equal((await a.next('joined')).id, bob.fingerprint);
      a.send({ type: 'signal', ns, room: 'r', to: bob.fingerprint, env: 'to-the-new-one' });
      assert.equal((await b2.next('signal')).env, 'to-the-new-one');
      // The stale socket closing later does not remove the new holder.
      await b1.close();
      a.send({ type: 'signal', ns, room: 'r', to: bob.fingerprint, env: 'still-there' });
      assert.equal((await b2.next('signal')).env, 'still-there');
      await Promise.all([a.close(), b2.close()]);
    });
  });

  test('refuses a signal to a peer not in the room, too many rooms, a full room', async () => {
    await withServer({ limits: { maxRoomsPerSocket: 1, maxPeersPerRoom: 1 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'only');
      a.send({ type: 'signal', ns, room: 'only', to: bob.fingerprint, env: 'x', ref: 's' });
      assert.equal((await a.next('error', (f) => f.ref === 's')).code, ErrorCode.UnknownPeer);
      const proof = await sealJoinProof(alice, { ns, room: 'second', challenge: a.challenge, server: a.server });
      a.send({ type: 'join', ns, room: 'second', id: alice.fingerprint, proof, ref: 'j' });
      assert.equal((await a.next('error', (f) => f.ref === 'j')).code, ErrorCode.TooManyRooms);
      const bobProof = await sealJoinProof(bob, { ns, room: 'only', challenge: b.challenge, server: b.server });
      b.send({ type: 'join', ns, room: 'only', id: bob.fingerprint, proof: bobProof, ref: 'full' });
      assert.equal((await b.next('error', (f) => f.ref === 'full')).code, ErrorCode.RoomFull);
      await Promise.all([a.close(), b.close()]);
    });
  });
});

describe('latency reports and suggestions', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('a report is answered with unlinked members, closest first; reports go when their author leaves', async () => {
    const hub = new MemoryHub();
    await withServer({ hub, limits: { reportIntervalMs: 0 } }, async (server) => {
      const [a, b, c] = await Promise.all([TestClient.connect(server.url), TestClient.connect(server.url), TestClient.connect(server.url)]);
      await joinAs(a, alice, ns, 'rtt');
      await joinAs(b, bob, ns, 'rtt');
      await joinAs(c, carol, ns, 'rtt');
      // Nothing known yet: the only unlinked member, without an estimate.
      a.send({ type: 'report', ns, room: 'rtt', rtts: { [bob.fingerprint]: 10 }, ref: 'r1' });
      assert.deepEqual(await a.next('suggest'), { type: 'suggest', ns, room: 'rtt', peers: [{ id: carol.fingerprint }], ref: 'r1' });
      b.send({ type: 'report', ns, room: 'rtt', rtts: { [alice.fingerprint]: 10, [carol.fingerprint]: 5 }, geo: { lat: 52.52000, lon: 13.40495 } });
      assert.deepEqual((await b.next('suggest')).peers, [], 'b is linked to everyone');
      // Now the server knows b–c: a → b → c is 15 ms.
      a.send({ type: 'report', ns, room: 'rtt', rtts: { [bob.fingerprint]: 10 } });
      assert.deepEqual((await a.next('suggest')).peers, [{ id: carol.fingerprint, rtt: 15 }]);
      // Kept coarse: one decimal degree.
      assert.deepEqual((await hub.reports(ns, 'rtt')).get(bob.fingerprint)?.geo, { lat: 52.5, lon: 13.4 });

      b.send({ type: 'leave', ns, room: 'rtt' });
      await a.next('left');
      assert.deepEqual([...(await hub.reports(ns, 'rtt')).keys()], [alice.fingerprint]);
      await c.close();
      await a.next('left');
      await Promise.all([a.close(), b.close()]);
    });
    // The server has closed and cleaned up every connection by now.
    assert.equal((await hub.reports(ns, 'rtt')).size, 0, 'nothing left behind');
  });

  test('hostile reports: typed errors, nothing stored, and the server keeps serving', async () => {
    const hub = new MemoryHub();
    await withServer({ hub, limits: { errorBurst: 1000, reportIntervalMs: 100, maxFrameBytes: 8192 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      const report = (fields: Record<string, unknown>) => ({ type: 'report', ns, room: 'hostile', rtts: {}, ...fields });
      a.send({ ...report({}), ref: 'early' });
      assert.equal((await a.next('error', (f) => f.ref === 'early')).code, ErrorCode.NotJoined, 'before joining');
      await joinAs(a, alice, ns, 'hostile');
      a.send({ ...report({ room: 'elsewhere' }), ref: 'other-room' });
      assert.equal((await a.next('error', (f) => f.ref === 'other-room')).code, ErrorCode.NotJoined, 'in another room');

      const many = Object.fromEntries(Array.from({ length: REPORT_LIMITS.maxEntries + 1 }, (_, i) => [`p${i}`, 1]));
      const frames: [string, string | Record<string, unknown>, number][] = [
        ['no rtts', report({ rtts: undefined }), ErrorCode.BadParameter],
        ['rtts null', report({ rtts: null }), ErrorCode.BadParameter],
        ['rtts array', report({ rtts: [1, 2, 3] }), ErrorCode.BadParameter],
        ['rtts string', report({ rtts: 'fast' }), ErrorCode.BadParameter],
        ['rtt string', report({ rtts: { b: '5' } }), ErrorCode.BadParameter],
        ['negative', report({ rtts: { b: -1 } }), ErrorCode.BadParameter],
        ['over max', report({ rtts: { b: REPORT_LIMITS.maxRttMs + 1 } }), ErrorCode.BadParameter],
        ['infinite', '{"type":"report","ns":"peerkit-test","room":"hostile","rtts":{"b":1e999}}', ErrorCode.BadParameter],
        ['too many', report({ rtts: many }), ErrorCode.FrameTooLarge],
        ['long id', report({ rtts: { ['x'.repeat(129)]: 1 } }), ErrorCode.BadParameter],
        ['__proto__', '{"type":"report","ns":"peerkit-test","room":"hostile","rtts":{"__proto__":1}}', ErrorCode.BadParameter],
        ['geo string', report({ geo: 'Berlin' }), ErrorCode.BadParameter],
        ['geo range', report({ geo: { lat: 91, lon: 0 } }), ErrorCode.BadParameter],
        ['geo lon range', report({ geo: { lat: 0, lon: -181 } }), ErrorCode.BadParameter],
        ['no room', report({ room: undefined }), ErrorCode.BadParameter],
        ['long ns', report({ ns: 'n'.repeat(129) }), ErrorCode.BadParameter],
        ['oversize', report({ rtts: { b: 1 }, pad: 'x'.repeat(9000) }), ErrorCode.FrameTooLarge],
      ];
      for (const [why, frame, code] of frames) {
        a.send(typeof frame === 'string' ? frame : JSON.stringify({ ...frame, ref: why }));
        const error = await a.next('error');
        assert.equal(error.code, code, why);
      }
      assert.equal((await hub.reports(ns, 'hostile')).size, 0, 'nothing stored from refused reports');
      // Still serving: a well-formed report is answered.
      a.send(report({ rtts: { [bob.fingerprint]: 3 } }));
      assert.deepEqual((await a.next('suggest')).peers, []);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      await a.close();
    });
  });

  test('one report per connection and room per reportIntervalMs; a too-early one is refused and not stored', async () => {
    await withServer({ limits: { reportIntervalMs: 300 } }, async (server) => {
      const [a, b, c] = await Promise.all([TestClient.connect(server.url), TestClient.connect(server.url), TestClient.connect(server.url)]);
      for (const [client, who] of [[a, alice], [b, bob], [c, carol]] as const) await joinAs(client, who, ns, 'limited');
      a.send({ type: 'report', ns, room: 'limited', rtts: {} });
      await a.next('suggest');
      a.send({ type: 'report', ns, room: 'limited', rtts: { [carol.fingerprint]: 1 }, ref: 'too-soon' });
      assert.equal((await a.next('error', (f) => f.ref === 'too-soon')).code, ErrorCode.RateLimited);
      // Had the refused report been kept, b → a → c would be known (5 + 1).
      b.send({ type: 'report', ns, room: 'limited', rtts: { [alice.fingerprint]: 5 } });
      assert.deepEqual((await b.next('suggest')).peers, [{ id: carol.fingerprint }]);
      // Leaving and joining again does not reset the limit.
      a.send({ type: 'leave', ns, room: 'limited' });
      await joinAs(a, alice, ns, 'limited');
      a.send({ type: 'report', ns, room: 'limited', rtts: {}, ref: 'rejoined' });
      assert.equal((await a.next('error', (f) => f.ref === 'rejoined')).code, ErrorCode.RateLimited);
      await sleep(320);
      a.send({ type: 'report', ns, room: 'limited', rtts: { [carol.fingerprint]: 1 } });
      assert.deepEqual((await a.next('suggest')).peers, [], 'bob reported a link to alice');
      // This one was kept: b → a → c is now known.
      b.send({ type: 'report', ns, room: 'limited', rtts: { [alice.fingerprint]: 5 } });
      assert.deepEqual((await b.next('suggest')).peers, [{ id: carol.fingerprint, rtt: 6 }]);
      await Promise.all([a.close(), b.close(), c.close()]);
    });
  });

  test('WebSocketTransport: report() and the suggest event, against the real server', async () => {
    await withServer({ limits: { reportIntervalMs: 0 } }, async (server) => {
      const room = { ns, room: 'transport-rtt' };
      const [a, b, c] = [alice, bob, carol].map((who) => new WebSocketTransport(server.url, who, { WebSocket: WebSocket as never }));
      try {
        assert.throws(() => a!.report(room, { rtts: {} }), /403/);
        for (const transport of [a!, b!, c!]) await transport.join(room);
        b!.report(room, { rtts: { [carol.fingerprint]: 4 } });
        await nextEvent(b!, 'suggest');
        const suggested = nextEvent<SuggestDetail>(a!, 'suggest');
        a!.report(room, { rtts: { [bob.fingerprint]: 7 }, geo: { lat: 48.137154, lon: 11.576124 } });
        assert.deepEqual(await suggested, { ...room, peers: [{ id: carol.fingerprint, rtt: 11 }] });
        assert.throws(() => a!.report(room, { rtts: { b: -5 } }), (error: Error & { code?: string }) => error.code === 'out-of-range');
      } finally {
        for (const transport of [a, b, c]) transport!.close();
      }
    });
  });

  test('WebSocketTransport: hostile suggest frames from an untrusted server are capped and filtered', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const room = { ns, room: 'untrusted' };
    const flood = Array.from({ length: 5000 }, (_, i) => ({ id: `p${i}`, rtt: i }));
    wss.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'hello', challenge: 'c' }));
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string };
        if (frame.type === 'join') socket.send(JSON.stringify({ type: 'peers', ...room, ids: [] }));
        if (frame.type !== 'report') return;
        for (const hostile of [
          { type: 'suggest', ns, room: 'not-joined', peers: [{ id: 'x' }] },
          { type: 'suggest', ns: 5, room: {}, peers: [] },
          { type: 'suggest', ...room, peers: 'everyone' },
          { type: 'suggest', ...room, peers: [null, 7, { id: alice.fingerprint }, { id: 'neg', rtt: -1 }, { id: 'nan', rtt: 'NaN' }, { id: 'ok', rtt: 2 }, { id: 'ok' }, { id: '' }, { id: 'y'.repeat(500) }] },
          { type: 'suggest', ...room, peers: flood },
        ]) socket.send(JSON.stringify(hostile));
      });
    });
    const transport = new WebSocketTransport(`http://127.0.0.1:${(wss.address() as { port: number }).port}`, alice, { WebSocket: WebSocket as never });
    try {
      await transport.join(room);
      const seen: SuggestDetail[] = [];
      transport.addEventListener('suggest', (event) => seen.push((event as CustomEvent<SuggestDetail>).detail));
      const errors: TransportErrorDetail[] = [];
      transport.addEventListener('transport-error', (event) => errors.push((event as CustomEvent<TransportErrorDetail>).detail));
      transport.report(room, { rtts: {} });
      const deadline = Date.now() + 5000;
      while (seen.length < 3 && Date.now() < deadline) await sleep(10);
      assert.deepEqual(seen.map((detail) => detail.peers), [[], [{ id: 'ok', rtt: 2 }], flood.slice(0, REPORT_LIMITS.maxSuggestions)]);
      assert.ok(seen.every((detail) => detail.room === room.room));
      assert.equal(transport.state, 'open');
      assert.deepEqual(errors, []);
    } finally {
      transport.close();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});

describe('join proofs: nobody takes another\'s id', () => {
  test('a proof by another key, for another challenge, room or namespace, or garbage, is refused', async () => {
    await withServer({}, async (server) => {
      const mallory = await TestClient.connect(server.url);
      const victim = await TestClient.connect(server.url);
      const tries: [string, Record<string, unknown>][] = [
        ['own key, victim id', { id: alice.fingerprint, proof: await sealJoinProof(carol, { ns, room: 'r', challenge: mallory.challenge, server: mallory.server }) }],
        ['replayed from another connection', { id: alice.fingerprint, proof: await sealJoinProof(alice, { ns, room: 'r', challenge: victim.challenge, server: victim.server }) }],
        ['another room', { id: alice.fingerprint, proof: await sealJoinProof(alice, { ns, room: 'elsewhere', challenge: mallory.challenge, server: mallory.server }) }],
        ['another namespace', { id: alice.fingerprint, proof: await sealJoinProof(alice, { ns: 'other-app', room: 'r', challenge: mallory.challenge, server: mallory.server }) }],
        ['garbage', { id: alice.fingerprint, proof: 'AAAA' }],
      ];
      for (const [why, fields] of tries) {
        mallory.send({ type: 'join', ns, room: 'r', mode: 'mesh', ref: why, ...fields });
        const error = await mallory.next('error', (f) => f.ref === why);
        assert.equal(error.code, ErrorCode.BadProof, why);
      }
      // The same proof works once, on its own connection.
      const proof = await sealJoinProof(alice, { ns, room: 'r', challenge: victim.challenge, server: victim.server });
      victim.send({ type: 'join', ns, room: 'r', id: alice.fingerprint, proof });
      assert.deepEqual((await victim.next('peers')).ids, []);
      victim.send({ type: 'join', ns, room: 'r', id: alice.fingerprint, proof, ref: 'again' });
      assert.equal((await victim.next('error', (f) => f.ref === 'again')).code, ErrorCode.BadProof);
      await Promise.all([mallory.close(), victim.close()]);
    });
  });

  test('a proof naming no challenge (a join with the first frame) is taken once; again, on any connection, it is refused, and it still binds key, room and server', async () => {
    await withServer({}, async (server) => {
      const [first, mallory] = await Promise.all([TestClient.connect(server.url), TestClient.connect(server.url)]);
      const proof = await sealJoinProof(alice, { ns, room: 'one-frame', server: first.server });
      first.send({ type: 'join', ns, room: 'one-frame', id: alice.fingerprint, proof });
      assert.deepEqual((await first.next('peers')).ids, []);
      const tries: [string, Record<string, unknown>][] = [
        ['the same proof on another connection', { id: alice.fingerprint, proof }],
        ['own key, victim id', { id: alice.fingerprint, proof: await sealJoinProof(carol, { ns, room: 'one-frame', server: mallory.server }) }],
        ['another room', { id: alice.fingerprint, proof: await sealJoinProof(alice, { ns, room: 'elsewhere', server: mallory.server }) }],
        ['another server', { id: alice.fingerprint, proof: await sealJoinProof(alice, { ns, room: 'one-frame', server: 'peerkit.example:443' }) }],
      ];
      for (const [why, fields] of tries) {
        mallory.send({ type: 'join', ns, room: 'one-frame', mode: 'mesh', ref: why, ...fields });
        assert.equal((await mallory.next('error', (f) => f.ref === why)).code, ErrorCode.BadProof, why);
      }
      await Promise.all([first.close(), mallory.close()]);
    });
  });

  test('WebSocketTransport joins with its first frame: the join goes out before the hello is read, with a proof that needs no challenge', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const url = `http://127.0.0.1:${(wss.address() as { port: number }).port}`;
    const room = { ns, room: 'first-frame' };
    const replay = new ReplayGuard();
    wss.on('connection', (socket) => {
      // The hello is held back until the join has come: a client that waits for it never joins.
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; proof: string; id: string };
        if (frame.type !== 'join') return;
        void verifyJoinProof(frame.proof, { ...room, id: frame.id, challenge: 'never-sent', servers: new Set([serverName(url)]) }, replay).then(
          () => {
            socket.send(JSON.stringify({ type: 'peers', ...room, ids: [] }));
            socket.send(JSON.stringify({ type: 'hello', challenge: 'never-sent' }));
          },
          (error: Error) => socket.send(JSON.stringify({ type: 'error', code: ErrorCode.BadProof, message: error.message })),
        );
      });
    });
    const transport = new WebSocketTransport(url, alice, { WebSocket: WebSocket as never });
    try {
      assert.deepEqual(await transport.join(room), []);
      if (transport.state !== 'open') await nextEvent(transport, 'state', ({ state }: { state: string }) => state === 'open');
    } finally {
      transport.close();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});

describe('pair protocol', () => {
  test('over WebSocket: CONNECT, DEMOTE, answer, ANSWER and DELIVERED', async () => {
    await withServer({}, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'CONNECT', ns, id: 'peer-a', signal: 'offer-a', ref: 'a1' }));
      await held(server);
      b.send(await proven(server.url, { type: 'CONNECT', ns, id: 'peer-b', signal: 'offer-b', ref: 'b1' }));
      const demote = await b.next('DEMOTE');
      assert.equal(demote.signal, 'offer-a');
      assert.equal(demote.ref, 'b1');
      b.send(await proven(server.url, { type: 'CONNECT', ns, id: 'peer-b', nonce: demote.nonce, signal: 'answer-b', ref: 'b2' }));
      assert.equal((await b.next('DELIVERED')).ref, 'b2');
      const answer = await a.next('ANSWER');
      assert.deepEqual({ signal: answer.signal, ref: answer.ref }, { signal: 'answer-b', ref: 'a1' });
      await Promise.all([a.close(), b.close()]);
    });
  });

  test('over HTTP: the first request long-polls until the answer', async () => {
    await withServer({}, async (server) => {
      const first = postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'h1', signal: 'offer-1' }));
      await held(server);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'h2', signal: 'offer-2' }));
      assert.equal(demote.status, 200);
      assert.equal(demote.body.type, 'DEMOTE');
      assert.equal(demote.body.signal, 'offer-1');
      const delivered = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'h2', nonce: demote.body.nonce, signal: 'answer-2' }));
      assert.deepEqual(delivered, { status: 200, body: { type: 'DELIVERED' } });
      assert.deepEqual(await first, { status: 200, body: { type: 'ANSWER', signal: 'answer-2' } });
    });
  });

  test('timeouts: 298 when nobody is in the namespace, 299 when the only peers were paired recently', async () => {
    await withServer({ limits: { pairTimeoutMs: 300 } }, async (server) => {
      const alone = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'empty-ns', id: 'solo', signal: 'o' }));
      assert.equal(alone.status, ErrorCode.NoPeerInNamespace);
      assert.equal(alone.body.code, 298);

      const first = postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'p1', signal: 'o1' }));
      await held(server);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'p2', signal: 'o2' }));
      await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'p2', nonce: demote.body.nonce, signal: 'a2' }));
      await first;
      // Paired memory: the same two are not paired again; both time out with 299.
      const again = postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'p1', signal: 'o1b' }));
      await held(server);
      const [second, firstAgain] = await Promise.all([postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'p2', signal: 'o2b' })), again]);
      assert.equal(second.status, ErrorCode.NoPeer);
      assert.equal(firstAgain.status, ErrorCode.NoPeer);
    });
  });

  test('paired memory is per namespace: the same two pair again in another one', async () => {
    await withServer({ limits: { pairTimeoutMs: 300 } }, async (server) => {
      for (const space of ['app-one', 'app-two']) {
        const first = postPair(server, await proven(server.url, { type: 'CONNECT', ns: space, id: 'm1', signal: 'o1' }));
        await held(server);
        const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: space, id: 'm2', signal: 'o2' }));
        assert.equal(demote.body.type, 'DEMOTE', `paired in ${space}`);
        await postPair(server, await proven(server.url, { type: 'CONNECT', ns: space, id: 'm2', nonce: demote.body.nonce, signal: 'a2' }));
        assert.equal((await first).body.type, 'ANSWER');
      }
    });
  });

  test('CANCEL (WebSocket) withdraws a waiting request: nobody is paired with it afterwards', async () => {
    await withServer({ limits: { pairTimeoutMs: 300 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'CONNECT', ns: 'cancel-ns', id: 'quitter', signal: 'offer', ref: 'q1' }));
      a.send({ type: 'CANCEL' });
      a.send({ type: 'ping' });
      await a.next('pong');
      const alone = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'cancel-ns', id: 'late', signal: 'x' }));
      assert.equal(alone.status, ErrorCode.NoPeerInNamespace);
      await a.close();
    });
  });

  test('the first side gone away: the second gets a fresh DEMOTE, or "no peer"', async () => {
    await withServer({}, async (server) => {
      const a = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'CONNECT', ns, id: 'gone', signal: 'offer-gone' }));
      await held(server);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'second', signal: 'offer-second' }));
      assert.equal(demote.body.signal, 'offer-gone');
      await a.close();
      const lonely = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'second', nonce: demote.body.nonce, signal: 'answer' }));
      assert.equal(lonely.status, ErrorCode.NoPeerInNamespace);

      const c = await TestClient.connect(server.url);
      const d = await TestClient.connect(server.url);
      c.send(await proven(server.url, { type: 'CONNECT', ns, id: 'c', signal: 'offer-c' }));
      await held(server);
      const demoteToD = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'e', signal: 'offer-e' }));
      assert.equal(demoteToD.body.signal, 'offer-c');
      await c.close();
      await held(server, 0);
      d.send(await proven(server.url, { type: 'CONNECT', ns, id: 'd', signal: 'offer-d' }));
      await held(server);
      const fresh = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'e', nonce: demoteToD.body.nonce, signal: 'answer-e' }));
      assert.equal(fresh.body.type, 'DEMOTE');
      assert.equal(fresh.body.signal, 'offer-d');
      await d.close();
    });
  });

  test('BOUNCE re-pairs with a new offer', async () => {
    await withServer({}, async (server) => {
      const a = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'BOUNCE', ns, id: 'bouncer', nonce: 'old-nonce', signal: 'new-offer' }));
      await held(server);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'stranger', signal: 'x' }));
      assert.equal(demote.body.signal, 'new-offer');
      await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'stranger', nonce: demote.body.nonce, signal: 'answer' }));
      assert.equal((await a.next('ANSWER')).signal, 'answer');
      await a.close();
    });
  });

  test('status codes: 499 for missing or invalid parameters, 297 when rate limited', async () => {
    await withServer({ limits: { ipRate: 0.001, ipBurst: 5 } }, async (server) => {
      for (const body of [{ type: 'CONNECT', ns }, { type: 'CONNECT', ns, id: 'x' }, { type: 'NOPE', ns, id: 'x', signal: 'y' }, 'not json', { type: 'BOUNCE', ns, id: 'x', signal: 'y' }]) {
        const result = await postPair(server, body);
        assert.equal(result.status, ErrorCode.BadParameter, JSON.stringify(body));
        assert.equal(result.body.code, 499);
      }
      const limited = await postPair(server, { type: 'CONNECT', ns, id: 'x', signal: 'y' });
      assert.equal(limited.status, ErrorCode.RateLimited);
      assert.equal(limited.body.code, 297);
    });
  });
});

describe('limits and hostile input', () => {
  test('a bounded fuzz of random, oversize and malformed frames: typed errors, and the server still serves', async () => {
    await withServer({ limits: { errorBurst: 10_000, socketBurst: 10_000, socketRate: 10_000, ipBurst: 10_000, ipRate: 10_000, maxFrameBytes: 4096 } }, async (server) => {
      const fuzzer = await TestClient.connect(server.url);
      let seed = 7;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
      const pieces = ['{', '}', '[', ']', '"type"', '"join"', '"signal"', '"CONNECT"', ':', ',', 'null', '1e999', '"ns"', '"\\u0000"', 'true', '"id"', '"to"'];
      const frames: (string | Buffer)[] = [
        'x'.repeat(5000),
        '{"type":"join"}',
        '{"type":"signal","ns":"a","room":"b","to":"c","env":' + JSON.stringify('e'.repeat(4000)) + '}',
        JSON.stringify({ type: 'join', ns: 'n'.repeat(500), room: 'r', id: 'i', proof: 'p' }),
        '[]',
        'null',
        '"join"',
        JSON.stringify({ type: 'signal', ns: 1, room: {}, to: [], env: null }),
        '{"__proto__":{"type":"ping"}}',
        Buffer.from([0, 1, 2, 255]),
      ];
      for (let i = 0; i < 300; i++) {
        if (i % 3 === 0) frames.push(Buffer.from(Array.from({ length: random(64) + 1 }, () => random(256))).toString('latin1'));
        else frames.push(Array.from({ length: random(12) + 1 }, () => pieces[random(pieces.length)]).join(''));
      }
      for (const [index, frame] of frames.entries()) {
        fuzzer.socket.send(frame);
        const error = await fuzzer.next('error');
        assert.ok([400, 401, 403, 404, 413, 499].includes(error.code as number), `frame ${index} got code ${String(error.code)}`);
      }
      // Still serving: health, and a real room with a relayed signal.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'after-fuzz');
      await joinAs(b, bob, ns, 'after-fuzz');
      b.send({ type: 'signal', ns, room: 'after-fuzz', to: alice.fingerprint, env: 'alive' });
      assert.equal((await a.next('signal')).env, 'alive');
      await Promise.all([fuzzer.close(), a.close(), b.close()]);
    });
  });

  test('rate limit per socket answers 297; a socket that keeps misbehaving is closed', async () => {
    await withServer({ limits: { socketRate: 1, socketBurst: 3, errorRate: 0.001, errorBurst: 5 } }, async (server) => {
      const client = await TestClient.connect(server.url);
      for (let i = 0; i < 10; i++) client.send({ type: 'ping' });
      assert.equal((await client.next('error')).code, ErrorCode.RateLimited);
      const { code } = await client.closed;
      assert.equal(code, 1008);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });
  });

  test('pending pair requests are bounded', async () => {
    await withServer({ limits: { maxPendingPairs: 1 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'CONNECT', ns: 'n1', id: 'a', signal: 'o' }));
      await held(server);
      const refused = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'n2', id: 'b', signal: 'o' }));
      assert.equal(refused.status, ErrorCode.TooManyPending);
      await a.close();
    });
  });

  test('the limits\' names from before the pair protocol had its own still apply (deprecated)', async () => {
    await withServer({ limits: { maxPendingLinks: 1, linkTimeoutMs: 300 } }, async (server) => {
      // Ignored, the default 15 s would hold this request past the signal's deadline.
      const alone = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'old-names', id: 'solo', signal: 'o' }), { signal: AbortSignal.timeout(5000) });
      assert.equal(alone.status, ErrorCode.NoPeerInNamespace);
      const a = await TestClient.connect(server.url);
      a.send(await proven(server.url, { type: 'CONNECT', ns: 'n1', id: 'a', signal: 'o' }));
      await held(server);
      assert.equal(server.pendingLinks, server.pendingPairs);
      const refused = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'n2', id: 'b', signal: 'o' }));
      assert.equal(refused.status, ErrorCode.TooManyPending);
      await a.close();
    });
    await withServer({ trustProxy: true, limits: { maxPendingLinksPerIp: 1 } }, async (server) => {
      const from = { headers: { 'x-forwarded-for': '198.51.100.7' } };
      const stop = new AbortController();
      const waiting = postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'p1', id: 'a', signal: 'o' }), { ...from, signal: stop.signal }).catch(() => undefined);
      await held(server);
      const refused = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'p2', id: 'b', signal: 'o' }), from);
      assert.equal(refused.status, ErrorCode.TooManyPendingFromAddress);
      stop.abort();
      await waiting;
    });
  });
});

describe('connections', () => {
  test('a socket that sends nothing for the idle timeout is closed; a pinging one stays', async () => {
    await withServer({ limits: { heartbeatMs: 50, idleTimeoutMs: 400 } }, async (server) => {
      const quiet = await TestClient.connect(server.url);
      const chatty = await TestClient.connect(server.url);
      const pinger = setInterval(() => chatty.send({ type: 'ping' }), 100);
      try {
        await quiet.closed;
        assert.equal(chatty.socket.readyState, chatty.socket.OPEN);
      } finally {
        clearInterval(pinger);
      }
      await chatty.close();
    });
  });

  test('sockets per IP are bounded', async () => {
    await withServer({ limits: { maxSocketsPerIp: 2 } }, async (server) => {
      const a = await TestClient.connect(server.url);
      const b = await TestClient.connect(server.url);
      await assert.rejects(TestClient.connect(server.url), /429/);
      await a.close();
      const c = await TestClient.connect(server.url);
      await Promise.all([b.close(), c.close()]);
    });
  });
});

/** How many times each needle occurs in a heap snapshot of this process (only what is still reachable is in one). */
async function occurrencesInHeap(needles: readonly string[]): Promise<number[]> {
  const counts = needles.map(() => 0);
  const overlap = Math.max(...needles.map((needle) => needle.length)) - 1;
  let tail = '';
  for await (const chunk of getHeapSnapshot()) {
    const text = tail + (chunk as Buffer).toString('latin1');
    needles.forEach((needle, at) => {
      // Count matches that end in this chunk: the tail was searched with the last one.
      for (let from = text.indexOf(needle); from >= 0; from = text.indexOf(needle, from + 1)) if (from + needle.length > tail.length) counts[at]!++;
    });
    tail = text.slice(-overlap);
  }
  return counts;
}

/** A flat copy (no sliced string holding the original alive) of 40 characters from the middle of `text`. */
const flatPiece = (text: string) => Buffer.from(text.slice(text.length >> 1, (text.length >> 1) + 40)).toString();

describe('memory', () => {
  // Each joined member kept its whole join frame (its proof carries the armored key: ~700 bytes)
  // through the closure that delivers to it, and each socket its upgrade request (its headers,
  // ~1 KB) through the listener that counts sockets per address.
  test('a joined member keeps neither its join proof nor its upgrade request alive', async () => {
    await withServer({}, async (server) => {
      // Made in functions that return only the pieces: this test keeps nothing else of them.
      const { client, headerPiece } = await (async () => {
        const header = `v-${randomBytes(24).toString('hex')}`;
        return { client: await TestClient.connect(server.url, { headers: { 'x-peerkit-test': header } }), headerPiece: flatPiece(header) };
      })();
      const proofPiece = await (async () => {
        const proof = await sealJoinProof(alice, { ns, room: 'memory', challenge: client.challenge, server: client.server });
        client.send({ type: 'join', ns, room: 'memory', id: alice.fingerprint, proof, mode: 'mesh' });
        return flatPiece(proof);
      })();
      await client.next('peers');
      // Each piece is held once, here; a second occurrence is a string still holding it somewhere else.
      assert.deepEqual(await occurrencesInHeap([proofPiece, headerPiece]), [1, 1]);
      await client.close();
    });
  });
});

describe('operations', () => {
  test('structured logs: one JSON object per line, filtered by level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('hidden');
    logger.warn('shown', { code: 297 });
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!), { ...JSON.parse(lines[0]!), level: 'warn', msg: 'shown', code: 297 });
  });

  test('/healthz, /metrics, and /ice with time-limited TURN credentials', async () => {
    await withServer({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }], turn: { secret: 's3cret', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 600 } }, async (server) => {
      assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: 'ok' });
      const a = await TestClient.connect(server.url);
      await joinAs(a, alice, ns, 'metrics');
      a.send('not json');
      await a.next('error');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      assert.match(metrics, /^peerkit_sockets 1$/m);
      assert.match(metrics, /^peerkit_rooms 1$/m);
      assert.match(metrics, /^peerkit_joins_total 1$/m);
      assert.match(metrics, /^peerkit_rejected_total\{code="400"\} 1$/m);

      const before = Math.floor(Date.now() / 1000);
      const ice = (await (await fetch(`${server.url}/ice?id=${alice.fingerprint}`)).json()) as { iceServers: { urls: unknown; username?: string; credential?: string }[] };
      assert.deepEqual(ice.iceServers[0], { urls: 'stun:127.0.0.1:3478' });
      const turn = ice.iceServers[1]!;
      const [expiry, id] = turn.username!.split(':');
      assert.equal(id, alice.fingerprint);
      assert.ok(Number(expiry) >= before + 600 && Number(expiry) <= before + 602);
      assert.equal(turn.credential, createHmac('sha1', 's3cret').update(turn.username!).digest('base64'));
      await a.close();
    });
  });
});
