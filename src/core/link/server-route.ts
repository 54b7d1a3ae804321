/**
 * One link's way through the signaling server (server-path.ts has the crypto): our key, made when
 * the link first needs the server and sent to the remote in a sealed signal; the remote's, taken
 * from one of its signals that checked; then frames sealed into pieces for the transport, one
 * frame after another, and pieces opened into frames, one after another in arrival order.
 *
 * PeerLink owns one while it may need it and decides what the link's state is; a route that its
 * link has let go of (the remote started over) says nothing more.
 */
import { decodeFrame, FrameError, isSessionFrameKind, type SessionFrameKind } from './frame.js';
import type { LinkFrameErrorCode, ServerPathHost } from './link.js';
import { ServerPathError, ServerPathKey, type ServerPathCipher, type ServerPathParties } from './server-path.js';

/**
 * Pieces that may wait for the key agreement to finish: the remote sends them only once it has
 * our key, so an honest one sends a few before we have agreed too.
 */
const MAX_WAITING_PIECES = 64;

export interface ServerRouteHooks {
  /** Our public key, to go to the remote in a sealed signal. */
  sendKey(key: string): void;
  /** Both directions are agreed: frames may go through the server. */
  ready(): void;
  frame(kind: SessionFrameKind, body: Uint8Array): void;
  /** A piece that did not open into a frame of ours: dropped. */
  refused(code: LinkFrameErrorCode, message: string): void;
  /** Our key could not be made, or the remote's is no key. */
  keyFailed(message: string): void;
  /** A frame could not be handed to the transport (it is away, or holds too much). */
  lost(message: string): void;
}

export class ServerRoute {
  readonly #key = ServerPathKey.create();
  #keyed = false;
  #agreed!: (cipher: ServerPathCipher | undefined) => void;
  /** Both directions agreed; undefined when the remote's key was no key. Pieces wait for it. */
  readonly #cipher = new Promise<ServerPathCipher | undefined>((resolve) => (this.#agreed = resolve));
  #ready = false;
  #outbox: Promise<void> = Promise.resolve();
  #inbox: Promise<void> = Promise.resolve();
  #waiting = 0;

  constructor(
    private readonly host: ServerPathHost,
    private readonly parties: ServerPathParties,
    private readonly hooks: ServerRouteHooks,
  ) {
    this.#key.then(
      (key) => hooks.sendKey(key.publicKey),
      (error: unknown) => hooks.keyFailed(`no key for the server path: ${(error as Error).message}`),
    );
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** The remote's key, from a signal that checked; one per route (a second one changes nothing). */
  takeRemoteKey(remoteKey: string): void {
    if (this.#keyed) return;
    this.#keyed = true;
    this.#key
      .then((key) => key.agree(remoteKey, this.parties))
      .then(
        (cipher) => {
          this.#agreed(cipher);
          this.#ready = true;
          this.hooks.ready();
        },
        (error: unknown) => {
          this.#agreed(undefined);
          this.hooks.keyFailed(`the remote's server-path key: ${(error as Error).message}`);
        },
      );
  }

  /** Seals `frame` and hands its pieces to the transport, after the frames before it. Only once ready. */
  send(frame: Uint8Array): void {
    const limit = this.host.limit();
    if (!this.#ready || limit === 0) throw new Error(this.#ready ? 'the server is out of reach' : 'no key agreed yet');
    this.#outbox = this.#outbox
      .then(async () => {
        const pieces = await (await this.#cipher)!.seal(frame, limit);
        for (const piece of pieces) this.host.send(this.parties.remote, piece);
      })
      .catch((error: unknown) => this.hooks.lost(`a frame through the server was lost: ${(error as Error).message}`));
  }

  receive(piece: Uint8Array): void {
    if (this.#waiting >= MAX_WAITING_PIECES) return this.hooks.refused('too-large', `more than ${MAX_WAITING_PIECES} pieces through the server waiting: dropped`);
    this.#waiting++;
    this.#inbox = this.#inbox.then(() => this.#open(piece)).finally(() => this.#waiting--);
  }

  async #open(piece: Uint8Array): Promise<void> {
    // The remote sends pieces only once it has our key; its own may still be being checked here.
    const cipher = await this.#cipher;
    if (!cipher) return;
    try {
      const bytes = await cipher.open(piece);
      if (!bytes) return;
      const frame = decodeFrame(bytes);
      if (isSessionFrameKind(frame.kind)) this.hooks.frame(frame.kind, frame.body);
      else this.hooks.refused('kind', `frame kind ${frame.kind} is the link's own, not for the server path`);
    } catch (error) {
      const code = error instanceof FrameError || error instanceof ServerPathError ? error.code : 'malformed';
      this.hooks.refused(code, `through the server: ${(error as Error).message}`);
    }
  }
}
