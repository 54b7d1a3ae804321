/**
 * Carries out the mesh planner's decisions (mesh/planner.ts) for a room: asks for chords on the
 * signaling path, answers asks, remembers who is full or rotated away, and replaces slow links.
 * It owns the timers the planner has none of (asks that go unanswered, places held for an
 * expected offer, the memories' deadlines); the planner decides, this acts.
 *
 * The partial-mesh requests travel next to sealed signals. They are not signed: the worst a forged
 * one does is make a peer offer a link to a room member (who decides itself), or try another peer.
 */
import { accepts, closerThan, ensure, isPartial, plan, wants, type MeshAction, type MeshState } from '../mesh/planner.js';
import type { RotationOptions, SlowLink } from '../mesh/rotation.js';
import { Rotator } from '../mesh/rotator.js';
import type { CoarseLocation, LatencyReport, PeerSuggestion } from '../signaling/suggest.js';
import type { LinkPool } from './link-pool.js';
import type { Membership } from './membership.js';

/** Base64url of whole bytes, so every transport carries them unchanged. */
export const LINK_ASK = 'pkLinkAsk000';
/** The answer to an ask from a peer that offers our links (Membership.offersTo): it offers now. */
export const LINK_OK = 'pkLinkOk0000';
export const LINK_FULL = 'pkLinkFull00';
export function isMeshRequest(message: string): boolean {
  return message === LINK_ASK || message === LINK_OK || message === LINK_FULL;
}

/** How long a peer that said it is full is left alone. */
const FULL_BACKOFF_MS = 30_000;
/** How long an asked peer has to offer before another one is picked. */
const ASK_TIMEOUT_MS = 10_000;

export type UnlinkReason = 'full' | 'rotated';

export interface MeshLinksHost {
  readonly self: string;
  readonly maxLinks: number;
  readonly members: Membership;
  readonly pool: LinkPool;
  /** Sends a partial-mesh request (LINK_*) on the signaling path. */
  request(to: string, message: string): void;
  /** Offers a link, unless the trust policy refuses the peer. */
  offer(id: string): void;
  /** Drops a link on purpose, telling the remote why. */
  unlink(id: string, reason: UnlinkReason): void;
  /** Sends a latency report to the server (transports that take them). */
  report(report: LatencyReport): void;
  /** A slow link was replaced by one estimated closer. */
  rotated(detail: { readonly dropped: string; readonly added: string; readonly rtt: number; readonly estimate: number }): void;
  /** The server would refuse our reports for the location in them: the location is dropped. */
  reportRefused(message: string): void;
  /**
   * This peer no longer waits for a link to `id` (its ask was refused or never answered, or the
   * planner let the chord go): frames held for that link should go another way now.
   */
  released(id: string): void;
}

export interface MeshLinksOptions {
  /** Replacing slow links with closer suggested peers; false turns it off. */
  readonly rotation?: RotationOptions | false;
  /** A coarse location for the reports; only with the user's consent. */
  readonly location?: () => Promise<CoarseLocation | undefined>;
}

export class MeshLinks {
  readonly #chosen = new Set<string>();
  readonly #asked = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #expecting = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #declined = new Map<string, number>();
  readonly #full = new Map<string, number>();
  #suggestions: readonly PeerSuggestion[] = [];
  /** A rotation's replacement being linked: tried down the suggestions until one takes it. */
  #replacing: { readonly rtt: number; readonly id: string; readonly factor: number } | undefined;
  #planTimer: ReturnType<typeof setTimeout> | undefined;
  #wasPartial = false;
  #running = false;
  readonly #rotator: Rotator | undefined;

  constructor(
    private readonly host: MeshLinksHost,
    options: MeshLinksOptions = {},
  ) {
    this.#rotator = options.rotation === false ? undefined : this.#createRotator(options.rotation, options.location);
  }

  get partial(): boolean {
    return isPartial({ members: this.host.members.set, maxLinks: this.host.maxLinks });
  }

  start(): void {
    this.#running = true;
  }

