// Attacks on shared capacity: one address must not take every seat of a room, nor every place in
// the server's queue of held pair requests. Distinct addresses come from X-Forwarded-For through
// trustProxy (a portable stand-in for clients behind a reverse proxy).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EnvelopeSigner } from '../../src/core/envelope/envelope.js';
import { Identity } from '../../src/core/identity/identity.js';
import { sealJoinProof } from '../../src/core/envelope/join-proof.js';
import { ErrorCode } from '../../src/server/errors.js';
import { RedisHub } from '../../src/server/redis-hub.js';
import { createServer, DEFAULT_LIMITS, type PeerkitServer } from '../../src/server/server.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';
import { identityNamed } from '../support/identities.js';
import { joinAs, proven } from '../support/identities-node.js';
import { startRedis } from '../support/redis.js';
import { held, postPair, withServer } from '../support/server-harness.js';
import { TestClient } from '../support/ws-client.js';
import { memoryStore } from '../../src/core/platform/storage.js';

const ns = 'hostile-shares';
let members: Identity[];

before(async () => {
  members = await Promise.all(['Alice', 'Bob', 'Carol', 'Dave', 'Erin'].map((name) => identityNamed(name)));
});

const mallory = { headers: { 'x-forwarded-for': '198.51.100.66' } };
const honest = { headers: { 'x-forwarded-for': '198.51.100.10' } };

/** Sends a join with a valid proof and resolves with the `peers` or `error` answer. */
async function tryJoin(client: TestClient, identity: EnvelopeSigner, room: string): Promise<{ type: string; code?: unknown; ids?: unknown }> {
  const ref = `join-${room}-${identity.fingerprint.slice(0, 8)}`;
  const proof = await sealJoinProof(identity, { ns, room, challenge: client.challenge, server: client.server });
  client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh', ref });
  return client.next(['peers', 'error'], (frame) => (frame.type === 'peers' ? frame.room === room : frame.ref === ref));
}

describe('room seats per address', () => {
  test('one address is refused past its share of a room (419); another address still joins', async () => {
    await withServer({ trustProxy: true, limits: { maxPeersPerRoomPerIp: 2 } }, async (server) => {
      const flood = await Promise.all([0, 1, 2].map(() => TestClient.connect(server.url, mallory)));
      assert.equal((await tryJoin(flood[0]!, members[0]!, 'taken')).type, 'peers');
      assert.equal((await tryJoin(flood[1]!, members[1]!, 'taken')).type, 'peers');
      const refused = await tryJoin(flood[2]!, members[2]!, 'taken');
      assert.deepEqual({ type: refused.type, code: refused.code }, { type: 'error', code: ErrorCode.RoomFullFromAddress });

      const other = await TestClient.connect(server.url, honest);
      assert.equal(((await joinAs(other, members[3]!, ns, 'taken')).ids as string[]).length, 2, 'an honest address still gets a seat');
      // The share is per room, and a seat given back is free again.
      assert.equal((await tryJoin(flood[2]!, members[2]!, 'elsewhere')).type, 'peers');
      flood[0]!.send({ type: 'leave', ns, room: 'taken' });
      await other.next('left');
      assert.equal((await tryJoin(flood[2]!, members[2]!, 'taken')).type, 'peers');
      await Promise.all([...flood, other].map((client) => client.close()));
    });
  });

  test('with the default limits, one address holds at most 64 of a room\'s 256 seats', async () => {
    assert.deepEqual([DEFAULT_LIMITS.maxPeersPerRoom, DEFAULT_LIMITS.maxPeersPerRoomPerIp], [256, 64]);
    await withServer({ trustProxy: true }, async (server) => {
      const keys = await Promise.all(Array.from({ length: 65 }, (_, i) => Identity.create({ name: `flood-${i}`, store: memoryStore() })));
      const flood = await Promise.all(keys.map(() => TestClient.connect(server.url, mallory)));
      const answers = await Promise.all(keys.map((key, i) => tryJoin(flood[i]!, key, 'defaults')));
      assert.equal(answers.filter((answer) => answer.type === 'peers').length, 64);
      assert.deepEqual(answers.filter((answer) => answer.type === 'error').map((answer) => answer.code), [ErrorCode.RoomFullFromAddress]);
      const other = await TestClient.connect(server.url, honest);
      assert.equal(((await joinAs(other, members[0]!, ns, 'defaults')).ids as string[]).length, 64);
      await Promise.all([...flood, other].map((client) => client.close()));
    });
  });
});

