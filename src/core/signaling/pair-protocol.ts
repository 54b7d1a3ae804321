/**
 * The pair protocol (pair mode, DESIGN.md): a client asks the server to pair it with a stranger
 * in a namespace. One request, one reply; the CONNECT that waits for a partner is held by the
 * server for up to ~15 s. Over WebSocket these are frames, over HTTP `POST /link` bodies: both
 * implement `PairTransport`, so pair mode works where WebSockets are blocked.
 */
import { serverName } from '../envelope/join-proof.js';
import { serverEndpoint } from './server-url.js';
import { SignalingError } from './transport.js';

/** `proof`: a pair proof (join-proof.ts `sealPairProof`) for this server, by the key `id` names. */
export type PairRequest =
  | { readonly type: 'CONNECT'; readonly ns: string; readonly id: string; readonly signal: string; readonly proof: string; readonly nonce?: string }
  | { readonly type: 'BOUNCE'; readonly ns: string; readonly id: string; readonly signal: string; readonly proof: string; readonly nonce: string };

export type PairReply =
  /** You are second: answer this offer, then CONNECT again with the nonce and your answer. */
  | { readonly type: 'DEMOTE'; readonly nonce: string; readonly signal: string }
  /** You are first: this is your partner's answer to your offer. */
  | { readonly type: 'ANSWER'; readonly signal: string }
  /** Your answer went to the partner. */
  | { readonly type: 'DELIVERED' };

/** The server's numeric refusals (`SignalingError.code`). */
export const PairErrorCode = {
  NoPeer: 299,
  NoPeerInNamespace: 298,
  RateLimited: 297,
  BadParameter: 499,
  /** The reply was not a pair reply at all: a broken or hostile server. */
  BadReply: 502,
} as const;

export interface PairTransport {
  /** The name pair proofs give this server (join-proof.ts `serverName`). */
  readonly server: string;
  /** Resolves with the server's reply, or rejects with a `SignalingError` carrying its code. */
  pair(request: PairRequest, options?: { readonly signal?: AbortSignal }): Promise<PairReply>;
}

const MAX_FIELD = 64 * 1024;

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD) throw new SignalingError(PairErrorCode.BadReply, `pair reply without a valid "${name}"`);
  return value;
}

/** Checks what a server sent back; anything but a well-formed reply is a `BadReply` error. */
export function parsePairReply(value: unknown): PairReply {
  if (typeof value !== 'object' || value === null) throw new SignalingError(PairErrorCode.BadReply, 'pair reply is not an object');
  const reply = value as Record<string, unknown>;
  switch (reply.type) {
    case 'DEMOTE':
      return { type: 'DEMOTE', nonce: text(reply.nonce, 'nonce'), signal: text(reply.signal, 'signal') };
    case 'ANSWER':
      return { type: 'ANSWER', signal: text(reply.signal, 'signal') };
    case 'DELIVERED':
      return { type: 'DELIVERED' };
    case 'error':
      throw new SignalingError(Number.isInteger(reply.code) ? (reply.code as number) : PairErrorCode.BadReply, String(reply.message).slice(0, 200));
    default:
      throw new SignalingError(PairErrorCode.BadReply, `unknown pair reply type ${JSON.stringify(reply.type)?.slice(0, 40)}`);
  }
}

export interface HttpPairTransportOptions {
  /** A fetch implementation where there is no global one, or to add headers. */
  readonly fetch?: typeof fetch;
}

/** The pair protocol over plain HTTP: `POST <url>/link`, for networks that block WebSockets. */
export class HttpPairTransport implements PairTransport {
  readonly server: string;
  readonly #endpoint: string;
  readonly #fetch: typeof fetch;

  constructor(url: string, options: HttpPairTransportOptions = {}) {
    this.#endpoint = serverEndpoint(url, 'link');
    this.server = serverName(this.#endpoint);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async pair(request: PairRequest, options: { readonly signal?: AbortSignal } = {}): Promise<PairReply> {
    let response: Response;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new SignalingError(503, `pair request failed (${(error as Error).message})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new SignalingError(response.ok ? PairErrorCode.BadReply : response.status, `HTTP ${response.status} without a JSON body`);
    }
    if (!response.ok && (body as { type?: unknown } | null)?.type !== 'error') throw new SignalingError(response.status, `HTTP ${response.status}`);
    return parsePairReply(body);
  }
}
