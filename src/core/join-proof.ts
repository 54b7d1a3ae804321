/**
 * Join proofs: a peer proves to the signaling server that it holds the key whose fingerprint it
 * joins under, by sealing the server's one-time challenge. Shared by clients (seal) and the
 * server (verify); no DOM, no storage.
 */
import { EnvelopeError, open, seal, type EnvelopeSigner } from './envelope.js';
import { ReplayGuard } from './replay-guard.js';

/** The `to` of every join proof. */
export const JOIN_PROOF_RECIPIENT = 'peerkit-server';
const JOIN_PROOF_TYPE = 'join';

export function sealJoinProof(identity: EnvelopeSigner, join: { ns: string; room: string; challenge: string }): Promise<string> {
  return seal(identity, { ns: join.ns, room: join.room, to: JOIN_PROOF_RECIPIENT, type: JOIN_PROOF_TYPE, body: { challenge: join.challenge }, includeKey: true });
}

export class JoinProofError extends Error {
  override readonly name = 'JoinProofError';
}

/**
 * Resolves when `proof` is a valid envelope for this ns/room, sealed by the key with fingerprint
 * `id` over `challenge`. The challenge is single-use per connection, so replaying a proof on
 * another connection fails even within the freshness window.
 */
export async function verifyJoinProof(proof: string, join: { ns: string; room: string; id: string; challenge: string }, replay: ReplayGuard): Promise<void> {
  let opened;
  try {
    opened = await open<{ challenge?: unknown }>(proof, { ns: join.ns, room: join.room, me: JOIN_PROOF_RECIPIENT, replay });
  } catch (error) {
    throw new JoinProofError(error instanceof EnvelopeError ? `proof refused (${error.code})` : 'proof refused');
  }
  if (opened.type !== JOIN_PROOF_TYPE) throw new JoinProofError('proof is not a join proof');
  if (opened.sender.fingerprint !== join.id) throw new JoinProofError('proof is signed by another key than the id');
  if (opened.body?.challenge !== join.challenge) throw new JoinProofError('proof is for another challenge');
}
