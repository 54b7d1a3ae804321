/**
 * The pair protocol and join proofs against hostile clients and servers: a pair request speaks for
 * its id only with a fresh proof by that key, and every proof names the server it is for.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { before, describe, test } from 'node:test';
import type { Identity } from '../../src/core/identity/identity.js';
import { sealJoinProof, sealPairProof } from '../../src/core/envelope/join-proof.js';
import { ErrorCode } from '../../src/server/errors.js';
import type { PairOffer, PairOptions, PairWaiter } from '../../src/server/hub.js';
import { MemoryHub } from '../../src/server/memory-hub.js';
import { identityNamed } from '../support/identities.js';
import { proven } from '../support/identities-node.js';
import { held, postPair, withServer } from '../support/server-harness.js';
import { TestClient } from '../support/ws-client.js';

let alice: Identity;
let bob: Identity;
let mallory: Identity;
before(async () => {
  [alice, bob, mallory] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Mallory')]);
});

describe('hostile: pair requests under someone else\'s id', () => {
  test('a CONNECT under a waiting peer\'s id, without a proof or with the attacker\'s own, is refused (401) and the peer stays queued', async () => {
    await withServer({}, async (server) => {
      const ns = 'pair-impostor';
      const waiting = postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Alice', signal: 'alice-offer' }));
      await held(server, 1);
      const bare = await postPair(server, { type: 'CONNECT', ns, id: alice.fingerprint, signal: 'mallory-offer' });
      assert.equal(bare.status, ErrorCode.BadProof);
      const ownProof = await sealPairProof(mallory, { ns, server: new URL(server.url).host });
      const impostor = await postPair(server, { type: 'CONNECT', ns, id: alice.fingerprint, signal: 'mallory-offer', proof: ownProof });
      assert.equal(impostor.status, ErrorCode.BadProof);
      assert.match(String(impostor.body.message), /another key than the id/);
      // Alice is still the one waiting: Bob is asked to answer her offer, not Mallory's.
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Bob', signal: 'bob-offer' }));
      assert.deepEqual({ type: demote.body.type, signal: demote.body.signal }, { type: 'DEMOTE', signal: 'alice-offer' });
      await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Bob', nonce: demote.body.nonce, signal: 'bob-answer' }));
      assert.deepEqual((await waiting).body, { type: 'ANSWER', signal: 'bob-answer' });
    });
  });

  test('paired-peer memory cannot be poisoned: an impostor cannot pair two victims\' ids with each other', async () => {
    await withServer({}, async (server) => {
      const ns = 'pair-memory';
      // Mallory tries to make Alice and Bob "paired recently", so the server would not pair them.
      const asAlice = await postPair(server, { type: 'CONNECT', ns, id: alice.fingerprint, signal: 'x', proof: await sealPairProof(mallory, { ns, server: new URL(server.url).host }) });
      assert.equal(asAlice.status, ErrorCode.BadProof);
      assert.equal(server.pendingPairs, 0);
      const first = postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Alice', signal: 'alice-offer' }));
      await held(server, 1);
      const demote = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Bob', signal: 'bob-offer' }));
      assert.equal(demote.body.type, 'DEMOTE');
      await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Bob', nonce: demote.body.nonce, signal: 'bob-answer' }));
      assert.equal((await first).body.type, 'ANSWER');
    });
  });

  test('a pair proof is single-use: replaying a captured one is refused', async () => {
    await withServer({ limits: { pairTimeoutMs: 300 } }, async (server) => {
      const request = await proven(server.url, { type: 'CONNECT', ns: 'pair-replay', id: 'Alice', signal: 'offer' });
      assert.equal((await postPair(server, request)).status, ErrorCode.NoPeerInNamespace);
      const replayed = await postPair(server, request);
      assert.equal(replayed.status, ErrorCode.BadProof);
      assert.match(String(replayed.body.message), /replayed/);
    });
  });
});

describe('hostile: a captured proof', () => {
  test('sent first under another id, it is refused and not used up: its owner can still use it', async () => {
    await withServer({ limits: { pairTimeoutMs: 300 } }, async (server) => {
      const ns = 'pair-captured';
      const aliceRequest = await proven(server.url, { type: 'CONNECT', ns, id: 'Alice', signal: 'offer' });
      const stolen = await postPair(server, { ...aliceRequest, id: mallory.fingerprint });
      assert.equal(stolen.status, ErrorCode.BadProof);
      assert.match(String(stolen.body.message), /another key than the id/);
      assert.equal((await postPair(server, aliceRequest)).status, ErrorCode.NoPeerInNamespace);
    });
  });
});

describe('hostile: a proof made for another server', () => {
  // A malicious server relays the real server's challenge to its user and passes the proof on.
  test('a join proof naming another server is refused, over the right challenge', async () => {
    await withServer({}, async (server) => {
      const client = await TestClient.connect(server.url);
      const proof = await sealJoinProof(alice, { ns: 'ns', room: 'r', challenge: client.challenge, server: 'evil.example' });
      client.send({ type: 'join', ns: 'ns', room: 'r', id: alice.fingerprint, proof, mode: 'mesh', ref: 'j' });
      const refusal = await client.next('error', (frame) => frame.ref === 'j');
      assert.equal(refusal.code, ErrorCode.BadProof);
      assert.match(String(refusal.message), /evil\.example/);
      // The same user, with a proof for this server, joins.
      const good = await sealJoinProof(alice, { ns: 'ns', room: 'r', challenge: client.challenge, server: client.server });
      client.send({ type: 'join', ns: 'ns', room: 'r', id: alice.fingerprint, proof: good, mode: 'mesh' });
      assert.equal((await client.next('peers')).type, 'peers');
      await client.close();
    });
  });

  test('a pair proof naming another server is refused; a server told its public URL accepts proofs naming it', async () => {
    await withServer({ publicUrls: ['https://signal.example.org'] }, async (server) => {
      const elsewhere = await sealPairProof(bob, { ns: 'ns', server: 'evil.example' });
      const refused = await postPair(server, { type: 'CONNECT', ns: 'ns', id: bob.fingerprint, signal: 'o', proof: elsewhere });
      assert.equal(refused.status, ErrorCode.BadProof);
      const named = await sealPairProof(bob, { ns: 'ns2', server: 'signal.example.org' });
      const client = await TestClient.connect(server.url);
      client.send({ type: 'CONNECT', ns: 'ns2', id: bob.fingerprint, signal: 'o', proof: named, ref: 'c' });
      await held(server, 1);
      await client.close();
    });
  });
});

/** A hub that holds every pair offer until released: a stand-in for a slow shared state (Redis). */
class SlowPairHub extends MemoryHub {
  offered!: Promise<void>;
  #arrived!: () => void;
  #release!: () => void;
  readonly #gate = new Promise<void>((resolve) => (this.#release = resolve));

