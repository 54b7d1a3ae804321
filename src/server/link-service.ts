/**
 * The link (pair) protocol of DESIGN.md, independent of how requests arrive: WebSocket frames
 * and `POST /link` bodies both come here and get exactly one response each.
 */
import { ErrorCode } from './errors.js';
import type { LinkFrame, ServerFrame } from './frames.js';
import type { Hub, LinkOptions } from './hub.js';
import type { Metrics } from './metrics.js';

export type LinkResponse = Extract<ServerFrame, { type: 'DEMOTE' | 'ANSWER' | 'DELIVERED' | 'error' }>;

export interface LinkLimits {
  readonly linkTimeoutMs: number;
  readonly pairedMemoryMs: number;
  readonly maxPendingLinks: number;
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

  constructor(
    private readonly hub: Hub,
    private readonly limits: LinkLimits,
    private readonly metrics: Metrics,
  ) {}

  get pending(): number {
    return this.#pending;
  }

  async handle(request: LinkFrame, respond: (response: LinkResponse) => void): Promise<HeldLink> {
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
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const settle = (response: LinkResponse | undefined) => {
      if (settled) return;
      settled = true;
      if (timer) {
        clearTimeout(timer);
        this.#pending--;
      }
      if (response) respond(response);
    };
    // BOUNCE ("already linked, re-pair me") is a fresh CONNECT with a new offer.
    const offer = await this.hub.linkOffer(
      request.ns,
      { id: request.id, signal: request.signal, onAnswer: (answer) => settle({ type: 'ANSWER', signal: answer }) },
      options,
    );
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
    this.#pending++;
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
}
