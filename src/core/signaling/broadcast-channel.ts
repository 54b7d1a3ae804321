/**
 * Signaling between pages of one origin in one browser (tabs, iframes) with no server at all:
 * the demo's side-by-side playground uses it. Presence is announced: a joining peer says
 * `hello`, members answer `here`, a leaving or closing page says `bye`.
 */
import { roomKeyOf, SignalingError, TransportBase, type RoomAddress, type SignalingTransport } from './transport.js';

type Wire =
  | { kind: 'hello' | 'here' | 'bye'; ns: string; room: string; from: string; to?: string }
  | { kind: 'signal'; ns: string; room: string; from: string; to: string; env: string };

export interface BroadcastChannelTransportOptions {
  /** Pages only hear each other on the same channel name (default `peerkit`). */
  readonly channel?: string;
}

export class BroadcastChannelTransport extends TransportBase implements SignalingTransport {
  readonly #channel: BroadcastChannel;
  readonly #rooms = new Map<string, Set<string>>();
  readonly #onPageHide = () => this.close();

  constructor(
    readonly id: string,
    options: BroadcastChannelTransportOptions = {},
  ) {
    super();
    this.#channel = new BroadcastChannel(options.channel ?? 'peerkit');
    this.#channel.addEventListener('message', (event: MessageEvent<Wire>) => this.#receive(event.data));
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.setState('open');
  }

  async join(address: RoomAddress): Promise<readonly string[]> {
    if (this.state !== 'open') throw new SignalingError(503, 'transport is closed');
    // Members answer our hello with `here`; they arrive as `joined` events.
    this.#rooms.set(roomKeyOf(address), new Set());
    this.#post({ kind: 'hello', ...address, from: this.id });
    this.emit('peers', { ...address, ids: [] });
    return [];
  }

  async leave(address: RoomAddress): Promise<void> {
    if (!this.#rooms.delete(roomKeyOf(address))) return;
    this.#post({ kind: 'bye', ...address, from: this.id });
  }

  send(address: RoomAddress, to: string, env: string): void {
    const members = this.#rooms.get(roomKeyOf(address));
    if (!members) throw new SignalingError(403, `not in room "${address.room}"`);
    if (!members.has(to)) {
      queueMicrotask(() => this.emit('transport-error', { code: 404, message: `peer ${to} is not in the room` }));
      return;
    }
    this.#post({ kind: 'signal', ...address, from: this.id, to, env });
  }

  close(): void {
    if (this.state === 'closed') return;
    for (const key of [...this.#rooms.keys()]) {
      const [ns, room] = key.split('\n') as [string, string];
      void this.leave({ ns, room });
    }
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    this.#channel.close();
    this.setState('closed');
  }

  #post(message: Wire): void {
    this.#channel.postMessage(message);
  }

  #receive(message: Wire): void {
    if (!message || typeof message !== 'object' || typeof message.from !== 'string' || message.from === this.id) return;
    const address = { ns: message.ns, room: message.room };
    const members = this.#rooms.get(roomKeyOf(address));
    if (!members) return;
    if (message.to !== undefined && message.to !== this.id) return;
    switch (message.kind) {
      case 'hello':
        this.#post({ kind: 'here', ...address, from: this.id, to: message.from });
        // A known id saying hello again reloaded: it left and joined, like on the server.
        if (members.delete(message.from)) this.emit('left', { ...address, id: message.from });
        this.#add(members, address, message.from);
        return;
      case 'here':
        this.#add(members, address, message.from);
        return;
      case 'bye':
        if (members.delete(message.from)) this.emit('left', { ...address, id: message.from });
        return;
      case 'signal':
        if (typeof message.env === 'string') this.emit('signal', { ...address, from: message.from, env: message.env });
        return;
    }
  }

  #add(members: Set<string>, address: RoomAddress, id: string): void {
    if (members.has(id)) return;
    members.add(id);
    this.emit('joined', { ...address, id });
  }
}
