import { expect } from 'chai';
import { toBase64Url, utf8Decode, utf8Encode } from '../util/bytes.js';
import { DOWNLOAD_TYPE, FILE_CHANNEL, FileShare, FileStore, type FileShareEventMap, type FileShareOptions, type Manifest } from './index.js';
import type { Identity } from '../identity/identity.js';
import { PeerLink } from '../link/peer-link.js';
import { Room } from '../room/room.js';
import type { Channel } from '../session/channels.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { browserStore, memoryStore } from '../platform/storage.js';
import { nextEvent } from '../../../test/support/events.js';
import { collectUncaught, identityNamed } from '../../../test/support/identities.js';
import { bytesOf, randomFile, refusal, sha256 } from '../../../test/support/files.js';

type Detail<K extends keyof FileShareEventMap> = FileShareEventMap[K]['detail'];

/** Every listed event of `type` on `target`, as they come. */
function record<K extends keyof FileShareEventMap>(target: FileShare, type: K): Detail<K>[] {
  const seen: Detail<K>[] = [];
  target.on(type, (detail) => seen.push(detail));
  return seen;
}

/** A control frame on the wire (wire.ts): its kind byte, 2, then the JSON text (or any text) in UTF-8. */
function controlFrame(frame: unknown): Uint8Array {
  const text = utf8Encode(typeof frame === 'string' ? frame : JSON.stringify(frame));
  const bytes = new Uint8Array(1 + text.length);
  bytes[0] = 2;
  bytes.set(text, 1);
  return bytes;
}

/** The control frame `value` carries, parsed; undefined for a chunk frame. */
function readControl(value: unknown): Record<string, unknown> | undefined {
  if (!(value instanceof Uint8Array) || value[0] !== 2) return undefined;
  return JSON.parse(utf8Decode(value.subarray(1))) as Record<string, unknown>;
}

/** `room`'s end of the file channel. */
function filesOf(room: Room): Channel {
  return room.channel(FILE_CHANNEL);
}

/** Control frames `room` receives from `peer` on the file channel, parsed, as they come. */
function spyControl(room: Room, peer: string): Record<string, unknown>[] {
  const frames: Record<string, unknown>[] = [];
  filesOf(room).on('message', ({ from, value }) => {
    const frame = from === peer ? readControl(value) : undefined;
    if (frame) frames.push(frame);
  });
  return frames;
}

/** The next control frame `room` receives from `peer` that satisfies `where`. */
function nextControl(room: Room, peer: string, where: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = filesOf(room).on('message', ({ from, value }) => {
      const frame = from === peer ? readControl(value) : undefined;
      if (!frame || !where(frame)) return;
      off();
      resolve(frame);
    });
  });
}

/** Chunk indexes asked for in the `want` frames among `frames`. */
function wanted(frames: readonly Record<string, unknown>[]): number[] {
  const indexes: number[] = [];
  for (const frame of frames) {
    if (frame.t !== 'want') continue;
    for (const [first, last] of frame.i as [number, number][]) for (let index = first; index <= last; index++) indexes.push(index);
  }
  return indexes;
}


/** A chunk's manifest digests, as a sharer would compute them, in the wire's base64url form. */
async function wireChunks(bytes: Uint8Array<ArrayBuffer>, chunkSize: number): Promise<string> {
  const digests = new Uint8Array(Math.ceil(bytes.length / chunkSize) * 32);
  for (let i = 0; i * chunkSize < bytes.length; i++) digests.set(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.subarray(i * chunkSize, (i + 1) * chunkSize))), i * 32);
  return toBase64Url(digests);
}

function chunkFrame(id: number, index: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(9 + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint8(0, 1);
  view.setUint32(1, id);
  view.setUint32(5, index);
  frame.set(payload, 9);
  return frame;
}

/**
 * A peer that speaks the wire format by hand on `room`'s file channel, to `peer` only, with no
 * FileShare: answers hellos, records what it receives, and serves one file the way `serve` says
 * (to corrupt chunks, or lie in its manifest).
 */
class RawPeer {
  readonly frames: Record<string, unknown>[] = [];
  readonly ready: Promise<void>;
  readonly channel: Channel;
  #serve: ((frame: Record<string, unknown>) => void) | undefined;

  constructor(
    readonly room: Room,
    readonly peer: string,
  ) {
    this.channel = filesOf(room);
    this.ready = new Promise((resolve) =>
      this.channel.on('message', ({ from, value }) => {
        const frame = from === peer ? readControl(value) : undefined;
        if (!frame) return;
        this.frames.push(frame);
        if (frame.t === 'hello') {
          if (!frame.re) this.send({ t: 'hello', v: 1, re: true });
          resolve();
        }
        this.#serve?.(frame);
      }),
    );
    this.send({ t: 'hello', v: 1 });
  }

  /** The first control frame received that satisfies `where`, now or when it comes. */
  frame(where: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.frames.find(where);
    return seen ? Promise.resolve(seen) : nextControl(this.room, this.peer, where);
  }

  /** A control frame (a string goes as the frame's text, as it is). What is sent after the rooms left goes nowhere. */
  send(frame: unknown): void {
    this.sendBytes(controlFrame(frame));
  }

  /** Any bytes, as one frame on the file channel. */
  sendBytes(bytes: Uint8Array): void {
    this.channel.send(this.peer, bytes).catch(() => undefined);
  }

  /**
   * Serves `bytes` as `digest` with the manifest's chunk digests taken from `manifestBytes`; `chunk`
   * may alter what is sent, `withhold` keeps chunks back; `type` is the manifest's (default octet-stream).
   */
  async serve(
    digest: string,
    bytes: Uint8Array<ArrayBuffer>,
    options: { chunkSize: number; manifestBytes?: Uint8Array<ArrayBuffer>; chunk?: (index: number, payload: Uint8Array, sent: number) => Uint8Array; withhold?: (index: number) => boolean; type?: string },
  ): Promise<void> {
    const { chunkSize } = options;
    const chunks = await wireChunks(options.manifestBytes ?? bytes, chunkSize);
    const sent = new Map<number, number>();
    this.#serve = (frame) => {
      if (frame.t === 'ask') this.send({ t: 'have', d: frame.d, ok: frame.d === digest });
      if (frame.t === 'get') this.send({ t: 'manifest', id: frame.id, m: { digest, size: bytes.length, name: 'raw.bin', type: options.type ?? 'application/octet-stream', chunkSize, chunks } });
      if (frame.t !== 'want') return;
      for (const [first, last] of frame.i as [number, number][]) {
        for (let index = first; index <= last; index++) {
          if (options.withhold?.(index)) continue;
          const count = (sent.get(index) ?? 0) + 1;
          sent.set(index, count);
          const payload = bytes.subarray(index * chunkSize, (index + 1) * chunkSize);
          this.sendBytes(chunkFrame(frame.id as number, index, options.chunk ? options.chunk(index, payload, count) : payload));
        }
      }
    };
  }
}

