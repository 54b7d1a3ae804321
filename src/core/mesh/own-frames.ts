/**
 * This peer's own frames on their way out. Each is sealed first (a signature, and for a message
 * for one peer an encryption), and seals finish when they do; frames go on the links in the order
 * they were sent, whichever seal finishes first. A frame no link took waits for one (`flush`), a
 * bounded number of them: past that, the oldest is dropped and its message reported failed.
 */
import type { RelayFrame } from './relay-frame.js';

export const OWN_FRAME_LIMITS = {
  /** Frames held while no link is up. */
  maxHeld: 256,
} as const;

export const RELAY_CLOSED = 'the relay was closed (the room was left) before the message went out';

export interface OwnFramesOptions {
  /** Puts a frame of ours on the links; false when no link took it. */
  readonly spread: (frame: RelayFrame) => boolean;
  /** A message of ours could not go out. */
  readonly failed: (to: string | undefined, data: string, reason: string) => void;
}

/** Whom a frame is for (none: everyone), and the app's message in it (none in key requests and notes). */
export interface OwnMessage {
  readonly to?: string;
  readonly data?: string;
}

export class OwnFrames {
  /** The seals in the order their frames were sent. */
  #sealing: Promise<void> = Promise.resolve();
  readonly #held: { readonly frame: RelayFrame; readonly data?: string }[] = [];
  #closed = false;

  constructor(private readonly options: OwnFramesOptions) {}

  /** Frames waiting for a link. */
  get held(): number {
    return this.#held.length;
  }

  /**
   * Sends a frame once its envelope is sealed and every frame sent before it went out. `frameOf`
   * makes the frame then, so what it names beside the envelope (the seed) is chosen when it goes.
   */
  add(sealing: Promise<string>, message: OwnMessage, frameOf: (envelope: string) => RelayFrame): void {
    const { to, data } = message;
    // Its failure is handled in the chain below; this only keeps it from counting as unhandled meanwhile.
    sealing.catch(() => undefined);
    this.#sealing = this.#sealing
      .then(() => sealing)
      .then(
        (envelope) => {
          if (this.#closed) {
            if (data !== undefined) this.options.failed(to, data, RELAY_CLOSED);
            return;
          }
          const frame = frameOf(envelope);
          if (!this.options.spread(frame)) this.#hold(frame, data);
        },
        (error: unknown) => {
          if (data !== undefined) this.options.failed(to, data, `could not seal: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      // One message's trouble must not fail the ones sealed after it.
      .catch(() => undefined);
  }

  /** A link came up: the frames held go out now (those no link takes wait again). */
  flush(): void {
    if (this.#closed) return;
    for (const { frame, data } of this.#held.splice(0)) {
      if (!this.options.spread(frame)) this.#hold(frame, data);
    }
  }

  /**
   * Seals still in flight end without sending, their messages reported failed. Frames already held
   * stay where they are, unsent and unreported.
   */
  close(): void {
    this.#closed = true;
  }

  #hold(frame: RelayFrame, data: string | undefined): void {
    this.#held.push({ frame, ...(data !== undefined ? { data } : {}) });
    if (this.#held.length <= OWN_FRAME_LIMITS.maxHeld) return;
    const dropped = this.#held.shift()!;
    if (dropped.data !== undefined) this.options.failed(dropped.frame.o, dropped.data, `no link up, and more than ${OWN_FRAME_LIMITS.maxHeld} messages waiting`);
  }
}
