/** Helpers for Node tests of the signaling server. Identities come from identities.ts. */
import type { Identity } from '../../src/core/identity.js';
import { sealJoinProof } from '../../src/core/join-proof.js';
import type { TestClient } from './ws-client.js';

/** Joins `room` as `identity` with a valid proof; resolves with the `peers` frame. */
export async function joinAs(client: TestClient, identity: Identity, ns: string, room: string, extra: Record<string, unknown> = {}) {
  const proof = await sealJoinProof(identity, { ns, room, challenge: client.challenge });
  client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh', ...extra });
  return client.next('peers', (frame) => frame.room === room);
}
