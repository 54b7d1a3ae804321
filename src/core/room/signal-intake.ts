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
 * Out: a link is offered only to a peer the trust policy admits: an offer would hand an untrusted
 * peer our addresses (ICE candidates).
 */
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { LinkRejectionCode } from '../link/link.js';
import { openSignal } from '../link/signals.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { LinkPool } from './link-pool.js';
import type { Membership } from './membership.js';
import { isMeshRequest, type MeshLinks } from './mesh-links.js';

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

export class SignalIntake {
  /** Signals from each peer, handled one after another in arrival order. */
  readonly #inbound = new Map<string, Promise<void>>();

  constructor(private readonly parts: SignalIntakeParts) {}

  receive(from: string, env: string): void {
    const previous = this.#inbound.get(from) ?? Promise.resolve();
    const next = previous.then(() => this.#handle(from, env)).catch((error: unknown) => this.parts.failed(from, (error as Error).message));
    this.#inbound.set(from, next);
    void next.then(() => {
      if (this.#inbound.get(from) === next) this.#inbound.delete(from);
    });
  }

  /** Forgets what was waiting (the room left). */
  clear(): void {
    this.#inbound.clear();
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

  async #handle(from: string, env: string): Promise<void> {
    const { self, address, keys, policy, members, pool, mesh } = this.parts;
    if (!this.parts.joined() || from === self) return;
    if (isMeshRequest(env)) {
      if (members.has(from)) mesh.request(from, env);
      return;
    }
    const link = pool.get(from);
    if (link && link.state !== 'closed' && link.state !== 'failed') return link.receive(env);
    const check = await openSignal(env, { me: self, from, address, replay: pool.replay, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) });
    if (!check.ok) return this.parts.rejected(from, check.code, check.message);
    if (!this.parts.joined()) return;
    // A signal can arrive before the `joined` that announces its sender: it is one now.
    if (!members.has(from)) this.parts.newMember(from);
    if (!mesh.takeOffer(from, pool.isLive(from))) return;
    await pool.deliver(from, check.signal);
  }
}
