/**
 * The links of a room: at most one per peer, made on demand (two signals from a newcomer make one
 * link), dropped when a handshake never finishes, made again with backoff when one drops, and two
 * spares made while nobody needs them — an initiating one with its offer made and candidates
 * gathered, and an answering one whose RTCPeerConnection (and DTLS certificate) exists before the
 * next offer arrives. Spares are made when the page is idle, after joining and after each link
 * settles, so they never compete with a join or a handshake (bench/connect measured that they do).
 *
 * The pool knows nothing of the mesh: the room says which links it wants, the pool reports what
 * its links do (typed events), and who relinks what is the room's choice.
 */

import { ReplayGuard } from '../envelope/replay-guard.js';

import { FrameKind, type SessionFrameKind } from '../link/frame.js';
import type { Link, LinkFactory, LinkFrameErrorCode, LinkPath, LinkRejectionCode, LinkState, LinkSettings, ServerPathHost } from '../link/link.js';
import type { OpenedSignal } from '../link/signals.js';
import type { MediaDelegate } from '../session/peer-group.js';
import type { RoomAddress } from '../signaling/transport.js';
import { Backoff } from '../util/backoff.js';
import { Emitter } from '../util/events.js';

export interface LinkPoolOptions extends LinkSettings {
  readonly address: RoomAddress;
  /** Hands a sealed signal for `to` to the signaling transport. */
  readonly sendSignal: (to: string, env: string) => void;
  /** Whether this peer makes the offer for a link to `id` (Membership.offersTo); the other side answers. */
  readonly offersTo: (id: string) => boolean;
  /** First delay before making a dropped link again; doubles up to 10 s. */
  readonly relinkMinMs?: number;
  /** Keep spare links ready (default true). */
  readonly prewarm?: boolean;
  readonly create: LinkFactory;
  /** Frames through the signaling server for links no WebRTC path forms (LinkOptions.serverPath). */
  readonly serverPath?: ServerPathHost;
}

export interface LinkPoolEventMap {
  'link-state': CustomEvent<{ readonly id: string; readonly link: Link; readonly state: LinkState }>;
  frame: CustomEvent<{ readonly id: string; readonly kind: SessionFrameKind; readonly body: Uint8Array }>;
  'signal-rejected': CustomEvent<{ readonly from: string; readonly code: LinkRejectionCode; readonly message: string }>;
  /** Bytes on a link that are not a frame: dropped, the link stays. */
  'frame-rejected': CustomEvent<{ readonly id: string; readonly code: LinkFrameErrorCode; readonly message: string }>;
  rtt: CustomEvent<{ readonly id: string; readonly rtt: number; readonly path: LinkPath }>;
  track: CustomEvent<{ readonly id: string; readonly track: MediaStreamTrack; readonly stream: MediaStream; refuse(): void }>;
  drain: CustomEvent<{ readonly id: string }>;
  error: CustomEvent<{ readonly code: string; readonly message: string }>;
}

const RELINK_MAX_MS = 10_000;
/** How long a dismissed link waits for the remote to close it (its goodbye read) before it is closed here. */
const DISMISS_GRACE_MS = 5_000;

export class LinkPool extends Emitter<LinkPoolEventMap> {
  /** Whoever sends media on these links (a Call); see MediaDelegate. */
  mediaDelegate: MediaDelegate | undefined;
  /** Shared by every link of the pool: a signal replayed from one link to another is caught. */
  readonly replay = new ReplayGuard();
  readonly #links = new Map<string, Link>();
  readonly #creating = new Map<string, Promise<Link | undefined>>();
  /** Spare links by role: `true` initiates, `false` answers. */
  readonly #spares = new Map<boolean, Promise<Link>>();
  readonly #relinks = new Map<string, { timer?: ReturnType<typeof setTimeout>; readonly backoff: Backoff }>();
  /** Links let go of with a goodbye, until they close: the remote's goodbye may come through the server. */
  readonly #dismissing = new Map<string, Link>();
  /** Listeners of each link, removed with one abort when the pool lets go of it. */
  readonly #wiring = new Map<Link, AbortController>();
  #open = false;
  /** Bumped by stop(): a link being made for an earlier run is not made at all. */
  #run = 0;

