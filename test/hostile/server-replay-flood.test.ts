/**
 * The attack: join proofs dated at the edge of the future window (+119 s), sent faster than the
 * server's proof guard can hold them. With one floor for everyone, the guard's evictions raised
 * that floor past "now" and every honest join after it was refused as `replayed` (401).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { seal } from '../../src/core/envelope/envelope.js';
import { Identity } from '../../src/core/identity/identity.js';
import { JOIN_PROOF_RECIPIENT, sealJoinProof } from '../../src/core/envelope/join-proof.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import { identityNamed } from '../support/identities.js';
import { withServer } from '../support/server-harness.js';
import { TestClient } from '../support/ws-client.js';

const ns = 'hostile-replay';
const room = 'lobby';
/** A small guard, so the flood that fills it stays quick; the per-key bound inside is the same code. */
const limits = { maxProofNonces: 300, socketRate: 100_000, socketBurst: 100_000, ipRate: 100_000, ipBurst: 100_000, errorRate: 100_000, errorBurst: 100_000 };

let alice: Identity;
before(async () => {
  alice = await identityNamed('Alice');
});

/** A join proof over the connection's challenge, dated 119 s ahead: inside the window, as late as it goes. */
function futureProof(identity: Identity, { challenge, server }: TestClient): Promise<string> {
  return seal(identity, { ns, room, to: JOIN_PROOF_RECIPIENT, type: 'join', body: { challenge, server }, includeKey: true, now: Date.now() + 119_000 });
}

/** Sends every join and waits for each answer (`peers` or `error`), so the flood really reached the guard. */
async function flood(client: TestClient, joins: { identity: Identity; proof: string }[]): Promise<void> {
  for (const { identity, proof } of joins) client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh' });
  const answered = () => client.frames.filter((frame) => frame.type === 'peers' || frame.type === 'error').length;
  const deadline = Date.now() + 30_000;
  while (answered() < joins.length) {
    if (Date.now() > deadline) throw new Error(`only ${answered()} of ${joins.length} joins answered`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  client.frames.length = 0;
}

/** Alice joins with a proof sealed now; the server must answer `peers`, not `error` (401 replayed). */
async function honestJoinSucceeds(client: TestClient): Promise<void> {
  client.frames.length = 0;
  const proof = await sealJoinProof(alice, { ns, room, challenge: client.challenge, server: client.server });
  client.send({ type: 'join', ns, room, id: alice.fingerprint, proof, mode: 'mesh' });
  const deadline = Date.now() + 10_000;
  let answer;
  while (!(answer = client.frames.find((frame) => frame.type === 'peers' || frame.type === 'error'))) {
    if (Date.now() > deadline) throw new Error('the honest join got no answer');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.deepEqual({ type: answer.type, message: answer.message }, { type: 'peers', message: undefined });
}

describe('hostile: a flood of future-dated join proofs', () => {
  test('from one key: honest joins keep being accepted during and after it', async () => {
    await withServer({ limits }, async (server) => {
      const mallory = await identityNamed('Mallory');
      const attacker = await TestClient.connect(server.url);
      const honest = await TestClient.connect(server.url);
      for (let round = 0; round < 4; round++) {
        const proofs = await Promise.all(Array.from({ length: 100 }, async () => ({ identity: mallory, proof: await futureProof(mallory, attacker) })));
        await flood(attacker, proofs);
        await honestJoinSucceeds(honest);
      }
      const late = await TestClient.connect(server.url);
      await honestJoinSucceeds(late);
      await Promise.all([attacker.close(), honest.close(), late.close()]);
    });
  });

  test('from many throwaway keys: honest joins keep being accepted', async () => {
    await withServer({ limits }, async (server) => {
      const keys = await Promise.all(Array.from({ length: 40 }, (_, at) => Identity.create({ name: `Throwaway ${at}`, store: memoryStore() })));
      const attacker = await TestClient.connect(server.url);
      const honest = await TestClient.connect(server.url);
      for (let round = 0; round < 4; round++) {
        const proofs = await Promise.all(Array.from({ length: 100 }, async (_, at) => {
          const identity = keys[(round * 100 + at) % keys.length]!;
          return { identity, proof: await futureProof(identity, attacker) };
        }));
        await flood(attacker, proofs);
        await honestJoinSucceeds(honest);
      }
      await Promise.all([attacker.close(), honest.close()]);
    });
  });
});
