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

export interface VerifyBatch {
  readonly ns: string;
  readonly room: string;
  readonly envs: readonly string[];
  /** Armored public keys by the fingerprint they claim; a key is used only if it is that key. */
  readonly keys: Readonly<Record<string, string>>;
}

/** Per envelope, in order: the message, or why it was refused. */
export type VerifyOutcome = { readonly message: ChatMessage } | { readonly code: ChatErrorCode; readonly reason: string };

/** What the page posts to the verify worker, and what comes back (verify-worker.ts). */
export type VerifyRequest = VerifyBatch & { readonly id: number };
export interface VerifyResponse {
  readonly id: number;
  readonly outcomes: readonly VerifyOutcome[];
}

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

interface PooledWorker {
  readonly worker: Worker;
  readonly pending: Map<number, (outcomes: readonly VerifyOutcome[]) => void>;
}

let pool: PooledWorker[] | undefined;
let poolBroken = false;
let nextRequest = 1;
let turn = 0;

function startPool(): PooledWorker[] {
  if (pool) return pool;
  pool = [];
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return pool;
  const size = Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));
  for (let i = 0; i < size; i++) {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: 'peerkit-chat-verify' });
    } catch {
      break;
    }
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.addEventListener('message', ({ data }: MessageEvent<VerifyResponse>) => {
      const settle = pooled.pending.get(data.id);
      pooled.pending.delete(data.id);
      settle?.(data.outcomes);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      poolBroken = true;
      console.warn(`peerkit: chat verification worker failed (${event.message || 'could not start'}); verifying on the main thread`);
      for (const settle of pooled.pending.values()) settle([]);
      pooled.pending.clear();
    });
    pool.push(pooled);
  }
  return pool;
}

function verifyInWorker(pooled: PooledWorker, batch: VerifyBatch): Promise<VerifyOutcome[]> {
  const id = nextRequest++;
  return new Promise<readonly VerifyOutcome[]>((resolve) => {
    pooled.pending.set(id, resolve);
    pooled.worker.postMessage({ ...batch, id } satisfies VerifyRequest);
    // A failed worker settles with nothing: verify here instead.
  }).then((outcomes) => (outcomes.length === batch.envs.length ? [...outcomes] : verifyChatBatchHere(batch)));
}

/** Verifies a batch, spread over the worker pool when there is one and the batch is big enough. */
export async function verifyChatBatch(batch: VerifyBatch): Promise<VerifyOutcome[]> {
  const workers = batch.envs.length >= WORKER_MIN_BATCH && !poolBroken ? startPool() : [];
  if (workers.length === 0) return verifyChatBatchHere(batch);
  const share = Math.ceil(batch.envs.length / workers.length);
  const parts: Promise<VerifyOutcome[]>[] = [];
  for (let at = 0; at < batch.envs.length; at += share) {
    const pooled = workers[turn++ % workers.length]!;
    parts.push(verifyInWorker(pooled, { ...batch, envs: batch.envs.slice(at, at + share) }));
  }
  return (await Promise.all(parts)).flat();
}
