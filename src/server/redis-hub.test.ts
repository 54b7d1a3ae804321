// Two server processes over a real redis-server behave as one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import type { Identity } from '../core/identity/identity.js';
import { startCliServer, type CliServer } from '../../test/support/cli-server.js';
import { identityNamed } from '../../test/support/identities.js';
import { joinAs, proven } from '../../test/support/identities-node.js';
import { startRedis } from '../../test/support/redis.js';
import { TestClient } from '../../test/support/ws-client.js';
import { RedisHub } from './redis-hub.js';
import { createServer, type PeerkitServer } from './server.js';

const ns = 'scale-out';
let redis: Awaited<ReturnType<typeof startRedis>>;
let inProcess: PeerkitServer;
let other: CliServer;
let alice: Identity;
let bob: Identity;
let carol: Identity;

before(async () => {
  redis = await startRedis();
  [alice, bob, carol] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Carol')]);
  inProcess = await createServer({ port: 0, logLevel: 'silent', hub: await RedisHub.connect(redis.url) });
  other = await startCliServer(['--redis', redis.url]);
});

after(async () => {
  await inProcess?.close();
  await other?.stop();
  await redis?.stop();
});

test('presence and signals cross processes', async () => {
  const a = await TestClient.connect(inProcess.url);
  const b = await TestClient.connect(other.url);
  assert.deepEqual((await joinAs(a, alice, ns, 'lobby')).ids, []);
  assert.deepEqual((await joinAs(b, bob, ns, 'lobby')).ids, [alice.fingerprint]);
  assert.equal((await a.next('joined')).id, bob.fingerprint);
  b.send({ type: 'signal', ns, room: 'lobby', to: alice.fingerprint, env: 'b-to-a' });
  assert.deepEqual(await a.next('signal'), { type: 'signal', ns, room: 'lobby', from: bob.fingerprint, env: 'b-to-a' });
  a.send({ type: 'signal', ns, room: 'lobby', to: bob.fingerprint, env: 'a-to-b' });
  assert.equal((await b.next('signal')).env, 'a-to-b');
  a.send({ type: 'signal', ns, room: 'lobby', to: carol.fingerprint, env: 'nobody', ref: 'missing' });
  assert.equal((await a.next('error', (f) => f.ref === 'missing')).code, 404);
  await b.close();
  assert.equal((await a.next('left')).id, bob.fingerprint);
  await a.close();
});

test('the same id joining on the other process replaces the first connection', async () => {
  const a = await TestClient.connect(inProcess.url);
  const b1 = await TestClient.connect(inProcess.url);
  await joinAs(a, alice, ns, 'swap');
  await joinAs(b1, bob, ns, 'swap');
  await a.next('joined');
  const b2 = await TestClient.connect(other.url);
  assert.deepEqual((await joinAs(b2, bob, ns, 'swap')).ids, [alice.fingerprint]);
  assert.equal((await b1.next('left')).id, bob.fingerprint);
  assert.equal((await a.next('left')).id, bob.fingerprint);
  assert.equal((await a.next('joined')).id, bob.fingerprint);
  a.send({ type: 'signal', ns, room: 'swap', to: bob.fingerprint, env: 'to-b2' });
  assert.equal((await b2.next('signal')).env, 'to-b2');
  await Promise.all([a.close(), b1.close(), b2.close()]);
});

test('pairing across processes (WebSocket on one, HTTP on the other)', async () => {
  const first = await TestClient.connect(inProcess.url);
  first.send(await proven(inProcess.url, { type: 'CONNECT', ns, id: 'x-first', signal: 'offer-first' }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const demote = (await (await fetch(`${other.url}/link`, { method: 'POST', body: JSON.stringify(await proven(other.url, { type: 'CONNECT', ns, id: 'x-second', signal: 'offer-second' })) })).json()) as Record<string, string>;
  assert.equal(demote.type, 'DEMOTE');
  assert.equal(demote.signal, 'offer-first');
  const delivered = await fetch(`${other.url}/link`, { method: 'POST', body: JSON.stringify(await proven(other.url, { type: 'CONNECT', ns, id: 'x-second', nonce: demote.nonce, signal: 'answer-second' })) });
  assert.equal(delivered.status, 200);
  assert.deepEqual(await delivered.json(), { type: 'DELIVERED' });
  assert.equal((await first.next('ANSWER')).signal, 'answer-second');
  await first.close();
});

test('latency reports: each process suggests from the other\'s reports; they leave with their author and expire', async () => {
  const room = 'rtt';
  const a = await TestClient.connect(inProcess.url);
  const b = await TestClient.connect(other.url);
  const c = await TestClient.connect(other.url);
  await joinAs(a, alice, ns, room);
  await joinAs(b, bob, ns, room);
  await joinAs(c, carol, ns, room);
  const direct = new Redis(redis.url);
  const reportsKey = `peerkit:reports:${Buffer.from(ns).toString('base64url')}:${Buffer.from(room).toString('base64url')}`;
  try {
    // Shared state is re-read with suspicion: a field of a non-member and an unreadable one are ignored and swept.
    await direct.hset(reportsKey, 'ghost', JSON.stringify({ rtts: { [carol.fingerprint]: 0 } }), alice.fingerprint, '{"rtts":');
    b.send({ type: 'report', ns, room, rtts: { [carol.fingerprint]: 5 } });
    assert.deepEqual((await b.next('suggest')).peers, [{ id: alice.fingerprint }]);
    assert.deepEqual(await direct.hkeys(reportsKey), [bob.fingerprint]);
    // a (this process) reads b's report (the other process): a → b → c.
    a.send({ type: 'report', ns, room, rtts: { [bob.fingerprint]: 10 }, geo: { lat: 48.13715, lon: 11.57612 } });
    assert.deepEqual((await a.next('suggest')).peers, [{ id: carol.fingerprint, rtt: 15 }]);
    // c (the other process) reads a's: c → b, and b–a from a's side.
    c.send({ type: 'report', ns, room, rtts: { [bob.fingerprint]: 5 } });
    assert.deepEqual((await c.next('suggest')).peers, [{ id: alice.fingerprint, rtt: 15 }]);
    assert.deepEqual(JSON.parse((await direct.hget(reportsKey, alice.fingerprint))!), { rtts: { [bob.fingerprint]: 10 }, geo: { lat: 48.1, lon: 11.6 } });
    const ttl = await direct.pttl(reportsKey);
    assert.ok(ttl > 9 * 60_000 && ttl <= 10 * 60_000, `expires (${ttl} ms)`);

    await a.close();
    await b.next('left');
    assert.deepEqual((await direct.hkeys(reportsKey)).sort(), [bob.fingerprint, carol.fingerprint].sort());
    await Promise.all([b.close(), c.close()]);
    for (let attempt = 0; (await direct.exists(reportsKey)) && attempt < 100; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await direct.exists(reportsKey), 0, 'nothing left in Redis');
  } finally {
    direct.disconnect();
  }
});

test('SIGTERM shuts a process down gracefully: its sockets close with 1001 and its members leave', async () => {
  const a = await TestClient.connect(inProcess.url);
  await joinAs(a, alice, ns, 'shutdown');
  const doomed = await startCliServer(['--redis', redis.url]);
  const b = await TestClient.connect(doomed.url);
  await joinAs(b, bob, ns, 'shutdown');
  await a.next('joined');
  assert.equal(await doomed.stop(), 0);
  assert.equal((await b.closed).code, 1001);
  assert.equal((await a.next('left')).id, bob.fingerprint);
  await a.close();
});
