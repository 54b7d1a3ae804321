/**
 * Serving files to peers. A peer's `get` opens a transfer (at most `maxTransfersPerPeer` to one
 * peer at once; past that, `busy`) and is answered with the manifest; its `want` frames queue the
 * chunks it asks for (never more than the file has). Each peer is sent one chunk at a time,
 * round-robin between its transfers; the next chunk goes once the channel has handed the last to
 * the link, which it does only while the link's send buffer is under the high-water mark
 * (backpressure, see FileChannels.sendChunk). While one chunk goes out, the next is read. A
 * transfer ends when the peer says `done` or `cancel`, when this side cancels it, or when the
 * session with the peer ends.
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

/** What this side sends to one peer. */
interface Outgoing {
  /** Open transfers by the requester's id, in the order the next chunk goes to them. */
  readonly serving: Map<number, Serving>;
  /** Transfers that ended: late frames about them are dropped quietly. */
  readonly retired: BoundedSet<number>;
  /** One reusable frame buffer: a chunk frame is written into it once the one before has gone. */
  readonly frame: Uint8Array<ArrayBuffer>;
  pumping: boolean;
}

export class FileSender {
  readonly #options: SenderOptions;
  /** Per peer, for as long as it is in the group (across its sessions: late frames of ended transfers stay quiet). */
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
    const { epoch } = pc;
    const reader = await this.#options.store.reader(digest);
    if (!reader) {
      channels.send(pc, { t: 'error', id, code: 'unknown-digest', message: 'not here' });
      return;
    }
    // The session ended (or the requester started over) while the file was looked up.
    if (!channels.isUp(pc) || pc.epoch !== epoch || out.serving.has(id)) return;
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

  /** The session with the peer ended or the peer started over: every transfer to it ends. */
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

  /** Sends what is asked for to one peer, round-robin between transfers, a chunk at a time. */
  async #pump(pc: PeerChannel, out: Outgoing): Promise<void> {
    if (out.pumping) return;
    out.pumping = true;
    const { channels, emit } = this.#options;
    try {
      let next = this.#read(out);
      while (next && channels.isUp(pc)) {
        const { serving, index } = next;
        let chunk: Uint8Array | FileError;
        try {
          chunk = await next.chunk;
        } catch (error) {
          chunk = asFileError(error);
        }
        const live = out.serving.get(serving.id) === serving;
        if (!live || chunk instanceof FileError) {
          if (live && chunk instanceof FileError) this.#readFailed(pc, out, serving, chunk);
          next = this.#read(out);
          continue;
        }
        const sending = channels.sendChunk(pc, encodeChunkFrame(out.frame, serving.id, index, chunk));
        // The next chunk is read while this one waits for room on the link.
        next = this.#read(out);
        if (!(await sending)) break;
        // Chunks asked for while the last one went out.
        next ??= this.#read(out);
        if (out.serving.get(serving.id) !== serving) continue;
        const { manifest } = serving.reader;
        serving.progress = Math.min(manifest.size, serving.progress + chunk.length);
        emit('progress', { digest: manifest.digest, peer: pc.peer, direction: 'send', bytes: serving.progress, total: manifest.size });
      }
    } catch (error) {
      // Nothing above is expected to throw; if it does, it is said, not left unhandled.
      const failure = asFileError(error);
      emit('error', { code: failure.code, message: `sending to ${pc.peer} stopped: ${failure.message}`, peer: pc.peer, direction: 'send' });
    } finally {
      out.pumping = false;
    }
  }

  /** A chunk could not be read: the transfer ends, and the requester is told why. */
  #readFailed(pc: PeerChannel, out: Outgoing, serving: Serving, failure: FileError): void {
    this.#options.channels.send(pc, { t: 'error', id: serving.id, code: failure.code, message: failure.message });
    this.#endServing(pc, out, serving);
    this.#options.emit('error', { code: failure.code, message: failure.message, peer: pc.peer, digest: serving.reader.manifest.digest, direction: 'send' });
  }

  /** The next chunk to send, round-robin between transfers (it goes to the back of the line), its read begun. */
  #read(out: Outgoing): { serving: Serving; index: number; chunk: Promise<Uint8Array> } | undefined {
    const serving = [...out.serving.values()].find((each) => each.head < each.queue.length);
    if (!serving) return undefined;
    out.serving.delete(serving.id);
    out.serving.set(serving.id, serving);
    const index = serving.queue[serving.head++]!;
    const chunk = serving.reader.chunk(index);
    // Read ahead: a transfer that ends before its chunk is sent leaves this promise unawaited.
    chunk.catch(() => undefined);
    return { serving, index, chunk };
  }
}
