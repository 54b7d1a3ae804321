/**
 * The link (pair) protocol of DESIGN.md, independent of how requests arrive: WebSocket frames
 * and `POST /link` bodies both come here and get exactly one response each.
 */
import { ErrorCode } from './errors.js';
import type { LinkFrame, ServerFrame } from './frames.js';
import type { Hub, LinkOffer, LinkOptions } from './hub.js';
import type { Metrics } from './metrics.js';

export type LinkResponse = Extract<ServerFrame, { type: 'DEMOTE' | 'ANSWER' | 'DELIVERED' | 'error' }>;

export interface LinkLimits {
  readonly linkTimeoutMs: number;
  readonly pairedMemoryMs: number;
  readonly maxPendingLinks: number;
  /** Held requests one client address may have at once, so no address fills the queue alone. */
  readonly maxPendingLinksPerIp: number;
}

export interface HeldLink {
  /** The requester went away: stop waiting, and let no one pair with its offer. */
  cancel(): void;
}

const noHold: HeldLink = { cancel() {} };

function noPeer(sawCandidate: boolean): LinkResponse {
  return sawCandidate
    ? { type: 'error', code: ErrorCode.NoPeer, message: 'no peer available to pair with now' }
    : { type: 'error', code: ErrorCode.NoPeerInNamespace, message: 'no peer in this namespace' };
}

export class LinkService {
  #pending = 0;
  readonly #pendingByAddress = new Map<string, number>();

  constructor(
    private readonly hub: Hub,
    private readonly limits: LinkLimits,
    private readonly metrics: Metrics,
  ) {}

  get pending(): number {
    return this.#pending;
  }

  /** `address`: the requester's, as the limits count it (client-address.ts). */
  async handle(request: LinkFrame, address: string, respond: (response: LinkResponse) => void): Promise<HeldLink> {
    const options: LinkOptions = { queue: true, pairedMemoryMs: this.limits.pairedMemoryMs };
    if (request.type === 'CONNECT' && request.nonce !== undefined) {
      if (await this.hub.linkAnswer(request.nonce, request.id, request.signal, options)) {
        this.metrics.linkPairs++;
        respond({ type: 'DELIVERED' });
        return noHold;
      }
      // The offerer went away. The answer is useless now; offer another waiting peer's offer instead.
      const retry = await this.hub.linkOffer(request.ns, { id: request.id, signal: request.signal, onAnswer() {} }, { ...options, queue: false });
      respond(retry.kind === 'demote' ? { type: 'DEMOTE', nonce: retry.nonce, signal: retry.signal } : noPeer(retry.kind === 'none' && retry.sawCandidate));
      return noHold;
    }

    if (this.#pending >= this.limits.maxPendingLinks) {
      respond({ type: 'error', code: ErrorCode.TooManyPending, message: 'too many link requests are waiting; retry later' });
      return noHold;
    }
    if ((this.#pendingByAddress.get(address) ?? 0) >= this.limits.maxPendingLinksPerIp) {
      respond({ type: 'error', code: ErrorCode.TooManyPendingFromAddress, message: `${this.limits.maxPendingLinksPerIp} link requests from your address are waiting; retry later` });
      return noHold;
    }
    // The place is taken before the hub is asked, so requests arriving meanwhile see it taken;
    // it is given back as soon as the request is answered, withdrawn or times out.
    this.#take(address, 1);
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      this.#take(address, -1);
    };
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const settle = (response: LinkResponse | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      if (response) respond(response);
    };
    let offer: LinkOffer;
    try {
      // BOUNCE ("already linked, re-pair me") is a fresh CONNECT with a new offer.
      offer = await this.hub.linkOffer(
        request.ns,
        { id: request.id, signal: request.signal, onAnswer: (answer) => settle({ type: 'ANSWER', signal: answer }) },
        options,
      );
    } catch (error) {
      release();
      throw error;
    }
    if (offer.kind === 'demote') {
      settle({ type: 'DEMOTE', nonce: offer.nonce, signal: offer.signal });
      return noHold;
    }
    if (offer.kind === 'none') {
      settle(noPeer(offer.sawCandidate));
      return noHold;
    }
    // With shared state the answer can arrive before we get here.
    if (settled) return noHold;
    timer = setTimeout(() => {
      void offer.cancel();
      settle(noPeer(offer.sawCandidate()));
    }, this.limits.linkTimeoutMs);
    return {
      cancel: () => {
        if (settled) return;
        void offer.cancel();
        settle(undefined);
      },
    };
  }

  #take(address: string, places: 1 | -1): void {
    this.#pending += places;
    const count = (this.#pendingByAddress.get(address) ?? 0) + places;
    if (count > 0) this.#pendingByAddress.set(address, count);
    else this.#pendingByAddress.delete(address);
  }
}
