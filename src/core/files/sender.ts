/**
 * Serving files to peers. A peer's `get` opens a transfer (at most `maxTransfersPerPeer` to one
 * peer at once; past that, `busy`) and is answered with the manifest; its `want` frames queue the
 * chunks it asks for (never more than the file has). Each channel sends one chunk at a time,
 * round-robin between its transfers, and only while the channel's buffer holds no more than the
 * high-water mark: past it, sending waits until the buffer drains to half of it (backpressure).
 * A transfer ends when the peer says `done` or `cancel`, when this side cancels it, or when the
 * channel goes.
 */
import { FileError, asFileError, type FileErrorCode } from './errors.js';
import { retiredIds, type FileChannels, type PeerChannel } from './channel.js';
import type { EmitFileEvent } from './events.js';
import type { ChunkReader } from './reader.js';
import type { FileStore } from './store.js';
import type { BoundedSet } from '../util/bounded-map.js';
import { chunkFrameBuffer, encodeChunkFrame, encodeManifest } from './wire.js';

export interface SenderOptions {
  readonly store: FileStore;
  readonly channels: FileChannels;
  readonly emit: EmitFileEvent;
  /** Transfers served to one peer at once; more are refused (`busy`). */
  readonly maxTransfersPerPeer: number;
  /** The channel's `bufferedAmount` is kept under this. */
  readonly highWaterMark: number;
  /** Whether `peer` is taking a file this side offered it: that push's slot stays taken until its transfer ends. */
  readonly claimOffer: (peer: string, digest: string) => boolean;
  /** The transfer of a push ended: its slot is free. */
  readonly releaseOffer: (peer: string, digest: string) => void;
}

interface Serving {
  readonly id: number;
  readonly reader: ChunkReader;
  readonly queue: number[];
  head: number;
  /** Bytes the requester held when it asked, plus what was sent since: its progress. */
  progress: number;
  /** It answers an offer of this side's. */
  readonly push: boolean;
}

/** What this side sends on one channel. */
interface Outgoing {
  /** Open transfers by the requester's id, in the order the next chunk goes to them. */
  readonly serving: Map<number, Serving>;
  /** Transfers that ended: late frames about them are dropped quietly. */
  readonly retired: BoundedSet<number>;
  /** One reusable frame buffer: `send` copies what it is given. */
  readonly frame: Uint8Array<ArrayBuffer>;
  pumping: boolean;
}

export class FileSender {
  readonly #options: SenderOptions;
  /** Per channel, for as long as the channel lives (a peer's FileShare starting over keeps it). */
  readonly #outgoing = new WeakMap<PeerChannel, Outgoing>();

  constructor(options: SenderOptions) {
    this.#options = options;
  }

  /** A `get`: opens transfer `id` of `digest`, `held` bytes of which the requester already has. */
  async serve(pc: PeerChannel, id: number, digest: string, held: number): Promise<void> {
    const { channels, maxTransfersPerPeer } = this.#options;
    const out = this.#out(pc);
    if (out.serving.has(id)) throw new FileError('malformed', `transfer ${id} is already open`);
    if (out.serving.size >= maxTransfersPerPeer) {
      channels.send(pc, { t: 'error', id, code: 'busy', message: `${maxTransfersPerPeer} transfers to this peer already` });
      return;
    }
    const reader = await this.#options.store.reader(digest);
    if (!reader) {
      channels.send(pc, { t: 'error', id, code: 'unknown-digest', message: 'not here' });
      return;
    }
    if (!channels.isCurrent(pc)) return;
    const push = this.#options.claimOffer(pc.peer, digest);
    out.serving.set(id, { id, reader, queue: [], head: 0, progress: Math.min(held, reader.manifest.size), push });
    channels.send(pc, { t: 'manifest', id, m: encodeManifest(reader.manifest) });
  }

  /** A `want`: queues the chunks asked for in transfer `id`. */
  want(pc: PeerChannel, id: number, ranges: readonly [number, number][]): void {
    const out = this.#out(pc);
    const serving = out.serving.get(id);
    if (!serving) {
      if (out.retired.has(id)) return;
      throw new FileError('malformed', `chunks asked for in unknown transfer ${id}`);
    }
    const count = serving.reader.manifest.chunks.length;
    let asked = 0;
    for (const [first, last] of ranges) {
      if (last >= count) throw new FileError('malformed', `chunk ${last} asked for; the file has ${count}`);
      asked += last - first + 1;
    }
    // An honest requester never has a chunk asked for twice at once.
    if (serving.queue.length - serving.head + asked > count) throw new FileError('too-large', `more chunks asked for than the file has`);
    if (serving.head > 1024) {
      serving.queue.splice(0, serving.head);
      serving.head = 0;
    }
    for (const [first, last] of ranges) for (let index = first; index <= last; index++) serving.queue.push(index);
    void this.#pump(pc, out);
  }

  /** The requester ended a transfer: `done` (verified; `code` undefined) or `cancel`. */
  end(pc: PeerChannel, id: number, code: FileErrorCode | undefined): void {
    const out = this.#out(pc);
    const serving = out.serving.get(id);
    if (!serving) {
      if (out.retired.has(id)) return;
      throw new FileError('malformed', `unknown transfer ${id} ended`);
    }
    this.#endServing(pc, out, serving);
    const { manifest } = serving.reader;
    if (code === undefined) this.#options.emit('complete', { digest: manifest.digest, peer: pc.peer, direction: 'send', manifest });
    else this.#options.emit('error', { code, message: `${pc.peer} stopped receiving ${manifest.digest} (${code})`, peer: pc.peer, digest: manifest.digest, direction: 'send' });
  }

