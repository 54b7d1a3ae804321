/** Identities for Node tests (kbpgp in-thread, in-memory store), made once per process. */
import { Identity } from '../../src/core/identity.js';
import { sealJoinProof } from '../../src/core/join-proof.js';
import { memoryStore } from '../../src/core/storage.js';
import type { TestClient } from './ws-client.js';

const made = new Map<string, Promise<Identity>>();

export function nodeIdentity(name: string): Promise<Identity> {
  let identity = made.get(name);
  if (!identity) {
    identity = Identity.create({ name, store: memoryStore() });
    made.set(name, identity);
  }
  return identity;
}

/** Joins `room` as `identity` with a valid proof; resolves with the `peers` frame. */
export async function joinAs(client: TestClient, identity: Identity, ns: string, room: string) {
  const proof = await sealJoinProof(identity, { ns, room, challenge: client.challenge });
  client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh' });
  return client.next('peers', (frame) => frame.room === room);
}