describe('room seats per address across processes (RedisHub)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let inProcess: PeerkitServer;
  let other: CliServer;

  before(async () => {
    redis = await startRedis();
    inProcess = await createServer({ port: 0, logLevel: 'silent', trustProxy: true, limits: { maxPeersPerRoomPerIp: 2 }, hub: await RedisHub.connect(redis.url) });
    // The CLI's default share (64) is far above 2: the in-process server's join is the one refused, counting seats held on the other process.
    other = await startCliServer(['--redis', redis.url, '--trust-proxy']);
  });

  after(async () => {
    await inProcess?.close();
    await other?.stop();
    await redis?.stop();
  });

  test('seats one address holds on another process count against its share', async () => {
    const onOther = await Promise.all([TestClient.connect(other.url, mallory), TestClient.connect(other.url, mallory)]);
    for (const [index, client] of onOther.entries()) assert.equal((await tryJoin(client, members[index]!, 'shared')).type, 'peers');
    const third = await TestClient.connect(inProcess.url, mallory);
    const refused = await tryJoin(third, members[2]!, 'shared');
    assert.deepEqual({ type: refused.type, code: refused.code }, { type: 'error', code: ErrorCode.RoomFullFromAddress });
    const fair = await TestClient.connect(inProcess.url, honest);
    assert.equal(((await joinAs(fair, members[3]!, ns, 'shared')).ids as string[]).length, 2);
    // A seat given back on the other process frees the share here.
    await onOther[0]!.close();
    await fair.next('left');
    assert.equal((await tryJoin(third, members[2]!, 'shared')).type, 'peers');
    await Promise.all([onOther[1]!.close(), third.close(), fair.close()]);
  });
});

describe('held pair requests per address', () => {
  test('one address is refused past its share of held requests (439); another address is still held and paired', async () => {
    await withServer({ trustProxy: true, limits: { maxPendingPairsPerIp: 3, pairTimeoutMs: 10_000 } }, async (server) => {
      const stop = new AbortController();
      // Each in its own namespace, so the flood cannot pair with itself.
      const flood = [0, 1, 2].map(async (i) => postPair(server, await proven(server.url, { type: 'CONNECT', ns: `flood-${i}`, id: `m${i}`, signal: 'o' }), { ...mallory, signal: stop.signal }).catch(() => undefined));
      await held(server, 3);
      const refused = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'flood-3', id: 'm3', signal: 'o' }), mallory);
      assert.equal(refused.status, ErrorCode.TooManyPendingFromAddress);
      assert.equal(refused.body.code, ErrorCode.TooManyPendingFromAddress);
      // Over WebSocket the same share applies.
      const socket = await TestClient.connect(server.url, mallory);
      socket.send(await proven(server.url, { type: 'CONNECT', ns: 'flood-4', id: 'm4', signal: 'o', ref: 'ws-flood' }));
      assert.equal((await socket.next('error', (frame) => frame.ref === 'ws-flood')).code, ErrorCode.TooManyPendingFromAddress);

      const waiting = postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'honest', id: 'h1', signal: 'offer-h1' }), honest);
      await held(server, 4);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'honest', id: 'h2', signal: 'offer-h2' }), honest);
      assert.equal(demote.body.type, 'DEMOTE');
      await postPair(server, await proven(server.url, { type: 'CONNECT', ns: 'honest', id: 'h2', nonce: demote.body.nonce, signal: 'answer-h2' }), honest);
      assert.equal((await waiting).body.type, 'ANSWER');

      // Requests that end give their place back.
      stop.abort();
      await Promise.all(flood);
      await held(server, 0);
      socket.send(await proven(server.url, { type: 'CONNECT', ns: 'flood-5', id: 'm5', signal: 'o', ref: 'ws-later' }));
      await held(server, 1);
      await socket.close();
      await held(server, 0);
    });
  });
});
