/**
 * The peerkit signaling server: rooms and the pair protocol over WebSocket (`/ws`) and HTTP
 * (`POST /link`: the endpoint keeps the protocol's first name on the wire), join proofs, limits, ICE credentials, metrics, optional static files. It only
 * routes sealed envelopes; it reads none but the join proofs it must verify.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ReplayGuard } from '../core/envelope/replay-guard.js';
import { useCryptoProvider } from '../core/crypto/provider.js';
import { JoinProofError, verifyJoinProof, verifyPairProof } from '../core/envelope/join-proof.js';
import { serverNames } from './server-names.js';
import { suggestPeers, type LatencyReport } from '../core/signaling/suggest.js';
import { ErrorCode, ProtocolError, type ErrorCodeValue } from './errors.js';
import { BinaryKind, encodeBinarySignal } from '../core/signaling/binary-frame.js';
import { clientAddress } from './client-address.js';
import { dataBytes, parseBinaryFrame, parseClientFrame, parsePairRequest, refOfText, type ClientFrame, type PairFrame, type ServerFrame } from './frames.js';
import type { Hub, RoomMember } from './hub.js';
import { iceServersFor, type IceServer, type TurnOptions } from './ice.js';
import { PairService, type HeldPairRequest } from './pair-service.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { MemoryHub, roomKey } from './memory-hub.js';
import { nodeCryptoProvider } from './node-crypto.js';
import { Metrics } from './metrics.js';
import { staticFiles } from './static-files.js';
import { TokenBucket, TokenBuckets } from '../core/util/token-bucket.js';
import { serverLimits, type DeprecatedServerLimits, type ServerLimits } from './limits.js';

export { DEFAULT_LIMITS, type DeprecatedServerLimits, type ServerLimits } from './limits.js';

export interface ServerOptions {
  readonly port?: number;
  readonly host?: string;
  /** Folder served for any other GET (the built Storybook, for `npm start`). */
  readonly staticDir?: string;
  /** Shared state; default: in this process. */
  readonly hub?: Hub;
  readonly limits?: Partial<ServerLimits> & DeprecatedServerLimits;
  /** Always returned by GET /ice (default none: host candidates only). */
  readonly iceServers?: IceServer[];
  readonly turn?: TurnOptions;
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
  /**
   * The server sits behind a reverse proxy: per-address limits count the address the proxy put
   * last in `X-Forwarded-For` (client-address.ts). Only set it when a proxy you run is the only
   * way in, or clients could pick their own address.
   */
  readonly trustProxy?: boolean;
  /**
   * Keeps GET /metrics private: `port` serves it on its own listener (on `host`, default
   * 127.0.0.1) and the public port answers 404; `token` requires `Authorization: Bearer <token>`.
   */
  readonly metricsEndpoint?: { readonly host?: string; readonly port?: number; readonly token?: string };
  /**
   * The URLs clients reach this server by (behind a proxy, or under a DNS name). Join and pair
   * proofs name the server they are for, and only proofs naming one of these, or the address the
   * server listens on, are accepted: a proof made for another server cannot be used here.
   */
  readonly publicUrls?: readonly string[];
}

export interface PeerkitServer {
  readonly url: string;
  readonly port: number;
  readonly http: HttpServer;
  readonly metrics: Metrics;
  /** Where GET /metrics is served: on the public port, or on its own listener. */
  readonly metricsUrl: string;
  /** Pair requests held waiting for a partner on this process (the `peerkit_link_pending` gauge). */
  readonly pendingPairs: number;
  /** @deprecated Use `pendingPairs`. */
  readonly pendingLinks: number;
  /** Closes every socket (1001), stops listening and releases the hub. */
  close(): Promise<void>;
}

interface Joined {
  readonly ns: string;
  readonly room: string;
  readonly member: RoomMember;
}

