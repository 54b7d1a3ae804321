/**
 * Where key operations run: in a module Web Worker when the page can start one (so creating a
 * key never stalls the UI), otherwise — in Node, where workers are blocked, or once the worker
 * failed — in this thread (platform/worker-rpc.ts).
 */
import { WorkerRpc, type RemoteError } from '../platform/worker-rpc.js';
import { KeyToolsError, runKeyToolsCall, type KeyToolsApi, type KeyToolsCall, type KeyToolsErrorCode } from './key-tools.js';

/** A refusal from the worker as the KeyToolsError it was (identity.ts maps those to its own codes). */
function reviveKeyToolsError({ name, code, message }: RemoteError): Error {
  return name === 'KeyToolsError' && code !== undefined ? new KeyToolsError(code as KeyToolsErrorCode, message) : new Error(message);
}

/**
 * A key operation may take seconds (kbpgp loads and gathers entropy first); one that has not
 * answered in a minute never will, and the caller is told instead of waiting forever.
 */
const KEY_TOOLS_TIMEOUT_MS = 60_000;

let rpc: WorkerRpc<KeyToolsCall, unknown> | undefined;

function keyToolsRpc(): WorkerRpc<KeyToolsCall, unknown> {
  rpc ??= new WorkerRpc({
    name: 'key',
    start: () => new Worker(new URL('./key-tools-worker.ts', import.meta.url), { type: 'module', name: 'peerkit-key-tools' }),
    local: runKeyToolsCall,
    timeoutMs: KEY_TOOLS_TIMEOUT_MS,
    reviveError: reviveKeyToolsError,
  });
  return rpc;
}

/** Each operation's answer is what runKeyToolsCall resolves to for it, in the worker or here. */
const tools: KeyToolsApi = {
  warm: () => keyToolsRpc().call({ op: 'warm', args: [] }) as Promise<void>,
  reexport: (...args) => keyToolsRpc().call({ op: 'reexport', args }) as ReturnType<KeyToolsApi['reexport']>,
};

export function keyTools(): KeyToolsApi {
  keyToolsRpc();
  return tools;
}

/** Where kbpgp runs: 'worker' on pages that can start one, until that worker fails. */
export function keyToolsLocation(): 'worker' | 'this thread' {
  return keyToolsRpc().location;
}

/** Loads kbpgp and fills its strong RNG's entropy pool while the page is idle. Idempotent. */
let warming: Promise<void> | undefined;
export function prewarmKeyTools(): Promise<void> {
  warming ??= idle().then(() => keyTools().warm());
  return warming;
}

function idle(): Promise<void> {
  const requestIdle = (globalThis as { requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  return new Promise((resolve) => {
    if (requestIdle) requestIdle(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}
