/**
 * Signals for a room's links, in and out, with the trust policy applied before anything is spent.
 *
 * In: signals from one peer are handled one after another, in the order they arrived (an offer
 * waiting on the key directory is never overtaken by its own candidates). A signal for a live link
 * goes to it; a signal from anyone else is opened and checked first — signature, recipient,
 * replay, trust policy — and only then does its sender become a member, take a place in the mesh,
 * a spare or an RTCPeerConnection. Partial-mesh requests (unsigned) count only from members the
 * server announced.
 *
 * Checking costs CPU (a signature, key-directory reads) before anything is known of the sender,
 * so what waits for it is bounded per sender and in all, and only a few checks run at once
 * (SIGNAL_INTAKE_LIMITS); what waits for a live link is bounded as the link bounds it. A signal
 * past a bound is dropped and reported as `flooded`, once per burst: a flood is not answered
 * with a flood of reports.
 *
 * Out: a link is offered only to a peer the trust policy admits: an offer would hand an untrusted
 * peer our addresses (ICE candidates).
 */
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { Link, LinkRejectionCode } from '../link/link.js';
import { MAX_WAITING_SIGNALS, openSignal, type SignalCheck } from '../link/signals.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { LinkPool } from './link-pool.js';
import type { Membership } from './membership.js';
import { isMeshRequest, type MeshLinks } from './mesh-links.js';

/**
 * Bounds on signals from peers without a live link, each of which must be checked before
 * anything is known of its sender. The server stamps every signal with the key its sender proved
 * on joining, so one member can only fill its own share; made-up senders by the thousand take a
 * lying server, and the bound in all is what stops those.
 */
export const SIGNAL_INTAKE_LIMITS = {
  /**
   * Waiting from one sender. Before its link exists an honest peer sends its offer and, behind
   * it, its trickled candidates, which wait here only while the offer is checked and a link made
   * for it: a handful of envelopes, a dozen or two if every candidate of every interface went in
   * its own. 32 leaves room for that.
   */
  perSender: 32,
  /**
   * Waiting from every sender without a link. A peer links to `maxLinks` others (default 8); even a
   * join storm of 64 members offering at once, a few envelopes each, stays under 256; past it,
   * senders are being made up.
   */
  waiting: 256,
  /**
   * Checks running at once. They share one thread, so more would not finish sooner, only hold more
   * work in flight; a few let one sender's key-directory read (IndexedDB) overlap another's
   * signature check.
   */
  checking: 4,
} as const;

export interface SignalIntakeParts {
  readonly self: string;
  readonly address: RoomAddress;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  readonly members: Membership;
  readonly pool: LinkPool;
  readonly mesh: MeshLinks;
  /** Whether the room is joined: nothing is done for a room that left. */
  readonly joined: () => boolean;
  /** A verified sender the server had not announced yet. */
  readonly newMember: (id: string) => void;
  readonly rejected: (from: string, code: LinkRejectionCode, message: string) => void;
  readonly failed: (from: string, message: string) => void;
}

/** What one sender has pending; forgotten once nothing is. */
interface Sender {
  /** The last of its signals waiting here: each is handled after the one before. */
  tail: Promise<void>;
  /** Its signals waiting here: being checked, or behind one of its own that is. */
  waiting: number;
  /** Its signals handed to its live link and not applied there yet. */
  atLink: number;
  /** A drop of its signals was reported since it last had nothing pending. */
  reported: boolean;
}

export class SignalIntake {
  readonly #senders = new Map<string, Sender>();
  /** Signals waiting here from every sender. */
  #waiting = 0;
  /** A drop past the bound in all was reported since nothing last waited. */
  #reported = false;
  /** Bumped when the room leaves: what waited then is dropped, whatever the room does next. */
  #epoch = 0;
  #checking = 0;
  /** Checks waiting for a turn, first come first served. */
  readonly #turns: (() => void)[] = [];

  constructor(private readonly parts: SignalIntakeParts) {}

  receive(from: string, env: string): void {
    const { self, joined, members, mesh } = this.parts;
    if (!joined() || from === self) return;
    if (!this.#senders.get(from)?.waiting) {
      // Nothing of this sender waits here, so nothing can be overtaken: a partial-mesh request,
      // or a signal for its live link, is handled now.
      if (isMeshRequest(env)) {
        if (members.has(from)) mesh.request(from, env);
        return;
      }
      const link = this.#liveLink(from);
      if (link) return this.#toLink(from, link, env);
    }
    this.#enqueue(from, env);
  }

  /** Forgets what was waiting (the room left). */
  clear(): void {
    this.#epoch++;
    this.#senders.clear();
    this.#waiting = 0;
    this.#reported = false;
  }

