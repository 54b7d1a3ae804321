/**
 * `/ws` on Cloudflare: one client socket for every room and the pair protocol, exactly as on the
 * Node server, so `WebSocketTransport` (and anything speaking the README's protocol) works
 * unchanged. The Worker holds the client's socket and opens one internal socket per room it joins
 * (to that room's RoomObject) and one per pairing namespace (to its PairLobbyObject), forwarding
 * frames both ways untouched.
 *
 * The gateway greets the client with its own challenge and hands it, with the client's address, to
 * the objects in headers they trust only from here (worker.ts strips them from outside requests):
 * a join proof still names this connection's challenge.
 */
import { decodeBinarySignal, isWireName } from '../core/signaling/binary-frame.js';
import { TokenBucket } from '../core/util/token-bucket.js';
import { ErrorCode, type ErrorCodeValue } from '../server/errors.js';
import { refOfText, type ServerFrame } from '../server/frames.js';
import { DEFAULT_LIMITS } from '../server/limits.js';
import { closeOurEnd } from './runtime.js';

/** Headers only the gateway sets on its requests to the objects. */
export const CHALLENGE_HEADER = 'x-peerkit-challenge';
export const ADDRESS_HEADER = 'x-peerkit-address';

export interface GatewayTargets {
  room(ns: string, room: string): DurableObjectStub;
  lobby(ns: string): DurableObjectStub;
}

const limits = DEFAULT_LIMITS;

/** What a client frame is for: a room, a pairing namespace, the gateway itself, or nothing readable. */
type Route = { readonly kind: 'room'; readonly ns: string; readonly room: string; readonly join: boolean } | { readonly kind: 'lobby'; readonly ns: string | undefined } | { readonly kind: 'ping' } | { readonly kind: 'unreadable' };

function routeOf(data: string | ArrayBuffer): Route {
  if (typeof data !== 'string') {
    try {
      const frame = decodeBinarySignal(new Uint8Array(data), Number.MAX_SAFE_INTEGER);
      return { kind: 'room', ns: frame.ns, room: frame.room, join: false };
    } catch {
      return { kind: 'unreadable' };
    }
  }
  let frame: { type?: unknown; ns?: unknown; room?: unknown };
  try {
    frame = JSON.parse(data) as typeof frame;
  } catch {
    return { kind: 'unreadable' };
  }
  if (typeof frame !== 'object' || frame === null) return { kind: 'unreadable' };
  switch (frame.type) {
    case 'ping':
      return { kind: 'ping' };
    case 'CONNECT':
    case 'BOUNCE':
      return typeof frame.ns === 'string' && isWireName(frame.ns) ? { kind: 'lobby', ns: frame.ns } : { kind: 'unreadable' };
    case 'CANCEL':
      return { kind: 'lobby', ns: undefined };
    default:
      return typeof frame.ns === 'string' && typeof frame.room === 'string' && isWireName(frame.ns) && isWireName(frame.room)
        ? { kind: 'room', ns: frame.ns, room: frame.room, join: frame.type === 'join' }
        : { kind: 'unreadable' };
  }
}