class Connection {
  readonly challenge = randomBytes(18).toString('base64url');
  readonly rooms = new Map<string, Joined>();
  readonly frames: TokenBucket;
  readonly errors: TokenBucket;
  /** Made on the first data frame: most connections never send one (each socket's bytes count: BENCHMARKS "server"). */
  data: TokenBucket | undefined;
  pairRequest: HeldPairRequest | undefined;
  /** Counts pair requests and cancels: a request still being handled when superseded is dropped. */
  pairGeneration = 0;
  lastFrame = Date.now();
  alive = true;
  closed = false;
  /** The client asked (in a join) for signals as binary frames. */
  binary = false;
  /** When this connection last reported per room key; kept across re-joins so leaving does not reset the limit. */
  reportedAt: Map<string, number> | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly ip: string,
    limits: ServerLimits,
  ) {
    this.frames = new TokenBucket(limits.socketRate, limits.socketBurst);
    this.errors = new TokenBucket(limits.errorRate, limits.errorBurst);
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if ((frame.type === 'signal' || frame.type === 'data') && this.binary) {
      const text = frame.type === 'signal' ? frame.env : frame.data;
      const bytes = Buffer.from(text, 'base64url');
      // Node decodes base64url leniently: only a payload that is exactly its bytes may travel as them.
      if (bytes.toString('base64url') === text) {
        const kind = frame.type === 'signal' ? BinaryKind.SignalFrom : BinaryKind.DataFrom;
        this.socket.send(encodeBinarySignal({ kind, ns: frame.ns, room: frame.room, peer: frame.from, env: bytes }));
        return;
      }
    }
    this.socket.send(JSON.stringify(frame));
  }
}

