/**
 * The pair protocol's client side on a WebSocket (WebSocketTransport composes it): requests wait
 * for the socket to be open, go once each with a `ref` the server echoes, and are settled by the
 * reply carrying that ref. The server holds at most one request per connection (a new one
 * replaces a waiting one) and forgets them with the socket, so a lost socket fails them all.
 */
import { parsePairReply, type PairReply, type PairRequest } from './pair-protocol.js';
import { SignalingError } from './transport.js';

/** Puts a frame on the socket if it is open; false (nothing sent) otherwise. */
export type SendIfOpen = (frame: string) => boolean;

interface PendingPair {
  readonly frame: string;
  sent: boolean;
  resolve(reply: PairReply): void;
  reject(error: Error): void;
}

export class PairRequests {
  /** By ref: the server answers each once, echoing the ref. */
  readonly #pending = new Map<string, PendingPair>();
  readonly #send: SendIfOpen;
  #nextRef = 1;

  constructor(send: SendIfOpen) {
    this.#send = send;
  }

  /** Sends `request` now if the socket is open, else once it is (`sendWaiting`). Aborting withdraws it, so the server pairs no one with it. */
  request(request: PairRequest, options: { readonly signal?: AbortSignal } = {}): Promise<PairReply> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    const ref = `pair-${this.#nextRef++}`;
    const reply = new Promise<PairReply>((resolve, reject) => {
      const abort = () => {
        if (!this.#pending.delete(ref)) return;
        this.#send(JSON.stringify({ type: 'CANCEL' }));
        reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => signal?.removeEventListener('abort', abort);
      this.#pending.set(ref, {
        frame: JSON.stringify({ ...request, ref }),
        sent: false,
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
    });
    this.sendWaiting();
    return reply;
  }

  /** A reply (DEMOTE, ANSWER, DELIVERED or an error) from the server; false when its ref names no waiting request. */
  replied(frame: Readonly<Record<string, unknown>>): boolean {
    const pending = typeof frame.ref === 'string' ? this.#pending.get(frame.ref) : undefined;
    if (!pending) return false;
    this.#pending.delete(frame.ref as string);
    try {
      pending.resolve(parsePairReply(frame));
    } catch (error) {
      pending.reject(error as Error);
    }
    return true;
  }

  /** Sends what has not gone yet, in the order asked (the socket is open now). */
  sendWaiting(): void {
    for (const pending of this.#pending.values()) {
      if (pending.sent) continue;
      if (!this.#send(pending.frame)) return;
      pending.sent = true;
    }
  }

  /** Fails every request (the socket or the transport is gone: the server forgot them too). */
  failAll(reason: string): void {
    for (const pending of this.#pending.values()) pending.reject(new SignalingError(503, reason));
    this.#pending.clear();
  }
}
