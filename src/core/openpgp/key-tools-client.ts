/**
 * Where key operations run: in a module Web Worker when the page can start one (so creating a
 * key never stalls the UI), otherwise — in Node, or where workers are blocked — in this thread.
 */
import { KeyToolsError, localKeyTools, type KeyToolsApi, type KeyToolsErrorCode } from './key-tools.js';
import type { KeyToolsCall, KeyToolsResponse } from './key-tools-worker.js';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

let location: 'worker' | 'this thread' = 'this thread';

function startWorker(): KeyToolsApi | undefined {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./key-tools-worker.ts', import.meta.url), { type: 'module', name: 'peerkit-key-tools' });
  } catch {
    return undefined;
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken: Error | undefined;
  worker.addEventListener('message', ({ data }: MessageEvent<KeyToolsResponse>) => {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(data.code ? new KeyToolsError(data.code as KeyToolsErrorCode, data.message) : new Error(data.message));
  });
  worker.addEventListener('error', (event) => {
    // The worker could not load (e.g. a CSP without worker-src): settle everything, fall back.
    event.preventDefault();
    broken = new Error(`key worker failed: ${event.message || 'could not start'}`);
    location = 'this thread';
    console.warn(`peerkit: ${broken.message}; key operations now run on the main thread`);
    for (const call of pending.values()) call.reject(broken);
    pending.clear();
  });
  const call = <T>(request: KeyToolsCall): Promise<T> => {
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };
  const withFallback =
    <A extends unknown[], T>(remote: (...args: A) => Promise<T>, local: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> =>
      remote(...args).catch((error: Error) => (error === broken ? local(...args) : Promise.reject(error)));
  return {
    warm: withFallback(() => call<undefined>({ op: 'warm' }).then(() => undefined), localKeyTools.warm),
    generate: withFallback((args) => call({ op: 'generate', args }), localKeyTools.generate),
    reexport: withFallback((args) => call({ op: 'reexport', args }), localKeyTools.reexport),
  };
}

let tools: KeyToolsApi | undefined;

export function keyTools(): KeyToolsApi {
  if (!tools) {
    const worker = startWorker();
    location = worker ? 'worker' : 'this thread';
    tools = worker ?? localKeyTools;
  }
  return tools;
}

/** Where kbpgp runs: 'worker' on pages that can start one, until that worker fails. */
export function keyToolsLocation(): 'worker' | 'this thread' {
  keyTools();
  return location;
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