  /** Stops sending `digest` to anyone, telling each requester. */
  cancel(digest: string): void {
    for (const pc of this.#options.channels.all) {
      const out = this.#outgoing.get(pc);
      for (const serving of out ? [...out.serving.values()] : []) {
        if (serving.reader.manifest.digest !== digest) continue;
        this.#options.channels.send(pc, { t: 'error', id: serving.id, code: 'cancelled', message: 'the sender cancelled' });
        this.#endServing(pc, out!, serving);
        this.#options.emit('error', { code: 'cancelled', message: `sending ${digest} was cancelled`, peer: pc.peer, digest, direction: 'send' });
      }
    }
  }

  /** The channel went or the peer started over: every transfer to it ends. */
  forget(pc: PeerChannel, why: string): void {
    const out = this.#outgoing.get(pc);
    for (const serving of out ? [...out.serving.values()] : []) {
      this.#endServing(pc, out!, serving);
      this.#options.emit('error', { code: 'unavailable', message: `sending to ${pc.peer} stopped: ${why}`, peer: pc.peer, digest: serving.reader.manifest.digest, direction: 'send' });
    }
  }

  /** Stops every transfer, telling each requester that the sender closed. */
  close(): void {
    for (const pc of this.#options.channels.all) {
      const out = this.#outgoing.get(pc);
      if (!out) continue;
      for (const serving of out.serving.values()) this.#options.channels.send(pc, { t: 'error', id: serving.id, code: 'cancelled', message: 'the sender closed' });
      out.serving.clear();
    }
  }

  #out(pc: PeerChannel): Outgoing {
    let out = this.#outgoing.get(pc);
    if (!out) {
      // drained() waits for this: the buffer back at half the high-water mark.
      pc.channel.bufferedAmountLowThreshold = this.#options.highWaterMark / 2;
      out = { serving: new Map(), retired: retiredIds(), frame: chunkFrameBuffer(), pumping: false };
      this.#outgoing.set(pc, out);
    }
    return out;
  }

  #endServing(pc: PeerChannel, out: Outgoing, serving: Serving): void {
    if (out.serving.get(serving.id) !== serving) return;
    out.serving.delete(serving.id);
    out.retired.add(serving.id);
    if (serving.push) this.#options.releaseOffer(pc.peer, serving.reader.manifest.digest);
  }

  /** Sends what is asked for on one channel, round-robin between transfers, under the high-water mark. */
  async #pump(pc: PeerChannel, out: Outgoing): Promise<void> {
    if (out.pumping) return;
    out.pumping = true;
    const { channel } = pc;
    const { channels, emit, highWaterMark } = this.#options;
    try {
      while (channel.readyState === 'open') {
        const serving = [...out.serving.values()].find((each) => each.head < each.queue.length);
        if (!serving) break;
        // To the back of the line: the next chunk goes to the next transfer.
        out.serving.delete(serving.id);
        out.serving.set(serving.id, serving);
        const index = serving.queue[serving.head++]!;
        let chunk: Uint8Array;
        try {
          chunk = await serving.reader.chunk(index);
        } catch (error) {
          const failure = asFileError(error);
          channels.send(pc, { t: 'error', id: serving.id, code: failure.code, message: failure.message });
          this.#endServing(pc, out, serving);
          emit('error', { code: failure.code, message: failure.message, peer: pc.peer, digest: serving.reader.manifest.digest, direction: 'send' });
          continue;
        }
        if (channel.bufferedAmount > highWaterMark) await drained(channel, highWaterMark / 2);
        if (out.serving.get(serving.id) !== serving || channel.readyState !== 'open') continue;
        channel.send(encodeChunkFrame(out.frame, serving.id, index, chunk));
        const { manifest } = serving.reader;
        serving.progress = Math.min(manifest.size, serving.progress + chunk.length);
        emit('progress', { digest: manifest.digest, peer: pc.peer, direction: 'send', bytes: serving.progress, total: manifest.size });
      }
    } catch {
      // The channel closed under a send: its close event ends the transfers.
    } finally {
      out.pumping = false;
    }
  }
}

/**
 * Resolves when the channel's buffer has drained to `low`, or the channel closed. Where channels
 * have a `bufferedamountlow` event it is waited for (it fires at `bufferedAmountLowThreshold`,
 * which #out set to `low`); where they have none (Node's @roamhq/wrtc), the buffer is looked at
 * every few milliseconds instead.
 */
function drained(channel: RTCDataChannel, low: number): Promise<void> {
  const hasLowEvent = 'onbufferedamountlow' in (channel as object);
  if (!hasLowEvent) {
    return new Promise((resolve) => {
      const check = () => (channel.bufferedAmount <= low || channel.readyState !== 'open' ? resolve() : setTimeout(check, 4));
      check();
    });
  }
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener('bufferedamountlow', done);
      channel.removeEventListener('close', done);
      resolve();
    };
    channel.addEventListener('bufferedamountlow', done);
    channel.addEventListener('close', done);
  });
}
