/** A WebSocket test client for the signaling server: send frames, await the ones you expect. */
import { WebSocket, type ClientOptions } from 'ws';
import { serverName } from '../../src/core/envelope/join-proof.js';
import { decodeBinarySignal } from '../../src/core/signaling/binary-frame.js';
import type { ServerFrame } from '../../src/server/frames.js';

type Frame = ServerFrame & Record<string, unknown>;

export class TestClient {
  readonly frames: Frame[] = [];
  /** The type of every frame received, in the order it came (whether awaited or not). */
  readonly arrivals: string[] = [];
  readonly #waiters: { match(frame: Frame): boolean; resolve(frame: Frame): void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  challenge = '';
  /** The server's greeting (its challenge, and what it relays of data frames). */
  hello: Frame = { type: 'hello' } as Frame;
  /** The name join and pair proofs give this server (join-proof.ts serverName). */
  server = '';

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      // A binary signal becomes a `binary-signal` frame with the envelope in base64url.
      const frame = isBinary ? TestClient.#binaryFrame(data as Buffer) : (JSON.parse(data.toString()) as Frame);
      this.arrivals.push(String(frame.type));
      const waiter = this.#waiters.findIndex((candidate) => candidate.match(frame));
      if (waiter >= 0) this.#waiters.splice(waiter, 1)[0]!.resolve(frame);
      else this.frames.push(frame);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** `options`: e.g. `headers` (an `X-Forwarded-For` for a server that trusts a proxy) or `localAddress`. */
  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    return TestClient.connectTo(`${url.replace(/^http/, 'ws')}/ws`, options);
  }

  /** A socket at exactly `socketUrl` (a backend's room endpoint: signaling-backends.ts); proofs name its host. */
  static async connectTo(socketUrl: string, options: ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(socketUrl, options);
    const client = new TestClient(socket);
    client.server = serverName(socketUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    client.hello = await client.next('hello');
    client.challenge = client.hello.challenge as string;
    return client;
  }

  static #binaryFrame(data: Buffer): Frame {
    const signal = decodeBinarySignal(new Uint8Array(data), 1 << 20);
    return { type: 'binary-signal', kind: signal.kind, ns: signal.ns, room: signal.room, from: signal.peer, env: Buffer.from(signal.env).toString('base64url') } as unknown as Frame;
  }

  send(frame: Record<string, unknown> | string | Uint8Array): void {
    this.socket.send(typeof frame === 'string' || frame instanceof Uint8Array ? frame : JSON.stringify(frame));
  }

  /** The next frame of this type, or of one of these types (and matching `where`), already received or still to come. */
  next(type: string | readonly string[], where: (frame: Frame) => boolean = () => true, timeoutMs = 10_000): Promise<Frame> {
    const match = (frame: Frame) => (typeof type === 'string' ? frame.type === type : type.includes(frame.type)) && where(frame);
    const at = this.frames.findIndex(match);
    if (at >= 0) return Promise.resolve(this.frames.splice(at, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${JSON.stringify(type)} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)), timeoutMs);
      // A wait nobody needs any more (a race's loser) must not hold the test process open.
      timer.unref();
      this.#waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}