  constructor(private readonly options: LinkPoolOptions) {
    super();
  }

  /** Starts the pool (spares, when the page is idle). */
  start(): void {
    this.#open = true;
    this.#prepareSparesWhenIdle();
  }

  get(id: string): Link | undefined {
    return this.#links.get(id);
  }

  /** Peers with a link that is up or connecting, in the order the links were made. */
  get live(): Set<string> {
    return new Set([...this.#links].filter(([, link]) => isLive(link)).map(([id]) => id));
  }

  get creating(): ReadonlySet<string> {
    return new Set(this.#creating.keys());
  }

  get connected(): string[] {
    return [...this.#links].filter(([, link]) => link.state === 'connected').map(([id]) => id);
  }

  /** Links that are not live any more are not counted. */
  isLive(id: string): boolean {
    const link = this.#links.get(id);
    return (link !== undefined && isLive(link)) || this.#creating.has(id);
  }

  get relinking(): ReadonlySet<string> {
    return new Set([...this.#relinks].filter(([, relink]) => relink.timer !== undefined).map(([id]) => id));
  }

  /**
   * The link to `id`: the one up or being made, else a new one (a spare when one is ready).
   * Undefined when it could not be made (reported as an `error` event) or the pool stopped.
   */
  linkFor(id: string): Promise<Link | undefined> {
    return this.#linkFor(id);
  }

  /** linkFor, with the role a new link takes when one must be made (default: Membership.offersTo). */
  #linkFor(id: string, initiator?: boolean): Promise<Link | undefined> {
    const existing = this.#links.get(id);
    if (existing && isLive(existing)) return Promise.resolve(existing);
    return this.#creating.get(id) ?? this.#make(id, initiator);
  }

  /** Takes `id`'s link out of the pool without closing it (a goodbye is on its way over it). */
  release(id: string): Link | undefined {
    const link = this.#links.get(id);
    if (!link) return undefined;
    this.#links.delete(id);
    this.#unwire(link);
    // For the room the link is gone now, whatever its goodbye still does: said once, as closed.
    if (isLive(link)) this.emit('link-state', { id, link, state: 'closed' });
    return link;
  }

  /**
   * Takes `id`'s bound link out of the pool with a goodbye (`reason`, an Unlink frame). Each side
   * of a link that goes sends a goodbye as its last frame and closes the link when it reads the
   * other's (or sees it close): everything either side sent before its goodbye is read first,
   * on this ordered channel, and keeps being delivered meanwhile. A remote that never answers is
   * cut off after a grace, and what was still unsent then is reported (an `error` event).
   */
  dismiss(id: string, reason: string): void {
    const link = this.release(id);
    if (!link) return;
    try {
      link.send(FrameKind.Unlink, reason);
    } catch {
      link.close();
      return;
    }
    const done = new AbortController();
    const grace = setTimeout(() => {
      if (link.bufferedAmount > 0) this.emit('error', { code: 'unlink-unsent', message: `${link.bufferedAmount} bytes to ${id} were still unsent when its link was dropped` });
      link.close();
    }, DISMISS_GRACE_MS);
    this.#dismissing.set(id, link);
    done.signal.addEventListener('abort', () => {
      clearTimeout(grace);
      if (this.#dismissing.get(id) === link) this.#dismissing.delete(id);
    });
    const { signal } = done;
    link.on('frame', ({ kind, body }) => (kind === FrameKind.Unlink ? link.close() : this.emit('frame', { id, kind, body })), { signal });
    link.on('state', ({ state }) => (state === 'closed' || state === 'failed') && done.abort(), { signal });
  }

  /** Closes and forgets `id`'s link. */
  drop(id: string): void {
    this.release(id)?.close();
  }

  /** After `delayMs`-style backoff, runs `retry` (the room makes the link again if still wanted). */
  scheduleRelink(id: string, retry: () => void): void {
    const relink = this.#relinks.get(id) ?? { backoff: new Backoff({ firstMs: this.options.relinkMinMs ?? 250, maxMs: RELINK_MAX_MS }) };
    if (relink.timer !== undefined) return;
    relink.timer = setTimeout(() => {
      relink.timer = undefined;
      if (this.#open) retry();
    }, relink.backoff.next());
    this.#relinks.set(id, relink);
  }

  cancelRelink(id: string): void {
    clearTimeout(this.#relinks.get(id)?.timer);
    this.#relinks.delete(id);
  }

  /** Closes every link and spare; the pool can be started again. */
  stop(): void {
    this.#open = false;
    this.#run++;
    for (const spare of this.#spares.values()) void spare.then((link) => link.close(), () => undefined);
    this.#spares.clear();
    for (const id of [...this.#relinks.keys()]) this.cancelRelink(id);
    for (const id of [...this.#links.keys()]) this.drop(id);
  }

  /**
   * Hands `id`'s link a signal already opened and checked. An offer from a peer without a live
   * link is answered, whoever the join order says offers: only the offerer's view can be behind
   * (its offer overtook news we had not had yet), and answering is the one way the link forms.
   */
  async deliver(id: string, signal: OpenedSignal): Promise<void> {
    const offered = signal.body.signals.some((entry) => entry.type === 'offer');
    const link = await this.#linkFor(id, offered ? false : undefined);
    await link?.receiveOpened(signal);
  }

  async #createLink(initiator: boolean, remoteId?: string): Promise<Link> {
    const { identity, keys, policy, iceServers, iceTransportPolicy, wrtc, pingMs, serverPath } = this.options;
    const servers = typeof iceServers === 'function' ? await iceServers() : iceServers;
    return this.options.create({
      identity,
      initiator,
      address: this.options.address,
      ...(remoteId ? { remoteId, sendSignal: (env: string) => this.options.sendSignal(remoteId, env) } : {}),
      replay: this.replay,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(servers ? { iceServers: servers } : {}),
      ...(typeof iceServers === 'function' ? { renewIceServers: iceServers } : {}),
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      ...(wrtc ? { wrtc } : {}),
      ...(pingMs !== undefined ? { pingMs } : {}),
      ...(serverPath ? { serverPath } : {}),
      offersMedia: () => this.mediaDelegate?.offersMedia() ?? false,
    });
  }

  #prepareSparesWhenIdle(): void {
    const idle = (globalThis as { requestIdleCallback?: (run: () => void, options?: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(() => this.#prepareSpares(), { timeout: 1000 });
    else setTimeout(() => this.#prepareSpares(), 50);
  }

  #prepareSpares(): void {
    if (this.options.prewarm === false || !this.#open) return;
    for (const initiator of [true, false]) {
      if (this.#spares.has(initiator)) continue;
      const spare = this.#createLink(initiator);
      this.#spares.set(initiator, spare);
      // A spare that could not be made is not worth an error: links are then made on demand.
      spare.catch(() => {
        if (this.#spares.get(initiator) === spare) this.#spares.delete(initiator);
      });
    }
  }

  /** The spare for this role, addressed to `id`, when there is a usable one; a new one is made later. */
  async #claimSpare(initiator: boolean, id: string): Promise<Link | undefined> {
    const spare = this.#spares.get(initiator);
    this.#spares.delete(initiator);
    const link = await spare?.catch(() => undefined);
    if (!link || link.state !== 'connecting') return undefined;
    link.claim(id, (env) => this.options.sendSignal(id, env));
    return link;
  }

  #make(id: string, initiator = this.options.offersTo(id)): Promise<Link | undefined> {
    // A spare initiator's offer was made ahead, without media: in a call, a fresh one carries the tracks.
    const spare = initiator && this.mediaDelegate?.offersMedia() ? Promise.resolve(undefined) : this.#claimSpare(initiator, id);
    // A newcomer offers as the member list arrives, before the pool starts: such a link is made
    // unless the room left meanwhile (no RTCPeerConnection for a room that is gone).
    const run = this.#run;
    const pending = spare
      .then((spare) => {
        if (run === this.#run) return spare ?? this.#createLink(initiator, id);
        spare?.close();
        return undefined;
      })
      .then(
        (link) => {
          if (!link) return undefined;
          // Stopped, or the peer went, while the link was made: nobody wants it.
          if (!this.#open || this.#creating.get(id) !== pending) {
            link.close();
            return undefined;
          }
          this.#adopt(id, link);
          return link;
        },
        (error: unknown) => {
          this.emit('error', { code: 'link-failed', message: `no link to ${id}: ${(error as Error).message}` });
          return undefined;
        },
      );
    this.#creating.set(id, pending);
    void pending.finally(() => {
      if (this.#creating.get(id) === pending) this.#creating.delete(id);
    });
    return pending;
  }

  /** A piece of `from`'s frames through the server, for its link (none: dropped, as for a stranger). */
  receiveServerData(from: string, piece: Uint8Array): void {
    (this.#links.get(from) ?? this.#dismissing.get(from))?.receiveServerData?.(piece);
  }

  /** The transport sent what it held back of frames through the server: links on that path may send more. */
  serverDrained(): void {
    for (const [id, link] of this.#links) if (link.path === 'server') this.emit('drain', { id });
  }

  /** Forgets a link being made for `id` (the peer left): it is closed when it arrives. */
  forgetPending(id: string): void {
    this.#creating.delete(id);
  }

  #adopt(id: string, link: Link): void {
    this.#links.get(id)?.close();
    this.#links.set(id, link);
    const wiring = new AbortController();
    this.#wiring.set(link, wiring);
    const { signal } = wiring;
    // A handshake that never finishes (an answer lost, the other side failed early) would hold
    // its place for good: it is dropped and, if still wanted, made again.
    const stuck = setTimeout(() => {
      if (link.state === 'connecting' && this.#links.get(id) === link) link.close();
    }, this.options.connectTimeoutMs ?? 20_000);
    signal.addEventListener('abort', () => clearTimeout(stuck));
    link.on(
      'state',
      ({ state }) => {
        if (state !== 'connecting') {
          clearTimeout(stuck);
          // The next spare is made off the critical path: once this link has settled.
          this.#prepareSparesWhenIdle();
        }
        if (state === 'connected') this.#relinks.get(id)?.backoff.reset();
        this.emit('link-state', { id, link, state });
      },
      { signal },
    );
    link.on('frame', ({ kind, body }) => this.emit('frame', { id, kind, body }), { signal });
    link.on('signal-rejected', (detail) => this.emit('signal-rejected', { from: id, ...detail }), { signal });
    link.on('frame-rejected', (detail) => this.emit('frame-rejected', { id, ...detail }), { signal });
    link.on('rtt', (detail) => this.emit('rtt', { id, ...detail }), { signal });
    link.on('track', (detail) => this.emit('track', { id, ...detail }), { signal });
    link.on('drain', () => this.emit('drain', { id }), { signal });
    link.on('error', ({ code, message }) => this.emit('error', { code, message: `link to ${id}: ${message}` }), { signal });
    link.on('media-intent', ({ media }) => this.mediaDelegate?.remoteMedia(id, media), { signal });
    this.mediaDelegate?.linkMade(id);
  }

  #unwire(link: Link): void {
    this.#wiring.get(link)?.abort();
    this.#wiring.delete(link);
  }
}

function isLive(link: Link): boolean {
  return link.state !== 'closed' && link.state !== 'failed';
}
