/**
 * The pair protocol (README "The signaling server": CONNECT, DEMOTE, ANSWER, DELIVERED, BOUNCE,
 * CANCEL) as a Cloudflare Durable Object: one lobby per namespace, where strangers wait to be
 * paired. The Worker (worker.ts) sends every socket for `/pair/<ns>` here. The pairing itself is
 * the Node server's (server/pair-service.ts over an in-memory hub, which is what one object
 * holds): the same queue, limits, memory of who was paired, and answers.
 */
import { JoinProofError, verifyPairProof } from '../core/envelope/join-proof.js';
import { ReplayGuard } from '../core/envelope/replay-guard.js';
import { TokenBucket } from '../core/util/token-bucket.js';
import { ErrorCode, ProtocolError, type ErrorCodeValue } from '../server/errors.js';
import { parseClientFrame, parsePairRequest, refOfText, type ClientFrame, type PairFrame, type ServerFrame } from '../server/frames.js';
import { DEFAULT_LIMITS, type ServerLimits } from '../server/limits.js';
import { MemoryHub } from '../server/memory-hub.js';
import { Metrics } from '../server/metrics.js';
import { PairService, type HeldPairRequest } from '../server/pair-service.js';
import { clientAddress, type RoomObjectEnv } from './room-object.js';
import { closeOurEnd, publicServers } from './runtime.js';

/** One waiting (or about to wait) stranger's socket. */
class Stranger {
  readonly frames: TokenBucket;
  readonly errors: TokenBucket;
  held: HeldPairRequest | undefined;
  /** Counts requests and cancels: a request still being checked when superseded is dropped. */
  generation = 0;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly ip: string,
    limits: ServerLimits,
  ) {
    this.frames = new TokenBucket(limits.socketRate, limits.socketBurst);
    this.errors = new TokenBucket(limits.errorRate, limits.errorBurst);
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}

export class PairLobbyObject {
  readonly #limits: ServerLimits = DEFAULT_LIMITS;
  readonly #servers: ReadonlySet<string>;
  readonly #pairs = new PairService(new MemoryHub(), this.#limits, new Metrics());
  readonly #proofs = new ReplayGuard(this.#limits.maxProofNonces);
  #ns: string | undefined;

  constructor(_state: unknown, env: RoomObjectEnv) {
    this.#servers = publicServers(env.PUBLIC_URLS);
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/link' && request.method === 'POST') return this.#httpPair(request);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('a WebSocket endpoint', { status: 426 });
    this.#ns ??= decodeURIComponent(url.pathname.split('/')[2] ?? '');
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    server.accept();
    const stranger = new Stranger(server, clientAddress(request), this.#limits);
    server.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => this.#onMessage(stranger, event.data));
    const closed = () => {
      closeOurEnd(server);
      stranger.closed = true;
      stranger.held?.cancel();
    };
    server.addEventListener('close', closed);
    server.addEventListener('error', closed);
    // Pair proofs need no challenge (they are single-use by their nonce): the hello is the protocol's greeting.
    stranger.send({ type: 'hello', challenge: crypto.randomUUID().replace(/-/g, '') });
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * `POST /link`: one pair request as an HTTP body, answered when the pairing has an answer (a long
   * poll, as on the Node server): 200 with DEMOTE, ANSWER or DELIVERED, or the error's code as the
   * status. The Worker checked the body is JSON naming this namespace.
   */
  async #httpPair(request: Request): Promise<Response> {
    const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
    const error = (code: ErrorCodeValue, message: string) => reply(code, { type: 'error', code, message });
    let frame: PairFrame;
    try {
      frame = parsePairRequest(JSON.parse(await request.text()) as Record<string, unknown>, this.#limits.maxSignalBytes);
      this.#ns ??= frame.ns;
      await this.#checkProof(frame);
    } catch (failure) {
      return failure instanceof ProtocolError ? error(failure.code, failure.message) : error(ErrorCode.BadParameter, 'body is not a pair request');
    }
    return new Promise<Response>((resolve) => {
      void this.#pairs
        .handle(frame, clientAddress(request), (outcome) => resolve(outcome.type === 'error' ? error(outcome.code as ErrorCodeValue, outcome.message) : reply(200, outcome)))
        .then((held) => request.signal?.addEventListener('abort', () => held.cancel(), { once: true }));
    });
  }

  /** A pair request speaks for its `id` only with a fresh proof by that key, for this deployment, in this lobby's namespace. */
  async #checkProof(frame: PairFrame): Promise<void> {
    if (frame.ns !== this.#ns) throw new ProtocolError(ErrorCode.BadParameter, `this lobby is for namespace "${this.#ns}"`);
    if (frame.proof === undefined) throw new ProtocolError(ErrorCode.BadProof, 'a pair request needs a proof that you hold the key of its id (sealPairProof)');
    try {
      await verifyPairProof(frame.proof, { ns: frame.ns, id: frame.id, servers: this.#servers }, this.#proofs);
    } catch (error) {
      throw new ProtocolError(ErrorCode.BadProof, error instanceof JoinProofError ? error.message : 'proof refused');
    }
  }

  #refuse(stranger: Stranger, code: ErrorCodeValue, message: string, ref?: string): void {
    stranger.send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
    if (!stranger.errors.take()) stranger.socket.close(1008, 'too many invalid frames');
  }

  #onMessage(stranger: Stranger, data: string | ArrayBuffer): void {
    if (typeof data !== 'string') return this.#refuse(stranger, ErrorCode.BadFrame, 'pair requests are text frames');
    const size = new TextEncoder().encode(data).length;
    if (size > this.#limits.maxFrameBytes) return this.#refuse(stranger, ErrorCode.FrameTooLarge, `frame of ${size} bytes exceeds ${this.#limits.maxFrameBytes}`);
    if (!stranger.frames.take()) return this.#refuse(stranger, ErrorCode.RateLimited, 'rate limited: slow down');
    let frame: ClientFrame;
    try {
      frame = parseClientFrame(data, this.#limits.maxSignalBytes, this.#limits.maxDataBytes);
    } catch (error) {
      return this.#refuse(stranger, (error as ProtocolError).code ?? ErrorCode.BadFrame, (error as Error).message, refOfText(data));
    }
    this.#handle(stranger, frame).catch((error: unknown) => {
      if (error instanceof ProtocolError) this.#refuse(stranger, error.code, error.message, frame.ref);
      else this.#refuse(stranger, ErrorCode.Unavailable, 'the server could not handle this frame', frame.ref);
    });
  }

  async #handle(stranger: Stranger, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        return stranger.send({ type: 'pong' });
      case 'CANCEL':
        stranger.generation++;
        stranger.held?.cancel();
        stranger.held = undefined;
        return;
      case 'CONNECT':
      case 'BOUNCE':
        return this.#pair(stranger, frame);
      default:
        throw new ProtocolError(ErrorCode.BadFrame, 'this is a pairing lobby: rooms are at /rooms/<ns>/<room>');
    }
  }

  async #pair(stranger: Stranger, frame: Extract<ClientFrame, { type: 'CONNECT' | 'BOUNCE' }>): Promise<void> {
    stranger.held?.cancel();
    const generation = ++stranger.generation;
    await this.#checkProof(frame);
    if (stranger.closed || generation !== stranger.generation) return;
    const ref = frame.ref;
    const held = await this.#pairs.handle(frame, stranger.ip, (response) => stranger.send({ ...response, ...(ref ? { ref } : {}) }));
    if (stranger.closed || generation !== stranger.generation) held.cancel();
    else stranger.held = held;
  }
}
