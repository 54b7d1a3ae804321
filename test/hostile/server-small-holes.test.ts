// Small holes in the signaling server: names longer in bytes than the binary framing carries,
// an unlimited /ice, and /metrics open to anyone.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { Identity } from '../../src/core/identity/identity.js';
import { sealJoinProof } from '../../src/core/envelope/join-proof.js';
import { MAX_NAME_BYTES } from '../../src/core/signaling/binary-frame.js';
import type { SignalDetail, TransportErrorDetail } from '../../src/core/signaling/transport.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { ErrorCode } from '../../src/server/errors.js';
import { startCliServer } from '../support/cli-server.js';
import { nextEvent } from '../support/events.js';
import { identityNamed } from '../support/identities.js';
import { joinAs } from '../support/identities-node.js';
import { freePort } from '../support/redis.js';
import { createServer } from '../../src/server/server.js';
import { withServer } from '../support/server-harness.js';
import { TestClient } from '../support/ws-client.js';

const ns = 'hostile-names';
let alice: Identity;
let bob: Identity;

before(async () => {
  [alice, bob] = await Promise.all([identityNamed('Alice'), identityNamed('Bob')]);
});

/** 45 characters, 135 UTF-8 bytes: within a 128-character limit, beyond the 128-byte one. */
const tooManyBytes = '€'.repeat(45);
/** Exactly MAX_NAME_BYTES: 42 three-byte characters and two ASCII ones. */
const atTheLimit = `${'€'.repeat(42)}ok`;

describe('names are limited in UTF-8 bytes, as the binary framing carries them', () => {
  test('a 45-character, 135-byte room or namespace is refused at join with 499, not accepted and then failed with 503', async () => {
    await withServer({}, async (server) => {
      const client = await TestClient.connect(server.url);
      const tries: [string, { ns: string; room: string }][] = [
        ['room', { ns, room: tooManyBytes }],
        ['ns', { ns: tooManyBytes, room: 'r' }],
        ['lone surrogate', { ns, room: 'a\ud800b' }],
      ];
      for (const [why, address] of tries) {
        const proof = await sealJoinProof(alice, { ...address, challenge: client.challenge, server: client.server });
        client.send({ type: 'join', ...address, id: alice.fingerprint, proof, mode: 'mesh', binary: true, ref: why });
        const answer = await client.next(['peers', 'error'], (frame) => frame.type === 'peers' || frame.ref === why);
        assert.deepEqual({ type: answer.type, code: answer.code }, { type: 'error', code: ErrorCode.BadParameter }, why);
      }
      for (const frame of [
        { type: 'leave', ns, room: tooManyBytes, ref: 'leave' },
        { type: 'report', ns, room: tooManyBytes, rtts: {}, ref: 'report' },
        { type: 'CONNECT', ns: tooManyBytes, id: 'x', signal: 'o', ref: 'connect' },
      ]) {
        client.send(frame);
        assert.equal((await client.next('error', (error) => error.ref === frame.ref)).code, ErrorCode.BadParameter, frame.type);
      }
      // The relay path checks names by length only: such a room was never joined.
      client.send({ type: 'signal', ns, room: tooManyBytes, to: bob.fingerprint, env: 'AQID', ref: 'signal' });
      assert.equal((await client.next('error', (error) => error.ref === 'signal')).code, ErrorCode.NotJoined);
      await client.close();
    });
  });

  test('WebSocketTransport refuses such a name itself (499) without joining', async () => {
    await withServer({}, async (server) => {
      const transport = new WebSocketTransport(server.url, alice, { WebSocket: WebSocket as never });
      try {
        await assert.rejects(transport.join({ ns, room: tooManyBytes }), (error: Error & { code?: number }) => error.code === 499 && /bytes/.test(error.message));
        await assert.rejects(transport.join({ ns: tooManyBytes, room: 'r' }), (error: Error & { code?: number }) => error.code === 499);
        assert.equal(transport.state, 'idle', 'no connection was even opened');
        assert.equal(server.metrics.joins, 0);
      } finally {
        transport.close();
      }
    });
  });

  test(`a name of exactly ${MAX_NAME_BYTES} bytes works end to end with binary signals`, async () => {
    assert.equal(Buffer.byteLength(atTheLimit), MAX_NAME_BYTES);
    await withServer({}, async (server) => {
      const room = { ns: atTheLimit, room: atTheLimit };
      const [a, b] = [alice, bob].map((who) => new WebSocketTransport(server.url, who, { WebSocket: WebSocket as never }));
      const errors: TransportErrorDetail[] = [];
      for (const transport of [a!, b!]) transport.addEventListener('transport-error', (event) => errors.push((event as CustomEvent<TransportErrorDetail>).detail));
      try {
        await a!.join(room);
        assert.deepEqual(await b!.join(room), [alice.fingerprint]);
        const atB = nextEvent<SignalDetail>(b!, 'signal');
        a!.send(room, bob.fingerprint, 'AQIDBA');
        assert.deepEqual(await atB, { ...room, from: alice.fingerprint, env: 'AQIDBA' });
        const atA = nextEvent<SignalDetail>(a!, 'signal');
        b!.send(room, alice.fingerprint, 'BQYH');
        assert.deepEqual(await atA, { ...room, from: bob.fingerprint, env: 'BQYH' });
        assert.deepEqual(errors, []);
        assert.equal(server.metrics.relayed, 2);
      } finally {
        a!.close();
        b!.close();
      }
    });
  });
});

