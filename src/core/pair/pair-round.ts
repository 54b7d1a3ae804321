/**
 * One round of the pair protocol (DESIGN.md): CONNECT with our offer; the server either relays
 * the ANSWER of a stranger who was demoted, or DEMOTEs us to answer a stranger's offer (and then
 * says DELIVERED). Every wait is bounded (a step, the server's reply, the binding) and the whole
 * round stops when the search it belongs to is superseded (`signal`). A round yields a bound link
 * or nothing; what it made and did not hand over is closed.
 */

import { sealPairProof } from '../envelope/join-proof.js';
import type { ReplayGuard } from '../envelope/replay-guard.js';

import type { LinkRejectionCode, LinkSettings } from '../link/link.js';
import { PeerLink } from '../link/peer-link.js';
import type { PairReply, PairRequest, PairTransport } from '../signaling/pair-protocol.js';
import type { RoomAddress } from '../signaling/transport.js';

/** Thrown inside a round when a newer search (next/leave) has taken over. */
export class Superseded extends Error {}

/** A step of a round took longer than its bound. */
export class StepTimeout extends Error {}

export interface PairRoundOptions extends LinkSettings {
  readonly transport: PairTransport;
  readonly ns: string;
  readonly stepTimeoutMs?: number;
  readonly replyTimeoutMs?: number;
}

export class PairRound {
  constructor(
    private readonly options: PairRoundOptions,
    private readonly address: RoomAddress,
    private readonly replay: ReplayGuard,
    /** Aborted when the search this round belongs to is superseded. */
    private readonly signal: AbortSignal,
    private readonly rejected: (from: string, code: LinkRejectionCode, message: string) => void,
  ) {}

  /** One round of the pair protocol; a bound link, or undefined when this pairing came to nothing. */
  async run(lastNonce: string | undefined, demoted: (nonce: string) => void): Promise<PeerLink | undefined> {
    const { transport, ns } = this.options;
    const step = this.options.stepTimeoutMs ?? 10_000;
    // Every request proves, afresh, that we hold the key our id names (a proof is single-use).
    const ask = async (request: (proof: string) => PairRequest): Promise<PairReply> => {
      const proof = await this.#within(sealPairProof(this.options.identity, { ns, server: transport.server }), step, 'sealing the pair proof');
      return this.#within(transport.pair(request(proof), { signal: this.signal }), this.options.replyTimeoutMs ?? 25_000, 'the server\'s reply');
    };
    const offerer = await this.#createLink(true);
    let reply: PairReply;
    try {
      const offer = await this.#within(offerer.outgoing, step, 'our offer');
      reply = await ask((proof) => (lastNonce ? { type: 'BOUNCE', ns, id: this.options.identity.fingerprint, nonce: lastNonce, signal: offer, proof } : { type: 'CONNECT', ns, id: this.options.identity.fingerprint, signal: offer, proof }));
      if (reply.type === 'ANSWER') {
        await this.#within(offerer.link.receive(reply.signal), step, 'checking the answer');
        if (offerer.link.remoteId !== undefined) return this.#bound(offerer.link);
      }
    } catch (error) {
      offerer.link.close();
      throw error;
    }
    offerer.link.close();
    if (reply.type === 'ANSWER') return undefined;
    // Demoted: answer the first peer's offer. If that peer is gone the server offers another's.
    while (reply.type === 'DEMOTE') {
      demoted(reply.nonce);
      const answerer = await this.#createLink(false);
      try {
        await this.#within(answerer.link.receive(reply.signal), step, 'checking the stranger\'s offer');
        // The offer did not verify or is not trusted (a `signal-rejected` said why): no pair.
        if (answerer.link.remoteId === undefined) {
          answerer.link.close();
          return undefined;
        }
        // A signed "offer" that holds no SDP never yields an answer: the step bound ends the wait.
        const answer = await this.#within(answerer.outgoing, step, 'our answer to the stranger\'s offer');
        const nonce = reply.nonce;
        reply = await ask((proof) => ({ type: 'CONNECT', ns, id: this.options.identity.fingerprint, nonce, signal: answer, proof }));
      } catch (error) {
        answerer.link.close();
        throw error;
      }
      if (reply.type === 'DELIVERED') return this.#bound(answerer.link);
      answerer.link.close();
    }
    return undefined;
  }

  /** Waits for `promise`, but no longer than `ms` (StepTimeout) and not past a newer search (Superseded). */
  #within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    const signal = this.signal;
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () => finish(() => reject(new Superseded()));
      const timer = setTimeout(() => finish(() => reject(new StepTimeout(`${what} took longer than ${ms} ms`))), ms);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** A link whose one outgoing signal (no trickle: the pair protocol carries one each way) is caught. */
  async #createLink(initiator: boolean): Promise<{ link: PeerLink; outgoing: Promise<string> }> {
    const { identity, keys, policy, iceServers, iceTransportPolicy, wrtc, pingMs } = this.options;
    const servers = typeof iceServers === 'function' ? await this.#within(iceServers(), this.options.stepTimeoutMs ?? 10_000, 'fetching ICE servers') : iceServers;
    let deliver!: (env: string) => void;
    const outgoing = new Promise<string>((resolve) => (deliver = resolve));
    const link = await PeerLink.create({
      identity,
      initiator,
      address: this.address,
      sendSignal: (env) => deliver(env),
      replay: this.replay,
      trickle: false,
      // The pair protocol carries one signal each way: later ones (tracks, ICE restarts) go over the bound channel.
      signalsOverChannel: true,
      ...(keys ? { keys } : {}),
      ...(policy ? { policy } : {}),
      ...(servers ? { iceServers: servers } : {}),
      ...(typeof iceServers === 'function' ? { renewIceServers: iceServers } : {}),
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      ...(wrtc ? { wrtc } : {}),
      ...(pingMs !== undefined ? { pingMs } : {}),
    });
    link.addEventListener('signal-rejected', (event) => this.rejected(link.remoteId ?? '', event.detail.code, event.detail.message));
    return { link, outgoing };
  }

  /** Waits for the link to bind: the link once connected; undefined (and closed) if it fails, times out or is superseded. */
  #bound(link: PeerLink): Promise<PeerLink | undefined> {
    const signal = this.signal;
    return new Promise((resolve) => {
      const finish = (result: PeerLink | undefined) => {
        clearTimeout(timer);
        link.removeEventListener('state', onState);
        signal.removeEventListener('abort', onAbort);
        // A pairing that came to nothing must not leave its RTCPeerConnection behind.
        if (!result) link.close();
        resolve(result);
      };
      const onState = () => {
        if (link.state === 'connected') finish(link);
        else if (link.state === 'closed' || link.state === 'failed') finish(undefined);
      };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), this.options.connectTimeoutMs ?? 15_000);
      link.addEventListener('state', onState);
      signal.addEventListener('abort', onAbort, { once: true });
      onState();
    });
  }

  /** A pause before the next round (the caller's backoff jitters it); cut short (Superseded) when the search is. */
  pause(ms: number): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Superseded());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
