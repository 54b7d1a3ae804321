/**
 * Verifying many chat messages at once (a history sync). Each check is an Ed25519 signature
 * verification, which Chromium's WebCrypto runs on the calling thread (~0.2 ms each here), plus
 * inflating and parsing: 10,000 messages are seconds of work. Batches are spread over a pool of
 * Web Workers, one per core, so they run in parallel and off the page's main thread; where no
 * worker can start (Node, a CSP without worker-src), they run here, with the same results.
 *
 * Workers know only the keys sent with the batch. A message whose author is not among them comes
 * back `unknown-signer`, and the caller retries it with its own key sources.
 */
import { ChatError, openChatMessage, type ChatErrorCode, type ChatMessage } from './message.js';
import { readPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { BoundedMap } from '../util/bounded-map.js';
import { WorkerRpc } from '../platform/worker-rpc.js';

export interface VerifyBatch {
  readonly ns: string;
  readonly room: string;
  readonly envs: readonly string[];
  /** Armored public keys by the fingerprint they claim; a key is used only if it is that key. */
  readonly keys: Readonly<Record<string, string>>;
}

/** Per envelope, in order: the message, or why it was refused. */
export type VerifyOutcome = { readonly message: ChatMessage } | { readonly code: ChatErrorCode; readonly reason: string };

/** Below this many envelopes a batch is verified here: a worker round trip would cost more. */
const WORKER_MIN_BATCH = 16;
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

/** Verifies on this thread. Trust policy is not applied: that is the caller's, after. */
export async function verifyChatBatchHere({ ns, room, envs, keys }: VerifyBatch): Promise<VerifyOutcome[]> {
  const directory = {
    find: (fingerprint: string) => keyClaimedBy(fingerprint, Object.hasOwn(keys, fingerprint) ? keys[fingerprint] : undefined),
    admit: () => Promise.resolve(undefined),
  };
  const results = await Promise.allSettled(envs.map((env) => openChatMessage(env, { ns, room, keys: directory })));
  return results.map((result) => {
    if (result.status === 'fulfilled') return { message: result.value };
    const error = result.reason as Error;
    return { code: error instanceof ChatError ? error.code : 'malformed', reason: error.message };
  });
}

/**
 * The pool, started by the first batch large enough to need it. No timeout: a batch's time grows
 * with its size, and a worker that fails is caught by its error event (its calls then run here).
 */
let pool: WorkerRpc<VerifyBatch, VerifyOutcome[]> | undefined;

function verifyPool(): WorkerRpc<VerifyBatch, VerifyOutcome[]> {
  pool ??= new WorkerRpc({
    name: 'chat verification',
    start: () => new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: 'peerkit-chat-verify' }),
    poolSize: Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2)),
    local: verifyChatBatchHere,
  });
  return pool;
}

/** Verifies a batch, spread over the worker pool when there is one and the batch is big enough. */
export async function verifyChatBatch(batch: VerifyBatch): Promise<VerifyOutcome[]> {
  const workers = batch.envs.length >= WORKER_MIN_BATCH ? verifyPool() : undefined;
  if (!workers || workers.poolSize === 0) return verifyChatBatchHere(batch);
  const share = Math.ceil(batch.envs.length / workers.poolSize);
  const parts: Promise<VerifyOutcome[]>[] = [];
  for (let at = 0; at < batch.envs.length; at += share) {
    const part = { ...batch, envs: batch.envs.slice(at, at + share) };
    // An answer that does not match its part is not used: the part is verified here instead.
    parts.push(workers.call(part).then((outcomes) => (outcomes.length === part.envs.length ? outcomes : verifyChatBatchHere(part))));
  }
  return (await Promise.all(parts)).flat();
}
