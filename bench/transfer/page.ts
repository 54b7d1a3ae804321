/**
 * bench/transfer, history part (driven by run.ts): a peer that missed N messages links with one
 * that has them; time from the link coming up until all N are verified and stored (ChatSync, real
 * IndexedDB), next to the floor: the same frames over the same kind of link, only counted.
 */
import { ChatAuthor, type ChatMessage } from '../../src/core/chat/message.js';
import { ChatSync } from '../../src/core/chat/sync.js';
import { CHAT_CHANNEL } from '../../src/core/chat/channel.js';
import { sliceOf } from '../../src/core/chat/ids.js';
import { sealSlice } from '../../src/core/chat/slice-seal.js';
import { ChatHistory } from '../../src/core/chat/history.js';
import { Identity } from '../../src/core/identity/identity.js';
import { Room } from '../../src/core/room/room.js';
import { MemorySignalingNetwork } from '../../src/core/signaling/memory.js';
import { browserStore, memoryStore } from '../../src/core/platform/storage.js';

const ns = 'bench-transfer';
const people = Promise.all(['Ann', 'Ben'].map((name) => Identity.create({ name, store: memoryStore() })));

async function makeMessages(room: string, count: number): Promise<ChatMessage[]> {
  const [ann] = await people;
  const author = new ChatAuthor(ann!);
  const messages: ChatMessage[] = [];
  for (let i = 0; i < count; i++) messages.push(await author.compose({ ns, room, text: `message ${i}: some words of chat text`, now: 1_700_000_000_000 + i * 1000 }));
  return messages;
}

async function linkedPair(room: string): Promise<[Room, Room]> {
  const [ann, ben] = await people;
  const network = new MemorySignalingNetwork();
  const rooms: [Room, Room] = [
    new Room({ identity: ann!, transport: network.connect(ann!.fingerprint), ns, room, prewarm: false }),
    new Room({ identity: ben!, transport: network.connect(ben!.fingerprint), ns, room, prewarm: false }),
  ];
  return rooms;
}

function linkUp(room: Room): Promise<void> {
  return new Promise((resolve) => room.addEventListener('peer', () => resolve(), { once: true }));
}

async function sync(count: number): Promise<number> {
  const room = `sync-${Math.random()}`;
  const [ann, ben] = await people;
  const full = await ChatHistory.open({ ns, room, store: memoryStore() });
  // As ChatSync.send would have kept it: the author's key beside its messages.
  await full.addKey(ann!.fingerprint, ann!.armoredPublicKey);
  await full.addMany(await makeMessages(room, count));
  // As ChatSync.send would have kept them too: the author's seal of each slice it wrote in.
  for (const slice of new Set(full.after(undefined).map((message) => sliceOf(message.id)))) {
    await full.keepSeal(await sealSlice(ann!, full, slice, full.inSlice(slice).map((message) => message.env)));
  }
  const empty = await ChatHistory.open({ ns, room, store: await browserStore(`bench-${Math.random()}`, 'peerkit-bench') });
  const [a, b] = await linkedPair(room);
  const syncs = [new ChatSync({ identity: ann!, channel: a, history: full }), new ChatSync({ identity: ben!, channel: b, history: empty })];
  const up = linkUp(b);
  await Promise.all([a.join(), b.join()]);
  await up;
  const start = performance.now();
  // When the last frame arrived: what is left after it is verification and storage not overlapped with the transfer.
  let lastFrame = start;
  b.channel(CHAT_CHANNEL).on('message', () => (lastFrame = performance.now()));
  // ChatSync announces each message after its batch was written: count those, not what is in memory.
  let stored = 0;
  await new Promise<void>((resolve) => syncs[1]!.addEventListener('message', () => ++stored >= count && resolve()));
  const ms = performance.now() - start;
  breakdown.lastFrameMs = lastFrame - start;
  syncs.forEach((each) => each.close());
  await Promise.all([a.leave(), b.leave()]);
  await empty.clear();
  return ms;
}

/** The floor: the same envelopes in the same frames over the same link, only parsed and counted. */
async function floor(count: number): Promise<number> {
  const room = `floor-${Math.random()}`;
  const envs = (await makeMessages(room, count)).map((message) => message.env);
  const [a, b] = await linkedPair(room);
  const up = Promise.all([linkUp(a), linkUp(b)]);
  await Promise.all([a.join(), b.join()]);
  await up;
  let received = 0;
  const done = new Promise<void>((resolve) =>
    b.addEventListener('message', (event) => {
      received += (JSON.parse((event as CustomEvent<{ data: string }>).detail.data) as { envs: string[] }).envs.length;
      if (received >= count) resolve();
    }),
  );
  const start = performance.now();
  for (let at = 0; at < envs.length; at += 100) a.send(b.id, JSON.stringify({ t: 'chat-messages', envs: envs.slice(at, at + 100) }));
  await done;
  const ms = performance.now() - start;
  await Promise.all([a.leave(), b.leave()]);
  return ms;
}

/** Of the latest sync: when its last frame arrived (ms after the link came up). */
const breakdown = { lastFrameMs: 0 };

(window as unknown as { bench: object }).bench = { sync, floor, breakdown, ready: () => people.then(() => undefined) };
(window as unknown as { benchReady: boolean }).benchReady = true;
