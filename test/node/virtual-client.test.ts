// The Node side of virtual clients without WebRTC: the file store, keep-hours expiry, the sync
// horizon, and the CLI's argument errors.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chatId, type ChatMessage } from '../../src/core/chat/message.js';
import { ChatSync, type ChatChannel } from '../../src/core/chat/sync.js';
import { FileShare, FileStore, type FileShareEventMap, type Manifest } from '../../src/core/files/index.js';
import { ChatHistory } from '../../src/core/chat/history.js';
import { Identity } from '../../src/core/identity/identity.js';
import { Room, type RoomOptions } from '../../src/core/room/room.js';
import { MemorySignalingNetwork } from '../../src/core/signaling/memory.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import { keepAttachments } from '../../src/virtual/attachment-keeper.js';
import { DiskStore, DiskStoreError, fileNameOf, keyOfFileName } from '../../src/virtual/disk-store.js';
import { nextEvent } from '../support/events.js';
import { runVirtualCli } from '../support/virtual-cli.js';

let scratch: string;
let dirs = 0;
const freshDir = () => join(scratch, `store-${dirs++}`);

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'peerkit-virtual-node-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

describe('DiskStore', () => {
  test('values survive reopening: nested objects, bytes, keys that start with $', async () => {
    const dir = freshDir();
    const store = await DiskStore.open(dir);
    const record = { v: 1, seed: new Uint8Array([0, 1, 254, 255]), nested: [{ $bytes: 'not bytes', $$x: true, list: [1, null, 'two'] }], skipped: undefined };
    await store.setItem('default', record);
    await store.setItem('text', 'plain');
    const reopened = await DiskStore.open(dir);
    const read = await reopened.getItem<typeof record>('default');
    assert.deepEqual(read, { v: 1, seed: new Uint8Array([0, 1, 254, 255]), nested: [{ $bytes: 'not bytes', $$x: true, list: [1, null, 'two'] }] });
    assert.ok(read!.seed instanceof Uint8Array);
    assert.equal(await reopened.getItem('text'), 'plain');
    assert.equal(await reopened.getItem('missing'), null);
    assert.deepEqual((await reopened.keys()).sort(), ['default', 'text']);
    await reopened.removeItem('text');
    await reopened.removeItem('text');
    assert.deepEqual(await (await DiskStore.open(dir)).keys(), ['default']);
  });

  test('calls on one key apply in the order they were made; the value is taken when set is called', async () => {
    const store = await DiskStore.open(freshDir());
    const value = { n: 1 };
    const writes = [store.setItem('k', value), store.removeItem('k'), store.setItem('k', { n: 3 })];
    value.n = 2;
    await Promise.all(writes);
    assert.deepEqual(await store.getItem('k'), { n: 3 });
    assert.deepEqual((await readdir(store.dir)).sort(), [fileNameOf('k')], 'no temporary file left');
  });

  test('hostile keys stay inside the directory, each in its own file, and read back as themselves', async () => {
    const dir = freshDir();
    const store = await DiskStore.open(dir);
    const keys = ['../../escape', '/etc/passwd', 'a/b\\c', '..', '.', '', 'nul\0byte', 'Aa', 'aa', 'CON', 'slice:0abcde', 'ключ 🔑', '.61'];
    for (const key of keys) await store.setItem(key, key);
    const names = await readdir(dir);
    assert.equal(names.length, keys.length, 'one file per key, none elsewhere');
    for (const name of names) {
      assert.match(name, /^[a-z0-9_.-]+$/, 'only lower-case safe characters');
      assert.ok(!name.startsWith('..'), name);
    }
    assert.deepEqual(await readdir(scratch).then((entries) => entries.filter((entry) => !entry.startsWith('store-'))), [], 'nothing written beside the store');
    for (const key of keys) assert.equal(await store.getItem(key), key);
    assert.deepEqual((await store.keys()).sort(), [...keys].sort());
    await assert.rejects(store.setItem('x'.repeat(201), 1), (error: DiskStoreError) => error.code === 'bad-key');
    await assert.rejects(store.setItem('é'.repeat(40), 1), (error: DiskStoreError) => error.code === 'bad-key', 'escaped length counts');
    await assert.rejects(store.getItem(42 as unknown as string), (error: DiskStoreError) => error.code === 'bad-key');
  });

  test('a Blob (a file piece) round-trips with its bytes and type, in its turn among calls on its key', async () => {
    const store = await DiskStore.open(freshDir());
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    const writes = [store.setItem('piece', new Blob([bytes], { type: 'application/x-test' })), store.setItem('piece', new Blob([bytes.subarray(0, 10)]))];
    await Promise.all(writes);
    const last = await store.getItem<Blob>('piece');
    assert.ok(last instanceof Blob);
    assert.deepEqual(new Uint8Array(await last.arrayBuffer()), bytes.subarray(0, 10), 'the later call wins');
    await store.setItem('piece', new Blob([bytes], { type: 'application/x-test' }));
    const read = (await (await DiskStore.open(store.dir)).getItem<Blob>('piece'))!;
    assert.equal(read.type, 'application/x-test');
    assert.deepEqual(new Uint8Array(await read.arrayBuffer()), bytes);
  });

  test('values JSON would change are refused, and nothing is written', async () => {
    const store = await DiskStore.open(freshDir());
    for (const value of [new Map(), new Date(0), Number.NaN, { deep: [Infinity] }, 10n, () => 1, new Uint16Array(2)]) {
      await assert.rejects(store.setItem('k', value), (error: DiskStoreError) => error.code === 'unsupported-value', String(value));
    }
    assert.deepEqual(await store.keys(), []);
    await assert.rejects(DiskStore.open(freshDir(), { maxValueBytes: 10 }).then((small) => small.setItem('k', 'x'.repeat(20))), (error: DiskStoreError) => error.code === 'too-large');
  });

  test('garbage in the directory: stray files are ignored, leftovers removed, unreadable values refused or set aside', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'README'), 'not ours');
    await writeFile(join(dir, '.61.json'), '"a second spelling of a"');
    await writeFile(join(dir, 'A.json'), '"upper case is never written"');
    await writeFile(join(dir, `${fileNameOf('k')}.0123.tmp`), '{"half');
    await writeFile(join(dir, fileNameOf('broken')), '{"v":1,');
    await writeFile(join(dir, fileNameOf('tagged')), '{"$evil":1}');
    await writeFile(join(dir, fileNameOf('good')), '{"ok":true}');
    const strict = await DiskStore.open(dir);
    assert.ok(!(await readdir(dir)).some((name) => name.endsWith('.tmp')), 'a crashed write is cleaned up');
    assert.deepEqual((await strict.keys()).sort(), ['broken', 'good', 'tagged']);
    await assert.rejects(strict.getItem('broken'), (error: DiskStoreError) => error.code === 'corrupt' && error.message.includes(dir));
    await assert.rejects(strict.getItem('tagged'), (error: DiskStoreError) => error.code === 'corrupt');

    const setAside: string[] = [];
    const lenient = await DiskStore.open(dir, { corruptFiles: 'set-aside', onSetAside: (key) => setAside.push(key) });
    assert.equal(await lenient.getItem('broken'), null);
    assert.deepEqual(setAside, ['broken']);
    assert.deepEqual((await lenient.keys()).sort(), ['good', 'tagged']);
    assert.ok((await readdir(dir)).includes(`${fileNameOf('broken')}.corrupt`), 'kept for inspection');
    assert.deepEqual(await lenient.getItem('good'), { ok: true });
  });

  test('file names: one spelling per key, and names this store did not write mean no key', () => {
    assert.equal(fileNameOf('key:AB/c'), 'key.3a.41.42.2fc.json');
    assert.equal(keyOfFileName('key.3a.41.42.2fc.json'), 'key:AB/c');
    for (const name of ['.61.json', 'A.json', 'x.json.corrupt', 'x.tmp', '.zz.json', '.c3.json', 'x.2E.json']) assert.equal(keyOfFileName(name), undefined, name);
  });
});

