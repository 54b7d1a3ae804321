/**
 * Named channels: `group.channel('notes')` sends JSON values or bytes to one peer or to everyone,
 * on the same link framing as everything else (session frames of kind Channel, see
 * channel-frame.ts), so an app opens as many as it likes without choosing SCTP stream ids, and a
 * channel outlives the links under it (a message for a peer whose link is re-forming waits in the
 * group's outbox). Values larger than one frame are split and reassembled, within limits per
 * sender and in all.
 *
 * `send` and `broadcast` resolve when the message is handed to the link (or the relay), or — with
 * `{ ack: true }` — when the peer confirms it received it; they reject with a ChannelError that
 * names the message's id and the peer.
 *
 * Order: the messages of one channel to one peer (its broadcasts included) arrive in the order
 * they were sent, whatever makes one wait — a Blob being read, a full send buffer, a message in
 * parts (send-lanes.ts). A value that needs no reading, on a channel with nothing waiting, is
 * handed to the link before `send` returns, so it also keeps its place among the app's other
 * messages.
 *
 * A broadcast that goes over each link (a full mesh, or `direct`) is one copy per peer, each on
 * that peer's lane: a peer whose link drains slowly, or not at all, holds back only its own copies.
 * Waiting for every link at once let one member that stopped reading freeze the channel for the
 * whole room. A broadcast the relay carries (a partial mesh) is one frame on a lane of its own.
 */
import { FrameError } from '../link/frame.js';
import { Emitter } from '../util/events.js';
import { ChannelValueType, channelNameBytes, decodeChannelPart, directPartCapacity, encodeChannelPart, partCapacity, type ChannelPart } from './channel-frame.js';
import { LaneFull, SendLanes, type EndTurn } from './send-lanes.js';

export type ChannelValue = unknown;
export type ChannelErrorCode = 'not-in-room' | 'peer-left' | 'queue-full' | 'too-large' | 'closed' | 'no-receipt' | 'malformed' | 'not-json' | 'no-link';

export class ChannelError extends Error {
  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    /** The message that failed (this sender's id for it), when one was sent. */
    readonly messageId?: number,
    /** The peer it was for, or came from. */
    readonly peer?: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** How one frame is to go: SendOptions' `highWaterMark` and `direct`. */
export type CarryOptions = Pick<SendOptions, 'highWaterMark' | 'direct'>;

/** How the hub reaches peers: the group's links, outbox and relay. */
export interface ChannelCarrier {
  readonly peers: readonly string[];
  /**
   * Undefined when a frame to `to` may go now; otherwise resolves once the link's send buffer has
   * drained under `highWaterMark` (the carrier's own mark when undefined). The hub waits here
   * itself, so that a waiting frame holds the frames after it. `to` is undefined only for a
   * broadcast that does not fan out (a relayed one).
   */
  roomFor(to: string | undefined, options?: CarryOptions): Promise<void> | undefined;
  /**
   * Hands one frame body to the way to `to` — its link, the outbox while the link re-forms, or the
   * relay (never when `direct`) — before it returns; the promise settles when the frame is on a
   * link or the relay, or rejects with a ChannelError when it cannot go.
   */
  carry(to: string, body: Uint8Array, options?: CarryOptions): Promise<void>;
  /** Hands one frame body for every peer to the relay: only for a broadcast that does not fan out. */
  carryAll(body: Uint8Array, options?: CarryOptions): Promise<void>;
  /** Whether a broadcast goes over each peer's link (so the hub sends a copy per peer), not as one relayed frame. */
  fansOut(options?: CarryOptions): boolean;
}

export interface ChannelLimits {
  /** The largest value one message may carry, bytes (default 16 MiB). */
  readonly maxMessageBytes: number;
  /** Messages being reassembled from one sender at once (default 8). */
  readonly maxPartialPerSender: number;
  /** Bytes being reassembled, in all (default 64 MiB); one sender holds at most a quarter of it. */
  readonly maxPartialBytes: number;
  /** A message whose parts stop arriving is dropped after this long, ms (default 60 s). */
  readonly partialTimeoutMs: number;
  /** How long `{ ack: true }` waits for the peer's receipt, ms (default 30 s). */
  readonly receiptTimeoutMs: number;
  /** Messages of one channel to one peer (or its broadcasts) waiting for the one before them to go (default 1024); more fail with `queue-full`. */
  readonly maxWaitingPerChannel: number;
}

export const CHANNEL_LIMITS: ChannelLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxPartialPerSender: 8,
  maxPartialBytes: 64 * 1024 * 1024,
  partialTimeoutMs: 60_000,
  receiptTimeoutMs: 30_000,
  maxWaitingPerChannel: 1024,
};

