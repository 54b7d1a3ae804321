/**
 * Calls into a module Web Worker, or a small pool of them, as promises: work that would stall the
 * page (kbpgp key generation, verifying a history's signatures) runs off its main thread.
 *
 * Where no worker can start (Node, a CSP without worker-src) calls run on this thread through
 * `local`, with the same results. A worker that fails later (a load error, an error it did not
 * catch, a message the page cannot read) turns the RPC local for good: the pool is terminated and
 * the calls in flight run again through `local`. Without `local` they reject with a WorkerRpcError
 * instead. A call not answered within `timeoutMs` rejects with a WorkerRpcError and is not run
 * again (what hung there would likely hang here too); the worker keeps serving the other calls.
 * After `terminate()` every call rejects.
 *
 * The worker's side is `serveWorkerRpc(handler)` in its entry file.
 */

export type WorkerRpcErrorCode =
  /** The worker could not start or failed, and there is no `local` to run the call. */
  | 'worker-failed'
  /** The worker did not answer within the time allowed. */
  | 'timeout'
  /** `terminate()` was called: the call was pending then, or came after. */
  | 'terminated'
  /** The worker's handler threw (an error `reviveError` did not turn back into its own kind). */
  | 'remote';

export class WorkerRpcError extends Error {
  override readonly name = 'WorkerRpcError';
  constructor(
    readonly code: WorkerRpcErrorCode,
    message: string,
    /** For `remote`: the `code` the worker's error carried, if any. */
    readonly remoteCode?: string,
  ) {
    super(message);
  }
}

/** An error as it crosses from the worker: structured cloning keeps no class, so its parts. */
export interface RemoteError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

export interface RpcRequestMessage<Request> {
  readonly id: number;
  readonly request: Request;
}

export type RpcResponseMessage<Response> = { readonly id: number; readonly ok: true; readonly value: Response } | { readonly id: number; readonly ok: false; readonly error: RemoteError };

export interface WorkerRpcOptions<Request, Response> {
  /** What the worker does, for the warning when it fails ("chat verification"). */
  readonly name: string;
  /**
   * Starts worker number `index` of the pool. Write it at the call site as
   * `new Worker(new URL('./x-worker.ts', import.meta.url), { type: 'module' })`: bundlers find the
   * worker's entry by that very expression.
   */
  readonly start: (index: number) => Worker;
  /** Workers in the pool (default 1); calls take turns. */
  readonly poolSize?: number;
  /** Runs a call on this thread: where no worker starts, and once one failed. */
  readonly local?: (request: Request) => Promise<Response>;
  /** How long a call may wait for its worker's answer, ms (default: no limit). */
  readonly timeoutMs?: number;
  /** Turns a worker's error back into the caller's own error type (default: WorkerRpcError `remote`). */
  readonly reviveError?: (error: RemoteError) => Error;
}

