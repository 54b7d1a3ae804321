/**
 * Verifying many chat messages at once (a history sync). Each check is an Ed25519 signature
 * verification, which Chromium's WebCrypto runs on the calling thread (~0.1 ms each here), plus
 * inflating and parsing; an envelope listed in a slice seal of its author sent with the batch is
 * hashed instead of verified (slice-seal.ts: ~0.04 ms all told, against ~0.09). Batches go to a
 * pool of Web Workers, one per core, so they run in parallel and off the page's main thread; where
 * no worker can start (Node, a CSP without worker-src), they run here, with the same results.
 *
 * Workers know only the keys sent with the batch. A message whose author is not among them comes
 * back `unknown-signer`, and the caller retries it with its own key sources.
 */
import { ChatError, openChatMessage, type ChatErrorCode, type ChatMessage } from './message.js';
import { EnvelopeError } from '../envelope/envelope.js';
import { openSliceSeal, SealVouchers, type VerifiedSeal } from './slice-seal.js';
import { readPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { BoundedMap } from '../util/bounded-map.js';
import { WorkerRpc } from '../platform/worker-rpc.js';

export interface VerifyBatch {
  readonly ns: string;
  readonly room: string;
  readonly envs: readonly string[];
  /** Armored public keys by the fingerprint they claim; a key is used only if it is that key. */
  readonly keys: Readonly<Record<string, string>>;
  /** Slice seals sent with the envelopes: an envelope one of them lists is hashed, not verified. */
  readonly seals?: readonly string[];
}

/** Per envelope, in order: the message, or why it was refused. */
export type VerifyOutcome = { readonly message: ChatMessage } | { readonly code: ChatErrorCode; readonly reason: string };

export interface VerifiedBatch {
  readonly outcomes: VerifyOutcome[];
  /** The batch's seals that verified (worth keeping and passing on). */
  readonly seals: VerifiedSeal[];
  /** Why the others were refused (a seal whose author's key was not sent is neither). */
  readonly refusedSeals: { readonly code: ChatErrorCode; readonly reason: string }[];
}

/** Below this many envelopes a batch is verified here: a worker round trip would cost more. */
const WORKER_MIN_BATCH = 16;
/** Seals one batch may carry: each costs a signature check, as an envelope does. */
export const MAX_SEALS_PER_BATCH = 64;
const parsedKeys = new BoundedMap<string, Promise<PublicKeyInfo | undefined>>(1024);

/** The armored key parsed (once; bounded cache), if it is the key of `fingerprint`. */
export function keyClaimedBy(fingerprint: string, armored: string | undefined): Promise<PublicKeyInfo | undefined> {
  if (armored === undefined) return Promise.resolve(undefined);
  const cacheKey = `${fingerprint}\n${armored}`;
  let parsed = parsedKeys.get(cacheKey);
  if (!parsed) {
    parsed = readPublicKey(armored).then(
      (key) => (key.fingerprint === fingerprint ? key : undefined),
      () => undefined,
    );
    parsedKeys.set(cacheKey, parsed);
  }
  return parsed;
}

function refusal(error: Error): { code: ChatErrorCode; reason: string } {
  return { code: error instanceof ChatError || error instanceof EnvelopeError ? error.code : 'malformed', reason: error.message };
}

/** Verifies on this thread: the seals first, then each envelope. Trust policy is not applied: that is the caller's, after. */
export async function verifyChatBatchHere({ ns, room, envs, keys, seals = [] }: VerifyBatch): Promise<VerifiedBatch> {
  const directory = {
    find: (fingerprint: string) => keyClaimedBy(fingerprint, Object.hasOwn(keys, fingerprint) ? keys[fingerprint] : undefined),
    admit: () => Promise.resolve(undefined),
  };
  const vouchers = new SealVouchers();
  const verified: VerifiedSeal[] = [];
  const refusedSeals: VerifiedBatch['refusedSeals'] = [];
  for (const result of await Promise.allSettled(seals.slice(0, MAX_SEALS_PER_BATCH).map((env) => openSliceSeal(env, { ns, room, keys: directory })))) {
    if (result.status === 'fulfilled') {
      const { digests, ...seal } = result.value;
      vouchers.add(seal.from, digests);
      verified.push(seal);
    } else if (!(result.reason instanceof EnvelopeError && result.reason.code === 'unknown-signer')) refusedSeals.push(refusal(result.reason as Error));
  }
  const vouched = vouchers.size ? { vouched: vouchers.vouched } : {};
  const results = await Promise.allSettled(envs.map((env) => openChatMessage(env, { ns, room, keys: directory, ...vouched })));
  const outcomes = results.map((result): VerifyOutcome => (result.status === 'fulfilled' ? { message: result.value } : refusal(result.reason as Error)));
  return { outcomes, seals: verified, refusedSeals };
}

/**
 * The pool, started by the first batch large enough to need it. No timeout: a batch's time grows
 * with its size, and a worker that fails is caught by its error event (its calls then run here).
 */
let pool: WorkerRpc<VerifyBatch, VerifiedBatch> | undefined;

function verifyPool(): WorkerRpc<VerifyBatch, VerifiedBatch> {
  pool ??= new WorkerRpc({
    name: 'chat verification',
    start: () => new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: 'peerkit-chat-verify' }),
    poolSize: Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2)),
    local: verifyChatBatchHere,
  });
  return pool;
}

/**
 * Verifies a batch, spread over the worker pool when there is one and the batch is big enough.
 * Each part checks the batch's seals itself (a few signatures, against a hundred envelopes); the
 * seals' verdicts are the first part's.
 */
export async function verifyChatBatch(batch: VerifyBatch): Promise<VerifiedBatch> {
  const workers = batch.envs.length >= WORKER_MIN_BATCH ? verifyPool() : undefined;
  if (!workers || workers.poolSize === 0) return verifyChatBatchHere(batch);
  // Split only over idle workers: while frames keep coming (a sync), whole batches keep every
  // worker busy with half the messages and seal checks that splitting each batch would cost.
  const share = Math.ceil(batch.envs.length / Math.max(1, workers.poolSize - workers.pending));
  const parts: Promise<VerifiedBatch>[] = [];
  for (let at = 0; at < batch.envs.length; at += share) {
    const part = { ...batch, envs: batch.envs.slice(at, at + share) };
    // An answer that does not match its part is not used: the part is verified here instead.
    parts.push(workers.call(part).then((answer) => (answer.outcomes?.length === part.envs.length ? answer : verifyChatBatchHere(part))));
  }
  const answers = await Promise.all(parts);
  return { outcomes: answers.flatMap((answer) => answer.outcomes), seals: answers[0]!.seals, refusedSeals: answers[0]!.refusedSeals };
}
