/**
 * FileShare's channel, FILE_CHANNEL: a named channel of the group (session/channels.ts), and the
 * session with each peer on it.
 *
 * The channel object is taken from the group when FileChannels is made, so frames from peers are
 * heard from then on (a named channel's frames reaching a peer that has not taken that channel
 * are dropped there). Frames are bytes (wire.ts), sent and taken over direct links only: sent
 * `direct` (never relayed; in parts as large as a link frame), and a frame relayed through a
 * partial mesh (`via`) is dropped, as files would spend the relay's budgets.
 *
 * Sessions: a session with a peer lasts as long as its link. It starts when the link comes up (the
 * group's `peer` event, or a link already up when FileChannels starts) with a hello, and ends when
 * the link closes or fails (`link-state`) or the peer leaves (`peer-disconnect`): what the link
 * had not sent by then is lost, so what this side had going with the peer ends, and the next
 * session resumes it (a fetch asks only for the chunks it still misses).
 *
 * The hello is kept on a named channel for what it tells: that the remote runs a FileShare (a peer
 * that does not drops our frames, so nothing but a hello is sent before its hello arrives, and a
 * fetch never waits on a peer that cannot answer), and — a hello without `re` on a session that is
 * up — that the remote's FileShare started over (a reload, or a new FileShare on the group), so
 * what this side had going with it ends. Frames before the peer's hello are refused (`malformed`)
 * unless the peer had a session before: then they are late frames of that session, left in its
 * group's outbox when its link dropped, and are dropped quietly.
 *
 * Control frames are parsed and handled one after another, in arrival order, though some handlers
 * wait on the store; chunk frames are handed on as they arrive. A frame that fails to parse or to
 * be handled is reported as an `error` event naming the peer.
 */
import type { Channel, ChannelValue, SendOptions } from '../session/channels.js';
import type { PeerGroup } from '../session/peer-group.js';
import { BoundedSet } from '../util/bounded-map.js';
import { FileError, asFileError } from './errors.js';
import type { EmitFileEvent } from './events.js';
import { FILE_CHANNEL, FILE_PROTOCOL, encodeControl, isControlFrame, parseControl, type Control, type OutgoingControl } from './wire.js';

/**
 * What files need of a group (a Room or a Pairing): its peers and whose link is up, its `peer`,
 * `link-state` and `peer-disconnect` events, and a named channel.
 */
export type FileGroup = Pick<PeerGroup, 'peers' | 'linkState' | 'addEventListener'> & { channel(name: string): Channel };

/** FileShare's side of one peer, for as long as the peer is in the group (its sessions come and go). */
export interface PeerChannel {
  readonly peer: string;
  /** The remote's hello arrived on this link: it runs a FileShare. */
  readonly ready: boolean;
  /** Counts the ends of sessions (and restarts of the remote's FileShare): what began before one is over. */
  readonly epoch: number;
}

/** Every control frame but hello, which the channel handles itself. */
export type PeerControl = Exclude<Control, { t: 'hello' }>;

/** What FileShare does with what arrives on its channel. */
export interface ChannelHandlers {
  /** The remote's hello: `fresh` the first time in a session, and when the remote's FileShare started over. */
  hello(pc: PeerChannel, fresh: boolean): void;
  /** A control frame, after the remote's hello; the next one waits until this one is handled. */
  control(pc: PeerChannel, frame: PeerControl): void | Promise<void>;
  chunk(pc: PeerChannel, frame: Uint8Array): void;
  /** What this side had going with the peer ends: its link closed, it left, or its FileShare started over. */
  forget(pc: PeerChannel, why: string): void;
}

interface Session extends PeerChannel {
  ready: boolean;
  epoch: number;
  /** Its link is up, as far as the group said. */
  linked: boolean;
  /** Counts the links: control frames still waiting in the inbox when theirs went are not handled. */
  links: number;
  /** It said hello in an earlier session: frames before its next hello are late ones. */
  known: boolean;
  /** Control frames in arrival order: each waits for the one before it. */
  inbox: Promise<void>;
}

/** Late frames for transfers that ended are dropped quietly; this many ended ids are remembered per peer. */
const RETIRED_IDS = 256;

/** The ids of transfers with a peer that ended, the oldest forgotten past RETIRED_IDS. */
export const retiredIds = () => new BoundedSet<number>(RETIRED_IDS);

/** The file channel of a group, and the session with each of its peers. */
export class FileChannels {
  readonly #group: FileGroup;
  readonly #channel: Channel;
  readonly #handlers: ChannelHandlers;
  readonly #emit: EmitFileEvent;
  /** Frames wait before going to a link whose send buffer holds more than this. */
  readonly #highWaterMark: number | undefined;
  readonly #sessions = new Map<string, Session>();
  readonly #listening = new AbortController();

  constructor(group: FileGroup, handlers: ChannelHandlers, emit: EmitFileEvent, highWaterMark?: number) {
    this.#group = group;
    this.#handlers = handlers;
    this.#emit = emit;
    this.#highWaterMark = highWaterMark;
    this.#channel = group.channel(FILE_CHANNEL);
  }

  /** Listens to the channel and the group, and says hello to every peer whose link is up. */
  start(): void {
    const { signal } = this.#listening;
    this.#channel.on('message', ({ from, value, via }) => (via === undefined ? this.#onFrame(from, value) : undefined), { signal });
    this.#group.addEventListener('peer', (event) => this.#linked(event.detail.id), { signal });
    this.#group.addEventListener(
      'link-state',
      ({ detail: { id, state } }) => {
        if (state === 'closed' || state === 'failed') this.#unlinked(id, 'the link closed');
      },
      { signal },
    );
    this.#group.addEventListener('peer-disconnect', (event) => this.#left(event.detail.id), { signal });
    for (const peer of this.#group.peers) if (this.#group.linkState(peer) === 'connected') this.#linked(peer);
  }