  /** Offers a link to `id`, unless the trust policy refuses it (under `known`, only trusted keys). */
  async offer(id: string): Promise<void> {
    const { keys, policy } = this.parts;
    if (keys && policy && policy !== 'any') {
      const key = await keys.find(id);
      const refusal = key ? await keys.admit(key, policy, Date.now()) : policy === 'known' ? 'untrusted' : undefined;
      if (refusal) return this.parts.rejected(id, refusal, `no link offered: ${refusal} under the "${policy}" policy`);
    }
    if (this.parts.joined() && this.parts.members.has(id)) await this.parts.pool.linkFor(id);
  }

  #enqueue(from: string, env: string): void {
    const { perSender, waiting } = SIGNAL_INTAKE_LIMITS;
    const sender = this.#sender(from);
    if (sender.waiting >= perSender) return this.#dropFrom(from, sender, `more than ${perSender} signals from ${from} are waiting to be checked`);
    if (this.#waiting >= waiting) {
      if (!this.#reported) this.parts.rejected(from, 'flooded', `more than ${waiting} signals from peers without a link are waiting to be checked: this one and any more are dropped until the backlog clears (reported once)`);
      this.#reported = true;
      return this.#forgetIdle(from, sender);
    }
    sender.waiting++;
    this.#waiting++;
    const epoch = this.#epoch;
    sender.tail = sender.tail
      .then(() => this.#handle(from, env, epoch))
      .catch((error: unknown) => this.parts.failed(from, (error as Error).message))
      .finally(() => {
        if (epoch !== this.#epoch) return;
        sender.waiting--;
        if (--this.#waiting === 0) this.#reported = false;
        this.#forgetIdle(from, sender);
      });
  }

  async #handle(from: string, env: string, epoch: number): Promise<void> {
    const { self, address, keys, policy, members, pool, mesh } = this.parts;
    if (!this.#current(epoch)) return;
    if (isMeshRequest(env)) {
      if (members.has(from)) mesh.request(from, env);
      return;
    }
    const link = this.#liveLink(from);
    if (link) return this.#toLink(from, link, env);
    const check = await this.#inTurn(epoch, () => openSignal(env, { me: self, from, address, replay: pool.replay, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) }));
    if (!check) return;
    if (!check.ok) return this.parts.rejected(from, check.code, check.message);
    if (!this.#current(epoch)) return;
    // A signal can arrive before the `joined` that announces its sender: it is one now.
    if (!members.has(from)) this.parts.newMember(from);
    if (!mesh.takeOffer(from, pool.isLive(from))) return;
    await pool.deliver(from, check.signal);
  }

  /** Runs a check once one of the few turns is free; undefined if the room left meanwhile. */
  async #inTurn(epoch: number, check: () => Promise<SignalCheck>): Promise<SignalCheck | undefined> {
    if (this.#checking < SIGNAL_INTAKE_LIMITS.checking) this.#checking++;
    else await new Promise<void>((resolve) => this.#turns.push(resolve));
    try {
      return this.#current(epoch) ? await check() : undefined;
    } finally {
      // The turn goes to the next check waiting, or back.
      const next = this.#turns.shift();
      if (next) next();
      else this.#checking--;
    }
  }

  /**
   * Hands a signal to its live link without waiting for it to be applied: the link applies its
   * signals in order, and the bound here is the link's own, so a flood of them is dropped before it
   * gets there and reported once, not once per signal.
   */
  #toLink(from: string, link: Link, env: string): void {
    const sender = this.#sender(from);
    if (sender.atLink >= MAX_WAITING_SIGNALS) return this.#dropFrom(from, sender, `more than ${MAX_WAITING_SIGNALS} signals are waiting for the link to ${from}`);
    sender.atLink++;
    const epoch = this.#epoch;
    // receive() never rejects.
    void link.receive(env).finally(() => {
      if (epoch !== this.#epoch) return;
      sender.atLink--;
      this.#forgetIdle(from, sender);
    });
  }

  #dropFrom(from: string, sender: Sender, why: string): void {
    if (!sender.reported) this.parts.rejected(from, 'flooded', `${why}: this one and any more are dropped until the backlog clears (reported once)`);
    sender.reported = true;
  }

  #sender(from: string): Sender {
    let sender = this.#senders.get(from);
    if (!sender) {
      sender = { tail: Promise.resolve(), waiting: 0, atLink: 0, reported: false };
      this.#senders.set(from, sender);
    }
    return sender;
  }

  /** A sender with nothing pending is forgotten: the map holds only senders with signals in flight. */
  #forgetIdle(from: string, sender: Sender): void {
    if (sender.waiting === 0 && sender.atLink === 0 && this.#senders.get(from) === sender) this.#senders.delete(from);
  }

  #liveLink(from: string): Link | undefined {
    const link = this.parts.pool.get(from);
    return link && link.state !== 'closed' && link.state !== 'failed' ? link : undefined;
  }

  #current(epoch: number): boolean {
    return epoch === this.#epoch && this.parts.joined();
  }
}