async function listen(server: HttpServer, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * A connection's place in one room. Built apart from join() so the member's closure keeps the
 * connection, the room key and the id, not the join frame: its proof (~700 bytes, the armored key
 * inside) was most of what each joined member cost.
 *
 * Clients take everyone on the `peers` list as older and everyone announced after it as newer, and
 * the newer offers each link (room/membership.ts). A hub may deliver to the member before its join
 * returns (the Hub interface allows it; ours add it last): such news waits until `listed()` (the
 * list was sent), so it can never arrive before it.
 */
function roomMember(connection: Connection, key: string, id: string): { member: RoomMember; listed(): void } {
  let early: ServerFrame[] | undefined = [];
  const member: RoomMember = {
    id,
    address: connection.ip,
    deliver: (delivered) => {
      if (early) {
        early.push(delivered);
        return;
      }
      // Replaced by a newer connection of the same id: this one is out of the room.
      if (delivered.type === 'left' && delivered.id === id && connection.rooms.get(key)?.member === member) connection.rooms.delete(key);
      connection.send(delivered);
    },
  };
  const listed = () => {
    const waited = early ?? [];
    early = undefined;
    for (const delivered of waited) member.deliver(delivered);
  };
  return { member, listed };
}

export async function createServer(options: ServerOptions = {}): Promise<PeerkitServer> {
  useCryptoProvider(nodeCryptoProvider);
  const limits = serverLimits(options.limits);
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const hub = options.hub ?? new MemoryHub();
  const metrics = new Metrics();
  const pairs = new PairService(hub, limits, metrics);
  const ipBuckets = new TokenBuckets(limits.ipRate, limits.ipBurst);
  const iceBuckets = new TokenBuckets(limits.iceRate, limits.iceBurst);
  const ipDataBuckets = new TokenBuckets(limits.ipDataRate, limits.ipDataBurst);
  const serverData = new TokenBucket(limits.serverDataRate, limits.serverDataBurst);
  const addressOf = (request: IncomingMessage) => clientAddress(request, options.trustProxy ?? false);
  const socketsPerIp = new Map<string, number>();
  const connections = new Set<Connection>();
  // A join proof names its connection's challenge, or none when the client joined with its first
  // frame (before it read the hello); this shared, bounded guard makes every proof single-use —
  // what binds those without a challenge (and pair proofs) — without a guard per connection.
  const proofReplay = new ReplayGuard(limits.maxProofNonces);
  /** The names proofs may give this server: known once it listens, before any client speaks. */
  let servers: ReadonlySet<string> = new Set();
  const serveStatic = options.staticDir ? staticFiles(options.staticDir) : undefined;
  let closing = false;

  // ------------------------------------------------------------------------------ WebSocket

  function refuse(connection: Connection, code: ErrorCodeValue, message: string, ref?: string): void {
    metrics.reject(code);
    connection.send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
    if (!connection.errors.take()) {
      logger.warn('closing a misbehaving socket', { ip: connection.ip, code });
      connection.socket.close(1008, 'too many invalid frames');
    }
  }

  function handleFrame(connection: Connection, frame: ClientFrame): void | Promise<void> {
    switch (frame.type) {
      case 'ping':
        connection.send({ type: 'pong' });
        return;
      case 'join':
        return join(connection, frame);
      case 'signal':
        return relay(connection, frame);
      case 'data':
        return relayData(connection, frame);
      case 'leave': {
        const key = roomKey(frame.ns, frame.room);
        const joined = connection.rooms.get(key);
        if (!joined) throw new ProtocolError(ErrorCode.NotJoined, `not in room "${frame.room}"`);
        connection.rooms.delete(key);
        return hub.leave(frame.ns, frame.room, joined.member);
      }
      case 'CONNECT':
      case 'BOUNCE':
        return pair(connection, frame);
      case 'CANCEL':
        connection.pairGeneration++;
        connection.pairRequest?.cancel();
        connection.pairRequest = undefined;
        return;
      case 'report':
        return report(connection, frame);
    }
  }

  /** Keeps the reporter's latency report and answers it with suggestions from the room's reports. */
  async function report(connection: Connection, frame: Extract<ClientFrame, { type: 'report' }>): Promise<void> {
    const key = roomKey(frame.ns, frame.room);
    const joined = connection.rooms.get(key);
    if (!joined) throw new ProtocolError(ErrorCode.NotJoined, `not in room "${frame.room}"`);
    const now = Date.now();
    // Only the last interval matters: the map holds at most the rooms reported in it.
    // Made on the first report: most connections never send one.
    const reportedAt = (connection.reportedAt ??= new Map());
    for (const [room, at] of reportedAt) if (now - at >= limits.reportIntervalMs) reportedAt.delete(room);
    if (reportedAt.has(key)) throw new ProtocolError(ErrorCode.RateLimited, `one report per room every ${limits.reportIntervalMs} ms`);
    reportedAt.set(key, now);
    const { id } = joined.member;
    const latest: LatencyReport = frame.geo ? { rtts: frame.rtts, geo: frame.geo } : { rtts: frame.rtts };
    await hub.report(frame.ns, frame.room, id, latest);
    const [members, reports] = await Promise.all([hub.memberIds(frame.ns, frame.room), hub.reports(frame.ns, frame.room)]);
    // Left (or replaced) meanwhile: the suggestions are for nobody.
    if (connection.closed || connection.rooms.get(key) !== joined) return;
    const peers = suggestPeers(id, members, new Map(reports).set(id, latest));
    connection.send({ type: 'suggest', ns: frame.ns, room: frame.room, peers, ...(frame.ref ? { ref: frame.ref } : {}) });
  }

  async function pair(connection: Connection, frame: Extract<ClientFrame, { type: 'CONNECT' | 'BOUNCE' }>): Promise<void> {
    connection.pairRequest?.cancel();
    const generation = ++connection.pairGeneration;
    const ref = frame.ref;
    await checkPairProof(frame);
    if (connection.closed || generation !== connection.pairGeneration) return;
    const held = await pairs.handle(frame, connection.ip, (response) => {
      if (response.type === 'error') metrics.reject(response.code);
      connection.send({ ...response, ...(ref ? { ref } : {}) });
    });
    if (connection.closed || generation !== connection.pairGeneration) held.cancel();
    else connection.pairRequest = held;
  }

  /** A pair request speaks for its `id` only with a fresh proof by that key, for this server. */
  async function checkPairProof(frame: PairFrame): Promise<void> {
    if (frame.proof === undefined) throw new ProtocolError(ErrorCode.BadProof, 'a pair request needs a proof that you hold the key of its id (sealPairProof)');
    try {
      await verifyPairProof(frame.proof, { ns: frame.ns, id: frame.id, servers }, proofReplay);
    } catch (error) {
      throw new ProtocolError(ErrorCode.BadProof, error instanceof JoinProofError ? error.message : 'proof refused');
    }
  }

  function relayed(delivered: boolean, to: string): void {
    if (!delivered) throw new ProtocolError(ErrorCode.UnknownPeer, `peer ${to} is not in the room`);
    metrics.relayed++;
  }

  /** The hot path: stays synchronous (and allocation-light) unless the hub must ask elsewhere. */
  function relay(connection: Connection, frame: Extract<ClientFrame, { type: 'signal' }>): void | Promise<void> {
    const joined = connection.rooms.get(roomKey(frame.ns, frame.room));
    if (!joined) throw new ProtocolError(ErrorCode.NotJoined, `not in room "${frame.room}"`);
    const delivered = hub.relay(frame.to, { type: 'signal', ns: frame.ns, room: frame.room, from: joined.member.id, env: frame.env });
    if (typeof delivered === 'boolean') return relayed(delivered, frame.to);
    return delivered.then((result) => relayed(result, frame.to));
  }

  /**
   * A link's frames for a member no WebRTC path reaches: routed like a signal, within the room, and
   * charged to the sender's socket, its address and the server, in bytes. Past any of them the
   * frame is dropped and the sender told (297): its client paces itself by the hello, so only a
   * client that ignores it gets there.
   */
  function relayData(connection: Connection, frame: Extract<ClientFrame, { type: 'data' }>): void | Promise<void> {
    const joined = connection.rooms.get(roomKey(frame.ns, frame.room));
    if (!joined) throw new ProtocolError(ErrorCode.NotJoined, `not in room "${frame.room}"`);
    const bytes = dataBytes(frame.data);
    const now = Date.now();
    if (!(connection.data ??= new TokenBucket(limits.dataRate, limits.dataBurst)).take(now, bytes)) throw new ProtocolError(ErrorCode.RateLimited, `data over ${limits.dataRate} bytes/s from this connection`);
    if (!ipDataBuckets.take(connection.ip, now, bytes)) throw new ProtocolError(ErrorCode.RateLimited, `data over ${limits.ipDataRate} bytes/s from this address`);
    if (!serverData.take(now, bytes)) throw new ProtocolError(ErrorCode.RateLimited, 'the server relays no more data now');
    const delivered = hub.relay(frame.to, { type: 'data', ns: frame.ns, room: frame.room, from: joined.member.id, data: frame.data });
    if (typeof delivered === 'boolean') return relayed(delivered, frame.to);
    return delivered.then((result) => relayed(result, frame.to));
  }

  async function join(connection: Connection, frame: Extract<ClientFrame, { type: 'join' }>): Promise<void> {
    const key = roomKey(frame.ns, frame.room);
    const previous = connection.rooms.get(key);
    if (!previous && connection.rooms.size >= limits.maxRoomsPerSocket) {
      throw new ProtocolError(ErrorCode.TooManyRooms, `a connection may join ${limits.maxRoomsPerSocket} rooms`);
    }
    try {
      await verifyJoinProof(frame.proof, { ns: frame.ns, room: frame.room, id: frame.id, challenge: connection.challenge, servers }, proofReplay);
    } catch (error) {
      throw new ProtocolError(ErrorCode.BadProof, (error as Error).message);
    }
    if (connection.closed) return;
    if (previous) {
      connection.rooms.delete(key);
      await hub.leave(frame.ns, frame.room, previous.member);
    }
    const { member, listed } = roomMember(connection, key, frame.id);
    const ids = await hub.join(frame.ns, frame.room, member, { maxPeers: limits.maxPeersPerRoom, maxPerAddress: limits.maxPeersPerRoomPerIp });
    if (connection.closed) {
      await hub.leave(frame.ns, frame.room, member);
      return;
    }
    connection.rooms.set(key, { ns: frame.ns, room: frame.room, member });
    if (frame.binary) connection.binary = true;
    metrics.joins++;
    connection.send({ type: 'peers', ns: frame.ns, room: frame.room, ids });
    listed();
  }

  function onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    connection.lastFrame = Date.now();
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (size > limits.maxFrameBytes) return refuse(connection, ErrorCode.FrameTooLarge, `frame of ${size} bytes exceeds ${limits.maxFrameBytes}`);
    if (!connection.frames.take() || !ipBuckets.take(connection.ip)) return refuse(connection, ErrorCode.RateLimited, 'rate limited: slow down');
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const text = isBinary ? '' : bytes.toString('utf8');
    let frame: ClientFrame;
    try {
      frame = isBinary ? parseBinaryFrame(bytes, limits.maxSignalBytes, limits.maxDataBytes) : parseClientFrame(text, limits.maxSignalBytes, limits.maxDataBytes);
    } catch (error) {
      if (isBinary) return refuse(connection, (error as ProtocolError).code ?? ErrorCode.BadFrame, (error as Error).message);
      return refuse(connection, (error as ProtocolError).code ?? ErrorCode.BadFrame, (error as Error).message, refOfText(text));
    }
    const failed = (error: unknown) => {
      if (error instanceof ProtocolError) return refuse(connection, error.code, error.message, frame.ref);
      logger.error('frame handler failed', { type: frame.type, error: String(error) });
      refuse(connection, ErrorCode.Unavailable, 'the server could not handle this frame', frame.ref);
    };
    try {
      const pending = handleFrame(connection, frame);
      if (pending) pending.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  const cleanups = new Set<Promise<void>>();

  async function onClose(connection: Connection): Promise<void> {
    if (connection.closed) return;
    connection.closed = true;
    connections.delete(connection);
    metrics.sockets--;
    connection.pairRequest?.cancel();
    for (const { ns, room, member } of connection.rooms.values()) {
      await hub.leave(ns, room, member).catch((error: unknown) => logger.error('leave failed', { error: String(error) }));
    }
    connection.rooms.clear();
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 });
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const connection = new Connection(socket, addressOf(request), limits);
    connections.add(connection);
    metrics.sockets++;
    socket.on('message', (data, isBinary) => onMessage(connection, data, isBinary));
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('error', (error) => logger.debug('socket error', { error: error.message }));
    socket.on('close', () => {
      const cleanup = onClose(connection);
      cleanups.add(cleanup);
      void cleanup.finally(() => cleanups.delete(cleanup));
    });
    connection.send({ type: 'hello', challenge: connection.challenge, ...(limits.maxDataBytes > 0 ? { data: { rate: limits.dataRate, burst: limits.dataBurst, max: limits.maxDataBytes, frameRate: limits.socketRate, frameBurst: limits.socketBurst } } : {}) });
  });

  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) {
      if (!connection.alive || now - connection.lastFrame > limits.idleTimeoutMs) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  // ------------------------------------------------------------------------------ HTTP

  function sendJson(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
  }

  function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxFrameBytes) {
          reject(new ProtocolError(ErrorCode.FrameTooLarge, `body exceeds ${limits.maxFrameBytes} bytes`));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });
  }

  async function handlePairRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pairError = (code: ErrorCodeValue, message: string) => {
      metrics.reject(code);
      sendJson(response, code, { type: 'error', code, message });
    };
    const address = addressOf(request);
    // Before any await: a client that gives up while its request is read, checked or held must
    // not be paired afterwards.
    const hangUp = new AbortController();
    response.on('close', () => hangUp.abort());
    if (!ipBuckets.take(address)) return pairError(ErrorCode.RateLimited, 'rate limited: slow down');
    let frame;
    try {
      const body = await readBody(request);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new ProtocolError(ErrorCode.BadParameter, 'body is not JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ProtocolError(ErrorCode.BadParameter, 'body is not a JSON object');
      frame = parsePairRequest(parsed as Record<string, unknown>, limits.maxSignalBytes);
    } catch (error) {
      const code = error instanceof ProtocolError ? (error.code === ErrorCode.FrameTooLarge ? ErrorCode.FrameTooLarge : ErrorCode.BadParameter) : ErrorCode.BadParameter;
      return pairError(code, (error as Error).message);
    }
    try {
      await checkPairProof(frame);
    } catch (error) {
      return pairError((error as ProtocolError).code, (error as Error).message);
    }
    if (hangUp.signal.aborted) return;
    const held = await pairs.handle(frame, address, (outcome) => {
      if (outcome.type === 'error') return pairError(outcome.code as ErrorCodeValue, outcome.message);
      sendJson(response, 200, outcome);
    });
    if (hangUp.signal.aborted) held.cancel();
    else hangUp.signal.addEventListener('abort', () => held.cancel(), { once: true });
  }

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    metrics.httpRequests++;
    const url = new URL(request.url ?? '/', 'http://peerkit.invalid');
    response.setHeader('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
      return void response.end();
    }
    if (url.pathname === '/healthz' && request.method === 'GET') return sendJson(response, closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
    if (url.pathname === '/metrics' && request.method === 'GET' && !metricsServer) return serveMetrics(request, response);
    if (url.pathname === '/ice' && request.method === 'GET') {
      if (!iceBuckets.take(addressOf(request))) {
        metrics.reject(ErrorCode.RateLimited);
        // A standard 429 (fetch treats it as a failure; the pair protocol's 297 would read as success).
        response.setHeader('retry-after', String(Math.ceil(1 / limits.iceRate)));
        return sendJson(response, 429, { type: 'error', code: ErrorCode.RateLimited, message: 'rate limited: slow down' });
      }
      const id = (url.searchParams.get('id') ?? randomBytes(8).toString('hex')).slice(0, 128);
      return sendJson(response, 200, await iceServersFor(id, { iceServers: options.iceServers ?? [], turn: options.turn }));
    }
    // The pair protocol's endpoint keeps its first name on the wire.
    if (url.pathname === '/link') {
      if (request.method !== 'POST') return sendJson(response, 405, { type: 'error', code: 405, message: 'POST a pair request' });
      return handlePairRequest(request, response);
    }
    if (serveStatic && (await serveStatic(request, response, url.pathname))) return;
    sendJson(response, 404, { type: 'error', code: 404, message: 'not found' });
  }

  const metricsToken = options.metricsEndpoint?.token === undefined ? undefined : sha256(options.metricsEndpoint.token);

  function serveMetrics(request: IncomingMessage, response: ServerResponse): void {
    if (metricsToken) {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      // Digests of equal length, compared in constant time: the answer's timing tells nothing about the token.
      if (given === undefined || !timingSafeEqual(sha256(given), metricsToken)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="peerkit metrics"', 'content-type': 'text/plain; charset=utf-8' });
        return void response.end('a metrics token is required\n');
      }
    }
    const body = metrics.render({ rooms: hub.localRoomCount(), pendingPairs: pairs.pending });
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  }

  const metricsServer =
    options.metricsEndpoint?.port === undefined
      ? undefined
      : createHttpServer((request, response) => {
          if (request.method === 'GET' && new URL(request.url ?? '/', 'http://peerkit.invalid').pathname === '/metrics') return serveMetrics(request, response);
          response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
        });

  const http = createHttpServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      logger.error('http handler failed', { url: request.url, error: String(error) });
      if (!response.headersSent) sendJson(response, 500, { type: 'error', code: 500, message: 'internal error' });
      else response.destroy();
    });
  });

  /**
   * Counts a socket against its address until the TCP socket closes, whatever becomes of the
   * upgrade: ws refuses a bad handshake (no Sec-WebSocket-Key, a wrong version) by answering 400
   * and destroying the socket without calling back, so only the socket's own close sees every way
   * out. A function of its own so the listener, which lives as long as the socket, keeps only the
   * address, not the upgrade request (its headers were a kilobyte per socket).
   */
  function countSocket(ip: string, socket: Duplex): void {
    socketsPerIp.set(ip, (socketsPerIp.get(ip) ?? 0) + 1);
    socket.once('close', () => {
      const open = (socketsPerIp.get(ip) ?? 1) - 1;
      if (open > 0) socketsPerIp.set(ip, open);
      else socketsPerIp.delete(ip);
    });
  }

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://peerkit.invalid');
    const ip = addressOf(request);
    if (url.pathname !== '/ws' || closing) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    const count = socketsPerIp.get(ip) ?? 0;
    if (count >= limits.maxSocketsPerIp || !ipBuckets.take(ip)) {
      metrics.reject(ErrorCode.RateLimited);
      socket.end('HTTP/1.1 429 Too Many Requests\r\nconnection: close\r\n\r\n');
      return;
    }
    countSocket(ip, socket);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const url = await listen(http, options.port ?? 8787, options.host ?? '127.0.0.1');
  servers = serverNames(http.address() as AddressInfo, options.publicUrls ?? []);
  let metricsUrl: string;
  try {
    metricsUrl = `${metricsServer ? await listen(metricsServer, options.metricsEndpoint?.port ?? 0, options.metricsEndpoint?.host ?? '127.0.0.1') : url}/metrics`;
  } catch (error) {
    // Nothing half-started is left behind: the caller gets the error and no listener stays open.
    clearInterval(heartbeat);
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await hub.close();
    throw error;
  }
  logger.info('listening', { url, metrics: metricsUrl, static: options.staticDir ?? null });
  if (options.trustProxy && !options.publicUrls?.length) {
    logger.warn('behind a proxy without --public-url: proofs name the URL clients use, and only this server\'s own names are accepted', { accepted: [...servers] });
  }

  return {
    url,
    port: (http.address() as AddressInfo).port,
    http,
    metrics,
    metricsUrl,
    get pendingPairs() {
      return pairs.pending;
    },
    get pendingLinks() {
      return pairs.pending;
    },
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      const closed = [...connections].map((connection) => new Promise<void>((resolve) => {
        connection.socket.once('close', () => resolve());
        connection.socket.close(1001, 'server shutting down');
        setTimeout(() => {
          connection.socket.terminate();
          resolve();
        }, 1000).unref();
      }));
      await Promise.all(closed);
      await Promise.all(cleanups);
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      if (metricsServer) {
        await new Promise<void>((resolve) => {
          metricsServer.close(() => resolve());
          metricsServer.closeAllConnections();
        });
      }
      wss.close();
      await hub.close();
      logger.info('closed');
    },
  };
}
