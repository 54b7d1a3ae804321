/**
 * Why the server's WebSocket did not open. A browser tells a page nothing about a failed
 * WebSocket (the same `close` 1006 for a 404, a refused port and a TLS error), so after a socket
 * closes before opening, the same URL is asked over HTTP: an answer means something is there but
 * is no peerkit server at that path (its status, when the browser lets us read it), no answer
 * means nothing listens there. A socket that stays connecting is our own timeout to tell.
 */
import { SignalingError, type ConnectFailureCode } from './transport.js';

export interface ConnectFailure {
  readonly code: ConnectFailureCode;
  readonly message: string;
  /** `server-rejected`: the HTTP status the socket's URL answered with, when it could be read. */
  readonly status?: number;
}

/** The join (or pair request) could not reach the server; `code` and `status` say why. */
export class ConnectError extends SignalingError {
  constructor(readonly failure: ConnectFailure) {
    // SignalingError's code stays numeric (503: unavailable) for callers that only read numbers.
    super(503, failure.message);
  }
}

export function connectTimedOut(url: string, ms: number, opened: boolean): ConnectFailure {
  const what = opened ? 'opened a WebSocket but never greeted us (is it a peerkit server?)' : 'did not open a WebSocket';
  return { code: 'server-timeout', message: `${url} ${what} within ${ms} ms` };
}

/** Asks `socketUrl` over HTTP why a WebSocket to it closed before opening; never throws. */
export async function diagnoseClosedSocket(socketUrl: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<ConnectFailure> {
  const httpUrl = socketUrl.replace(/^ws/, 'http');
  const signal = AbortSignal.timeout(timeoutMs);
  const unreachable: ConnectFailure = { code: 'server-unreachable', message: `nothing answers at ${socketUrl} (connection refused, unknown host, or TLS failed)` };
  try {
    const response = await fetchImpl(httpUrl, { cache: 'no-store', signal });
    void response.body?.cancel().catch(() => undefined);
    return rejected(socketUrl, response.status);
  } catch {
    if (signal.aborted) return connectTimedOut(socketUrl, timeoutMs, false);
  }
  // A cross-origin server without CORS headers fails a readable request even though it answered;
  // an opaque one still tells an answer from no answer.
  try {
    await fetchImpl(httpUrl, { mode: 'no-cors', cache: 'no-store', signal });
    return rejected(socketUrl, undefined);
  } catch {
    return signal.aborted ? connectTimedOut(socketUrl, timeoutMs, false) : unreachable;
  }
}

function rejected(socketUrl: string, status: number | undefined): ConnectFailure {
  const answer = status === undefined ? 'an HTTP answer (status hidden by the browser)' : `HTTP ${status}`;
  return { code: 'server-rejected', message: `${socketUrl} is not a peerkit server's WebSocket: it answers ${answer}`, ...(status === undefined ? {} : { status }) };
}

export interface ConnectionWatchOptions {
  /** The socket's URL. */
  readonly url: string;
  /** An attempt not greeted by the server within this long is abandoned and reported at once. */
  readonly timeoutMs: number;
  /** Attempts closed before the greeting, in a row, before the cause is looked up and reported. */
  readonly reportAfter: number;
  readonly fetch: typeof fetch | undefined;
  /** Called once per outage (until a greeting), with the cause. */
  readonly report: (failure: ConnectFailure) => void;
}

/**
 * Watches a transport's connection attempts: times each one out, counts those that fail before the
 * server's greeting, and reports the cause once per outage after a few quick retries — one failed
 * attempt is a blip (a server restarting), several in a row are something the user must see.
 */
export class ConnectionWatch {
  readonly #options: ConnectionWatchOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #reported = false;
  #timedOut = false;
  #opened = false;
  /** Bumped by every greeting and by stop(): a lookup that finds it changed has nothing to report. */
  #generation = 0;

  constructor(options: ConnectionWatchOptions) {
    this.#options = options;
  }

  /** A new attempt started; `abandon` closes its socket when it takes too long. */
  attempt(abandon: () => void): void {
    clearTimeout(this.#timer);
    this.#timedOut = false;
    this.#opened = false;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      abandon();
    }, this.#options.timeoutMs);
  }

  /** The socket opened (the upgrade worked); the server's greeting is still to come. */
  opened(): void {
    this.#opened = true;
  }

  /** The server greeted us: the outage, if any, is over. */
  greeted(): void {
    clearTimeout(this.#timer);
    this.#failures = 0;
    this.#reported = false;
    this.#generation++;
  }

  /** The attempt's socket closed before the greeting (or could not be made: `unusable`). */
  failed(unusable?: Error): void {
    clearTimeout(this.#timer);
    this.#failures++;
    if (this.#reported) return;
    const { url, timeoutMs } = this.#options;
    if (unusable) return this.#report({ code: 'server-unreachable', message: `cannot open a WebSocket to ${url} (${unusable.message})` });
    if (this.#timedOut) return this.#report(connectTimedOut(url, timeoutMs, this.#opened));
    if (this.#failures < this.#options.reportAfter) return;
    this.#reported = true;
    const generation = this.#generation;
    const fetchImpl = this.#options.fetch;
    const cause: Promise<ConnectFailure> = fetchImpl
      ? diagnoseClosedSocket(url, fetchImpl, timeoutMs)
      : Promise.resolve({ code: 'server-unreachable', message: `the WebSocket to ${url} closed before opening` });
    void cause.then((failure) => {
      if (generation === this.#generation) this.#options.report(failure);
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#generation++;
  }

  #report(failure: ConnectFailure): void {
    this.#reported = true;
    this.#options.report(failure);
  }
}