describe('/ice is rate-limited per address', () => {
  test('a flood of /ice gets 429 (code 297) while another address still gets its ICE servers', async () => {
    await withServer({ trustProxy: true, iceServers: [{ urls: 'stun:127.0.0.1:3478' }], limits: { iceRate: 0.001, iceBurst: 5 } }, async (server) => {
      const ice = (address: string) => fetch(`${server.url}/ice?id=x`, { headers: { 'x-forwarded-for': address } });
      const flood = await Promise.all(Array.from({ length: 20 }, () => ice('198.51.100.66')));
      assert.deepEqual(flood.map((response) => response.status).sort(), [...Array(5).fill(200), ...Array(15).fill(429)]);
      const refused = flood.find((response) => response.status === 429)!;
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(((await refused.json()) as { code: number }).code, ErrorCode.RateLimited);
      const honest = await ice('198.51.100.10');
      assert.equal(honest.status, 200);
      assert.deepEqual(await honest.json(), { iceServers: [{ urls: 'stun:127.0.0.1:3478' }] });
      for (const response of flood) if (!response.bodyUsed) await response.body?.cancel();
    });
  });
});

describe('/metrics can be kept private', () => {
  test('on a separate loopback listener: the public port answers 404', async () => {
    await withServer({ metricsEndpoint: { port: 0 } }, async (server) => {
      assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
      assert.notEqual(server.metricsUrl, `${server.url}/metrics`);
      assert.match(server.metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const metrics = await fetch(server.metricsUrl);
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /^peerkit_sockets 0$/m);
      // The metrics listener serves nothing else.
      assert.equal((await fetch(server.metricsUrl.replace('/metrics', '/ice'))).status, 404);
    });
  });

  test('a metrics listener that cannot start leaves no public listener open behind the error', async () => {
    await withServer({}, async (occupying) => {
      const port = await freePort();
      await assert.rejects(createServer({ port, logLevel: 'silent', metricsEndpoint: { port: occupying.port } }), /EADDRINUSE/);
      // The public port was released: a server can listen on it again.
      const again = await createServer({ port, logLevel: 'silent' });
      await again.close();
    });
  });

  test('behind a bearer token: no or a wrong token gets 401', async () => {
    await withServer({ metricsEndpoint: { token: 'metrics-s3cret' } }, async (server) => {
      const get = (authorization?: string) => fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});
      for (const wrong of [undefined, 'Bearer nope', 'Bearer metrics-s3cre', 'Basic metrics-s3cret', 'metrics-s3cret']) {
        const response = await get(wrong);
        assert.equal(response.status, 401, String(wrong));
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
      const allowed = await get('Bearer metrics-s3cret');
      assert.equal(allowed.status, 200);
      assert.match(await allowed.text(), /^peerkit_joins_total 0$/m);
    });
  });

  test('peerkit serve --metrics-port --metrics-token', async () => {
    const metricsPort = await freePort();
    const cli = await startCliServer(['--metrics-port', String(metricsPort), '--metrics-token', 'cli-token']);
    try {
      assert.equal((await fetch(`${cli.url}/metrics`)).status, 404);
      const url = `http://127.0.0.1:${metricsPort}/metrics`;
      assert.equal((await fetch(url)).status, 401);
      const allowed = await fetch(url, { headers: { authorization: 'Bearer cli-token' } });
      assert.equal(allowed.status, 200);
      assert.match(await allowed.text(), /^peerkit_sockets 0$/m);
      // And the public port still serves rooms.
      const client = await TestClient.connect(cli.url);
      assert.deepEqual((await joinAs(client, alice, ns, 'cli')).ids, []);
      await client.close();
    } finally {
      await cli.stop();
    }
  });
});
