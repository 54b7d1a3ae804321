/**
 * A hostile relay for tests: a WebSocket proxy on 127.0.0.1 that sits between pages and the real
 * peerkit server. Each client socket on `<proxy>/ws` gets its own socket to `<server>/ws`; text
 * frames (one JSON object each, DESIGN.md "Signaling") pass both ways through hooks that may
 * rewrite or drop them, and a test can inject frames of its own towards a client.
 *
 * Signals in the compact binary framing (the opt-in extension the WebSocketTransport uses by
 * default) reach the hooks as the equivalent JSON `signal` frame, `env` in base64url, and leave in
 * the binary framing again: a hook sees one shape whatever the encoding on the wire.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { BinaryKind, decodeBinarySignal, encodeBinarySignal } from '../../src/core/signaling/binary-frame.js';

export type Frame = { type: string; [field: string]: unknown };
export type Direction = 'client-to-server' | 'server-to-client';

export interface ProxyClient {
  /** 0, 1, 2… in order of connection. */
  readonly index: number;
  /** The peer id from this client's first `join` frame; undefined until it joins. */
  readonly id: string | undefined;
  readonly open: boolean;
}

/** Returns the frame to forward (the same object, changed, or a new one), or null to drop it. */
export type FrameHook = (frame: Frame, client: ProxyClient) => Frame | null;

export interface SignalProxy {
  /** Base URL to give a WebSocketTransport instead of the server's (it appends `/ws`). */
  readonly url: string;
  readonly clients: readonly ProxyClient[];
  /** Every frame that reached the proxy, before the hooks ran (copies). */
  readonly log: readonly { readonly direction: Direction; readonly client: number; readonly frame: Frame; readonly binary: boolean }[];
  /** Adds a hook for frames from the pages; hooks run in the order added. Returns its remover. */
  onClientToServer(hook: FrameHook): () => void;
  /** Adds a hook for frames from the server. Returns its remover. */
  onServerToClient(hook: FrameHook): () => void;
  /**
   * Sends a frame to a client, as if from the server: by index, or to the newest open client with
   * that peer id. A `signal` goes in the binary framing to a client that asked for it, as the
   * server would send it; anything else as JSON text.
   */
  inject(client: number | string, frame: Frame): void;
  close(): Promise<void>;
}

interface Connection extends ProxyClient {
  id: string | undefined;
  /** It asked for binary signal frames in a join. */
  binary: boolean;
  readonly downstream: WebSocket;
  readonly upstream: WebSocket;
}

/**
 * `serverUrl`, or a function giving it when a client connects: a server that must know the
 * proxy's URL (`--public-url`, as behind any proxy) can then start after it.
 */
