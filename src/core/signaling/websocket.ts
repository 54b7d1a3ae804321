/**
 * Signaling through the peerkit server over WebSocket: join proofs, automatic reconnect with
 * backoff and jitter, re-joining every room after a reconnect (with fresh proofs for the new
 * challenge), keep-alive pings, and a bounded queue for envelopes sent while reconnecting.
 * It also speaks the pair protocol (pair mode, pair-requests.ts) on the same socket, and latency reports.
 */
import { parseLatencyReport, parseSuggestions, type LatencyReport } from './suggest.js';
import { sealJoinProof, serverName } from '../envelope/join-proof.js';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import { Backoff } from '../util/backoff.js';
import { BoundedMap } from '../util/bounded-map.js';
import { DEFAULT_ENVELOPE_LIMITS, type EnvelopeSigner } from '../envelope/envelope.js';
import { BinaryFrameError, BinaryKind, decodeBinarySignal, encodeBinarySignal, isWireName, MAX_NAME_BYTES } from './binary-frame.js';
import type { PairReply, PairRequest, PairTransport } from './pair-protocol.js';
import { PairRequests } from './pair-requests.js';
import { roomKeyOf, SignalingError, TransportBase, type RoomAddress, type SignalingTransport } from './transport.js';
import { ConnectError, ConnectionWatch, type ConnectFailure } from './connect-failure.js';
import { HeldEnvelopes } from './held-envelopes.js';
import { DataPacer, MAX_DATA_BYTES, readDataLimits } from './data-pacer.js';
import { serverEndpoint } from './server-url.js';

type ServerFrame = { type: string; [field: string]: unknown };

export interface WebSocketTransportOptions {
  /** Reconnect delays: doubling from `minMs` (default 250) to `maxMs` (default 10 s), each scaled 0.5–1.5× (util/backoff). */
  readonly reconnect?: { readonly minMs?: number; readonly maxMs?: number };
  /** Keep-alive ping interval; the server closes sockets idle for 120 s by default. */
  readonly pingMs?: number;
  /** Envelopes held while disconnected; older ones beyond it are dropped and reported. */
  readonly maxQueued?: number;
  /** How long a held envelope waits for its recipient to be back. */
  readonly holdMs?: number;
  /** How long a join may wait for the server's answer. */
  readonly joinTimeoutMs?: number;
  /** An attempt to connect not greeted by the server within this long is given up and reported (default 10 s). */
  readonly connectTimeoutMs?: number;
  /**
   * Attempts in a row that close before the server's greeting before the cause is reported (a
   * `transport-error` with a ConnectFailureCode) and joins waiting for the server fail (default 4:
   * about 2 s of quick retries, so a server restart is not reported). Retrying goes on regardless.
   */
  readonly reportAfterFailures?: number;
  /**
   * Signals as compact binary frames (default), about a third smaller than base64url in JSON.
   * Off: JSON text only, for servers that do not know the extension.
   */
  readonly binary?: boolean;
  /** A WebSocket constructor where there is no global one (Node 20: the `ws` package). */
  readonly WebSocket?: new (url: string) => WebSocket;
}

interface PendingJoin {
  resolve(ids: readonly string[]): void;
  reject(error: Error): void;
  /** Re-joining after a reconnect: nobody waits on it. */
  readonly rejoin?: true;
}

export class WebSocketTransport extends TransportBase implements SignalingTransport, PairTransport {
  readonly id: string;
  /** The server adds a member and lists the others in one step, and announces every (re)join. */
  readonly presenceOrdered = true;
  readonly server: string;
  readonly #url: string;
  readonly #identity: EnvelopeSigner;
  readonly #options: Required<Omit<WebSocketTransportOptions, 'reconnect' | 'WebSocket' | 'connectTimeoutMs' | 'reportAfterFailures'>>;
  readonly #watch: ConnectionWatch;
  readonly #WebSocket: new (url: string) => WebSocket;
  readonly #rooms = new Map<string, RoomAddress>();
  readonly #pending = new Map<string, PendingJoin>();
  /** Envelopes sent while away, until we and their recipients are back in their rooms. */
  readonly #held: HeldEnvelopes<string | Uint8Array>;
  /** Who is in each joined room, as far as the server told us. */
  readonly #members = new Map<string, Set<string>>();
  /** The room each join ref was sent for; only the latest are kept: the server answers soon or never. */
  readonly #joinRefs = new BoundedMap<string, string>(64);
  readonly #pairs = new PairRequests((frame) => this.#sendIfOpen(frame));
  #socket: WebSocket | undefined;
  #challenge: string | undefined;
  /** Rooms whose join went out on the current socket (with its first frames, before the hello). */
  readonly #joinSent = new Set<string>();
  readonly #reconnect: Backoff;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #nextRef = 1;
  /** Paces `data` frames to what the current socket's server announced; undefined if it relays none. */
  #dataPacer: DataPacer | undefined;

