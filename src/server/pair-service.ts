/**
 * The pair protocol of DESIGN.md ("Link protocol" there), independent of how requests arrive:
 * WebSocket frames and `POST /link` bodies (the endpoint keeps the protocol's first name on the
 * wire) both come here and get exactly one response each.
 */
import { ErrorCode } from './errors.js';
import type { PairFrame, ServerFrame } from './frames.js';
import type { Hub, PairOffer, PairOptions } from './hub.js';
import type { Metrics } from './metrics.js';

export type PairResponse = Extract<ServerFrame, { type: 'DEMOTE' | 'ANSWER' | 'DELIVERED' | 'error' }>;

export interface PairLimits {
  readonly pairTimeoutMs: number;
  readonly pairedMemoryMs: number;
  readonly maxPendingPairs: number;
  /** Held requests one client address may have at once, so no address fills the queue alone. */
  readonly maxPendingPairsPerIp: number;
}

export interface HeldPairRequest {
  /** The requester went away: stop waiting, and let no one pair with its offer. */
  cancel(): void;
}

const noHold: HeldPairRequest = { cancel() {} };

function noPeer(sawCandidate: boolean): PairResponse {
  return sawCandidate
    ? { type: 'error', code: ErrorCode.NoPeer, message: 'no peer available to pair with now' }
    : { type: 'error', code: ErrorCode.NoPeerInNamespace, message: 'no peer in this namespace' };
}

export class PairService {
  #pending = 0;
  readonly #pendingByAddress = new Map<string, number>();

  constructor(
    private readonly hub: Hub,
    private readonly limits: PairLimits,
    private readonly metrics: Metrics,
  ) {}

  get pending(): number {
    return this.#pending;
  }

  /** `address`: the requester's, as the limits count it (client-address.ts). */
  async handle(request: PairFrame, address: string, respond: (response: PairResponse) => void): Promise<HeldPairRequest> {
    const options: PairOptions = { queue: true, pairedMemoryMs: this.limits.pairedMemoryMs };
    if (request.type === 'CONNECT' && request.nonce !== undefined) {
      if (await this.hub.pairAnswer(request.nonce, request.id, request.signal, options)) {
        this.metrics.pairings++;
        respond({ type: 'DELIVERED' });
        return noHold;
      }
      // The offerer went away. The answer is useless now; offer another waiting peer's offer instead.
      const retry = await this.hub.pairOffer(request.ns, { id: request.id, signal: request.signal, onAnswer() {} }, { ...options, queue: false });
      respond(retry.kind === 'demote' ? { type: 'DEMOTE', nonce: retry.nonce, signal: retry.signal } : noPeer(retry.kind === 'none' && retry.sawCandidate));
      return noHold;
    }

    if (this.#pending >= this.limits.maxPendingPairs) {
      respond({ type: 'error', code: ErrorCode.TooManyPending, message: 'too many pair requests are waiting; retry later' });
      return noHold;
    }
    if ((this.#pendingByAddress.get(address) ?? 0) >= this.limits.maxPendingPairsPerIp) {
      respond({ type: 'error', code: ErrorCode.TooManyPendingFromAddress, message: `${this.limits.maxPendingPairsPerIp} pair requests from your address are waiting; retry later` });
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
    const settle = (response: PairResponse | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      if (response) respond(response);
    };
    let offer: PairOffer;
    try {
      // BOUNCE ("already linked, re-pair me") is a fresh CONNECT with a new offer.
      offer = await this.hub.pairOffer(
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
    }, this.limits.pairTimeoutMs);
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
