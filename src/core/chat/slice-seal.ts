/**
 * Slice seals: an author's one signature over a whole slice of time of their own messages, so a
 * peer syncing a large history checks one signature per author per slice and only hashes the
 * messages in it (10,000 Ed25519 checks were most of a 10,000-message sync).
 *
 * A seal is a sealed envelope of type `chat-slice`, to everyone in the room, whose body names the
 * slice and lists a digest of each of the author's message envelopes in it (at most
 * MAX_SEAL_DIGESTS; past that, the rest are verified one by one). The author signs a new seal
 * as its messages in a slice grow (each push carries the latest), and every holder keeps the
 * latest it has verified and passes it on beside the messages, so history from any peer is fast
 * to check, not only the author's.
 *
 * What a seal proves: that its signer made envelopes with these digests. A receiver uses a digest
 * only for an envelope that claims that same signer (envelope.ts `vouched`), and still checks
 * everything else the envelope and the message say; an envelope whose digest is in no seal of its
 * claimed author is verified by its own signature, so a single altered message is still found.
 *
 * Digests are the first 16 bytes of SHA-256 over the envelope's binary form. Forging a message
 * under a seal needs a second preimage of 128 bits; a collision helps only its author, who can
 * sign anything anyway. Half the bytes of a full digest, and a seal is resent with every slice.
 */
import { open, seal, EnvelopeError, type EnvelopeSigner } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory } from '../envelope/trust.js';
import { digest } from '../crypto/digest.js';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import { CHAT_RECIPIENT } from './message.js';
import { SLICE_ID_LENGTH } from './ids.js';

export const SLICE_SEAL_TYPE = 'chat-slice';
/** Digests one seal lists: a 47-second slice of one author's messages, far past any chat's pace. */
export const MAX_SEAL_DIGESTS = 1024;
const DIGEST_BYTES = 16;

interface SealBody {
  readonly slice: string;
  /** The digests, concatenated, base64url. */
  readonly digests: string;
}

/** A seal whose signature verified: who vouches, for which slice, and for what. */
export interface VerifiedSeal {
  readonly from: string;
  readonly slice: string;
  readonly env: string;
  /** How many digests it lists: a later seal of the same slice lists at least as many. */
  readonly count: number;
}

/** The digest a seal lists for an envelope, from its binary form. */
async function envelopeDigest(bytes: Uint8Array): Promise<Uint8Array> {
  return (await digest('SHA-256', bytes)).subarray(0, DIGEST_BYTES);
}

/** Seals `envs` (the signer's own message envelopes in `slice`; the first MAX_SEAL_DIGESTS of them). */
export async function sealSlice(signer: EnvelopeSigner, where: { ns: string; room: string }, slice: string, envs: readonly string[]): Promise<VerifiedSeal> {
  const listed = envs.slice(0, MAX_SEAL_DIGESTS);
  const digests = await Promise.all(listed.map((env) => envelopeDigest(fromBase64Url(env))));
  const joined = new Uint8Array(digests.length * DIGEST_BYTES);
  digests.forEach((each, at) => joined.set(each, at * DIGEST_BYTES));
  const body: SealBody = { slice, digests: toBase64Url(joined) };
  const env = await seal<SealBody>(signer, { ...where, to: CHAT_RECIPIENT, type: SLICE_SEAL_TYPE, body });
  return { from: signer.fingerprint, slice, env, count: listed.length };
}

/** Opens a seal (signature, room, type, shape) and gives its digests; throws an EnvelopeError when it is not one. */
export async function openSliceSeal(env: string, where: { ns: string; room: string; keys: KeyDirectory }): Promise<VerifiedSeal & { readonly digests: ReadonlySet<string> }> {
  const opened = await open<Partial<SealBody>>(env, {
    ...where,
    me: CHAT_RECIPIENT,
    // A seal of an old slice is as good as a new one, and arrives again with every sync.
    replay: new ReplayGuard(1),
    limits: { maxClockSkewMs: Number.MAX_SAFE_INTEGER },
  });
  const { slice, digests } = opened.body ?? {};
  if (opened.type !== SLICE_SEAL_TYPE) throw new EnvelopeError('malformed', `an envelope of type "${opened.type}", not a slice seal`);
  if (typeof slice !== 'string' || slice.length !== SLICE_ID_LENGTH || typeof digests !== 'string') throw new EnvelopeError('malformed', 'not a slice seal body');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(digests);
  } catch {
    throw new EnvelopeError('malformed', 'slice seal digests are not base64url');
  }
  const count = bytes.length / DIGEST_BYTES;
  if (!Number.isInteger(count) || count > MAX_SEAL_DIGESTS) throw new EnvelopeError('malformed', `slice seal lists ${bytes.length} bytes of digests`);
  const set = new Set<string>();
  for (let at = 0; at < bytes.length; at += DIGEST_BYTES) set.add(toBase64Url(bytes.subarray(at, at + DIGEST_BYTES)));
  return { from: opened.from, slice, env, count, digests: set };
}

/**
 * The digests each author vouched for in the seals of one batch: `vouched` is the envelope
 * check's hook (envelope.ts), true only for bytes whose digest a seal of their claimed author lists.
 */
export class SealVouchers {
  readonly #byAuthor = new Map<string, Set<string>>();

  add(from: string, digests: ReadonlySet<string>): void {
    const held = this.#byAuthor.get(from);
    if (held) for (const each of digests) held.add(each);
    else this.#byAuthor.set(from, new Set(digests));
  }

  get size(): number {
    return this.#byAuthor.size;
  }

  readonly vouched = async (from: string, bytes: Uint8Array): Promise<boolean> => {
    const digests = this.#byAuthor.get(from);
    return digests !== undefined && digests.has(toBase64Url(await envelopeDigest(bytes)));
  };
}