  /** Latency rotation starts once the room is joined. */
  startRotation(): void {
    if (this.#running) this.#rotator?.start();
  }

  stop(): void {
    this.#running = false;
    this.#rotator?.stop();
    clearTimeout(this.#planTimer);
    this.#planTimer = undefined;
    for (const timer of [...this.#asked.values(), ...this.#expecting.values()]) clearTimeout(timer);
    this.#asked.clear();
    this.#expecting.clear();
  }

  set suggestions(peers: readonly PeerSuggestion[]) {
    this.#suggestions = peers.filter((peer) => peer.id !== this.host.self);
    this.schedulePlan();
  }

  state(now = Date.now()): MeshState {
    const { self, members, maxLinks, pool } = this.host;
    return {
      self,
      offersTo: (id) => members.offersTo(id),
      members: members.set,
      maxLinks,
      ring: members.ring,
      links: pool.live,
      creating: pool.creating,
      chosen: this.#chosen,
      asked: new Set(this.#asked.keys()),
      expecting: new Set(this.#expecting.keys()),
      relinking: pool.relinking,
      declined: this.#declined,
      full: this.#full,
      suggestions: this.#suggestions,
      wasPartial: this.#wasPartial,
      now,
      random: Math.random,
    };
  }

  wants(id: string): boolean {
    return wants(this.state(), id);
  }

  isRing(id: string): boolean {
    return this.host.members.ring.has(id);
  }

  schedulePlan(): void {
    if (!this.#running) return;
    this.#planTimer ??= setTimeout(() => {
      this.#planTimer = undefined;
      this.plan();
    }, 0);
  }

  plan(): void {
    if (!this.#running) return;
    const now = Date.now();
    for (const map of [this.#declined, this.#full]) for (const [id, until] of map) if (until <= now) map.delete(id);
    const actions = plan(this.state(now));
    this.#wasPartial = this.partial;
    this.#apply(actions);
  }

  /** Makes sure a link this peer wants is up or on its way. */
  ensure(id: string): void {
    this.#apply(ensure(this.state(), id));
  }

  /**
   * A signal from `from` with no live link: whether to take it. An offer we asked for or said yes
   * to now counts as its link. False: the peer was told we are full.
   */
  takeOffer(from: string, live: boolean): boolean {
    if (!live && !this.#accepts(from)) {
      this.host.request(from, LINK_FULL);
      return false;
    }
    this.#clearAsk(from);
    clearTimeout(this.#expecting.get(from));
    this.#expecting.delete(from);
    return true;
  }

  /** A request on the signaling path (LINK_ASK/OK/FULL, see isMeshRequest). */
  request(from: string, message: string): void {
    if (message === LINK_ASK) this.#onAsk(from);
    else if (message === LINK_OK) this.#onOk(from);
    else if (message === LINK_FULL) this.#onFull(from);
  }

  /** The link to `id` is up: a rotation's replacement found its place. */
  linked(id: string): void {
    if (this.#replacing?.id === id) this.#replacing = undefined;
  }

  /** The remote dropped our link on purpose. */
  unlinked(from: string, reason: unknown): void {
    const now = Date.now();
    if (reason === 'rotated') this.#declined.set(from, now + this.#declineMs);
    else this.#full.set(from, now + FULL_BACKOFF_MS);
    this.#chosen.delete(from);
  }

  /** We drop a link on purpose (planner, rotation): it is no chord of ours any more. */
  forget(id: string): void {
    this.#chosen.delete(id);
  }

  memberLeft(id: string): void {
    this.#chosen.delete(id);
    this.#clearAsk(id);
    clearTimeout(this.#expecting.get(id));
    this.#expecting.delete(id);
  }

  get #declineMs(): number {
    return this.#rotator?.settings.memoryMs ?? 0;
  }

  #createRotator(settings: RotationOptions | undefined, location: MeshLinksOptions['location']): Rotator {
    return new Rotator(
      settings,
      {
        measure: () => {
          if (!this.#running || !this.partial) return undefined;
          const rtts = new Map<string, number>();
          for (const id of this.host.pool.connected) {
            const rtt = this.host.pool.get(id)?.rtt;
            if (rtt !== undefined) rtts.set(id, rtt);
          }
          return rtts;
        },
        report: (report) => this.host.report(report),
        replaceable: (id) => !this.isRing(id),
        closerThan: (rtt, factor) => this.closerThan(rtt, factor),
        rotate: (slow, better) => {
          this.#rotate(slow, better, this.#rotator!.settings.slowFactor);
          this.host.rotated({ dropped: slow.id, added: better.id, rtt: slow.rtt, estimate: better.rtt! });
        },
        refused: (message) => this.host.reportRefused(message),
      },
      location,
    );
  }

  /** Replaces a slow link with a closer suggested peer (mesh/rotator.ts decided). */
  #rotate(slow: SlowLink, better: PeerSuggestion, factor: number): void {
    const now = Date.now();
    this.#declined.set(slow.id, now + this.#declineMs);
    this.#chosen.delete(slow.id);
    this.host.unlink(slow.id, 'rotated');
    this.#replacing = { rtt: slow.rtt, id: better.id, factor };
    this.#chosen.add(better.id);
    this.ensure(better.id);
  }

  closerThan(rtt: number, factor: number): PeerSuggestion | undefined {
    return closerThan(this.state(), rtt, factor);
  }

  #accepts(id: string): boolean {
    const { accept, actions } = accepts(this.state(), id);
    this.#apply(actions);
    return accept;
  }

  #apply(actions: readonly MeshAction[]): void {
    for (const action of actions) {
      switch (action.kind) {
        case 'choose':
          this.#chosen.add(action.id);
          break;
        case 'unchoose':
          this.#chosen.delete(action.id);
          this.host.released(action.id);
          break;
        case 'offer':
          this.host.offer(action.id);
          break;
        case 'unlink':
          this.host.unlink(action.id, 'full');
          break;
        case 'ask':
          this.#ask(action.id);
          break;
      }
    }
  }

  #ask(id: string): void {
    this.host.request(id, LINK_ASK);
    this.#asked.set(
      id,
      setTimeout(() => {
        this.#asked.delete(id);
        if (this.host.pool.isLive(id)) return;
        // No offer came: treat it as full, and pick someone else.
        this.#onFull(id);
      }, ASK_TIMEOUT_MS),
    );
  }

  #clearAsk(id: string): void {
    clearTimeout(this.#asked.get(id));
    this.#asked.delete(id);
  }

  /** A peer wants a chord to us: the side that offers our links (Membership.offersTo) offers it, if there is room. */
  #onAsk(from: string): void {
    if (this.host.pool.isLive(from)) return;
    if (!this.#accepts(from)) {
      this.host.request(from, LINK_FULL);
      return;
    }
    if (this.host.members.offersTo(from)) {
      this.host.offer(from);
      return;
    }
    clearTimeout(this.#expecting.get(from));
    this.#expecting.set(
      from,
      setTimeout(() => {
        this.#expecting.delete(from);
        this.schedulePlan();
      }, ASK_TIMEOUT_MS),
    );
    this.host.request(from, LINK_OK);
  }

  /** A peer we offer to said yes to our ask: offer. */
  #onOk(from: string): void {
    if (!this.#asked.has(from) || !this.host.members.offersTo(from)) return;
    this.#clearAsk(from);
    if (!this.host.pool.isLive(from)) this.host.offer(from);
  }

  /**
   * The peer has no room for our link: leave it alone for a while and pick another. A ring link
   * is tried again with backoff instead (the peer may not count us as its neighbour yet).
   */
  #onFull(from: string): void {
    this.#chosen.delete(from);
    this.#clearAsk(from);
    const link = this.host.pool.get(from);
    if (link && link.state !== 'connected') this.host.pool.drop(from);
    if (this.wants(from)) this.#relink(from);
    else {
      this.#full.set(from, Date.now() + FULL_BACKOFF_MS);
      this.host.released(from);
    }
    this.#nextReplacement(from);
    this.schedulePlan();
  }

  /**
   * A link dropped but its peer is still here: made again, with backoff, if this peer wants it —
   * offered by the initiator; in a partial mesh the other side asks again.
   */
  relink(id: string): void {
    this.#relink(id);
  }

  #relink(id: string): void {
    if (!this.#running || !this.wants(id)) return;
    if (!this.host.members.offersTo(id) && !this.partial) return;
    this.host.pool.scheduleRelink(id, () => {
      if (this.#running && this.wants(id)) this.ensure(id);
    });
  }

  /** The peer a rotation picked said it is full: the next closer one is asked instead. */
  #nextReplacement(refused: string): void {
    if (this.#replacing?.id !== refused) return;
    const next = this.closerThan(this.#replacing.rtt, this.#replacing.factor);
    if (!next) {
      this.#replacing = undefined;
      return;
    }
    this.#replacing = { ...this.#replacing, id: next.id };
    this.#chosen.add(next.id);
    this.ensure(next.id);
  }
}
