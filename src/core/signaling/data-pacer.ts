/**
 * Paces a transport's `data` frames (a link's frames through the server, link/server-path.ts) to
 * the budget the server announced in its hello: the server drops what comes faster (297), so a
 * sender that kept to its own speed would lose frames instead of waiting. Frames wait here, in
 * order, up to `maxQueuedBytes`; `drained` says when the queue has emptied.
 */
import { TokenBucket } from '../util/token-bucket.js';

/**
 * What the server relays of `data` frames, per socket: bytes a second, the burst, the largest
 * payload; and the frames a second (and burst) it takes of every kind from one socket.
 */
export interface DataLimits {
  readonly rate: number;
  readonly burst: number;
  readonly max: number;
  readonly frameRate?: number;
  readonly frameBurst?: number;
}

/** Data frames take at most this share of the socket's frame budget: signals, pings and joins need the rest. */
const FRAME_SHARE = 0.5;

/** The largest `data` payload a client takes from a server, whatever the server says of its own limit. */
export const MAX_DATA_BYTES = 64 * 1024;

/**
 * The hello's `data` field as limits, and a pacer for them; undefined when the server relays no
 * data (an older one) or says something unusable. The server is not trusted with the numbers
 * either: a payload over MAX_DATA_BYTES is never sent or taken.
 */
export function readDataLimits(value: unknown, drained: () => void): DataPacer | undefined {
  const { rate, burst, max, frameRate, frameBurst } = (value ?? {}) as Partial<Record<keyof DataLimits, unknown>>;
  const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
  if (!positive(rate) || !positive(burst) || !positive(max)) return undefined;
  const frames = positive(frameRate) && positive(frameBurst) ? { frameRate, frameBurst } : {};
  return new DataPacer({ rate, burst, max: Math.min(max, MAX_DATA_BYTES, burst * MARGIN), ...frames }, drained);
}

/** A little under the server's own budget: its clock and ours start the bucket at different moments. */
const MARGIN = 0.9;

export class DataPacer {
  readonly #bucket: TokenBucket;
  readonly #frames: TokenBucket | undefined;
  readonly #queue: { readonly bytes: number; readonly send: () => void }[] = [];
  #queuedBytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly limits: DataLimits,
    private readonly drained: () => void,
    private readonly maxQueuedBytes = 1024 * 1024,
  ) {
    this.#bucket = new TokenBucket(limits.rate * MARGIN, limits.burst * MARGIN);
    if (limits.frameRate && limits.frameBurst) this.#frames = new TokenBucket(limits.frameRate * FRAME_SHARE, Math.max(1, limits.frameBurst * FRAME_SHARE));
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Sends now if the budget allows, else queues; false (nothing queued) when the queue is full. */
  push(bytes: number, send: () => void): boolean {
    if (bytes > this.#bucket.burst) return false;
    if (this.#queue.length === 0 && this.#take(Date.now(), bytes)) {
      send();
      return true;
    }
    if (this.#queuedBytes + bytes > this.maxQueuedBytes) return false;
    this.#queue.push({ bytes, send });
    this.#queuedBytes += bytes;
    this.#schedule();
    return true;
  }

  /** Drops what waits (the socket closed: the server forgot the rooms those frames were for). */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const head = this.#queue[0];
    if (!head) return;
    const missingBytes = Math.max(0, head.bytes - this.#bucket.available());
    const missingFrames = this.#frames ? Math.max(0, 1 - this.#frames.available()) : 0;
    const waitMs = Math.max(missingBytes / this.#bucket.rate, this.#frames ? missingFrames / this.#frames.rate : 0) * 1000;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#sendWaiting();
    }, Math.ceil(waitMs));
  }

  /** Takes from both budgets, or from neither. */
  #take(now: number, bytes: number): boolean {
    if (this.#bucket.available(now) < bytes || (this.#frames && this.#frames.available(now) < 1)) return false;
    this.#frames?.take(now);
    return this.#bucket.take(now, bytes);
  }

  #sendWaiting(): void {
    const now = Date.now();
    while (this.#queue.length > 0 && this.#take(now, this.#queue[0]!.bytes)) {
      const { bytes, send } = this.#queue.shift()!;
      this.#queuedBytes -= bytes;
      send();
    }
    if (this.#queue.length === 0) this.drained();
    else this.#schedule();
  }
}