/** Does `send` and checks the next error `share` reports: its code and the peer it blames. */
async function expectErrorOn(share: FileShare, peer: string, send: () => void, code: string): Promise<void> {
  const next = nextEvent<FileShareEventMap['error']['detail']>(share, 'error');
  send();
  expect(await next).to.include({ code, peer });
}

describe('files', function () {
  this.timeout(30_000);
  const people = new Map<string, Identity>();
  const open: { rooms: Room[]; shares: FileShare[] }[] = [];
  /** The links each room made (by its id), to read their send buffers. */
  const links = new Map<string, PeerLink[]>();

  /** `room`'s link to `peer` that is up. */
  function linkTo(room: Room, peer: string): PeerLink {
    const link = links.get(room.id)?.findLast((each) => each.remoteId === peer && each.state === 'connected');
    if (!link) throw new Error(`no link from ${room.id} to ${peer}`);
    return link;
  }

  before(async () => {
    for (const name of ['Ann', 'Ben', 'Cid', 'Mal']) people.set(name, await identityNamed(name));
  });

  afterEach(async () => {
    for (const { rooms, shares } of open.splice(0)) {
      await Promise.all(shares.map((share) => share.close()));
      await Promise.all(rooms.map((room) => room.leave()));
    }
  });

  /** A room for each of `names`, every link bound. */
  async function mesh(...names: string[]): Promise<Room[]> {
    const network = new MemorySignalingNetwork();
    const name = `files-${Math.random()}`;
    const rooms = names
      .map((person) => people.get(person)!)
      .map((identity) => {
        const made: PeerLink[] = [];
        links.set(identity.fingerprint, made);
        const create = (options: Parameters<typeof PeerLink.create>[0]) => PeerLink.create(options).then((link) => (made.push(link), link));
        return new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: name, prewarm: false, pingMs: 0, relinkMinMs: 20, links: create });
      });
    open.push({ rooms, shares: [] });
    await Promise.all(rooms.map((room) => room.join()));
    await Promise.all(
      rooms.map(async (room) => {
        const others = rooms.filter((other) => other !== room).map((other) => other.id);
        while (!others.every((id) => room.linkState(id) === 'connected')) await nextEvent(room, 'peer');
      }),
    );
    return rooms;
  }

  /** A FileShare on each room (no pushes unless asked), once every file channel is up. */
  async function sharesOn(rooms: Room[], options: (room: Room, index: number) => Partial<FileShareOptions> = () => ({})): Promise<FileShare[]> {
    const shares = rooms.map((room, index) => new FileShare({ room, store: new FileStore(memoryStore()), pushMaxBytes: 0, chunkSize: 16 * 1024, ...options(room, index) }));
    open[open.length - 1]!.shares.push(...shares);
    await Promise.all(shares.map((share, index) => filesUp(share, rooms.filter((_, other) => other !== index).map((room) => room.id))));
    return shares;
  }

  /** A FileShare on one room, the others being raw or absent. */
  async function sharesOnly(room: Room, peers: readonly string[], options: Partial<FileShareOptions> = {}): Promise<FileShare[]> {
    const share = new FileShare({ room, store: new FileStore(memoryStore()), pushMaxBytes: 0, chunkSize: 16 * 1024, requestTimeoutMs: 5000, ...options });
    open[open.length - 1]!.shares.push(share);
    await filesUp(share, peers);
    return [share];
  }

  async function filesUp(share: FileShare, peers: readonly string[]): Promise<void> {
    while (!peers.every((peer) => share.peers.includes(peer))) await nextEvent(share, 'peer');
  }

  it('sends a file between two peers with backpressure, progress on both sides and completion on both', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    const highWaterMark = 64 * 1024;
    const [ann, ben] = await sharesOn([annRoom!, benRoom!], () => ({ highWaterMark }));
    const { blob, bytes } = randomFile(600 * 1024);
    const manifest = await ann!.share(blob);
    const sent = record(ann!, 'progress');
    // File frames share the link's one data channel: its send buffer is what the high-water mark bounds.
    const link = linkTo(annRoom!, benRoom!.id);
    let buffered = 0;
    ann!.addEventListener('progress', () => (buffered = Math.max(buffered, link.bufferedAmount)));
    const received = record(ben!, 'progress');
    const annDone = nextEvent<Detail<'complete'>>(ann!, 'complete');
    const got = await ben!.fetch(manifest.digest);
    expect(await bytesOf(got)).to.deep.equal(bytes);
    expect(await ben!.store.has(manifest.digest)).to.equal(true);
    const done = await annDone;
    expect(done).to.include({ digest: manifest.digest, peer: benRoom!.id, direction: 'send' });
    for (const [events, peer] of [
      [sent, benRoom!.id],
      [received, annRoom!.id],
    ] as const) {
      expect(events.length).to.be.greaterThan(manifest.chunks.length - 1);
      expect(events.every((event) => event.peer === peer && event.total === bytes.length && event.digest === manifest.digest)).to.equal(true);
      expect(events.map((event) => event.bytes)).to.deep.equal([...events.map((event) => event.bytes)].sort((a, b) => a - b));
      expect(events.at(-1)!.bytes).to.equal(bytes.length);
    }
    // Each chunk waits while more than the high-water mark is buffered: at most one chunk over it.
    expect(buffered).to.be.within(1, highWaterMark + 9 + manifest.chunkSize);
  });

  it('cancel: the receiver stops, the sender is told, and a later fetch asks only for what is not kept', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    const [ann, ben] = await sharesOn([annRoom!, benRoom!], (_, index) => (index === 1 ? { store: new FileStore(memoryStore(), { pieceBytes: 64 * 1024 }) } : {}));
    const { blob, bytes } = randomFile(2 * 1024 * 1024);
    const manifest = await ann!.share(blob);
    const benErrors = record(ben!, 'error');
    const told = nextEvent<Detail<'error'>>(ann!, 'error', (detail) => detail.direction === 'send');
    const cancelled = nextEvent<Detail<'progress'>>(ben!, 'progress', (detail) => detail.bytes >= bytes.length / 2).then(() => ben!.cancel(manifest.digest));
    expect(await refusal(ben!.fetch(manifest.digest))).to.equal('cancelled');
    await cancelled;
    expect(await told).to.include({ code: 'cancelled', peer: benRoom!.id, digest: manifest.digest });
    const kept = (await ben!.store.download(manifest)).missing();
    expect(kept.length).to.be.within(1, manifest.chunks.length - 1);
    const asked = spyControl(annRoom!, benRoom!.id);
    expect(await bytesOf(await ben!.fetch(manifest.digest))).to.deep.equal(bytes);
    expect(wanted(asked).sort((a, b) => a - b)).to.deep.equal(kept);
    // Chunks still on their way when the transfer was cancelled are dropped without a word.
    expect(benErrors.map((error) => error.code)).to.deep.equal(['cancelled']);
  });

  it('cancel on the sending side ends the fetch with "cancelled" when no other peer has the file', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    // A small window: the sender's cancel lands while most of the file is still to be asked for.
    const [ann, ben] = await sharesOn([annRoom!, benRoom!], () => ({ windowBytes: 256 * 1024 }));
    const manifest = await ann!.share(randomFile(2 * 1024 * 1024).blob);
    const annStopped = nextEvent<Detail<'error'>>(ann!, 'error');
    void nextEvent(ben!, 'progress', (detail: Detail<'progress'>) => detail.bytes > 0).then(() => ann!.cancel(manifest.digest));
    expect(await refusal(ben!.fetch(manifest.digest))).to.equal('cancelled');
    expect(await annStopped).to.include({ code: 'cancelled', direction: 'send', peer: benRoom!.id });
  });

  it('resumes after the link drops mid-transfer, asking only for the chunks it did not receive', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    // A small window: when the link drops, most of the file is still to be asked for. With the
    // default (8 MiB, the whole file at once) a slow page could receive every chunk before the
    // drop took effect, and the fetch end before any relink.
    const [ann, ben] = await sharesOn([annRoom!, benRoom!], () => ({ windowBytes: 256 * 1024 }));
    const { blob, bytes } = randomFile(3 * 1024 * 1024);
    const manifest = await ann!.share(blob);
    const arrived = new Set<number>();
    filesOf(benRoom!).on('message', ({ from, value }) => {
      if (from === annRoom!.id && value instanceof Uint8Array && value[0] === 1) arrived.add(new DataView(value.buffer, value.byteOffset).getUint32(5));
    });
    let before: number[] | undefined;
    let askedAfter: Record<string, unknown>[] | undefined;
    let dropped = false;
    ben!.addEventListener('progress', (event) => {
      if (dropped || event.detail.bytes < bytes.length / 4) return;
      dropped = true;
      annRoom!.addEventListener(
        'peer',
        () => {
          // Whatever the old link delivered before it closed has arrived by now.
          before = [...arrived];
          // Spies on the new link from its start.
          askedAfter = spyControl(annRoom!, benRoom!.id);
        },
        { once: true },
      );
      // The answering side drops it: when the initiator does, its new offer can reach the other
      // side before that side has seen the old link close, and the room refuses it (wrong-session).
      // Ann joined first, so she answers (the newer member offers).
      annRoom!.reconnect(benRoom!.id);
    });
    expect(await bytesOf(await ben!.fetch(manifest.digest))).to.deep.equal(bytes);
    expect(before!.length).to.be.within(1, manifest.chunks.length - 1);
    const missing = manifest.chunks.map((_, index) => index).filter((index) => !before!.includes(index));
    expect(wanted(askedAfter!).sort((a, b) => a - b)).to.deep.equal(missing);
  });

  it('after a relink, what a peer sent in its old session and arrives before its new hello is dropped quietly (before its first hello, it is refused)', async () => {
    const [benRoom, malRoom] = await mesh('Ben', 'Mal');
    const [ben] = await sharesOnly(benRoom!, []);
    const mal = new RawPeer(malRoom!, benRoom!.id);
    await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
    const errors = record(ben!, 'error');
    const helloAgain = nextEvent<Detail<'peer'>>(ben!, 'peer');
    // As a frame left in Mal's outbox when the link dropped: it goes out on the new link first,
    // before Mal's answer to Ben's new hello.
    malRoom!.addEventListener('peer', () => mal.send({ t: 'want', id: 5, i: [[0, 0]] }), { once: true });
    // The answering side drops the link: Ben, who joined first (the newer member offers).
    benRoom!.reconnect(malRoom!.id);
    expect(await helloAgain).to.deep.equal({ id: malRoom!.id });
    expect(errors).to.deep.equal([]);
  });

  it('resumes after a reload from the pieces kept in IndexedDB, asking only for the others', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    const [ann, ben] = await sharesOn([annRoom!, benRoom!]);
    const storeName = `files-${Math.random()}`;
    const pieces = { pieceBytes: 64 * 1024 };
    await ben!.close();
    const before = new FileShare({ room: benRoom!, store: new FileStore(await browserStore(storeName, 'peerkit-test'), pieces), chunkSize: 16 * 1024 });
    await filesUp(before, [annRoom!.id]);
    const { blob, bytes } = randomFile(1024 * 1024);
    const manifest = await ann!.share(blob);
    // Ben's FileShare goes away (as in a reload) once half the file has arrived; close() waits for the store.
    const closed = nextEvent<Detail<'progress'>>(before, 'progress', (detail) => detail.bytes >= bytes.length / 2).then(() => before.close());
    expect(await refusal(before.fetch(manifest.digest))).to.equal('cancelled');
    await closed;
    const store = new FileStore(await browserStore(storeName, 'peerkit-test'), pieces);
    const after = new FileShare({ room: benRoom!, store, chunkSize: 16 * 1024 });
    open[open.length - 1]!.shares.push(after);
    await filesUp(after, [annRoom!.id]);
    const kept = (await store.download(manifest)).missing();
    expect(kept.length).to.be.within(1, manifest.chunks.length - 4);
    const asked = spyControl(annRoom!, benRoom!.id);
    expect(await bytesOf(await after.fetch(manifest.digest))).to.deep.equal(bytes);
    expect(wanted(asked).sort((a, b) => a - b)).to.deep.equal(kept);
    const reloaded = new FileStore(await browserStore(storeName, 'peerkit-test'));
    expect(await reloaded.manifest(manifest.digest)).to.deep.equal(manifest);
    expect(await bytesOf((await reloaded.get(manifest.digest))!)).to.deep.equal(bytes);
  });

  it('detects a corrupted chunk and asks for it again', async () => {
    const [benRoom, malRoom] = await mesh('Ben', 'Mal');
    const [ben] = await sharesOnly(benRoom!, []);
    const mal = new RawPeer(malRoom!, benRoom!.id);
    await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
    const { bytes } = randomFile(200 * 1024);
    const digest = await sha256(bytes);
    await mal.serve(digest, bytes, { chunkSize: 16 * 1024, chunk: (index, payload, sent) => (index === 3 && sent === 1 ? payload.map((byte, at) => (at === 100 ? byte ^ 1 : byte)) : payload) });
    const bad = nextEvent<Detail<'error'>>(ben!, 'error');
    expect(await bytesOf(await ben!.fetch(digest))).to.deep.equal(bytes);
    expect(await bad).to.include({ code: 'bad-chunk', peer: malRoom!.id, digest, index: 3 });
    expect(wanted(mal.frames).filter((index) => index === 3)).to.have.length(2);
  });

  it('gives up on a peer that keeps sending a chunk wrong, and takes the rest from another', async () => {
    const [annRoom, benRoom, malRoom] = await mesh('Ann', 'Ben', 'Mal');
    const [ann] = await sharesOn([annRoom!]);
    const [ben] = await sharesOnly(benRoom!, [annRoom!.id]);
    const mal = new RawPeer(malRoom!, benRoom!.id);
    await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
    const { blob, bytes } = randomFile(200 * 1024);
    const manifest = await ann!.share(blob);
    await mal.serve(manifest.digest, bytes, { chunkSize: 16 * 1024, chunk: (index, payload) => (index === 5 ? payload.map((byte) => byte ^ 0xff) : payload) });
    const bad = record(ben!, 'error');
    const done = nextEvent<Detail<'complete'>>(ben!, 'complete');
    expect(await bytesOf(await ben!.fetch(manifest.digest, { from: malRoom!.id }))).to.deep.equal(bytes);
    expect(bad.filter((error) => error.code === 'bad-chunk').map((error) => [error.peer, error.index])).to.deep.equal([
      [malRoom!.id, 5],
      [malRoom!.id, 5],
      [malRoom!.id, 5],
    ]);
    expect((await done).peer).to.equal(annRoom!.id);
    expect(mal.frames.some((frame) => frame.t === 'cancel' && frame.code === 'bad-chunk')).to.equal(true);
  });

  it('rejects a lying manifest (bad-digest) and takes the file from an honest peer', async () => {
    const [annRoom, benRoom, malRoom] = await mesh('Ann', 'Ben', 'Mal');
    const [ann] = await sharesOn([annRoom!]);
    const [ben] = await sharesOnly(benRoom!, [annRoom!.id]);
    const mal = new RawPeer(malRoom!, benRoom!.id);
    await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
    const { blob, bytes } = randomFile(100 * 1024);
    const manifest = await ann!.share(blob);
    // Mal's chunks agree with Mal's manifest, but not with the digest the file is asked for by.
    const fake = randomFile(bytes.length).bytes;
    await mal.serve(manifest.digest, fake, { chunkSize: 16 * 1024 });
    const lie = nextEvent<Detail<'error'>>(ben!, 'error');
    const done = nextEvent<Detail<'complete'>>(ben!, 'complete');
    expect(await bytesOf(await ben!.fetch(manifest.digest, { from: malRoom!.id }))).to.deep.equal(bytes);
    expect(await lie).to.include({ code: 'bad-digest', peer: malRoom!.id });
    expect((await done).peer).to.equal(annRoom!.id);
    expect(mal.frames.some((frame) => frame.t === 'cancel' && frame.code === 'bad-digest')).to.equal(true);
    // With nobody honest to turn to, the fetch fails with the lie's code.
    await ben!.store.delete(manifest.digest);
    const annGone = nextEvent(benRoom!, 'peer-disconnect');
    await annRoom!.leave();
    await annGone;
    expect(await refusal(ben!.fetch(manifest.digest))).to.equal('bad-digest');
  });

  it('pulls a file from a third peer when the first one asked does not have it', async () => {
    const [annRoom, benRoom, cidRoom] = await mesh('Ann', 'Ben', 'Cid');
    const [, ben, cid] = await sharesOn([annRoom!, benRoom!, cidRoom!]);
    const { blob, bytes } = randomFile(300 * 1024);
    const manifest = await cid!.share(blob);
    const done = nextEvent<Detail<'complete'>>(ben!, 'complete');
    expect(await bytesOf(await ben!.fetch(manifest.digest, { from: annRoom!.id }))).to.deep.equal(bytes);
    expect((await done).peer).to.equal(cidRoom!.id);
    expect(await refusal(ben!.fetch('0'.repeat(64)))).to.equal('unknown-digest');
    expect(await refusal(ben!.fetch('not a digest'))).to.equal('malformed');
  });

  it('pushes a new small file to linked peers, one at a time under pushPeers 1, and not a large one', async () => {
    const [annRoom, benRoom, cidRoom] = await mesh('Ann', 'Ben', 'Cid');
    const [ann, ben, cid] = await sharesOn([annRoom!, benRoom!, cidRoom!], (_, index) =>
      // A small high-water mark makes the sender wait on each channel: two pushes at once would interleave.
      index === 0 ? { pushMaxBytes: 512 * 1024, pushPeers: 1, highWaterMark: 32 * 1024 } : { pushMaxBytes: 1024 * 1024 },
    );
    const offers = [spyControl(benRoom!, annRoom!.id), spyControl(cidRoom!, annRoom!.id)];
    const sent = record(ann!, 'progress');
    const small = randomFile(400 * 1024);
    const pushed = [ben!, cid!].map((share) => nextEvent<Detail<'complete'>>(share, 'complete'));
    const manifest = await ann!.share(small.blob);
    for (const done of await Promise.all(pushed)) expect(done).to.include({ digest: manifest.digest, peer: annRoom!.id, direction: 'receive' });
    expect(await bytesOf((await ben!.store.get(manifest.digest))!)).to.deep.equal(small.bytes);
    expect(await bytesOf((await cid!.store.get(manifest.digest))!)).to.deep.equal(small.bytes);
    // One push at a time: every chunk to one peer went before the first to the other.
    const order = sent.map((event) => event.peer).filter((peer, i, all) => peer !== all[i - 1]);
    expect(order).to.have.length(2);
    // Offers go out in order: once the next small file has reached Ben, the large one would have been offered before it.
    const large = await ann!.share(randomFile(600 * 1024).blob);
    const next = nextEvent<Detail<'complete'>>(ben!, 'complete');
    const second = await ann!.share(randomFile(10 * 1024).blob);
    expect((await next).digest).to.equal(second.digest);
    expect(offers[0]!.filter((frame) => frame.t === 'offer').map((frame) => frame.d)).to.deep.equal([manifest.digest, second.digest]);
    expect(await ben!.store.has(large.digest)).to.equal(false);
  });

  it('refuses files over the size limit, sharing and fetching', async () => {
    const [annRoom, benRoom] = await mesh('Ann', 'Ben');
    const [ann, ben] = await sharesOn([annRoom!, benRoom!], (_, index) => ({ maxFileBytes: index === 0 ? 512 * 1024 : 128 * 1024 }));
    expect(await refusal(ann!.share(randomFile(600 * 1024).blob))).to.equal('too-large');
    const manifest = await ann!.share(randomFile(200 * 1024).blob);
    const refused = nextEvent<Detail<'error'>>(ben!, 'error', (detail) => detail.peer === annRoom!.id);
    expect(await refusal(ben!.fetch(manifest.digest))).to.equal('too-large');
    expect(await refused).to.include({ code: 'too-large', digest: manifest.digest });
    expect(await ben!.store.has(manifest.digest)).to.equal(false);
    expect(await ben!.store.usage()).to.equal(0);
  });

  it('answers garbage, oversize and hostile frames with typed errors, and keeps working', async () => {
    const [annRoom, benRoom, malRoom] = await mesh('Ann', 'Ben', 'Mal');
    const [ann] = await sharesOn([annRoom!]);
    const [ben] = await sharesOnly(benRoom!, [annRoom!.id], { pushMaxBytes: 64 * 1024 });
    // Mal speaks on the file channel by hand, to Ben: control frames, and bytes as they are.
    const control = (frame: unknown) => filesOf(malRoom!).send(benRoom!.id, controlFrame(frame)).catch(() => undefined);
    const errors = record(ben!, 'error');
    const expectError = async (send: () => void, code: string) => {
      const before = errors.length;
      const next = nextEvent<Detail<'error'>>(ben!, 'error');
      send();
      expect((await next).code, `error ${errors.length}`).to.equal(code);
      expect(errors.length).to.equal(before + 1);
      expect(errors.at(-1)!.peer).to.equal(malRoom!.id);
    };
    const caught = await collectUncaught(async () => {
      await expectError(() => void control({ t: 'ask', d: '0'.repeat(64) }), 'malformed');
      const mal = new RawPeer(malRoom!, benRoom!.id);
      await mal.ready;
      const send = (frame: unknown) => () => mal.send(frame);
      const binary = (bytes: Uint8Array<ArrayBuffer>) => () => mal.sendBytes(bytes);
      await expectError(send('not json'), 'malformed');
      await expectError(send('[1,2,3]'), 'malformed');
      await expectError(send({ t: 'nope' }), 'malformed');
      await expectError(send({ t: 'get', id: 1, d: 'zz' }), 'malformed');
      await expectError(send({ t: 'get', id: -1, d: '0'.repeat(64) }), 'malformed');
      await expectError(send({ t: 'want', id: 7, i: [[0, 3]] }), 'malformed');
      await expectError(send({ t: 'want', id: 7, i: [[3, 0]] }), 'malformed');
      await expectError(send({ t: 'want', id: 7, i: Array.from({ length: 65 }, (_, i) => [i, i]) }), 'malformed');
      await expectError(send({ t: 'manifest', id: 9, m: {} }), 'malformed');
      await expectError(send({ t: 'done', id: 9 }), 'malformed');
      await expectError(send({ t: 'error', id: 9, code: 'no-such-code', message: 'x' }), 'malformed');
      await expectError(send({ t: 'hello', v: 2 }), 'malformed');
      await expectError(send('x'.repeat(200_001)), 'too-large');
      await expectError(binary(new Uint8Array(5)), 'malformed');
      await expectError(binary(chunkFrame(1, 0, new Uint8Array(16)).map((byte, at) => (at === 0 ? 7 : byte))), 'malformed');
      await expectError(binary(chunkFrame(1, 0, new Uint8Array(16))), 'malformed');
      await expectError(binary(new Uint8Array(9 + 128 * 1024 + 1)), 'too-large');
      // A lie about a file Ben asks for: a manifest whose chunk list does not fit its size.
      const { bytes } = randomFile(40 * 1024);
      const digest = await sha256(bytes);
      const frame = (t: string) => nextControl(malRoom!, benRoom!.id, (each) => each.t === t);
      const ask = frame('ask');
      const asked = frame('get');
      mal.send({ t: 'offer', d: digest, size: bytes.length, name: 'x', type: '' });
      mal.send({ t: 'have', d: (await ask).d, ok: true });
      const get = await asked;
      // The push then ends too (a push is taken from its sender only): a second error, without a peer.
      await expectErrorOn(ben!, malRoom!.id, send({ t: 'manifest', id: get.id, m: { digest, size: bytes.length, name: 'x', type: '', chunkSize: 16 * 1024, chunks: 'AAAA' } }), 'malformed');
    });
    expect(caught).to.deep.equal([]);
    // Ben still works: a file from Ann arrives whole.
    const { blob, bytes } = randomFile(100 * 1024);
    const manifest = await ann!.share(blob);
    expect(await bytesOf(await ben!.fetch(manifest.digest))).to.deep.equal(bytes);
    // Ben serves it, within limits: four transfers to one peer at once, no more chunks than the file has.
    const replies = (count: number) => new Promise<Record<string, unknown>[]>((resolve) => {
      const seen: Record<string, unknown>[] = [];
      filesOf(malRoom!).on('message', ({ from, value }) => {
        const frame = from === benRoom!.id ? readControl(value) : undefined;
        if (frame && seen.push(frame) === count) resolve(seen);
      });
    });
    const five = replies(5);
    for (let id = 100; id < 105; id++) void control({ t: 'get', id, d: manifest.digest });
    const answers = await five;
    expect(answers.map((frame) => frame.t)).to.deep.equal(['manifest', 'manifest', 'manifest', 'manifest', 'error']);
    expect(answers[4]).to.include({ id: 104, code: 'busy' });
    const count = manifest.chunks.length;
    await expectErrorOn(ben!, malRoom!.id, () => void control({ t: 'want', id: 100, i: [[0, count]] }), 'malformed');
    await expectErrorOn(ben!, malRoom!.id, () => void control({ t: 'want', id: 100, i: [[0, count - 1], [0, 0]] }), 'too-large');
  });

  describe('hostile peers and storage', () => {
    const KIB = 1024;
    const HOUR = 3_600_000;

    it('a push whose manifest says more bytes, or another type, than its offer is refused (offer-mismatch) and stores nothing', async () => {
      const [benRoom, malRoom] = await mesh('Ben', 'Mal');
      const [ben] = await sharesOnly(benRoom!, [], { pushMaxBytes: 64 * KIB });
      const mal = new RawPeer(malRoom!, benRoom!.id);
      await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
      const lies = [
        { what: 'a larger file', bytes: randomFile(512 * KIB).bytes, offered: { size: 32 * KIB, type: 'application/octet-stream' }, type: 'application/octet-stream' },
        { what: 'another type', bytes: randomFile(32 * KIB).bytes, offered: { size: 32 * KIB, type: 'image/png' }, type: 'text/html' },
      ];
      for (const { what, bytes, offered, type } of lies) {
        const digest = await sha256(bytes);
        await mal.serve(digest, bytes, { chunkSize: 16 * KIB, type });
        const outcome = Promise.race([
          nextEvent<Detail<'error'>>(ben!, 'error', (detail) => detail.peer === malRoom!.id && detail.digest === digest),
          nextEvent<Detail<'complete'>>(ben!, 'complete', (detail) => detail.digest === digest),
        ]);
        mal.send({ t: 'offer', d: digest, size: offered.size, name: 'raw.bin', type: offered.type });
        expect(await outcome, what).to.include({ code: 'offer-mismatch', peer: malRoom!.id, digest, direction: 'receive' });
        const get = await mal.frame((frame) => frame.t === 'get' && frame.d === digest);
        expect(await mal.frame((frame) => frame.t === 'cancel' && frame.id === get.id), what).to.include({ code: 'offer-mismatch' });
        expect(await ben!.store.usage(), what).to.equal(0);
        expect(await ben!.store.digests(), what).to.deep.equal([]);
      }
      expect(wanted(mal.frames), 'not one chunk asked for').to.deep.equal([]);
    });

    it('a partial file from a peer that sent a little and stopped is dropped after partialMaxAgeMs (24 h), when the store opens', async () => {
      const [benRoom, malRoom] = await mesh('Ben', 'Mal');
      let now = Date.UTC(2030, 0, 1);
      const dbName = `files-${Math.random()}`;
      const options = { pieceBytes: 32 * KIB, now: () => now };
      const [ben] = await sharesOnly(benRoom!, [], { store: new FileStore(await browserStore(dbName, 'peerkit-test'), options) });
      const mal = new RawPeer(malRoom!, benRoom!.id);
      await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
      const { bytes } = randomFile(256 * KIB);
      const digest = await sha256(bytes);
      await mal.serve(digest, bytes, { chunkSize: 16 * KIB, withhold: (index) => index >= 4 });
      // Ben goes away (as in a reload) with Mal's four chunks in; close() waits for the store.
      const stalled = nextEvent<Detail<'progress'>>(ben!, 'progress', (detail) => detail.bytes === 4 * 16 * KIB).then(() => ben!.close());
      expect(await refusal(ben!.fetch(digest))).to.equal('cancelled');
      await stalled;
      const kv = await browserStore(dbName, 'peerkit-test');
      now += 23 * HOUR;
      expect(await new FileStore(kv, options).digests(), 'within a day it may resume').to.deep.equal([digest]);
      expect((await kv.keys()).filter((key) => key.startsWith('piece/')), 'two pieces of two chunks').to.have.length(2);
      now += 2 * HOUR;
      expect(await new FileStore(kv, options).digests()).to.deep.equal([]);
      expect(await kv.keys(), 'its record and pieces are gone from IndexedDB').to.deep.equal([]);
    });

    it('a download whose partial file expires under it stops at once with "expired" and tells its source, not receiving the rest for nothing', async () => {
      const [annRoom, benRoom] = await mesh('Ann', 'Ben');
      let now = Date.UTC(2030, 0, 1);
      const store = new FileStore(memoryStore(), { now: () => now });
      const [ann, ben] = await sharesOn([annRoom!, benRoom!], (_, index) => (index === 1 ? { store, windowBytes: 128 * KIB } : {}));
      const manifest = await ann!.share(randomFile(2048 * KIB).blob);
      const asked = spyControl(annRoom!, benRoom!.id);
      const told = nextEvent<Detail<'error'>>(ann!, 'error', (detail) => detail.direction === 'send');
      void nextEvent(ben!, 'progress', (detail: Detail<'progress'>) => detail.bytes > 0).then(() => {
        now += 25 * HOUR;
        return store.expirePartials();
      });
      expect(await refusal(ben!.fetch(manifest.digest))).to.equal('expired');
      expect(await told).to.include({ code: 'expired', peer: benRoom!.id, digest: manifest.digest });
      expect(wanted(asked).length, 'asked for a window or so, not the whole file').to.be.below(manifest.chunks.length / 2);
      expect(await store.usage()).to.equal(0);
    });

    it('a peer pushing more than the push quota over the wire fills nothing: its pushes stay in its share, the user\'s own, asked-for and others\' pushes stay', async () => {
      const [annRoom, benRoom, malRoom] = await mesh('Ann', 'Ben', 'Mal');
      const size = 64 * KIB;
      const [ann, ben, mal] = await sharesOn([annRoom!, benRoom!, malRoom!], (_, index) =>
        index === 1 ? { pushMaxBytes: 1024 * KIB, store: new FileStore(memoryStore(), { pushQuotaBytes: 4 * size, pushQuotaPerSenderBytes: 2 * size }) } : { pushMaxBytes: 1024 * KIB },
      );
      const pushedToBen = (share: FileShare, blob: Blob) => {
        const arrived = nextEvent<Detail<'complete'>>(ben!, 'complete', (detail) => detail.direction === 'receive');
        return share.share(blob).then(async (manifest) => {
          expect((await arrived).digest).to.equal(manifest.digest);
          return manifest;
        });
      };
      const own = await ben!.share(randomFile(size).blob);
      const asked = await ann!.share(randomFile(2 * size).blob).then(async (manifest) => (await ben!.fetch(manifest.digest), manifest));
      const annPush = await pushedToBen(ann!, randomFile(size).blob);
      const flood: Manifest[] = [];
      for (let i = 0; i < 8; i++) flood.push(await pushedToBen(mal!, randomFile(size).blob));
      expect(await ben!.store.usage(), 'bounded: the user\'s, Ann\'s push and Mal\'s share').to.equal(size + 2 * size + size + 2 * size);
      const held = await Promise.all([own, asked, annPush, ...flood].map((manifest) => ben!.store.has(manifest.digest)));
      expect(held).to.deep.equal([true, true, true, ...Array<boolean>(6).fill(false), true, true]);
    });

    it('files fetched because a member\'s messages name them (prefetch) stay in its share of the push quota, a pushed one too; the user\'s own and what the user fetched stay', async () => {
      const [benRoom, malRoom] = await mesh('Ben', 'Mal');
      const size = 64 * KIB;
      const [ben, mal] = await sharesOn([benRoom!, malRoom!], (_, index) =>
        index === 0 ? { store: new FileStore(memoryStore(), { pushQuotaBytes: 4 * size, pushQuotaPerSenderBytes: 2 * size }), wantPush: (offer) => offer.name === 'pushed' } : { pushMaxBytes: 1024 * KIB },
      );
      const malId = malRoom!.id;
      const own = await ben!.share(randomFile(size).blob);
      // A file Mal pushed, then named: still a push, in Mal's share.
      const arrived = nextEvent<Detail<'complete'>>(ben!, 'complete', (detail) => detail.direction === 'receive');
      const pushed = await mal!.share(randomFile(size).blob, { name: 'pushed' });
      await arrived;
      await ben!.prefetch(pushed.digest, { for: malId });
      expect(await ben!.store.pushUsage(malId)).to.equal(size);
      // One the user asked for (fetch(), as a click would), after it was prefetched.
      const opened = await mal!.share(randomFile(size).blob);
      await ben!.prefetch(opened.digest, { for: malId });
      await ben!.fetch(opened.digest);
      // Then Mal's messages name six more.
      const flood: Manifest[] = [];
      for (let i = 0; i < 6; i++) {
        flood.push(await mal!.share(randomFile(size).blob));
        await ben!.prefetch(flood[i]!.digest, { for: malId });
      }
      expect(await ben!.store.pushUsage(malId), 'Mal\'s share').to.equal(2 * size);
      expect(await ben!.store.usage(), 'the user\'s two files and Mal\'s share').to.equal(4 * size);
      const held = await Promise.all([own, opened, pushed, ...flood].map((manifest) => ben!.store.has(manifest.digest)));
      expect(held).to.deep.equal([true, true, false, false, false, false, false, true, true]);
      // A file larger than one sender's share is not fetched for it at all.
      const large = await mal!.share(randomFile(2 * size + 1).blob);
      expect(await refusal(ben!.prefetch(large.digest, { for: malId }))).to.equal('quota');
    });

    it('a peer\'s file declared text/html or image/svg+xml comes out as application/octet-stream, from fetch and from the store', async () => {
      const [benRoom, malRoom] = await mesh('Ben', 'Mal');
      const [ben] = await sharesOnly(benRoom!, []);
      const mal = new RawPeer(malRoom!, benRoom!.id);
      await Promise.all([mal.ready, filesUp(ben!, [malRoom!.id])]);
      const scripts = {
        'text/html': '<!doctype html><script>parent.filesPwned = 1</script>',
        'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg" onload="parent.filesPwned = 1"><rect width="1" height="1"/></svg>',
      };
      for (const [type, text] of Object.entries(scripts)) {
        const bytes = new TextEncoder().encode(text);
        const digest = await sha256(bytes);
        await mal.serve(digest, bytes, { chunkSize: 16 * KIB, type });
        const blob = await ben!.fetch(digest);
        expect(blob.type, type).to.equal(DOWNLOAD_TYPE);
        expect((await ben!.store.get(digest))!.type, type).to.equal('application/octet-stream');
        expect((await ben!.store.manifest(digest))!.type, 'the declared type is still there to read').to.equal(type);
        expect(await (await fetch(URL.createObjectURL(blob))).text()).to.equal(text);
      }
      // Checked here as well as in preview.test.ts: each test file runs in a page of its own.
      expect((window as unknown as { filesPwned?: number }).filesPwned).to.equal(undefined);
    });
  });
});
