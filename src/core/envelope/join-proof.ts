/**
 * Proofs a peer gives the signaling server that it holds the key whose fingerprint it uses as its
 * id: a sealed envelope for the server. Shared by clients (seal) and the server (verify); no DOM,
 * no storage.
 *
 * - A **join proof** covers the connection's one-time challenge, so it cannot be used on another
 *   connection — or, to join with the connection's first frame (no round trip for the challenge),
 *   none: then it is single-use instead, as a pair proof is.
 * - A **pair proof** (pair mode: CONNECT, BOUNCE, and the answer to a DEMOTE) has no challenge to
 *   cover, as `POST /link` has no connection before the request; each proof is single-use instead
 *   (the server's replay guard keeps its nonce through the freshness window).
 *
 * Both name the server they are for (`server`: the host and port the client reached, as URL.host
 * writes them). A server checks the name against its own, so a malicious server cannot pass a
 * user's proof on to join another server as that user: it could relay the other server's challenge
 * to the user, but the proof the user seals names the server the user is talking to.
 */
import { DEFAULT_ENVELOPE_LIMITS, EnvelopeError, open, seal, type EnvelopeSigner } from './envelope.js';
import { ReplayGuard } from './replay-guard.js';
import { readPrimaryPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { digest } from '../crypto/digest.js';
import { BoundedMap, cachedPromise } from '../util/bounded-map.js';
import { toBase64Url, utf8Encode } from '../util/bytes.js';

/** The `to` of every proof. */
export const JOIN_PROOF_RECIPIENT = 'peerkit-server';
const JOIN_PROOF_TYPE = 'join';
/** The envelope `type` of a pair proof. Its value keeps the protocol's first name: it is on the wire, signed into every proof. */
const PAIR_PROOF_TYPE = 'link';
/** Pair proofs belong to no room; pair-mode envelopes use the same name (pairing.ts). */
export const PAIR_PROOF_ROOM = '*pair*';

/** The name a proof gives a server: its URL's host (and port, unless the scheme's default), lower case. */
export function serverName(url: string): string {
  return new URL(url.replace(/^ws/i, 'http')).host.toLowerCase();
}

/** `challenge`: the connection's, when the server's hello has been read; without it the proof is single-use (join in one frame). */
export function sealJoinProof(identity: EnvelopeSigner, join: { ns: string; room: string; challenge?: string; server: string }): Promise<string> {
  const body = join.challenge === undefined ? { server: join.server } : { challenge: join.challenge, server: join.server };
  return seal(identity, { ns: join.ns, room: join.room, to: JOIN_PROOF_RECIPIENT, type: JOIN_PROOF_TYPE, body, includeKey: true });
}

export function sealPairProof(identity: EnvelopeSigner, pair: { ns: string; server: string }): Promise<string> {
  return seal(identity, { ns: pair.ns, room: PAIR_PROOF_ROOM, to: JOIN_PROOF_RECIPIENT, type: PAIR_PROOF_TYPE, body: { server: pair.server }, includeKey: true });
}

export class JoinProofError extends Error {
  override readonly name = 'JoinProofError';
}

interface ProofCheck {
  readonly ns: string;
  readonly room: string;
  readonly id: string;
  readonly type: string;
  /** What the proof is called in errors (a pair proof's `type` is still "link" on the wire). */
  readonly kind: 'join' | 'pair';
  /** The names this server answers to. */
  readonly servers: ReadonlySet<string>;
  /** The connection's challenge, for join proofs: one that names a challenge must name this one. */
  readonly challenge?: string;
}

/**
 * The keys proofs carried, by a digest of their armored form, read for their primary key only: a
 * server needs the key and its fingerprint, not the names (0.22 ms a first proof, was 0.61 with
 * names verified: `npm run bench:server`). Entries are copies, not the armored text and the
 * parsed packets. Small, sized by measurement: a known key now saves only ~0.04 ms, and 1,024
 * entries held ~1 MB more after 1,000 joins than 64 did; 64 still covers a client joining its
 * rooms in a burst.
 */
const proofKeys = new BoundedMap<string, Promise<PublicKeyInfo>>(64);

async function readProofKey(armored: string): Promise<PublicKeyInfo> {
  const id = toBase64Url(await digest('SHA-256', utf8Encode(armored)));
  return cachedPromise(proofKeys, id, () => readPrimaryPublicKey(armored));
}

async function verifyProof(proof: string, check: ProofCheck, replay: ReplayGuard): Promise<Record<string, unknown>> {
  let opened;
  try {
    // Checked for replay here, recorded only once every check below passed: a proof someone
    // captured cannot be used up by sending it for another id, room or server.
    opened = await open<Record<string, unknown> | null>(proof, { ns: check.ns, room: check.room, me: JOIN_PROOF_RECIPIENT, replay: new ReplayGuard(1), readKey: readProofKey });
    if (!replay.accepts(opened.from, opened.nonce, opened.ts, Date.now() - DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs)) throw new EnvelopeError('replayed', 'proof already used');
  } catch (error) {
    throw new JoinProofError(error instanceof EnvelopeError ? `proof refused (${error.code})` : 'proof refused');
  }
  const body = opened.body;
  if (opened.type !== check.type) throw new JoinProofError(`proof is not a ${check.kind} proof`);
  if (opened.sender.fingerprint !== check.id) throw new JoinProofError('proof is signed by another key than the id');
  if (typeof body !== 'object' || body === null) throw new JoinProofError('proof has no body');
  if (typeof body.server !== 'string') throw new JoinProofError('proof does not name the server it is for');
  if (!check.servers.has(body.server.toLowerCase())) throw new JoinProofError(`proof is for server "${body.server.slice(0, 100)}", not this one`);
  // A proof without a challenge (sent before the hello was read) is single-use: the replay guard below.
  if (check.challenge !== undefined && body.challenge !== undefined && body.challenge !== check.challenge) throw new JoinProofError('proof is for another challenge');
  if (!replay.remember(opened.from, opened.nonce, opened.ts, Date.now() - DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs)) throw new JoinProofError('proof refused (replayed)');
  return body;
}

/**
 * Resolves when `proof` is a valid envelope for this ns/room, sealed by the key with fingerprint
 * `id`, naming one of `servers`, over `challenge` or over none; single-use through `replay`.
 */
export async function verifyJoinProof(proof: string, join: { ns: string; room: string; id: string; challenge: string; servers: ReadonlySet<string> }, replay: ReplayGuard): Promise<void> {
  await verifyProof(proof, { ...join, type: JOIN_PROOF_TYPE, kind: 'join' }, replay);
}

/** Resolves when `proof` is a fresh pair proof for `ns` by the key `id`, naming one of `servers`; single-use through `replay`. */
export async function verifyPairProof(proof: string, pair: { ns: string; id: string; servers: ReadonlySet<string> }, replay: ReplayGuard): Promise<void> {
  await verifyProof(proof, { ...pair, room: PAIR_PROOF_ROOM, type: PAIR_PROOF_TYPE, kind: 'pair' }, replay);
}
