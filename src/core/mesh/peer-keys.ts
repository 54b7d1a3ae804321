/**
 * The X25519 keys other peers announced in their signed gossip, so that a message for one of them
 * can be sealed for it (sealed-direct.ts), and the messages waiting for a key nobody announced yet:
 * the recipient is asked for its key, and they are sealed once it answers, or fail when it does not.
 *
 * A key is learned only from an envelope whose signature verified, so it is the key its owner
 * announced; a relay cannot put its own there. Keys are held per neighbour they came through
 * (FairMap), so a neighbour relaying announcements of endless throwaway keys pushes out only keys
 * it brought; a key pushed out is asked for again when it is needed.
 *
 * Asks for this peer's own key are answered within a budget per asker and in all: each answer
 * costs a signature.
 */
import { equalBytes } from '../util/bytes.js';
import { FairMap } from './fair-map.js';
import { SharedBudget } from './shared-budget.js';

export const PEER_KEY_LIMITS = {
  /** Peers whose key is remembered. */
  maxKeys: 1024,
  /** Of those, learned through one neighbour. */
  maxKeysPerNeighbor: 256,
  /** Messages waiting for their recipient's key, in all and per recipient. */
  maxWaiting: 256,
  maxWaitingPerPeer: 64,
} as const;

export const KEY_ANSWER_LIMITS = {
  /** Key requests answered: per second and burst, per asker and in all. */
  answerRatePerPeer: 1,
  answerBurstPerPeer: 4,
  answerRate: 16,
  answerBurst: 64,
} as const;

export interface PeerKeysOptions {
  /** Asks `to` for its key (a signed request relayed to it). */
  readonly ask: (to: string) => void;
  /** `to`'s key came: its waiting messages, in the order they were sent. */
  readonly release: (to: string, key: Uint8Array, messages: readonly string[]) => void;
  readonly failed: (to: string, data: string, reason: string) => void;
  /** How long an ask is given before it is made again, ms (default 2000). */
  readonly askMs?: number;
  /** Asks before the waiting messages fail (default 3). */
  readonly asks?: number;
}

interface Waiting {
  readonly messages: string[];
  asked: number;
  timer?: ReturnType<typeof setTimeout>;
}

export class PeerKeys {
  readonly #keys = new FairMap<string, Uint8Array>(PEER_KEY_LIMITS.maxKeys, PEER_KEY_LIMITS.maxKeysPerNeighbor);
  readonly #waiting = new Map<string, Waiting>();
  #waitingCount = 0;
  readonly #answers = new SharedBudget(
    { asker: { rate: KEY_ANSWER_LIMITS.answerRatePerPeer, burst: KEY_ANSWER_LIMITS.answerBurstPerPeer } },
    { rate: KEY_ANSWER_LIMITS.answerRate, burst: KEY_ANSWER_LIMITS.answerBurst },
  );

  constructor(private readonly options: PeerKeysOptions) {}

  get size(): number {
    return this.#keys.size;
  }

  get waiting(): number {
    return this.#waitingCount;
  }

  keyOf(peer: string): Uint8Array | undefined {
    return this.#keys.get(peer);
  }

  /** `peer` announced `key` in an envelope that came through `via`; messages waiting for it go now. */
  learn(peer: string, key: Uint8Array, via: string): void {
    const known = this.#keys.get(peer);
    if (!known || !equalBytes(known, key)) this.#keys.set(peer, via, key);
    const waiting = this.#waiting.get(peer);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.#waiting.delete(peer);
    this.#waitingCount -= waiting.messages.length;
    this.options.release(peer, key, waiting.messages);
  }

  /** The peer left: a key it has when it comes back is a new one. */
  forget(peer: string): void {
    this.#keys.delete(peer);
  }

  /** Whether `asker`'s request for our key may be answered now; spends from the budget when it may. */
  mayAnswer(asker: string): boolean {
    return this.#answers.spend({ asker });
  }

  /** Holds `data` for `to` until its key comes, asking for it. */
  wait(to: string, data: string): void {
    let waiting = this.#waiting.get(to);
    if (!waiting) {
      waiting = { messages: [], asked: 0 };
      this.#waiting.set(to, waiting);
      this.#ask(to, waiting);
    }
    waiting.messages.push(data);
    this.#waitingCount++;
    if (waiting.messages.length > PEER_KEY_LIMITS.maxWaitingPerPeer) this.#dropOldest(to, waiting, `more than ${PEER_KEY_LIMITS.maxWaitingPerPeer} messages waiting for its key`);
    else if (this.#waitingCount > PEER_KEY_LIMITS.maxWaiting) {
      // The recipient with the most waiting gives up its oldest.
      let most = waiting;
      let whom = to;
      for (const [peer, entry] of this.#waiting) if (entry.messages.length > most.messages.length) [most, whom] = [entry, peer];
      this.#dropOldest(whom, most, `more than ${PEER_KEY_LIMITS.maxWaiting} messages waiting for keys`);
    }
  }

  close(): void {
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
    this.#waitingCount = 0;
  }

  #ask(to: string, waiting: Waiting): void {
    clearTimeout(waiting.timer);
    if (waiting.asked >= (this.options.asks ?? 3)) {
      this.#waiting.delete(to);
      this.#waitingCount -= waiting.messages.length;
      for (const data of waiting.messages) this.options.failed(to, data, 'the recipient did not answer with its key, so the message could not be sealed for it');
      return;
    }
    waiting.asked++;
    waiting.timer = setTimeout(() => this.#ask(to, waiting), this.options.askMs ?? 2000);
    this.options.ask(to);
  }

  #dropOldest(to: string, waiting: Waiting, reason: string): void {
    const dropped = waiting.messages.shift()!;
    this.#waitingCount--;
    this.options.failed(to, dropped, reason);
  }
}
