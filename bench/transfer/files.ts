/**
 * bench/transfer, file part (page side; run.ts drives it): one file over one link, two ways, on
 * the same RTCPeerConnection pair in one page:
 *  - peerkit: FileShare.fetch by digest — windowed requests, every chunk hashed and checked, the
 *    whole file hashed, the receiver's copy written to IndexedDB (or kept in memory);
 *  - floor: a bare send loop on a negotiated RTCDataChannel of the same link, the same chunk size
 *    and the same backpressure (bufferedAmount high-water mark, low threshold at half), from a
 *    buffer already in memory, the receiver only counting bytes.
 * Both start when the receiver starts asking and end when it holds every byte (verified, for
 * FileShare). Sharing (hashing + storing on the sender) is measured on its own.
 */
import { DEFAULT_CHUNK_BYTES, FileShare, FileStore } from '../../src/core/files/index.js';
import { Identity } from '../../src/core/identity/identity.js';
import { Room } from '../../src/core/room/room.js';
import { MemorySignalingNetwork } from '../../src/core/signaling/memory.js';
import { browserStore, memoryStore, type KeyValueStore } from '../../src/core/platform/storage.js';

const CHUNK_BYTES = DEFAULT_CHUNK_BYTES;
const HIGH_WATER = 4 * 1024 * 1024;
/** The floor's channel: a negotiated one beside the link's own channel, which FileShare's frames ride (its named channel). */
const BARE_CHANNEL = { label: 'bench-bare', id: 1001 };

type StoreKind = 'indexeddb' | 'memory';

interface Setup {
  readonly rooms: [Room, Room];
  readonly shares: [FileShare, FileShare];
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly digest: string;
  readonly shareMs: number;
}

let setup: Setup | undefined;

async function storeOf(kind: StoreKind): Promise<KeyValueStore> {
  return kind === 'memory' ? memoryStore() : browserStore(`bench-files-${Math.random()}`, 'peerkit-bench');
}

function nextEvent(target: EventTarget, type: string): Promise<void> {
  return new Promise((resolve) => target.addEventListener(type, () => resolve(), { once: true }));
}

/** Two linked rooms with a FileShare each, and a file of `size` random bytes shared by the first. */
async function prepare(size: number, kind: StoreKind): Promise<{ shareMs: number; chunkBytes: number; highWater: number }> {
  await close();
  const [ann, ben] = await Promise.all(['Ann', 'Ben'].map((name) => Identity.create({ name, store: memoryStore() })));
  const network = new MemorySignalingNetwork();
  const room = `bench-files-${Math.random()}`;
  const rooms: [Room, Room] = [
    new Room({ identity: ann!, transport: network.connect(ann!.fingerprint), ns: 'bench-transfer', room, prewarm: false, pingMs: 0 }),
    new Room({ identity: ben!, transport: network.connect(ben!.fingerprint), ns: 'bench-transfer', room, prewarm: false, pingMs: 0 }),
  ];
  const up = Promise.all(rooms.map((each) => nextEvent(each, 'peer')));
  await Promise.all(rooms.map((each) => each.join()));
  await up;
  const options = { chunkSize: CHUNK_BYTES, highWaterMark: HIGH_WATER, pushMaxBytes: 0, maxFileBytes: 256 * 1024 * 1024 };
  const stores = await Promise.all([storeOf(kind), storeOf(kind)]);
  const shares = [0, 1].map((i) => new FileShare({ room: rooms[i]!, store: new FileStore(stores[i]!), ...options })) as [FileShare, FileShare];
  await Promise.all(shares.map((share) => (share.peers.length > 0 ? undefined : nextEvent(share, 'peer'))));
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  const start = performance.now();
  const manifest = await shares[0].share(new Blob([bytes]));
  const shareMs = performance.now() - start;
  setup = { rooms, shares, bytes, digest: manifest.digest, shareMs };
  return { shareMs, chunkBytes: CHUNK_BYTES, highWater: HIGH_WATER };
}

/** FileShare: ms from fetch() to the verified, stored Blob. */
async function fileShare(): Promise<number> {
  const { shares, digest, bytes } = setup!;
  const [, receiver] = shares;
  await receiver.store.delete(digest);
  const start = performance.now();
  const blob = await receiver.fetch(digest);
  const ms = performance.now() - start;
  if (blob.size !== bytes.length) throw new Error(`received ${blob.size} of ${bytes.length} bytes`);
  return ms;
}

/** The floor: ms from the first send to the last byte counted, same chunks, same backpressure. */
async function bare(): Promise<number> {
  const { rooms, bytes } = setup!;
  const [a, b] = rooms;
  const send = a.dataChannel(b.id, BARE_CHANNEL.label, BARE_CHANNEL.id)!;
  const receive = b.dataChannel(a.id, BARE_CHANNEL.label, BARE_CHANNEL.id)!;
  await Promise.all([send, receive].map((channel) => (channel.readyState === 'open' ? undefined : nextEvent(channel, 'open'))));
  send.bufferedAmountLowThreshold = HIGH_WATER / 2;
  let received = 0;
  const done = new Promise<void>((resolve) => {
    receive.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      received += event.data.byteLength;
      if (received >= bytes.length) resolve();
    };
  });
  const start = performance.now();
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    if (send.bufferedAmount > HIGH_WATER) await nextEvent(send, 'bufferedamountlow');
    send.send(bytes.subarray(at, at + CHUNK_BYTES));
  }
  await done;
  return performance.now() - start;
}

async function close(): Promise<void> {
  if (!setup) return;
  const { rooms, shares } = setup;
  setup = undefined;
  await Promise.all(shares.map((share) => share.close()));
  await Promise.all(rooms.map((room) => room.leave()));
}

// run.ts loads this module into the page with a script tag and drives it through `fileBench`.
(window as unknown as { fileBench: object }).fileBench = { prepare, fileShare, bare, close };