export function acceptGateway(request: Request, targets: GatewayTargets): Response {
  const pair = new WebSocketPair();
  const [client, socket] = [pair[0], pair[1]];
  socket.accept();
  const challenge = crypto.randomUUID().replace(/-/g, '');
  const address = request.headers.get('cf-connecting-ip') ?? '127.0.0.1';
  const frames = new TokenBucket(limits.socketRate, limits.socketBurst);
  const errors = new TokenBucket(limits.errorRate, limits.errorBurst);
  /** Internal sockets by room key or `pair\n<ns>`, each settling once open. */
  const inner = new Map<string, Promise<WebSocket | undefined>>();
  let lastLobby: string | undefined;
  let closed = false;

  const send = (frame: ServerFrame) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(frame));
  /** `data`: the frame refused, whose `ref` the error echoes (as the Node server does). */
  const refuse = (code: ErrorCodeValue, message: string, data?: string | ArrayBuffer) => {
    const ref = typeof data === 'string' ? refOfText(data) : undefined;
    send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
    if (!errors.take()) socket.close(1008, 'too many invalid frames');
  };

  const open = (key: string, stub: DurableObjectStub, path: string): Promise<WebSocket | undefined> => {
    let made = inner.get(key);
    if (made) return made;
    const headers = new Headers({ upgrade: 'websocket', [CHALLENGE_HEADER]: challenge, [ADDRESS_HEADER]: address });
    made = stub.fetch(new Request(`https://internal${path}`, { headers })).then((response) => {
      const internal = (response as Response & { webSocket?: WebSocket | null }).webSocket;
      if (!internal) return undefined;
      internal.accept();
      internal.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
        // Each object greets its socket; the client was greeted once, here.
        if (typeof event.data === 'string' && event.data.startsWith('{"type":"hello"')) return;
        if (socket.readyState === WebSocket.OPEN) socket.send(event.data);
      });
      internal.addEventListener('close', () => {
        inner.delete(key);
        // The object went away (redeployed, evicted): the client reconnects and joins again.
        if (!closed) socket.close(1012, 'service restart');
      });
      return internal;
    });
    inner.set(key, made);
    return made;
  };

  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
    const { data } = event;
    const size = typeof data === 'string' ? new TextEncoder().encode(data).length : data.byteLength;
    if (size > limits.maxFrameBytes) return refuse(ErrorCode.FrameTooLarge, `frame of ${size} bytes exceeds ${limits.maxFrameBytes}`);
    if (!frames.take()) return refuse(ErrorCode.RateLimited, 'rate limited: slow down');
    const route = routeOf(data);
    let target: Promise<WebSocket | undefined> | undefined;
    switch (route.kind) {
      case 'ping':
        return send({ type: 'pong' });
      case 'unreadable':
        // The objects parse (and refuse) frames exactly as the Node server does; this one reaches none.
        return refuse(ErrorCode.BadFrame, 'not a frame of the signaling protocol (or one without a valid ns and room)', data);
      case 'lobby': {
        const ns = route.ns ?? lastLobby;
        if (ns === undefined) return;
        lastLobby = ns;
        target = open(`pair\n${ns}`, targets.lobby(ns), `/pair/${encodeURIComponent(ns)}`);
        break;
      }
      case 'room': {
        const key = `${route.ns}\n${route.room}`;
        if (!inner.has(key)) {
          if (!route.join) return refuse(ErrorCode.NotJoined, `not in room "${route.room}"`, data);
          const rooms = [...inner.keys()].filter((name) => !name.startsWith('pair\n')).length;
          if (rooms >= limits.maxRoomsPerSocket) return refuse(ErrorCode.TooManyRooms, `a connection may join ${limits.maxRoomsPerSocket} rooms`, data);
        }
        target = open(key, targets.room(route.ns, route.room), `/rooms/${encodeURIComponent(route.ns)}/${encodeURIComponent(route.room)}`);
        break;
      }
    }
    void target.then(
      (internal) => (internal ? internal.send(data) : refuse(ErrorCode.Unavailable, 'the room could not be reached', data)),
      () => refuse(ErrorCode.Unavailable, 'the room could not be reached', data),
    );
  });
  const close = () => {
    if (closed) return;
    closed = true;
    closeOurEnd(socket);
    for (const made of inner.values()) void made.then((internal) => internal?.close(1000, 'client left'), () => undefined);
    inner.clear();
  };
  socket.addEventListener('close', close);
  socket.addEventListener('error', close);
  send({ type: 'hello', challenge, data: { rate: limits.dataRate, burst: limits.dataBurst, max: limits.maxDataBytes, frameRate: limits.socketRate, frameBurst: limits.socketBurst } });
  return new Response(null, { status: 101, webSocket: client });
}
