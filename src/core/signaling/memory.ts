/**
 * An in-memory signaling network for tests and demos in one JavaScript realm: presence and
 * delivery like the server's, asynchronous like a network, with an optional delay per sender and
 * recipient (latency experiments inject it here). It also keeps latency reports per room and answers them
 * with suggestions, as the server does.
 */
import { parseLatencyReport, suggestPeers, type LatencyReport, type PeerSuggestion } from './suggest.js';
import { roomKeyOf, SignalingError, TransportBase, type RoomAddress, type SignalingTransport } from './transport.js';

export interface MemoryNetworkOptions {
  /** Milliseconds a message from `from` to `to` takes; default 0 (next macrotask). */
  readonly delayMs?: (from: string, to: string) => number;
}

export class MemorySignalingNetwork {
  readonly #rooms = new Map<string, Map<string, MemoryTransport>>();
  readonly #reports = new Map<string, Map<string, LatencyReport>>();

  constructor(readonly options: MemoryNetworkOptions = {}) {}

  /** A transport for the peer `id` on this network. */
  connect(id: string): MemoryTransport {
    return new MemoryTransport(this, id);
  }

  /** @internal */
  deliver(from: string, to: MemoryTransport, run: () => void): void {
    const delay = this.options.delayMs?.(from, to.id) ?? 0;
    setTimeout(() => {
      if (to.state === 'open') run();
    }, delay);
  }

  /** @internal */
  members(address: RoomAddress): Map<string, MemoryTransport> {
    const key = roomKeyOf(address);
    let members = this.#rooms.get(key);
    if (!members) {
      members = new Map();
      this.#rooms.set(key, members);
    }
    return members;
  }

  /** @internal Stores `id`'s report and returns the suggestions for it. */
  report(address: RoomAddress, id: string, report: LatencyReport): PeerSuggestion[] {
    const key = roomKeyOf(address);
    let reports = this.#reports.get(key);
    if (!reports) {
      reports = new Map();
      this.#reports.set(key, reports);
    }
    reports.set(id, report);
    return suggestPeers(id, [...this.members(address).keys()], reports);
  }

  /** @internal A member left or was replaced: its report goes with it. */
  dropReport(address: RoomAddress, id: string): void {
    const key = roomKeyOf(address);
    const reports = this.#reports.get(key);
    if (!reports?.delete(id)) return;
    if (reports.size === 0) this.#reports.delete(key);
  }

  /** @internal The reports kept for a room (tests look). */
  reportsOf(address: RoomAddress): ReadonlyMap<string, LatencyReport> {
    return new Map(this.#reports.get(roomKeyOf(address)));
  }
}

export class MemoryTransport extends TransportBase implements SignalingTransport {
  /** As on the server: a join lists the members and announces the newcomer in one step. */
  readonly presenceOrdered = true;
  readonly #joined = new Set<string>();

  constructor(
    private readonly network: MemorySignalingNetwork,
    readonly id: string,
  ) {
    super();
    this.setState('open');
  }

  async join(address: RoomAddress): Promise<readonly string[]> {
    if (this.state !== 'open') throw new SignalingError(503, 'transport is closed');
    const members = this.network.members(address);
    const previous = members.get(this.id);
    if (previous && previous !== this) previous.#evicted(address);
    // Same rule as the server: a connection that joins again starts without a report.
    if (previous) this.network.dropReport(address, this.id);
    const ids = [...members.keys()].filter((id) => id !== this.id);
    for (const member of members.values()) {
      if (member === this || member === previous) continue;
      this.network.deliver(this.id, member, () => {
        // Same rule as the server: a replaced id leaves, then joins again.
        if (previous) member.emit('left', { ...address, id: this.id });
        member.emit('joined', { ...address, id: this.id });
      });
    }
    members.set(this.id, this);
    this.#joined.add(roomKeyOf(address));
    this.emit('peers', { ...address, ids });
    return ids;
  }

  async leave(address: RoomAddress): Promise<void> {
    const members = this.network.members(address);
    if (members.get(this.id) !== this) return;
    members.delete(this.id);
    this.#joined.delete(roomKeyOf(address));
    this.network.dropReport(address, this.id);
    for (const member of members.values()) this.network.deliver(this.id, member, () => member.emit('left', { ...address, id: this.id }));
  }

  send(address: RoomAddress, to: string, env: string): void {
    if (!this.#joined.has(roomKeyOf(address))) throw new SignalingError(403, `not in room "${address.room}"`);
    const target = this.network.members(address).get(to);
    if (!target) {
      queueMicrotask(() => this.emit('transport-error', { code: 404, message: `peer ${to} is not in the room` }));
      return;
    }
    this.network.deliver(this.id, target, () => target.emit('signal', { ...address, from: this.id, env }));
  }

  /** As the server's default budget allows one frame; delivered like a signal, with no pacing. */
  readonly dataLimit = 16 * 1024;
  readonly dataBuffered = 0;

  sendData(address: RoomAddress, to: string, data: Uint8Array): void {
    if (!this.#joined.has(roomKeyOf(address))) throw new SignalingError(403, `not in room "${address.room}"`);
    if (data.length > this.dataLimit) throw new SignalingError(413, `data of ${data.length} bytes exceeds ${this.dataLimit}`);
    const target = this.network.members(address).get(to);
    if (!target) {
      queueMicrotask(() => this.emit('transport-error', { code: 404, message: `peer ${to} is not in the room` }));
      return;
    }
    const copy = data.slice();
    this.network.deliver(this.id, target, () => target.emit('data', { ...address, from: this.id, data: copy }));
  }

  /** Keeps the report in the network and answers with a `suggest` event, delivered like a message. */
  report(address: RoomAddress, report: LatencyReport): void {
    const key = roomKeyOf(address);
    if (!this.#joined.has(key)) throw new SignalingError(403, `not in room "${address.room}"`);
    const peers = this.network.report(address, this.id, parseLatencyReport(report));
    this.network.deliver(this.id, this, () => {
      if (this.#joined.has(key)) this.emit('suggest', { ns: address.ns, room: address.room, peers });
    });
  }

  close(): void {
    if (this.state === 'closed') return;
    for (const key of [...this.#joined]) {
      const [ns, room] = key.split('\n') as [string, string];
      void this.leave({ ns, room });
    }
    this.setState('closed');
  }

  #evicted(address: RoomAddress): void {
    this.#joined.delete(roomKeyOf(address));
    this.emit('left', { ...address, id: this.id });
  }
}
