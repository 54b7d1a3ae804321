/**
 * The state a signaling server shares: who is in which room, how to reach them, and who waits
 * to be paired. MemoryHub keeps it in this process; RedisHub (redis-hub.ts) shares it between
 * processes. The server speaks only to this interface.
 */
import type { LatencyReport } from '../core/signaling/suggest.js';
import type { ServerFrame } from './frames.js';

export type Deliver = (frame: ServerFrame) => void;

/** What one member sends another through the server: a sealed signal, or a link's encrypted frames. */
export type RelayedFrame = Extract<ServerFrame, { type: 'signal' | 'data' }>;

/** One connection's place in one room. Identity of the object matters: a replaced member is stale. */
export interface RoomMember {
  readonly id: string;
  /** The client's address as the limits count it (client-address.ts): seats per address are shared out by it. */
  readonly address: string;
  readonly deliver: Deliver;
}

/** How many seats a room has, and how many of them one address may hold. */
export interface RoomSeats {
  readonly maxPeers: number;
  readonly maxPerAddress: number;
}

export interface PairWaiter {
  readonly id: string;
  readonly signal: string;
  /** The paired peer's answer arrived: the pairing is complete. */
  onAnswer(signal: string): void;
}

export type PairOffer =
  | { readonly kind: 'demote'; readonly nonce: string; readonly signal: string }
  | { readonly kind: 'queued'; cancel(): Promise<void>; readonly sawCandidate: () => boolean }
  | { readonly kind: 'none'; readonly sawCandidate: boolean };

export interface PairOptions {
  /** Queue the waiter when nobody can be paired now (false for an answer whose offerer left). */
  readonly queue: boolean;
  /** How long the same two ids are not paired again. */
  readonly pairedMemoryMs: number;
}

export interface Hub {
  /**
   * Adds the member and tells the others; returns the ids already there. A previous holder of the
   * id is replaced. Throws RoomFull when the room has no free seat, RoomFullFromAddress when the
   * other members from the member's address already hold `maxPerAddress` seats.
   */
  join(ns: string, room: string, member: RoomMember, seats: RoomSeats): Promise<string[]>;
  /** Removes the member if it still holds its id, and tells the others. */
  leave(ns: string, room: string, member: RoomMember): Promise<void>;
  /**
   * Delivers a signal or data frame to `to` in the frame's room; false when `to` is not in it.
   * Synchronous when the answer is known locally: relaying is the hot path, and a promise per
   * frame showed in the benchmark.
   */
  relay(to: string, frame: RelayedFrame): boolean | Promise<boolean>;
  /** The ids in the room now, on every process. */
  memberIds(ns: string, room: string): Promise<string[]>;
  /**
   * Keeps `id`'s latest latency report (replacing the previous one) while `id` is in the room; a
   * report of a non-member is dropped. Reports go when their author leaves or is replaced.
   */
  report(ns: string, room: string, id: string, report: LatencyReport): Promise<void> | void;
  /** The room's latency reports by author, for suggestions (suggest.ts). */
  reports(ns: string, room: string): Promise<ReadonlyMap<string, LatencyReport>>;
  /** Pairs the waiter with someone waiting in `ns` (its offer and a nonce come back), or queues it. */
  pairOffer(ns: string, waiter: PairWaiter, options: PairOptions): Promise<PairOffer>;
  /** Hands an answer to the peer behind `nonce`; false when that peer has gone away. */
  pairAnswer(nonce: string, fromId: string, signal: string, options: PairOptions): Promise<boolean>;
  /** Rooms with members on this process. */
  localRoomCount(): number;
  close(): Promise<void>;
}

/** Paired memory is per namespace: meeting in one app says nothing about another. */
export function pairKey(ns: string, a: string, b: string): string {
  return a < b ? `${ns}\n${a}\n${b}` : `${ns}\n${b}\n${a}`;
}
