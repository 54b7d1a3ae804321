/**
 * The file channel to each peer: FILE_CHANNEL, a negotiated data channel beside the link's own on
 * every bound link, got from the group's `dataChannel(peer, label, id)`.
 *
 * Lifetime: a channel is opened for each peer linked when FileChannels starts and whenever the
 * group says a link is up (`peer`). A link made again after a drop is a new link with a new
 * channel, opened by its `peer` event; the old channel's close ends what went through it. Closing
 * FileChannels leaves the channels with their links, so a later FileShare on the same group takes
 * them over.
 *
 * Handshake: nothing but a hello is sent before the remote's hello arrives (the browser drops what
 * arrives before the remote side of a negotiated channel exists). A hello is answered by one
 * marked `re`; a first hello again on a channel that is up means the remote's FileShare started
 * over, so what this side had going with it ends.
 *
 * Text frames are parsed and handled one after another, in arrival order, though some handlers
 * wait on the store; chunk frames are handed on as they arrive. A frame that fails to parse or to
 * be handled is reported as an `error` event naming the peer.
 */
import type { PeerGroup } from '../session/peer-group.js';
import { BoundedSet } from '../util/bounded-map.js';
import { FileError, asFileError } from './errors.js';
import type { EmitFileEvent } from './events.js';
import { FILE_CHANNEL, FILE_PROTOCOL, encodeControl, parseControl, type Control, type OutgoingControl } from './wire.js';

/** What files need of a group (a Room or a Pairing): its peers, its `peer` events, a channel on each bound link. */
export type FileGroup = Pick<PeerGroup, 'peers' | 'dataChannel' | 'addEventListener'>;

export interface PeerChannel {
  readonly peer: string;
  readonly channel: RTCDataChannel;
  /** The remote's hello arrived: its side of the channel exists. */
  readonly ready: boolean;
}

/** Every control frame but hello, which the channel handles itself. */
export type PeerControl = Exclude<Control, { t: 'hello' }>;

/** What FileShare does with what arrives on its channels. */
export interface ChannelHandlers {
  /** The remote's hello: `fresh` the first time on a channel, and when the remote's FileShare started over. */
  hello(pc: PeerChannel, fresh: boolean): void;
  /** A control frame, after the remote's hello; the next one waits until this one is handled. */
  control(pc: PeerChannel, frame: PeerControl): void | Promise<void>;
  chunk(pc: PeerChannel, data: ArrayBuffer): void;
  /** What this side had going with the peer ends: its channel closed or was replaced, or its FileShare started over. */
  forget(pc: PeerChannel, why: string): void;
}

interface Attached extends PeerChannel {
  ready: boolean;
  /** Control frames in arrival order: each waits for the one before it. */
  inbox: Promise<void>;
  readonly detach: () => void;
}

/** Late frames for transfers that ended are dropped quietly; this many ended ids are remembered per channel. */
const RETIRED_IDS = 256;

/** The ids of transfers on a channel that ended, the oldest forgotten past RETIRED_IDS. */
export const retiredIds = () => new BoundedSet<number>(RETIRED_IDS);

/** The file channel of every bound link of a group, one per peer. */
export class FileChannels {
  readonly #group: FileGroup;
  readonly #handlers: ChannelHandlers;
  readonly #emit: EmitFileEvent;
  readonly #channels = new Map<string, Attached>();
  readonly #listening = new AbortController();

  constructor(group: FileGroup, handlers: ChannelHandlers, emit: EmitFileEvent) {
    this.#group = group;
    this.#handlers = handlers;
    this.#emit = emit;
  }