const where = { ns: 'peerkit-test', room: 'virtual' };
const HOUR = 3_600_000;

function fakeMessage(from: string, time: number, counter: number): ChatMessage {
  return { id: chatId(time, from, counter), ...where, from, text: `at ${time}`, time, attachments: [], env: 'unchecked here' };
}

describe('keep-hours', () => {
  test('a history on disk keeps only messages younger than maxAgeMs: on open, on expire(), on arrival; authors without messages lose their keys', async () => {
    const dir = freshDir();
    let now = 100 * HOUR;
    const clock = () => now;
    const [old, recent] = ['a'.repeat(40), 'b'.repeat(40)];
    const writer = await ChatHistory.open({ ...where, store: await DiskStore.open(dir) });
    await writer.addMany([fakeMessage(old, now - 3 * HOUR, 0), fakeMessage(old, now - 2 * HOUR, 1), fakeMessage(recent, now - 30 * 60_000, 0), fakeMessage(recent, now - 60_000, 1)]);
    await writer.addKey(old, 'old key');
    await writer.addKey(recent, 'recent key');

    const kept = await ChatHistory.open({ ...where, store: await DiskStore.open(dir), maxAgeMs: HOUR, now: clock });
    assert.deepEqual(kept.after(undefined).map((message) => message.time), [now - 30 * 60_000, now - 60_000], 'expired on open');
    assert.equal(kept.horizon, now - HOUR);
    assert.equal(kept.keyOf(old), undefined, 'no message of theirs left: their key went too');
    assert.equal(kept.keyOf(recent), 'recent key');
    // ChatSync stores an author's key before the author's messages.
    await kept.addKey(old, 'old key');
    assert.equal(await kept.add(fakeMessage(old, now - 2 * HOUR, 2)), false, 'an old message arriving is refused');

    now += 45 * 60_000;
    const trimmed = new Promise<string[]>((resolve) => kept.addEventListener('trimmed', (event) => resolve((event as CustomEvent<{ ids: string[] }>).detail.ids), { once: true }));
    const dropped = await kept.expire();
    assert.deepEqual(dropped, [chatId(100 * HOUR - 30 * 60_000, recent, 0)]);
    assert.deepEqual(await trimmed, dropped);
    assert.equal(kept.keyOf(old), 'old key', 'a key added since the last expiry is kept through it: its messages may be on their way');
    const reread = await ChatHistory.open({ ...where, store: await DiskStore.open(dir), maxAgeMs: HOUR, now: clock });
    assert.deepEqual(reread.after(undefined).map((message) => message.time), [100 * HOUR - 60_000], 'the disk says the same');
    now += 60_000;
    assert.deepEqual(await kept.expire(), []);
    assert.equal(kept.keyOf(old), 'old key', 'keys go only with an expiry that drops messages');
    now += 60 * 60_000;
    assert.equal((await kept.expire()).length, 1);
    assert.equal(kept.keyOf(old), undefined);
    assert.equal(kept.keyOf(recent), undefined);
    assert.equal(kept.size, 0);
  });
});

