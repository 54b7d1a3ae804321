/** Hub state in this process: the default when no Redis is configured. */
import { randomBytes, toBase64Url } from '../core/util/bytes.js';
import type { LatencyReport } from '../core/signaling/suggest.js';
import { ErrorCode, ProtocolError } from './errors.js';
import { pairKey, type Hub, type PairOffer, type PairOptions, type PairWaiter, type RelayedFrame, type RoomMember, type RoomSeats } from './hub.js';

interface WaitingEntry {
  readonly ns: string;
  readonly waiter: PairWaiter;
  sawCandidate: boolean;
}

export class MemoryHub implements Hub {
  readonly #rooms = new Map<string, Map<string, RoomMember>>();
  /** Latency reports beside the members, by room key then author; only members have one. */
  readonly #reports = new Map<string, Map<string, LatencyReport>>();
  readonly #waiting = new Map<string, WaitingEntry[]>();
  readonly #demoted = new Map<string, { first: WaitingEntry; secondId: string }>();
  readonly #paired = new Map<string, number>();
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(sweepEveryMs = 60_000) {
    this.#sweeper = setInterval(() => this.#forgetOldPairs(Date.now()), sweepEveryMs);
    // Node: the sweeper alone keeps no process alive. (Workers have no unref: a Durable Object's life is the runtime's.)
    (this.#sweeper as { unref?: () => void }).unref?.();
  }

  async join(ns: string, room: string, member: RoomMember, seats: RoomSeats): Promise<string[]> {
    const key = roomKey(ns, room);
    let members = this.#rooms.get(key);
    const previous = members?.get(member.id);
    if (!previous && (members?.size ?? 0) >= seats.maxPeers) throw new ProtocolError(ErrorCode.RoomFull, `room "${room}" is full (${seats.maxPeers} peers)`);
    let fromAddress = 0;
    for (const other of members?.values() ?? []) if (other.address === member.address && other.id !== member.id) fromAddress++;
    if (fromAddress >= seats.maxPerAddress) throw new ProtocolError(ErrorCode.RoomFullFromAddress, `room "${room}" holds ${seats.maxPerAddress} peers from your address, as many as one address may`);
    if (!members) {
      members = new Map();
      this.#rooms.set(key, members);
    }
    if (previous) {
      // The same key joined again (a reload, a second tab): the old connection leaves cleanly.
      // Its report leaves with it: the new connection may sit elsewhere in the network.
      members.delete(member.id);
      this.#dropReport(key, member.id);
      previous.deliver({ type: 'left', ns, room, id: member.id });
      this.#announce(members, { type: 'left', ns, room, id: member.id });
    }
    const ids = [...members.keys()];
    this.#announce(members, { type: 'joined', ns, room, id: member.id });
    members.set(member.id, member);
    return ids;
  }

  async leave(ns: string, room: string, member: RoomMember): Promise<void> {
    const key = roomKey(ns, room);
    const members = this.#rooms.get(key);
    if (members?.get(member.id) !== member) return;
    members.delete(member.id);
    this.#dropReport(key, member.id);
    if (members.size === 0) this.#rooms.delete(key);
    else this.#announce(members, { type: 'left', ns, room, id: member.id });
  }

  async memberIds(ns: string, room: string): Promise<string[]> {
    return [...(this.#rooms.get(roomKey(ns, room))?.keys() ?? [])];
  }

  report(ns: string, room: string, id: string, report: LatencyReport): void {
    const key = roomKey(ns, room);
    if (!this.#rooms.get(key)?.has(id)) return;
    let reports = this.#reports.get(key);
    if (!reports) {
      reports = new Map();
      this.#reports.set(key, reports);
    }
    reports.set(id, report);
  }

  async reports(ns: string, room: string): Promise<ReadonlyMap<string, LatencyReport>> {
    return new Map(this.#reports.get(roomKey(ns, room)));
  }

  relay(to: string, frame: RelayedFrame): boolean {
    const target = this.#rooms.get(roomKey(frame.ns, frame.room))?.get(to);
    if (!target) return false;
    target.deliver(frame);
    return true;
  }

  async pairOffer(ns: string, waiter: PairWaiter, options: PairOptions): Promise<PairOffer> {
    const now = Date.now();
    const queue = this.#waiting.get(ns) ?? [];
    let sawCandidate = false;
    const partnerAt = queue.findIndex((entry) => {
      if (entry.waiter.id === waiter.id) return false;
      if (this.#recentlyPaired(ns, entry.waiter.id, waiter.id, now, options.pairedMemoryMs)) {
        entry.sawCandidate = true;
        sawCandidate = true;
        return false;
      }
      return true;
    });
    if (partnerAt >= 0) {
      const [first] = queue.splice(partnerAt, 1) as [WaitingEntry];
      const nonce = toBase64Url(randomBytes(16));
      this.#demoted.set(nonce, { first, secondId: waiter.id });
      return { kind: 'demote', nonce, signal: first.waiter.signal };
    }
    if (!options.queue) return { kind: 'none', sawCandidate };
    // One place in the queue per id: a repeated CONNECT replaces the older one.
    const entry: WaitingEntry = { ns, waiter, sawCandidate };
    const kept = queue.filter((other) => other.waiter.id !== waiter.id);
    kept.push(entry);
    this.#waiting.set(ns, kept);
    return {
      kind: 'queued',
      sawCandidate: () => entry.sawCandidate,
      cancel: async () => this.#cancel(entry),
    };
  }

  async pairAnswer(nonce: string, fromId: string, signal: string, options: PairOptions): Promise<boolean> {
    const demoted = this.#demoted.get(nonce);
    if (!demoted || demoted.secondId !== fromId) return false;
    this.#demoted.delete(nonce);
    this.#paired.set(pairKey(demoted.first.ns, demoted.first.waiter.id, fromId), Date.now() + options.pairedMemoryMs);
    demoted.first.waiter.onAnswer(signal);
    return true;
  }

  localRoomCount(): number {
    return this.#rooms.size;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
  }

  #cancel(entry: WaitingEntry): void {
    const queue = this.#waiting.get(entry.ns);
    if (queue) {
      const kept = queue.filter((other) => other !== entry);
      if (kept.length) this.#waiting.set(entry.ns, kept);
      else this.#waiting.delete(entry.ns);
    }
    // A peer that gave up cannot receive the answer to its offer any more.
    for (const [nonce, demoted] of this.#demoted) if (demoted.first === entry) this.#demoted.delete(nonce);
  }

  #dropReport(key: string, id: string): void {
    const reports = this.#reports.get(key);
    if (!reports?.delete(id)) return;
    if (reports.size === 0) this.#reports.delete(key);
  }

  #recentlyPaired(ns: string, a: string, b: string, now: number, windowMs: number): boolean {
    const until = this.#paired.get(pairKey(ns, a, b));
    return until !== undefined && until > now && windowMs > 0;
  }

  #forgetOldPairs(now: number): void {
    for (const [key, until] of this.#paired) if (until <= now) this.#paired.delete(key);
  }

  #announce(members: Map<string, RoomMember>, frame: Parameters<RoomMember['deliver']>[0]): void {
    for (const member of members.values()) member.deliver(frame);
  }
}

export function roomKey(ns: string, room: string): string {
  return `${ns}\n${room}`;
}
