/** Helpers for Node tests of the signaling server. Identities come from identities.ts. */
import type { Identity } from '../../src/core/identity/identity.js';
import { sealJoinProof, sealPairProof, serverName } from '../../src/core/envelope/join-proof.js';
import { identityNamed } from './identities.js';
import type { TestClient } from './ws-client.js';

/** Joins `room` as `identity` with a valid proof; resolves with the `peers` frame. */
export async function joinAs(client: TestClient, identity: Identity, ns: string, room: string, extra: Record<string, unknown> = {}) {
  const proof = await sealJoinProof(identity, { ns, room, challenge: client.challenge, server: client.server });
  client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh', ...extra });
  return client.next('peers', (frame) => frame.room === room);
}

/**
 * A pair request as a client sends it: the id is the fingerprint of a test identity named `id`
 * (made once per name), with a fresh pair proof by that key for the server at `url`.
 */
export async function proven<Request extends { ns: string; id: string }>(url: string, request: Request): Promise<Request & { proof: string }> {
  const identity = await identityNamed(request.id);
  return { ...request, id: identity.fingerprint, proof: await sealPairProof(identity, { ns: request.ns, server: serverName(url) }) };
}