  /** `url`: the server, as `https://host`, `http://host` or `wss://host/ws` (server-url.ts); SignalingError 499 for anything else. */
  constructor(url: string, identity: EnvelopeSigner, options: WebSocketTransportOptions = {}) {
    super();
    this.id = identity.fingerprint;
    this.#identity = identity;
    this.#url = serverEndpoint(url, 'ws');
    this.server = serverName(this.#url);
    this.#options = {
      pingMs: options.pingMs ?? 30_000,
      maxQueued: options.maxQueued ?? 256,
      holdMs: options.holdMs ?? 15_000,
      joinTimeoutMs: options.joinTimeoutMs ?? 15_000,
      binary: options.binary ?? true,
    };
    this.#reconnect = new Backoff({ firstMs: options.reconnect?.minMs ?? 250, maxMs: options.reconnect?.maxMs ?? 10_000 });
    this.#held = new HeldEnvelopes({ max: this.#options.maxQueued, holdMs: this.#options.holdMs, lost: (failure) => this.emit('transport-error', failure) });
    this.#watch = new ConnectionWatch({
      url: this.#url,
      timeoutMs: options.connectTimeoutMs ?? 10_000,
      reportAfter: options.reportAfterFailures ?? 4,
      fetch: globalThis.fetch?.bind(globalThis),
      report: (failure) => this.#unreachable(failure),
    });
    const Implementation = options.WebSocket ?? (globalThis as { WebSocket?: new (url: string) => WebSocket }).WebSocket;
    if (!Implementation) throw new TypeError('no WebSocket implementation: pass options.WebSocket');
    this.#WebSocket = Implementation;
  }

  async join(address: RoomAddress): Promise<readonly string[]> {
    if (this.state === 'closed') throw new SignalingError(503, 'transport is closed');
    // The server refuses such a name too (499); refused here, the room is never half-joined.
    for (const field of ['ns', 'room'] as const) {
      if (!isWireName(address[field])) throw new SignalingError(499, `"${field}" must be 1–${MAX_NAME_BYTES} bytes of UTF-8`);
    }
    const key = roomKeyOf(address);
    this.#rooms.set(key, address);
    const joined = new Promise<readonly string[]>((resolve, reject) => {
      this.#pending.get(key)?.reject(new SignalingError(409, 'superseded by a newer join'));
      const timer = setTimeout(() => {
        this.#pending.delete(key);
        reject(new SignalingError(504, `no answer to joining "${address.room}"`));
      }, this.#options.joinTimeoutMs);
      this.#pending.set(key, {
        resolve: (ids) => {
          clearTimeout(timer);
          resolve(ids);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
    if (this.state === 'idle') this.#connect();
    else if (this.state === 'open') void this.#sendJoin(address);
    return joined;
  }

  async leave(address: RoomAddress): Promise<void> {
    const key = roomKeyOf(address);
    if (!this.#rooms.delete(key)) return;
    this.#members.delete(key);
    this.#pending.get(key)?.reject(new SignalingError(499, 'left before the join completed'));
    this.#pending.delete(key);
    this.#held.forget(key);
    // While away there is nothing to leave: the server forgot us, and we will not re-join.
    if (this.#isOpen()) this.#socket!.send(JSON.stringify({ type: 'leave', ...address }));
  }

  send(address: RoomAddress, to: string, env: string): void {
    const key = roomKeyOf(address);
    if (!this.#rooms.has(key)) throw new SignalingError(403, `not in room "${address.room}"`);
    const frame = this.#signalFrame(address, to, env);
    if (this.#isOpen() && !this.#pending.has(key)) {
      this.#socket!.send(frame);
      return;
    }
    this.#held.hold(key, to, frame);
  }

  /**
   * Sends a latency report for a joined room; the server answers with a `suggest` event (or a
   * `transport-error`, e.g. 297 when reporting more often than it allows). A report is a snapshot:
   * while disconnected or re-joining it is dropped rather than queued, the next one will do.
   */
  report(address: RoomAddress, report: LatencyReport): void {
    const key = roomKeyOf(address);
    if (!this.#rooms.has(key)) throw new SignalingError(403, `not in room "${address.room}"`);
    // Validated (and geo coarsened) here too: a precise position never leaves the browser.
    const { rtts, geo } = parseLatencyReport(report);
    if (!this.#isOpen() || this.#pending.has(key)) return;
    this.#socket!.send(JSON.stringify({ type: 'report', ns: address.ns, room: address.room, rtts, ...(geo ? { geo } : {}) }));
  }

  /**
   * One pair-protocol request on this socket (the server holds at most one per connection: a new
   * request replaces a waiting one). Aborting withdraws it, so the server pairs no one with it.
   */
  pair(request: PairRequest, options: { readonly signal?: AbortSignal } = {}): Promise<PairReply> {
    if (this.state === 'closed') return Promise.reject(new SignalingError(503, 'transport is closed'));
    const reply = this.#pairs.request(request, options);
    if (this.state === 'idle') this.#connect();
    return reply;
  }

  get dataLimit(): number {
    return this.#isOpen() ? (this.#dataPacer?.limits.max ?? 0) : 0;
  }

  get dataBuffered(): number {
    return this.#dataPacer?.queuedBytes ?? 0;
  }

  sendData(address: RoomAddress, to: string, data: Uint8Array): void {
    if (!this.#rooms.has(roomKeyOf(address))) throw new SignalingError(403, `not in room "${address.room}"`);
    const pacer = this.#dataPacer;
    const socket = this.#socket;
    if (!pacer || !socket || !this.#isOpen()) throw new SignalingError(503, 'not connected to a server that relays data');
    if (data.length > pacer.limits.max) throw new SignalingError(413, `data of ${data.length} bytes exceeds the server's ${pacer.limits.max}`);
    const frame = this.#options.binary ? encodeBinarySignal({ kind: BinaryKind.DataTo, ...address, peer: to, env: data }) : JSON.stringify({ type: 'data', ...address, to, data: toBase64Url(data) });
    // Sent on the socket it was meant for, or not at all: a new socket has not joined the room yet.
    const sent = pacer.push(data.length, () => socket === this.#socket && this.#isOpen() && socket.send(frame));
    if (!sent) throw new SignalingError(429, `more than ${pacer.limits.burst} bytes of data waiting for the server`);
  }

  #signalFrame(address: RoomAddress, to: string, env: string): string | Uint8Array {
    if (this.#options.binary) {
      try {
        return encodeBinarySignal({ kind: BinaryKind.SignalTo, ...address, peer: to, env: fromBase64Url(env) });
      } catch {
        // Not base64url, or a field too long for the binary form: the text form says it as it is.
      }
    }
    return JSON.stringify({ type: 'signal', ...address, to, env });
  }

  close(): void {
    if (this.state === 'closed') return;
    this.setState('closed');
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    this.#held.stop();
    this.#watch.stop();
    for (const pending of this.#pending.values()) pending.reject(new SignalingError(503, 'transport closed'));
    this.#pending.clear();
    this.#pairs.failAll('transport closed');
    this.#socket?.close(1000, 'bye');
    this.#socket = undefined;
    this.#dataPacer?.clear();
  }

  #connect(): void {
    this.setState(this.#reconnect.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (error) {
      // Refused before any network (a blocked port, ws: from an https: page): said at once, retried all the same.
      this.#watch.failed(error as Error);
      // Waiting for the next attempt, as after a lost socket: reconnectNow() can cut the wait short.
      this.setState('reconnecting');
      this.#scheduleReconnect();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    this.#joinSent.clear();
    this.#watch.attempt(() => socket.close());
    // Join in one frame: the proofs are sealed while the socket opens, without the challenge the
    // server's hello brings (a proof without one is single-use), and go out as soon as it is open.
    const proofs = new Map([...this.#rooms].map(([key, address]) => [key, this.#proofFor(address)]));
    socket.addEventListener('open', () => {
      if (socket !== this.#socket) return;
      this.#watch.opened();
      for (const [key, address] of this.#rooms) this.#joinFirst(socket, key, address, proofs.get(key) ?? this.#proofFor(address));
    });
    socket.addEventListener('message', (event) => this.#receive(socket, event.data));
    socket.addEventListener('close', () => this.#lost(socket));
    // An 'error' is always followed by 'close', which does the work.
    socket.addEventListener('error', () => {});
  }

  #lost(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    const greeted = this.#challenge !== undefined;
    this.#socket = undefined;
    this.#challenge = undefined;
    this.#members.clear();
    this.#dataPacer?.clear();
    this.#dataPacer = undefined;
    clearInterval(this.#pingTimer);
    if (this.state === 'closed') return;
    if (!greeted) this.#watch.failed();
    // The server forgot held pair requests with the socket: their callers start over.
    this.#pairs.failAll('connection to the server lost');
    this.setState('reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = this.#reconnect.next();
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
    this.emit('retry', { at: Date.now() + delay });
  }

  /** While waiting to reconnect (no attempt under way): tries now, instead of at the time the last `retry` event said. */
  reconnectNow(): void {
    if (this.state !== 'reconnecting' || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  #receive(socket: WebSocket, data: unknown): void {
    if (socket !== this.#socket) return;
    if (data instanceof ArrayBuffer) return this.#receiveBinary(new Uint8Array(data));
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'hello':
        this.#dataPacer?.clear();
        this.#dataPacer = readDataLimits(frame.data, () => this.emit('data-drain', {}));
        this.#opened(String(frame.challenge));
        return;
      case 'peers': {
        const address = { ns: String(frame.ns), room: String(frame.room) };
        const ids = (frame.ids as string[]).filter((id) => id !== this.id);
        const key = roomKeyOf(address);
        this.#pending.get(key)?.resolve(ids);
        this.#pending.delete(key);
        this.#members.set(key, new Set(ids));
        this.emit('peers', { ...address, ids });
        this.#flush(key);
        return;
      }
      case 'joined':
      case 'left': {
        const detail = { ns: String(frame.ns), room: String(frame.room), id: String(frame.id) };
        const key = roomKeyOf(detail);
        // The server says *we* left: a newer connection took our id over (another tab).
        if (frame.type === 'left' && detail.id === this.id) this.#rooms.delete(key);
        if (frame.type === 'joined') this.#members.get(key)?.add(detail.id);
        else this.#members.get(key)?.delete(detail.id);
        this.emit(frame.type, detail);
        if (frame.type === 'joined') this.#flush(key);
        return;
      }
      case 'signal':
        this.emit('signal', { ns: String(frame.ns), room: String(frame.room), from: String(frame.from), env: String(frame.env) });
        return;
      case 'data': {
        let bytes: Uint8Array;
        try {
          bytes = fromBase64Url(String(frame.data));
        } catch {
          return;
        }
        if (bytes.length === 0 || bytes.length > MAX_DATA_BYTES) return;
        this.emit('data', { ns: String(frame.ns), room: String(frame.room), from: String(frame.from), data: bytes });
        return;
      }
      case 'suggest': {
        // The server is untrusted: only rooms we are in, only well-formed entries, only a few.
        if (typeof frame.ns !== 'string' || typeof frame.room !== 'string') return;
        const address = { ns: frame.ns, room: frame.room };
        if (!this.#rooms.has(roomKeyOf(address))) return;
        this.emit('suggest', { ...address, peers: parseSuggestions(frame.peers, this.id) });
        return;
      }
      case 'DEMOTE':
      case 'ANSWER':
      case 'DELIVERED':
        this.#pairs.replied(frame);
        return;
      case 'error': {
        const code = Number(frame.code);
        const message = String(frame.message);
        if (this.#pairs.replied(frame)) return;
        const key = typeof frame.ref === 'string' ? this.#joinRefs.peek(frame.ref) : undefined;
        const join = key === undefined ? undefined : this.#pending.get(key);
        if (key !== undefined && join) {
          this.#pending.delete(key);
          this.#rooms.delete(key);
          join.reject(new SignalingError(code, message));
        }
        this.emit('transport-error', { code, message });
        return;
      }
    }
  }

  #opened(challenge: string): void {
    this.#challenge = challenge;
    this.#watch.greeted();
    this.#reconnect.reset();
    this.setState('open');
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (this.#isOpen()) this.#socket!.send(JSON.stringify({ type: 'ping' }));
    }, this.#options.pingMs);
    for (const [key, address] of this.#rooms) {
      if (this.#joinSent.has(key)) {
        // Joined with the first frame, and the member list may have come before this hello: what
        // was held for the room's members meanwhile goes now.
        this.#flush(key);
        continue;
      }
      this.#holdUntilBack(key);
      void this.#sendJoin(address);
    }
    this.#pairs.sendWaiting();
  }

  /** Re-joining: this room's envelopes are held until the server has us back in it. */
  #holdUntilBack(key: string): void {
    if (!this.#pending.has(key)) this.#pending.set(key, { resolve() {}, reject() {}, rejoin: true });
  }

  #proofFor(address: RoomAddress): Promise<string> {
    return sealJoinProof(this.#identity, { ...address, server: this.server });
  }

  /** A join sent with the socket's first frames (its proof names no challenge). */
  #joinFirst(socket: WebSocket, key: string, address: RoomAddress, proof: Promise<string>): void {
    this.#joinSent.add(key);
    this.#holdUntilBack(key);
    proof.then(
      (sealed) => {
        // Left, or the socket went, while sealing: nothing to send (a new socket joins again).
        if (socket !== this.#socket || socket.readyState !== socket.OPEN || this.#rooms.get(key) !== address) return;
        this.#sendJoinFrame(socket, address, sealed);
      },
      (error: unknown) => this.emit('transport-error', { code: 500, message: `could not seal the join proof: ${(error as Error).message}` }),
    );
  }

  /** The server is out of reach (reported once per outage): say why, and fail the joins waiting for it. */
  #unreachable(failure: ConnectFailure): void {
    this.emit('transport-error', { code: failure.code, message: failure.message, ...(failure.status === undefined ? {} : { status: failure.status }) });
    for (const [key, pending] of this.#pending) {
      if (pending.rejoin) continue;
      this.#pending.delete(key);
      // The room stays: reconnecting goes on, and joins it when the server is back (as after a join timeout).
      pending.reject(new ConnectError(failure));
    }
  }

  #receiveBinary(data: Uint8Array): void {
    try {
      const signal = decodeBinarySignal(data, Math.max(DEFAULT_ENVELOPE_LIMITS.maxEncodedBytes, MAX_DATA_BYTES));
      if (signal.kind === BinaryKind.DataFrom) {
        if (signal.env.length > MAX_DATA_BYTES) throw new BinaryFrameError(`data of ${signal.env.length} bytes exceeds ${MAX_DATA_BYTES}`);
        this.emit('data', { ns: signal.ns, room: signal.room, from: signal.peer, data: signal.env });
        return;
      }
      if (signal.kind !== BinaryKind.SignalFrom) throw new BinaryFrameError('a server sends frames "from" a peer');
      if (signal.env.length > DEFAULT_ENVELOPE_LIMITS.maxEncodedBytes) throw new BinaryFrameError(`an envelope of ${signal.env.length} bytes exceeds ${DEFAULT_ENVELOPE_LIMITS.maxEncodedBytes}`);
      this.emit('signal', { ns: signal.ns, room: signal.room, from: signal.peer, env: toBase64Url(signal.env) });
    } catch (error) {
      this.emit('transport-error', { code: 400, message: `unreadable binary frame from the server (${(error as Error).message})` });
    }
  }

  /** Sends what was held for this room's members who are back, once we are back in it too. */
  #flush(key: string): void {
    const members = this.#members.get(key);
    if (this.#pending.has(key) || !members || !this.#isOpen()) return;
    const socket = this.#socket!;
    this.#held.release(key, members, (frame) => socket.send(frame));
  }

  #isOpen(): boolean {
    const socket = this.#socket;
    return this.state === 'open' && socket !== undefined && socket.readyState === socket.OPEN;
  }

  #sendIfOpen(frame: string): boolean {
    if (!this.#isOpen()) return false;
    this.#socket!.send(frame);
    return true;
  }

  async #sendJoin(address: RoomAddress): Promise<void> {
    const socket = this.#socket;
    const challenge = this.#challenge;
    if (!socket || !challenge) return;
    const proof = await sealJoinProof(this.#identity, { ...address, challenge, server: this.server });
    if (socket !== this.#socket || socket.readyState !== socket.OPEN) return;
    this.#sendJoinFrame(socket, address, proof);
  }

  #sendJoinFrame(socket: WebSocket, address: RoomAddress, proof: string): void {
    const ref = `join-${this.#nextRef++}`;
    this.#joinRefs.set(ref, roomKeyOf(address));
    socket.send(JSON.stringify({ type: 'join', ...address, id: this.id, proof, mode: 'mesh', ...(this.#options.binary ? { binary: true } : {}), ref }));
  }
}