  constructor() {
    super();
    this.offered = new Promise((resolve) => (this.#arrived = resolve));
  }

  release(): void {
    this.#release();
  }

  override async pairOffer(ns: string, waiter: PairWaiter, options: PairOptions): Promise<PairOffer> {
    this.#arrived();
    await this.#gate;
    return super.pairOffer(ns, waiter, options);
  }
}

describe('hostile: a long poll that hangs up early', () => {
  test('a client gone before its request was queued is never paired afterwards', async () => {
    const hub = new SlowPairHub();
    await withServer({ hub, limits: { pairTimeoutMs: 400 } }, async (server) => {
      const ns = 'pair-ghost';
      const body = JSON.stringify(await proven(server.url, { type: 'CONNECT', ns, id: 'Ghost', signal: 'ghost-offer' }));
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`POST /link HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await hub.offered;
      socket.destroy();
      // The server has seen the hang-up once it holds no connection.
      while ((await new Promise<number>((resolve) => server.http.getConnections((_, count) => resolve(count)))) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      hub.release();
      await new Promise((resolve) => setImmediate(resolve));
      const next = await postPair(server, await proven(server.url, { type: 'CONNECT', ns, id: 'Bob', signal: 'bob-offer' }));
      assert.notEqual(next.body.type, 'DEMOTE', 'paired with a client that had hung up');
      assert.equal(next.status, ErrorCode.NoPeerInNamespace);
    });
  });
});