export interface SendOptions {
  /** Resolve only once the peer confirms it received the message. */
  readonly ack?: boolean;
  /**
   * Each part waits before going to a link whose send buffer holds more than this many bytes,
   * until it is down to half of that (default 1 MiB in a Room and a Pairing alike:
   * CHANNEL_HIGH_WATER_BYTES in session/backpressure.ts). A sender of bulk data raises it to keep
   * a long link busy, or lowers it to keep the link's other traffic from waiting behind its data;
   * under the link's low-water mark (64 KiB) it counts as that.
   */
  readonly highWaterMark?: number;
  /**
   * Only over a link to the peer, never relayed through a partial mesh: held while its link is
   * down, and failed (`no-link`) where the group would relay it. Its parts may then be as large as
   * a link frame (256 KiB) instead of 16 KiB: far fewer frames for bulk data.
   */
  readonly direct?: boolean;
}

export interface ChannelEventMap {
  /**
   * A value: JSON as it was sent, bytes as a Uint8Array that is the receiver's own (nothing else
   * writes to it) but may be a view into a larger buffer — read it, or `slice()` it, not its `.buffer`.
   */
  message: CustomEvent<{ readonly from: string; readonly value: ChannelValue; readonly via?: string }>;
  /** Something a peer sent on this channel was refused (too large, not JSON…). */
  error: CustomEvent<{ readonly from: string; readonly code: ChannelErrorCode; readonly message: string }>;
}

interface PartialMessage {
  readonly parts: (Uint8Array | undefined)[];
  received: number;
  bytes: number;
  readonly timer: ReturnType<typeof setTimeout>;
  /** Begun before the sender's link was replaced: parts of it may have been lost with the old link. */
  stale: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class Channel extends Emitter<ChannelEventMap> {
  readonly #nameBytes: Uint8Array;

  constructor(
    readonly name: string,
    private readonly hub: ChannelHub,
  ) {
    super();
    this.#nameBytes = channelNameBytes(name);
  }

  /** Sends `value` (JSON, or bytes: Uint8Array, ArrayBuffer, Blob) to one peer. */
  async send(to: string, value: ChannelValue, options: SendOptions = {}): Promise<void> {
    return this.hub.send(this.name, this.#nameBytes, to, value, options);
  }

  /** Sends `value` to every peer. */
  async broadcast(value: ChannelValue, options: SendOptions = {}): Promise<void> {
    return this.hub.send(this.name, this.#nameBytes, undefined, value, options);
  }

  /** @internal the hub hands over what arrived */
  deliver(from: string, value: ChannelValue, via: string | undefined): void {
    this.emit('message', { from, value, ...(via ? { via } : {}) });
  }

  /** @internal */
  refuse(from: string, code: ChannelErrorCode, message: string): void {
    this.emit('error', { from, code, message });
  }
}

export class ChannelHub {
  readonly #channels = new Map<string, Channel>();
  readonly #partial = new Map<string, PartialMessage>();
  readonly #receipts = new Map<string, { resolve(): void; reject(error: ChannelError): void; timer: ReturnType<typeof setTimeout> }>();
  /**
   * Per recipient (or broadcast): the message in parts being handed over. The next message in
   * parts waits for it, so its parts never interleave with another's and a receiver holds at most
   * one half-received message per lane from an honest sender (see `maxPartialPerSender`). A value
   * in one part goes at once.
   */
  readonly #inParts = new Map<string, Promise<void>>();
  readonly limits: ChannelLimits;
  readonly #lanes: SendLanes;
  #nextId = 1;
  #partialBytes = 0;
  /** Bytes held in half-received messages, by sender. */
  readonly #senderBytes = new Map<string, number>();
  #closed = false;

  constructor(
    private readonly carrier: ChannelCarrier,
    limits: Partial<ChannelLimits> = {},
  ) {
    this.limits = { ...CHANNEL_LIMITS, ...limits };
    this.#lanes = new SendLanes(this.limits.maxWaitingPerChannel);
  }

  /** The channel with this name (the same object each time). */
  channel(name: string): Channel {
    let channel = this.#channels.get(name);
    if (!channel) this.#channels.set(name, (channel = new Channel(name, this)));
    return channel;
  }

  /** Sends on channel `name` to `to` (every peer when undefined), in its lane's order (see the header). */
  send(name: string, nameBytes: Uint8Array, to: string | undefined, value: ChannelValue, options: SendOptions): Promise<void> {
    const id = this.#nextId++ >>> 0;
    if (this.#closed) return Promise.reject(new ChannelError('closed', 'the group was left', id));
    // Encoded (or read, for a Blob) once, by the first copy whose turn comes; synchronously when it needs no reading.
    let encoded: EncodedValue | Promise<EncodedValue> | undefined;
    const encode = () => (encoded ??= isBlob(value) ? readBlob(value) : encodeValue(value, id));
    const onLane = (recipient: string | undefined) =>
      // A peer id is never `*` (the signaling protocol's "anyone"): relayed broadcasts have a lane of their own.
      this.#lanes.run(`${name}\n${recipient ?? '*'}`, (endTurn) => this.#sendInTurn(id, nameBytes, recipient, encode, options, endTurn)).catch((error: unknown) => {
        throw error instanceof LaneFull ? new ChannelError('queue-full', `channel "${name}": ${error.message}`, id, recipient) : error;
      });
    if (to !== undefined || !this.carrier.fansOut(options)) return onLane(to);
    const peers = this.carrier.peers;
    // Nobody to send to; a value that could never go is still refused, as it would be with peers.
    if (peers.length === 0) return this.#refusal(id, value);
    return Promise.all(peers.map((peer) => onLane(peer))).then(() => undefined);
  }

  /** Rejects with what sending `value` would fail with (too large, not JSON); resolves when it could go. */
  async #refusal(id: number, value: ChannelValue): Promise<void> {
    this.#checkSize(isBlob(value) ? value.size : encodeValue(value, id).bytes.length, id);
  }

  #checkSize(size: number, id: number, to?: string): void {
    if (size > this.limits.maxMessageBytes) throw new ChannelError('too-large', `a value of ${size} bytes is over ${this.limits.maxMessageBytes}`, id, to);
  }