export async function startSignalProxy(serverUrl: string | (() => string)): Promise<SignalProxy> {
  const target = () => `${serverBase().replace(/^http/, 'ws')}/ws`;
  const connections: Connection[] = [];
  const log: { direction: Direction; client: number; frame: Frame; binary: boolean }[] = [];
  const hooks: Record<Direction, FrameHook[]> = { 'client-to-server': [], 'server-to-client': [] };
  const serverBase = () => (typeof serverUrl === 'string' ? serverUrl : serverUrl()).replace(/\/$/, '');
  // GET /ice passes through untouched, as through any reverse proxy: the pages read their ICE
  // servers (TURN credentials) from the same base URL they signal through.
  const http: Server = createServer((request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://proxy').pathname !== '/ice') return void response.writeHead(404).end();
    fetch(`${serverBase()}${request.url}`).then(
      async (answer) => response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'access-control-allow-origin': '*' }).end(await answer.text()),
      () => response.writeHead(502).end(),
    );
  });
  const sockets = new WebSocketServer({ noServer: true });

  http.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://proxy').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (downstream) => connect(downstream));
  });

  function connect(downstream: WebSocket): void {
    const upstream = new WebSocket(target());
    const connection: Connection = {
      index: connections.length,
      id: undefined,
      binary: false,
      downstream,
      upstream,
      get open() {
        return downstream.readyState === WebSocket.OPEN;
      },
    };
    connections.push(connection);
    // The page may speak before the server socket is open: hold its frames until then.
    const early: (string | Buffer)[] = [];
    upstream.on('open', () => {
      for (const text of early.splice(0)) upstream.send(text);
    });
    downstream.on('message', (data, isBinary) => {
      const out = relay('client-to-server', connection, data, isBinary);
      if (out === null) return;
      if (upstream.readyState === WebSocket.OPEN) upstream.send(out);
      else if (upstream.readyState === WebSocket.CONNECTING) early.push(out);
    });
    upstream.on('message', (data, isBinary) => {
      const out = relay('server-to-client', connection, data, isBinary);
      if (out !== null && downstream.readyState === WebSocket.OPEN) downstream.send(out);
    });
    // Either side going away takes the other with it, as a dropped connection would.
    const closeBoth = () => {
      downstream.terminate();
      upstream.terminate();
    };
    downstream.on('close', closeBoth);
    upstream.on('close', closeBoth);
    downstream.on('error', closeBoth);
    upstream.on('error', closeBoth);
  }

  /** What to forward (text, or bytes for a binary frame), or null to drop. Frames it cannot read pass untouched. */
  function relay(direction: Direction, connection: Connection, data: RawData, isBinary: boolean): string | Buffer | null {
    const raw = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const frame = isBinary ? fromBinary(direction, raw) : fromText(raw.toString('utf8'));
    if (!frame) return isBinary ? raw : raw.toString('utf8');
    if (direction === 'client-to-server' && frame.type === 'join') {
      if (typeof frame.id === 'string') connection.id ??= frame.id;
      if (frame.binary === true) connection.binary = true;
    }
    log.push({ direction, client: connection.index, frame: structuredClone(frame), binary: isBinary });
    let current: Frame | null = frame;
    for (const hook of hooks[direction]) {
      current = hook(current, connection);
      if (current === null) return null;
    }
    return (isBinary && toBinary(direction, current)) || JSON.stringify(current);
  }

  function addHook(direction: Direction, hook: FrameHook): () => void {
    hooks[direction].push(hook);
    return () => {
      const at = hooks[direction].indexOf(hook);
      if (at >= 0) hooks[direction].splice(at, 1);
    };
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    clients: connections,
    log,
    onClientToServer: (hook) => addHook('client-to-server', hook),
    onServerToClient: (hook) => addHook('server-to-client', hook),
    inject(client, frame) {
      const connection =
        typeof client === 'number' ? connections[client] : connections.findLast((candidate) => candidate.id === client && candidate.open);
      if (!connection?.open) throw new Error(`no open proxy client ${String(client)}`);
      connection.downstream.send((connection.binary && toBinary('server-to-client', frame)) || JSON.stringify(frame));
    },
    async close() {
      for (const connection of connections) {
        connection.downstream.terminate();
        connection.upstream.terminate();
      }
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function fromText(text: string): Frame | undefined {
  try {
    const frame = JSON.parse(text) as unknown;
    if (typeof frame === 'object' && frame !== null && typeof (frame as Frame).type === 'string') return frame as Frame;
  } catch {
    // not JSON: forwarded as it is
  }
  return undefined;
}

/** A binary signal as its JSON equivalent: `to` going to the server, `from` coming from it. */
function fromBinary(direction: Direction, bytes: Buffer): Frame | undefined {
  try {
    const signal = decodeBinarySignal(bytes, Number.MAX_SAFE_INTEGER);
    const peer = signal.kind === BinaryKind.SignalTo ? 'to' : 'from';
    if ((direction === 'client-to-server') !== (signal.kind === BinaryKind.SignalTo)) return undefined;
    return { type: 'signal', ns: signal.ns, room: signal.room, [peer]: signal.peer, env: Buffer.from(signal.env).toString('base64url') };
  } catch {
    return undefined;
  }
}

/** The binary framing of a (possibly rewritten) signal; undefined when it no longer fits it. */
function toBinary(direction: Direction, frame: Frame): Buffer | undefined {
  const peer = direction === 'client-to-server' ? frame.to : frame.from;
  if (frame.type !== 'signal' || typeof frame.ns !== 'string' || typeof frame.room !== 'string' || typeof peer !== 'string' || typeof frame.env !== 'string') return undefined;
  try {
    const kind = direction === 'client-to-server' ? BinaryKind.SignalTo : BinaryKind.SignalFrom;
    return Buffer.from(encodeBinarySignal({ kind, ns: frame.ns, room: frame.room, peer, env: Buffer.from(frame.env, 'base64url') }));
  } catch {
    return undefined;
  }
}