/** Two ChatSyncs joined by a pretend link: what one sends, the other receives. */
function linkedPair(ids: [string, string]): [ChatChannel, ChatChannel, string[][]] {
  const sent: string[][] = [[], []];
  const channels = ids.map(() => new EventTarget()) as [EventTarget, EventTarget];
  const wire = (me: 0 | 1): ChatChannel =>
    Object.assign(channels[me], {
      send: (_to: string, data: string) => {
        sent[me]!.push(data);
        channels[1 - me]!.dispatchEvent(new CustomEvent('message', { detail: { from: ids[me], data } }));
      },
      broadcast: (data: string) => wire(me).send(ids[1 - me]!, data),
    });
  return [wire(0), wire(1), sent];
}

describe('sync horizon', () => {
  test('a peer with a horizon announces it, and is sent nothing older', { timeout: 60_000 }, async () => {
    const [ann, virtual] = await Promise.all([Identity.create({ name: 'Ann', store: memoryStore() }), Identity.create({ name: 'Virtual', store: memoryStore() })]);
    const now = Date.now();
    const [annChannel, virtualChannel, sent] = linkedPair([ann.fingerprint, virtual.fingerprint]);
    const annHistory = await ChatHistory.open({ ...where, store: memoryStore() });
    // Ann's clock, message by message: two days ago, and just now.
    const times = [now - 48 * HOUR, now - 48 * HOUR + 1000, now - 1000];
    let at = 0;
    const annSync = new ChatSync({ identity: ann, channel: annChannel, history: annHistory, now: () => times[at++]! });
    for (const text of ['old', 'older reply', 'fresh']) await annSync.send(text);
    sent[0]!.length = 0;

    const virtualHistory = await ChatHistory.open({ ...where, store: memoryStore(), maxAgeMs: 24 * HOUR });
    const virtualSync = new ChatSync({ identity: virtual, channel: virtualChannel, history: virtualHistory });
    const stored = new Promise((resolve) => virtualSync.addEventListener('message', resolve, { once: true }));
    virtualChannel.dispatchEvent(new CustomEvent('peer', { detail: { id: ann.fingerprint } }));
    annChannel.dispatchEvent(new CustomEvent('peer', { detail: { id: virtual.fingerprint } }));
    await stored;

    const summary = JSON.parse(sent[1]!.find((frame) => frame.startsWith('{"t":"chat-summary"'))!) as { since?: string };
    assert.equal(summary.since, chatId(now - 24 * HOUR, '', 0).slice(0, 5), 'the virtual client says where its history starts');
    const pushed = sent[0]!.filter((frame) => frame.startsWith('{"t":"chat-messages"')).flatMap((frame) => (JSON.parse(frame) as { envs: string[] }).envs);
    assert.equal(pushed.length, 1, 'only the fresh message went to it');
    assert.deepEqual(virtualHistory.after(undefined).map((message) => [message.text, message.from]), [['fresh', ann.fingerprint]]);
    annSync.close();
    virtualSync.close();
  });
});