  async #sendInTurn(id: number, nameBytes: Uint8Array, to: string | undefined, encode: () => EncodedValue | Promise<EncodedValue>, options: SendOptions, endTurn: EndTurn): Promise<void> {
    if (this.#closed) throw new ChannelError('closed', 'the group was left', id);
    const value = encode();
    const { type, bytes } = value instanceof Promise ? await value : value;
    this.#checkSize(bytes.length, id, to);
    const capacity = options.direct ? directPartCapacity(nameBytes) : partCapacity(nameBytes);
    const count = Math.max(1, Math.ceil(bytes.length / capacity));
    const recipients = to !== undefined ? [to] : this.carrier.peers;
    const inParts = count > 1 ? await this.#turnInParts(to ?? '') : undefined;
    const receipts = options.ack ? recipients.map((peer) => this.#awaitReceipt(peer, id)) : [];
    const carrying: CarryOptions = { highWaterMark: options.highWaterMark, direct: options.direct };
    let handed: Promise<void> | undefined;
    try {
      for (let index = 0; index < count; index++) {
        // One part of a message at a time in an outbox: a long message for a re-forming link waits here, not there.
        if (handed) await handed;
        const room = this.carrier.roomFor(to, carrying);
        if (room) await room;
        const body = encodeChannelPart(nameBytes, { type, wantsReceipt: options.ack === true, id, index, count, payload: bytes.subarray(index * capacity, (index + 1) * capacity) });
        handed = to !== undefined ? this.carrier.carry(to, body, carrying).catch((error: unknown) => Promise.reject(withId(error, id, to))) : this.carrier.carryAll(body, carrying);
      }
      endTurn();
      await handed;
    } catch (error) {
      if (handed) await handed.catch(() => undefined);
      for (const peer of recipients) this.#settleReceipt(peer, id, withId(error, id, peer));
      await Promise.allSettled(receipts);
      throw error;
    } finally {
      inParts?.();
    }
    await Promise.all(receipts);
  }

  /** Waits for the lane's message in parts before it to be handed over; returns what ends this one's turn. */
  async #turnInParts(lane: string): Promise<() => void> {
    const before = this.#inParts.get(lane);
    let end!: () => void;
    const mine = new Promise<void>((resolve) => (end = resolve));
    this.#inParts.set(lane, mine);
    await before;
    return () => {
      end();
      if (this.#inParts.get(lane) === mine) this.#inParts.delete(lane);
    };
  }

  /** A Channel frame body from `from` (over its link, or relayed `via` a neighbour). */
  receive(from: string, body: Uint8Array, via?: string): void {
    if (this.#closed) return;
    let part: ChannelPart;
    try {
      part = decodeChannelPart(plainBytes(body));
    } catch (error) {
      if (error instanceof FrameError) return;
      throw error;
    }
    if (part.type === ChannelValueType.Receipt) {
      this.#settleReceipt(from, part.id);
      return;
    }
    const channel = this.#channels.get(part.name);
    // Nobody listens on that channel here: dropped (a receipt is only sent for delivered values).
    if (!channel) return;
    const whole = this.#reassemble(from, part, channel);
    if (!whole) return;
    let value: ChannelValue;
    if (part.type === ChannelValueType.Binary) value = whole;
    else {
      try {
        value = JSON.parse(decoder.decode(whole)) as ChannelValue;
      } catch {
        channel.refuse(from, 'not-json', `message ${part.id} is not JSON`);
        return;
      }
    }
    channel.deliver(from, value, via);
    if (part.wantsReceipt) {
      const receipt = encodeChannelPart(channelNameBytes(part.name), { type: ChannelValueType.Receipt, wantsReceipt: false, id: part.id, index: 0, count: 1, payload: new Uint8Array(0) });
      this.carrier.carry(from, receipt).catch(() => undefined);
    }
  }

  /** The peer is gone: receipts it owes fail, its half-received messages are dropped. */
  peerGone(peer: string): void {
    for (const key of [...this.#receipts.keys()]) if (key.startsWith(`${peer}\n`)) this.#settleReceipt(peer, Number(key.slice(peer.length + 1)), new ChannelError('peer-left', `${peer} left before confirming`, Number(key.slice(peer.length + 1)), peer));
    for (const key of [...this.#partial.keys()]) if (key.startsWith(`${peer}\n`)) this.#dropPartial(key);
  }

  /**
   * A new link to `peer` is up (in place of one that broke, perhaps): what it had half sent may
   * still be completed from its outbox, but may also have lost parts with the old link. Such
   * messages stay until their timeout, yet give way when the peer starts more than the receiver
   * holds at once (an honest sender has at most two in flight to one peer).
   */
  peerRelinked(peer: string): void {
    for (const [key, partial] of this.#partial) if (key.startsWith(`${peer}\n`)) partial.stale = true;
  }

  close(): void {
    this.#closed = true;
    for (const key of [...this.#receipts.keys()]) {
      const [peer = '', id = '0'] = key.split('\n');
      this.#settleReceipt(peer, Number(id), new ChannelError('closed', 'the group was left', Number(id), peer));
    }
    for (const key of [...this.#partial.keys()]) this.#dropPartial(key);
  }

  #reassemble(from: string, part: ChannelPart, channel: Channel): Uint8Array | undefined {
    // A view of its own frame, which nothing else holds: no copy (each is a fresh allocation, and
    // a browser pays far more for those than for the bytes; 64 KiB file chunks come this way).
    if (part.count === 1) return part.payload;
    const key = `${from}\n${part.name}\n${part.id}`;
    let partial = this.#partial.get(key);
    if (!partial) {
      const capacity = partCapacity(channelNameBytes(part.name));
      if ((part.count - 1) * capacity >= this.limits.maxMessageBytes) return channel.refuse(from, 'too-large', `message ${part.id} in ${part.count} parts is over ${this.limits.maxMessageBytes} bytes`), undefined;
      const fromSender = [...this.#partial.keys()].filter((other) => other.startsWith(`${from}\n`));
      if (fromSender.length >= this.limits.maxPartialPerSender) {
        // The oldest one begun on a link that broke gives way: its rest may never come.
        const stale = fromSender.find((other) => this.#partial.get(other)!.stale);
        if (!stale) return channel.refuse(from, 'too-large', `more than ${this.limits.maxPartialPerSender} messages in parts at once`), undefined;
        this.#dropPartial(stale);
      }
      partial = { parts: new Array<Uint8Array | undefined>(part.count), received: 0, bytes: 0, timer: setTimeout(() => this.#dropPartial(key), this.limits.partialTimeoutMs), stale: false };
      this.#partial.set(key, partial);
    }
    if (part.count !== partial.parts.length || partial.parts[part.index]) return channel.refuse(from, 'malformed', `message ${part.id}: part ${part.index} of ${part.count} does not fit`), undefined;
    // One sender holds at most a quarter of the budget in all: a member that starts large messages
    // and never finishes them cannot lock everyone else's out of reassembly.
    const senderShare = this.limits.maxPartialBytes / 4;
    const held = this.#senderBytes.get(from) ?? 0;
    if (this.#partialBytes + part.payload.length > this.limits.maxPartialBytes || held + part.payload.length > senderShare || partial.bytes + part.payload.length > this.limits.maxMessageBytes) {
      this.#dropPartial(key);
      return channel.refuse(from, 'too-large', `message ${part.id} is over the reassembly budget`), undefined;
    }
    // Held as it came (a view of its own frame, which nothing else holds): copied once, into the whole.
    partial.parts[part.index] = part.payload;
    partial.received++;
    partial.bytes += part.payload.length;
    this.#partialBytes += part.payload.length;
    this.#senderBytes.set(from, held + part.payload.length);
    if (partial.received < part.count) return undefined;
    const whole = new Uint8Array(partial.bytes);
    let at = 0;
    for (const piece of partial.parts) {
      whole.set(piece!, at);
      at += piece!.length;
    }
    this.#dropPartial(key);
    return whole;
  }

  #dropPartial(key: string): void {
    const partial = this.#partial.get(key);
    if (!partial) return;
    clearTimeout(partial.timer);
    this.#partialBytes -= partial.bytes;
    const from = key.slice(0, key.indexOf('\n'));
    const left = (this.#senderBytes.get(from) ?? 0) - partial.bytes;
    if (left > 0) this.#senderBytes.set(from, left);
    else this.#senderBytes.delete(from);
    this.#partial.delete(key);
  }

  #awaitReceipt(peer: string, id: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.#settleReceipt(peer, id, new ChannelError('no-receipt', `${peer} did not confirm message ${id} within ${this.limits.receiptTimeoutMs} ms`, id, peer)), this.limits.receiptTimeoutMs);
      this.#receipts.set(`${peer}\n${id}`, { resolve, reject, timer });
    });
  }

  #settleReceipt(peer: string, id: number, error?: ChannelError): void {
    const key = `${peer}\n${id}`;
    const waiting = this.#receipts.get(key);
    if (!waiting) return;
    this.#receipts.delete(key);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve();
  }
}

interface EncodedValue {
  readonly type: ChannelValueType;
  readonly bytes: Uint8Array;
}

function isBlob(value: ChannelValue): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

async function readBlob(blob: Blob): Promise<EncodedValue> {
  return { type: ChannelValueType.Binary, bytes: new Uint8Array(await blob.arrayBuffer()) };
}

/** Bytes as they are, anything else as JSON: at once, so such a send needs no wait. */
function encodeValue(value: ChannelValue, id: number): EncodedValue {
  if (value instanceof Uint8Array) return { type: ChannelValueType.Binary, bytes: value };
  if (value instanceof ArrayBuffer) return { type: ChannelValueType.Binary, bytes: new Uint8Array(value) };
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new ChannelError('not-json', `the value cannot be sent as JSON: ${(error as Error).message}`, id);
  }
  if (text === undefined) throw new ChannelError('not-json', 'the value cannot be sent as JSON (undefined, a function or a symbol)', id);
  return { type: ChannelValueType.Json, bytes: encoder.encode(text) };
}

/**
 * `bytes` as a plain Uint8Array over the same memory. A link may hand over a subclass (simple-peer
 * gives its Buffer polyfill), whose `slice` is a view, not a copy, and whose every `subarray` takes
 * V8's slow path for subclasses.
 */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function withId(error: unknown, id: number, peer: string): ChannelError {
  if (error instanceof ChannelError) return error.messageId === undefined ? new ChannelError(error.code, error.message, id, error.peer ?? peer) : error;
  return new ChannelError('closed', (error as Error)?.message ?? String(error), id, peer);
}