  /** Peers whose FileShare said hello on the link that is up. */
  get ready(): string[] {
    return [...this.#sessions.values()].filter((session) => session.ready && session.linked).map((session) => session.peer);
  }

  /** Every peer known here, in a session or not. */
  get all(): PeerChannel[] {
    return [...this.#sessions.values()];
  }

  get(peer: string): PeerChannel | undefined {
    return this.#sessions.get(peer);
  }

  /** Whether the peer's session is up: its link, and its hello. */
  isUp(pc: PeerChannel): boolean {
    const session = this.#sessions.get(pc.peer);
    return session === pc && session.ready && session.linked;
  }

  /**
   * Sends a control frame; false when the peer's link is down (what depends on it ends with the
   * session). A frame that does not go out after all is not reported: the session's end is.
   */
  send(pc: PeerChannel, frame: OutgoingControl): boolean {
    const session = this.#sessions.get(pc.peer);
    if (session !== pc || !session.linked) return false;
    this.#channel.send(pc.peer, encodeControl(frame), this.#sendOptions()).catch(() => undefined);
    return true;
  }

  /**
   * Sends a chunk frame. Resolves once it is handed to the link, after waiting while the link's
   * send buffer is over the high-water mark (the backpressure); false when the link is down or the
   * frame could not go.
   */
  async sendChunk(pc: PeerChannel, frame: Uint8Array): Promise<boolean> {
    if (!this.isUp(pc)) return false;
    try {
      await this.#channel.send(pc.peer, frame, this.#sendOptions());
      return true;
    } catch {
      return false;
    }
  }

  /** Stops listening; the channel stays with the group, so a later FileShare on it takes it over. */
  close(): void {
    this.#listening.abort();
    this.#sessions.clear();
  }

  /** Direct: never relayed (see the header), and so in parts as large as a link frame: a chunk goes in one. */
  #sendOptions(): SendOptions {
    return this.#highWaterMark === undefined ? { direct: true } : { direct: true, highWaterMark: this.#highWaterMark };
  }

  #session(peer: string): Session {
    let session = this.#sessions.get(peer);
    if (!session) this.#sessions.set(peer, (session = { peer, ready: false, epoch: 0, linked: false, links: 0, known: false, inbox: Promise.resolve() }));
    return session;
  }

  /** The peer's link is up: a session starts with a hello (an ICE restart keeps the session it had). */
  #linked(peer: string): void {
    const session = this.#session(peer);
    if (session.linked) return;
    session.linked = true;
    this.send(session, { t: 'hello', v: FILE_PROTOCOL });
  }

  /** The peer's link went: so does the session, and what went on in it. */
  #unlinked(peer: string, why: string): void {
    const session = this.#sessions.get(peer);
    if (!session?.linked) return;
    session.linked = false;
    session.links++;
    if (session.ready) {
      session.ready = false;
      session.epoch++;
      this.#handlers.forget(session, why);
    }
  }

  /** The peer left the group. */
  #left(peer: string): void {
    this.#unlinked(peer, 'the peer left');
    this.#sessions.delete(peer);
  }

  #onFrame(peer: string, value: ChannelValue): void {
    const session = this.#sessions.get(peer);
    // Frames come over a link that is up: its `peer` event came first.
    if (!session?.linked) return;
    if (!(value instanceof Uint8Array)) return this.#frameError(session, new FileError('malformed', 'a frame that is not bytes'));
    if (!isControlFrame(value)) {
      try {
        this.#handlers.chunk(session, value);
      } catch (error) {
        this.#frameError(session, error);
      }
      return;
    }
    const link = session.links;
    session.inbox = session.inbox.then(() => this.#onControl(session, link, value)).catch((error: unknown) => this.#frameError(session, error));
  }

  #frameError(pc: PeerChannel, error: unknown): void {
    const failure = asFileError(error, 'malformed');
    this.#emit('error', { code: failure.code, message: `from ${pc.peer}: ${failure.message}`, peer: pc.peer });
  }

  async #onControl(session: Session, link: number, bytes: Uint8Array): Promise<void> {
    // Its link went while it waited: the session it belonged to is over.
    if (this.#sessions.get(session.peer) !== session || session.links !== link) return;
    const frame = parseControl(bytes);
    if (frame.t === 'hello') return this.#onHello(session, frame);
    if (!session.ready) {
      if (session.known) return;
      throw new FileError('malformed', `a "${frame.t}" frame before hello`);
    }
    await this.#handlers.control(session, frame);
  }

  #onHello(session: Session, frame: { v: number; re?: true }): void {
    if (frame.v !== FILE_PROTOCOL) throw new FileError('malformed', `file protocol version ${frame.v}; this side speaks ${FILE_PROTOCOL}`);
    // A first hello again, in a session already up: the remote's FileShare started over.
    if (session.ready && !frame.re) {
      session.epoch++;
      this.#handlers.forget(session, 'the peer started over');
    }
    const fresh = !session.ready || !frame.re;
    session.ready = true;
    session.known = true;
    if (!frame.re) this.send(session, { t: 'hello', v: FILE_PROTOCOL, re: true });
    this.#handlers.hello(session, fresh);
  }
}
