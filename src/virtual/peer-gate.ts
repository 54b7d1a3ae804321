/**
 * @deprecated Rooms bound their links themselves now (`Room({ maxLinks })`, a partial mesh above
 * it), and a Room shown only some members disagrees with the others about the mesh. Kept for
 * code that used it; the virtual client no longer does.
 *
 * A bound on how many peers a Node process links to at once. @roamhq/wrtc connects about 20
 * peers at a time on two cores (TOOLCHAIN.md); a Room links to every member, so the gate sits
 * between the Room and its transport and shows the Room at most `maxPeers` members of its room.
 *
 * Members past the bound wait, first come first served, and take a slot when an admitted one
 * leaves. Signals a waiting peer sends (its offer, when it initiates) are held, a bounded number
 * per peer, and handed over when it is admitted: its link then completes as if it had been
 * answered late. Held signals older than the envelope window (±2 min) are refused as stale when
 * they are opened, so a peer left waiting longer links on its next offer (a reload, a relink).
 */
import { TransportBase, type RoomAddress, type SignalingTransport, type TransportEventMap } from '../core/signaling/transport.js';

export interface PeerGateOptions {
  /** Members linked at once. */
  readonly maxPeers: number;
  /** Members remembered as waiting; more are ignored until some leave. */
  readonly maxWaiting?: number;
  /** Signals held per waiting member; the oldest go first. */
  readonly maxHeldSignals?: number;
}

type Detail<K extends keyof TransportEventMap> = TransportEventMap[K]['detail'];

export class PeerGate extends TransportBase implements SignalingTransport {
  readonly id: string;
  readonly #admitted = new Set<string>();
  /** Waiting members in arrival order, each with the envelopes it sent meanwhile. */
  readonly #waiting = new Map<string, string[]>();
  readonly #unsubscribe: (() => void)[] = [];
  #address: RoomAddress | undefined;

  constructor(
    private readonly inner: SignalingTransport,
    private readonly options: PeerGateOptions,
  ) {
    super();
    if (!Number.isInteger(options.maxPeers) || options.maxPeers < 1) throw new RangeError('maxPeers is a whole number ≥ 1');
    this.id = inner.id;
    const on = <K extends keyof TransportEventMap>(type: K, handler: (detail: Detail<K>) => void) => {
      const listener = (event: Event) => handler((event as TransportEventMap[K]).detail);
      inner.addEventListener(type, listener);
      this.#unsubscribe.push(() => inner.removeEventListener(type, listener));
    };
    on('state', ({ state }) => this.setState(state));
    on('transport-error', (detail) => this.emit('transport-error', detail));
    on('peers', (detail) => (this.#mine(detail) ? this.#reconcile(detail.ids) : this.emit('peers', detail)));
    on('joined', (detail) => (this.#mine(detail) ? this.#arrived(detail.id) : this.emit('joined', detail)));
    on('left', (detail) => (this.#mine(detail) ? this.#departed(detail.id) : this.emit('left', detail)));
    on('signal', (detail) => (this.#mine(detail) ? this.#signal(detail.from, detail.env) : this.emit('signal', detail)));
  }

  override get state() {
    return this.inner.state;
  }

  /** Members linked now (admitted), and how many wait for a slot. */
  get admitted(): readonly string[] {
    return [...this.#admitted];
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  async join(address: RoomAddress): Promise<readonly string[]> {
    if (this.#address && (this.#address.ns !== address.ns || this.#address.room !== address.room)) throw new Error('a peer gate serves one room');
    this.#address = address;
    await this.inner.join(address);
    return this.admitted;
  }

  async leave(address: RoomAddress): Promise<void> {
    await this.inner.leave(address);
    this.#admitted.clear();
    this.#waiting.clear();
  }

  send(address: RoomAddress, to: string, env: string): void {
    this.inner.send(address, to, env);
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.inner.close();
  }

  #mine(detail: Partial<RoomAddress>): boolean {
    return this.#address !== undefined && detail.ns === this.#address.ns && detail.room === this.#address.room;
  }

  /** The full member list (after joining, after a reconnect): keep who is still there, fill free slots. */
  #reconcile(ids: readonly string[]): void {
    const present = new Set(ids.filter((id) => id !== this.id));
    for (const id of [...this.#admitted]) if (!present.has(id)) this.#admitted.delete(id);
    for (const id of [...this.#waiting.keys()]) if (!present.has(id)) this.#waiting.delete(id);
    for (const id of present) if (!this.#admitted.has(id)) this.#wait(id);
    const admittedNow = this.#fillSlots();
    this.emit('peers', { ...this.#address!, ids: this.admitted });
    this.#release(admittedNow);
  }

  #arrived(id: string): void {
    if (id === this.id || this.#admitted.has(id)) {
      this.emit('joined', { ...this.#address!, id });
      return;
    }
    this.#wait(id);
    this.#announce(this.#fillSlots());
  }

  #departed(id: string): void {
    this.#waiting.delete(id);
    if (!this.#admitted.delete(id)) return;
    this.emit('left', { ...this.#address!, id });
    this.#announce(this.#fillSlots());
  }

  #signal(from: string, env: string): void {
    if (this.#admitted.has(from)) {
      this.emit('signal', { ...this.#address!, from, env });
      return;
    }
    // A signal can arrive before the `joined` that announces its sender.
    this.#wait(from);
    const held = this.#waiting.get(from);
    if (!held) return;
    held.push(env);
    if (held.length > (this.options.maxHeldSignals ?? 32)) held.shift();
    this.#announce(this.#fillSlots());
  }

  #wait(id: string): void {
    if (this.#waiting.has(id) || this.#waiting.size >= (this.options.maxWaiting ?? 1000)) return;
    this.#waiting.set(id, []);
  }

  /** Admits waiting members while there are free slots; returns them with their held signals. */
  #fillSlots(): [string, string[]][] {
    const admitted: [string, string[]][] = [];
    for (const [id, held] of this.#waiting) {
      if (this.#admitted.size >= this.options.maxPeers) break;
      this.#waiting.delete(id);
      this.#admitted.add(id);
      admitted.push([id, held]);
    }
    return admitted;
  }

  #announce(admitted: [string, string[]][]): void {
    for (const [id] of admitted) this.emit('joined', { ...this.#address!, id });
    this.#release(admitted);
  }

  #release(admitted: [string, string[]][]): void {
    for (const [from, held] of admitted) for (const env of held) this.emit('signal', { ...this.#address!, from, env });
  }
}