/**
 * The attachment keeper's stage: a virtual client, Ann and Mal in one room over real WebRTC
 * (@roamhq/wrtc), the keeper (each author's share: two files of `size` bytes) and a FileShare each
 * for Ann and Mal, linked to the virtual client. `run` gets them; everything is left afterwards.
 */
async function withKeeper(malPushMaxBytes: number, run: (stage: { virtual: Identity; ann: Identity; mal: Identity; keeper: Awaited<ReturnType<ReturnType<typeof keepAttachments>>>; annShare: FileShare; malShare: FileShare; dir: string; size: number }) => Promise<void>): Promise<void> {
  const wrtc = ((await import('@roamhq/wrtc')) as { default: NonNullable<RoomOptions['wrtc']> }).default;
  const network = new MemorySignalingNetwork();
  const [virtual, ann, mal] = (await Promise.all(['Virtual', 'Ann', 'Mal'].map((name) => Identity.create({ name, store: memoryStore() })))) as [Identity, Identity, Identity];
  const rooms = [virtual, ann, mal].map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ...where, iceServers: [], wrtc, prewarm: false, pingMs: 0 }));
  const [virtualRoom, annRoom, malRoom] = rooms as [Room, Room, Room];
  const size = 64 * 1024;
  const dir = freshDir();
  try {
    await Promise.all(rooms.map((room) => room.join()));
    const history = await ChatHistory.open({ ...where, store: memoryStore() });
    const keeper = await keepAttachments({ perAuthorBytes: 2 * size })({ room: virtualRoom, history, dir });
    const annShare = new FileShare({ room: annRoom, store: new FileStore(memoryStore()), pushMaxBytes: 0 });
    const malShare = new FileShare({ room: malRoom, store: new FileStore(memoryStore()), pushMaxBytes: malPushMaxBytes });
    await Promise.all(
      [annShare, malShare].map(async (share) => {
        while (!share.peers.includes(virtual.fingerprint)) await nextEvent(share, 'peer');
      }),
    );
    await run({ virtual, ann, mal, keeper, annShare, malShare, dir, size });
  } finally {
    await Promise.all(rooms.map((room) => room.leave()));
  }
}

const randomBlob = (bytes: number) => new Blob([crypto.getRandomValues(new Uint8Array(bytes))]);

/** Resolves when `share` has sent the file `digest` to `to`. */
function servedTo(share: FileShare, digest: string, to: Identity): Promise<FileShareEventMap['complete']['detail']> {
  return nextEvent<FileShareEventMap['complete']['detail']>(share, 'complete', (detail) => detail.digest === digest && detail.direction === 'send' && detail.peer === to.fingerprint);
}

