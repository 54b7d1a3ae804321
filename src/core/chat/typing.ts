/**
 * "Who is typing", on its own named channel (`peerkit/typing`), apart from chat: nothing here is
 * stored or synced, and a typing frame is never read as a chat frame.
 *
 * The writer calls `typing()` on each input and `stopped()` on send, blur or an emptied input;
 * the room hears at most one "typing" frame per `sendEveryMs` and one "stopped" after it. A
 * reader shows a peer as typing until its "stopped", until `expireAfterMs` pass without a frame
 * (a writer that went quiet, or whose "stopped" was lost), or until it leaves.
 *
 * Frames are the JSON strings "typing" and "stopped" and nothing else. A peer sending faster than
 * `framesPerSecond` (burst `frameBurst`) is not heard past it, and at most `maxTyping` peers show
 * at once. Who sent a frame is the channel's `from`, which is authenticated: over a link it is the
 * peer the link is bound to (link/binding.ts: both sides sign over the DTLS channel), and relayed
 * through a partial mesh it is the origin whose signature over the frame was checked
 * (mesh/relay-check.ts: the signer must be the frame's origin). A member cannot type as another.
 */
import type { Channel } from '../session/channels.js';
import type { PeerGroupEventMap } from '../session/peer-group.js';
import { systemClock, type Clock } from '../util/clock.js';
import { Emitter } from '../util/events.js';
import { TokenBuckets } from '../util/token-bucket.js';

export const TYPING_CHANNEL = 'peerkit/typing';

const TYPING = 'typing';
const STOPPED = 'stopped';

export interface TypingLimits {
  /** A writer repeats "typing" at most this often, ms. */
  readonly sendEveryMs: number;
  /** A peer stops showing as typing this long after its last frame, ms. */
  readonly expireAfterMs: number;
  /** Frames heard from one peer: a second, and burst. */
  readonly framesPerSecond: number;
  readonly frameBurst: number;
  /** Peers shown as typing at once. */
  readonly maxTyping: number;
}

export const TYPING_LIMITS: TypingLimits = {
  sendEveryMs: 3000,
  expireAfterMs: 6000,
  framesPerSecond: 2,
  frameBurst: 4,
  maxTyping: 64,
};

/** A group with named channels that says when a peer leaves (a Room; a Pairing). */
export interface TypingGroup {
  channel(name: string): Channel;
  /** The room's members other than this peer: only they are shown typing. */
  readonly peers: readonly string[];
  addEventListener(type: 'peer-disconnect', listener: (event: PeerGroupEventMap['peer-disconnect']) => void, options?: AddEventListenerOptions): void;
}

export interface ChatTypingOptions {
  readonly group: TypingGroup;
  /** Time and timers; default the system's. */
  readonly clock?: Clock;
  readonly limits?: Partial<TypingLimits>;
}

export interface ChatTypingEventMap {
  /** Who is typing changed: the peers typing now, in the order they started. */
  change: CustomEvent<{ readonly peers: readonly string[] }>;
}

export class ChatTyping extends Emitter<ChatTypingEventMap> {
  readonly #channel: Channel;
  readonly #group: TypingGroup;
  readonly #clock: Clock;
  readonly #limits: TypingLimits;
  readonly #frames: TokenBuckets;
  readonly #listening = new AbortController();
  /** Per peer typing, the timer that lets it go. */
  readonly #typing = new Map<string, unknown>();
  /** When this writer last sent "typing"; undefined when it has not since its last "stopped". */
  #announcedAt: number | undefined;
  #closed = false;

  constructor(options: ChatTypingOptions) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#limits = { ...TYPING_LIMITS, ...options.limits };
    this.#frames = new TokenBuckets(this.#limits.framesPerSecond, this.#limits.frameBurst);
    this.#group = options.group;
    this.#channel = options.group.channel(TYPING_CHANNEL);
    const { signal } = this.#listening;
    this.#channel.on('message', ({ from, value }) => this.#receive(from, value), { signal });
    options.group.addEventListener('peer-disconnect', ({ detail }) => this.#release(detail.id), { signal });
  }

  /** The peers typing now, in the order they started. */
  get peers(): readonly string[] {
    return [...this.#typing.keys()];
  }

  /** The writer typed: tells the room, unless it was told less than `sendEveryMs` ago. */
  typing(): void {
    const now = this.#clock.now();
    if (this.#closed || (this.#announcedAt !== undefined && now - this.#announcedAt < this.#limits.sendEveryMs)) return;
    this.#announcedAt = now;
    this.#send(TYPING);
  }

  /** The writer sent, left the input or emptied it: tells the room once, if it was told "typing". */
  stopped(): void {
    if (this.#closed || this.#announcedAt === undefined) return;
    this.#announcedAt = undefined;
    this.#send(STOPPED);
  }

  close(): void {
    this.#closed = true;
    this.#listening.abort();
    for (const timer of this.#typing.values()) this.#clock.clearTimeout(timer);
    this.#typing.clear();
  }

  // Typing is of the moment: a frame that cannot go is not worth retrying or reporting.
  #send(frame: string): void {
    this.#channel.broadcast(frame).catch(() => undefined);
  }

  #receive(from: string, value: unknown): void {
    // A relayed frame's signer proves only its key: one relay could sign with endless throwaway keys
    // and fill every typing slot. Members only, so the slots (and the rate buckets) are the room's.
    if ((value !== TYPING && value !== STOPPED) || !this.#group.peers.includes(from)) return;
    // "Stopped" only clears its sender's own line: it costs no token, so a fast writer's last one is
    // never lost to the rate limit (which would leave them "typing" for expireAfterMs).
    if (value === STOPPED) return this.#release(from);
    if (!this.#frames.take(from, this.#clock.now())) return;
    const known = this.#typing.has(from);
    if (!known && this.#typing.size >= this.#limits.maxTyping) return;
    if (known) this.#clock.clearTimeout(this.#typing.get(from));
    this.#typing.set(from, this.#clock.setTimeout(() => this.#release(from), this.#limits.expireAfterMs));
    if (!known) this.#changed();
  }

  #release(peer: string): void {
    if (!this.#typing.has(peer)) return;
    this.#clock.clearTimeout(this.#typing.get(peer));
    this.#typing.delete(peer);
    this.#changed();
  }

  #changed(): void {
    this.emit('change', { peers: this.peers });
  }
}