interface PendingCall<Request, Response> {
  readonly request: Request;
  resolve(value: Response): void;
  reject(error: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Workers start only on a page: Node has no `Worker`, and code already in a worker has no `window`. */
function canStartWorkers(): boolean {
  return typeof Worker !== 'undefined' && typeof window !== 'undefined';
}

export class WorkerRpc<Request, Response> {
  readonly #options: WorkerRpcOptions<Request, Response>;
  #workers: Worker[] = [];
  readonly #pending = new Map<number, PendingCall<Request, Response>>();
  #nextId = 1;
  #turn = 0;
  /** Why calls no longer go to a worker, once they do not. */
  #failure: WorkerRpcError | undefined;
  #terminated = false;

  /** Starts the pool at once (where workers can start). */
  constructor(options: WorkerRpcOptions<Request, Response>) {
    this.#options = options;
    if (!canStartWorkers()) {
      this.#failure = new WorkerRpcError('worker-failed', `no ${options.name} worker can start here`);
      return;
    }
    const size = options.poolSize ?? 1;
    for (let index = 0; index < size; index++) {
      let worker: Worker;
      try {
        worker = options.start(index);
      } catch (error) {
        // A CSP without worker-src may refuse at once: run here, as where there are no workers.
        if (this.#workers.length === 0) this.#failure = new WorkerRpcError('worker-failed', `${options.name} worker could not start (${(error as Error).message})`);
        break;
      }
      worker.addEventListener('message', (event: MessageEvent<RpcResponseMessage<Response>>) => this.#answered(event.data));
      worker.addEventListener('error', (event) => {
        // Handled here: the page's console and error handlers need not see it as uncaught.
        event.preventDefault();
        this.#fail(new WorkerRpcError('worker-failed', `${options.name} worker failed (${event.message || 'could not start'})`));
      });
      worker.addEventListener('messageerror', () => this.#fail(new WorkerRpcError('worker-failed', `${options.name} worker sent an answer this page cannot read`)));
      this.#workers.push(worker);
    }
  }

  /** Where calls run now. */
  get location(): 'worker' | 'this thread' {
    return this.#workers.length > 0 ? 'worker' : 'this thread';
  }

  /** Workers taking calls: 0 where calls run on this thread. */
  get poolSize(): number {
    return this.#workers.length;
  }

  /** Calls sent to a worker and not answered yet. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Runs `request` in the next worker of the pool (or here, see above). `timeoutMs` overrides the default for this call. */
  call(request: Request, options: { readonly timeoutMs?: number } = {}): Promise<Response> {
    if (this.#terminated) return Promise.reject(new WorkerRpcError('terminated', `the ${this.#options.name} workers were terminated`));
    const worker = this.#workers[this.#turn++ % this.#workers.length];
    if (!worker) return this.#runHere(request, this.#failure!);
    const id = this.#nextId++;
    return new Promise<Response>((resolve, reject) => {
      const call: PendingCall<Request, Response> = { request, resolve, reject };
      const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
      if (timeoutMs !== undefined) {
        call.timer = setTimeout(() => {
          this.#pending.delete(id);
          reject(new WorkerRpcError('timeout', `the ${this.#options.name} worker did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.#pending.set(id, call);
      try {
        worker.postMessage({ id, request } satisfies RpcRequestMessage<Request>);
      } catch (error) {
        // A request that cannot be cloned (DataCloneError) is this caller's error, not the worker's.
        this.#pending.delete(id);
        clearTimeout(call.timer);
        reject(error);
      }
    });
  }

  /** Stops the workers; calls pending and later ones reject with WorkerRpcError `terminated`. */
  terminate(): void {
    if (this.#terminated) return;
    this.#terminated = true;
    for (const worker of this.#workers.splice(0)) worker.terminate();
    const error = new WorkerRpcError('terminated', `the ${this.#options.name} workers were terminated`);
    for (const call of this.#takePending()) call.reject(error);
  }

  #answered(data: RpcResponseMessage<Response>): void {
    const call = this.#pending.get(data?.id);
    if (!call) return;
    this.#pending.delete(data.id);
    clearTimeout(call.timer);
    if (data.ok) call.resolve(data.value);
    else call.reject(this.#options.reviveError?.(data.error) ?? new WorkerRpcError('remote', data.error.message, data.error.code));
  }

  #fail(failure: WorkerRpcError): void {
    if (this.#workers.length === 0) return;
    this.#failure = failure;
    console.warn(`peerkit: ${failure.message}; ${this.#options.local ? 'running it on this thread from now on' : 'its calls fail'}`);
    for (const worker of this.#workers.splice(0)) worker.terminate();
    for (const call of this.#takePending()) this.#runHere(call.request, failure).then(call.resolve, call.reject);
  }

  #takePending(): PendingCall<Request, Response>[] {
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) clearTimeout(call.timer);
    return calls;
  }

  #runHere(request: Request, failure: WorkerRpcError): Promise<Response> {
    const { local } = this.#options;
    if (!local) return Promise.reject(new WorkerRpcError(failure.code, failure.message));
    try {
      return local(request);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The worker's side: answers each call with what `handler` resolves to, or the error it throws. */
export function serveWorkerRpc<Request, Response>(handler: (request: Request) => Promise<Response> | Response): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<RpcRequestMessage<Request>>) => void) | null;
    postMessage(message: RpcResponseMessage<Response>): void;
  };
  scope.onmessage = async ({ data: { id, request } }) => {
    try {
      scope.postMessage({ id, ok: true, value: await handler(request) });
    } catch (error) {
      scope.postMessage({ id, ok: false, error: remoteErrorOf(error) });
    }
  };
}

function remoteErrorOf(error: unknown): RemoteError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code } = error as { code?: unknown };
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