  /** Opens the channel to every peer linked now, and to each peer whose link comes up from now on. */
  start(): void {
    this.#group.addEventListener('peer', (event) => this.#attach(event.detail.id), { signal: this.#listening.signal });
    for (const peer of this.#group.peers) this.#attach(peer);
  }

  /** Peers whose file channel is up on both sides. */
  get ready(): string[] {
    return [...this.#channels.values()].filter((pc) => pc.ready && pc.channel.readyState === 'open').map((pc) => pc.peer);
  }

  /** Every channel held, up or not yet. */
  get all(): PeerChannel[] {
    return [...this.#channels.values()];
  }

  /** The channel held for `peer`, up or not yet. */
  get(peer: string): PeerChannel | undefined {
    return this.#channels.get(peer);
  }

  /** Whether `pc` is still the peer's channel (not closed, not replaced by a newer link's). */
  isCurrent(pc: PeerChannel): boolean {
    return this.#channels.get(pc.peer) === pc;
  }

  /** Sends a control frame; false when the channel is not open (what depends on it ends with its close). */
  send(pc: PeerChannel, frame: OutgoingControl): boolean {
    if (pc.channel.readyState !== 'open') return false;
    try {
      pc.channel.send(encodeControl(frame));
      return true;
    } catch {
      // Closing under us: its close event ends what depended on it.
      return false;
    }
  }

  /** Stops opening channels and lets go of those held, leaving them open with their links. */
  close(): void {
    this.#listening.abort();
    for (const pc of this.#channels.values()) pc.detach();
    this.#channels.clear();
  }

  #attach(peer: string): void {
    if (this.#listening.signal.aborted) return;
    let channel: RTCDataChannel | undefined;
    try {
      channel = this.#group.dataChannel(peer, FILE_CHANNEL.label, FILE_CHANNEL.id);
    } catch (error) {
      // The stream id is still held by a channel closing on this link: the next `peer` event retries.
      this.#emit('error', { code: 'unavailable', message: `no file channel to ${peer}: ${(error as Error).message}`, peer });
      return;
    }
    const known = this.#channels.get(peer);
    if (!channel || known?.channel === channel) return;
    if (known) this.#gone(known);
    channel.binaryType = 'arraybuffer';
    const onMessage = (event: MessageEvent) => this.#onFrame(pc, event.data);
    const onOpen = () => this.send(pc, { t: 'hello', v: FILE_PROTOCOL });
    const onClose = () => this.#gone(pc);
    const pc: Attached = {
      peer,
      channel,
      ready: false,
      inbox: Promise.resolve(),
      detach: () => {
        channel.removeEventListener('message', onMessage);
        channel.removeEventListener('open', onOpen);
        channel.removeEventListener('close', onClose);
      },
    };
    this.#channels.set(peer, pc);
    channel.addEventListener('message', onMessage);
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
    if (channel.readyState === 'open') onOpen();
  }

  /** The channel closed (the link dropped) or was replaced: what went through it stops. */
  #gone(pc: Attached): void {
    if (!this.isCurrent(pc)) return;
    this.#channels.delete(pc.peer);
    pc.detach();
    this.#handlers.forget(pc, 'the link closed');
  }

  #onFrame(pc: Attached, data: unknown): void {
    if (!this.isCurrent(pc)) return;
    if (data instanceof ArrayBuffer) {
      try {
        this.#handlers.chunk(pc, data);
      } catch (error) {
        this.#frameError(pc, error);
      }
      return;
    }
    if (typeof data !== 'string') return this.#frameError(pc, new FileError('malformed', 'a frame neither text nor binary'));
    pc.inbox = pc.inbox.then(() => this.#onControl(pc, parseControl(data))).catch((error: unknown) => this.#frameError(pc, error));
  }

  #frameError(pc: PeerChannel, error: unknown): void {
    const failure = asFileError(error, 'malformed');
    this.#emit('error', { code: failure.code, message: `from ${pc.peer}: ${failure.message}`, peer: pc.peer });
  }

  async #onControl(pc: Attached, frame: Control): Promise<void> {
    if (!this.isCurrent(pc)) return;
    if (frame.t === 'hello') return this.#onHello(pc, frame);
    if (!pc.ready) throw new FileError('malformed', `a "${frame.t}" frame before hello`);
    await this.#handlers.control(pc, frame);
  }

  #onHello(pc: Attached, frame: { v: number; re?: true }): void {
    if (frame.v !== FILE_PROTOCOL) throw new FileError('malformed', `file protocol version ${frame.v}; this side speaks ${FILE_PROTOCOL}`);
    // A first hello again, on a channel already up: the remote's FileShare started over.
    if (pc.ready && !frame.re) this.#handlers.forget(pc, 'the peer started over');
    const fresh = !pc.ready || !frame.re;
    pc.ready = true;
    if (!frame.re) this.send(pc, { t: 'hello', v: FILE_PROTOCOL, re: true });
    this.#handlers.hello(pc, fresh);
  }
}