describe('attachment keeper', () => {
  test('a member pushing more than the push quota fills no disk: its pushes keep to its share, files kept messages name stay', { timeout: 60_000 }, async () => {
    await withKeeper(1024 * 1024, async ({ virtual, ann, keeper, annShare, malShare, dir, size }) => {
      // A file a kept message names: the keeper asks Ann for it.
      const named = await annShare.share(randomBlob(size));
      const kept = servedTo(annShare, named.digest, virtual);
      keeper.kept({ ...fakeMessage(ann.fingerprint, Date.now(), 0), attachments: [named.digest] });
      await kept;
      // Mal pushes twelve files nobody asked for, one after another.
      const flood: Manifest[] = [];
      for (let i = 0; i < 12; i++) {
        const blob = randomBlob(size);
        const digest = (await new FileStore(memoryStore()).add(blob)).digest;
        const pushed = servedTo(malShare, digest, virtual);
        flood.push(await malShare.share(blob));
        await pushed;
      }
      await Promise.all([keeper.close(), annShare.close(), malShare.close()]);

      const disk = new FileStore(await DiskStore.open(dir));
      assert.equal(await disk.usage(), size + 2 * size, 'the named file and Mal\'s share of the push quota, no more');
      assert.equal(await disk.has(named.digest), true, 'the file a kept message names stays');
      assert.deepEqual(await Promise.all(flood.map((manifest) => disk.has(manifest.digest))), [...Array<boolean>(10).fill(false), true, true], 'Mal\'s newest pushes, its oldest evicted');
    });
  });

  test('a member whose kept messages name more than its share of files fills no more disk than its share: its newest stay, another member\'s file stays', { timeout: 60_000 }, async () => {
    await withKeeper(0, async ({ virtual, ann, mal, keeper, annShare, malShare, dir, size }) => {
      /** A message by `author` naming a file it shares (and pushes to nobody): resolves once the keeper took it. */
      const named = async (share: FileShare, author: Identity, counter: number) => {
        const manifest = await share.share(randomBlob(size));
        const served = servedTo(share, manifest.digest, virtual);
        keeper.kept({ ...fakeMessage(author.fingerprint, Date.now(), counter), attachments: [manifest.digest] });
        await served;
        return manifest;
      };
      const annFile = await named(annShare, ann, 0);
      // Mal posts six messages, each naming a file of its own: three times its share.
      const flood: Manifest[] = [];
      for (let i = 0; i < 6; i++) flood.push(await named(malShare, mal, i));
      await Promise.all([keeper.close(), annShare.close(), malShare.close()]);

      const disk = new FileStore(await DiskStore.open(dir));
      assert.equal(await disk.usage(), size + 2 * size, 'Ann\'s file and Mal\'s share, no more');
      assert.equal(await disk.has(annFile.digest), true, 'another member\'s file stays');
      assert.deepEqual(await Promise.all(flood.map((manifest) => disk.has(manifest.digest))), [false, false, false, false, true, true], 'Mal\'s newest files, its oldest evicted');
    });
  });
});

describe('peerkit virtual: arguments', () => {
  const cases: [string, string[], RegExp][] = [
    ['nothing', [], /missing --server, --ns, --room/],
    ['an unknown option', ['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--bogus'], /Unknown option '--bogus'/],
    ['keep-hours 0', ['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--keep-hours', '0'], /--keep-hours/],
    ['keep-hours not a number', ['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--keep-hours', 'soon'], /--keep-hours/],
    ['max-peers 1.5', ['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--max-peers', '1.5'], /--max-peers/],
    ['a server that is not a URL', ['--server', 'example.org', '--ns', 'n', '--room', 'r'], /--server must be/],
    ['a bad log level', ['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--log-level', 'loud'], /--log-level/],
  ];
  for (const [name, args, message] of cases) {
    test(`${name}: exit 2 with a clear message and the usage`, async () => {
      const { code, stderr } = await runVirtualCli(args);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.match(stderr, /usage: peerkit serve/);
    });
  }

  test('an identity file that cannot be read stops it (exit 1) rather than making a new key', async () => {
    const dir = freshDir();
    await mkdir(join(dir, 'identity'), { recursive: true });
    await writeFile(join(dir, 'identity', 'default.json'), '{"v":1,"armoredPri');
    const { code, stderr } = await runVirtualCli(['--server', 'http://127.0.0.1:1', '--ns', 'n', '--room', 'r', '--data', dir]);
    assert.equal(code, 1);
    assert.match(stderr, /corrupt: .*default\.json is unreadable/);
    assert.equal(await readFile(join(dir, 'identity', 'default.json'), 'utf8'), '{"v":1,"armoredPri', 'left as it was');
    assert.deepEqual(await readdir(dir).then((names) => names.sort()), ['identity'], 'no lock left behind');
  });
});
