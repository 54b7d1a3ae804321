// A virtual client (`peerkit virtual`, a Node peer on @roamhq/wrtc) keeps a room's history for
// pages that join after everyone else left, and keeps it across its own restarts.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';
import { runVirtualCli, startVirtualCli, type VirtualCli } from '../support/virtual-cli.js';

interface ChatProbe {
  id: string;
  send(text: string): Promise<string>;
  sendFile(text: string, size: number): Promise<[string, string]>;
  fetchFile(digest: string): Promise<string>;
  attachments(): string[];
  messages(): { id: string; from: string; text: string }[];
  connected(): string[];
  frames: { from: string; kind: string }[];
  rejected: unknown[];
}
declare const chat: ChatProbe;

const NS = 'peerkit-e2e';
const ROOM = 'virtual';
const WAIT = { timeout: 20_000 };

let environment: E2eEnvironment;
let dataDir: string;
let virtual: VirtualCli | undefined;
let author: { id: string; texts: string[] } | undefined;

const virtualArgs = () => ['--server', environment.signaling.url, '--ns', NS, '--room', ROOM, '--data', dataDir, '--keep-hours', '1'];

before(async () => {
  [environment, dataDir] = await Promise.all([startE2eEnvironment(), mkdtemp(join(tmpdir(), 'peerkit-virtual-'))]);
});
after(async () => {
  await virtual?.stop();
  await environment?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** chat.html in a fresh context (its own IndexedDB: its own key), joined to the room. */
async function openChatPage(name: string): Promise<{ page: Page; id: string }> {
  const context = await environment.browser.newContext();
  const page = await context.newPage();
  const query = new URLSearchParams({ server: environment.signaling.url, ns: NS, room: ROOM, name });
  await page.goto(`${environment.vite.url}/test/e2e/pages/chat.html?${query}`);
  await page.waitForFunction(() => (window as unknown as { chatReady?: boolean }).chatReady === true, undefined, { timeout: 30_000 });
  return { page, id: await page.evaluate(() => chat.id) };
}

/** A latecomer whose only peer is the virtual client gets `author`'s messages from it, verified as the author's. */
async function assertHistoryFromVirtualClient(latecomer: { page: Page; id: string }, virtualId: string, expected: { id: string; texts: string[] }): Promise<void> {
  await latecomer.page.waitForFunction((count) => chat.messages().length >= count, expected.texts.length, WAIT);
  const messages = await latecomer.page.evaluate(() => chat.messages());
  assert.deepEqual(
    messages.map((message) => message.text),
    expected.texts,
    'every message, in the order it was written',
  );
  for (const message of messages) assert.equal(message.from, expected.id, `"${message.text}" verified as written by the author's key, not ${virtualId === message.from ? 'the virtual client' : message.from}`);
  assert.deepEqual(await latecomer.page.evaluate(() => chat.connected()), [virtualId], 'the virtual client was the only peer');
  const frames = await latecomer.page.evaluate(() => chat.frames.filter((frame) => frame.kind === 'chat-messages'));
  assert.ok(frames.length > 0 && frames.every((frame) => frame.from === virtualId), 'the messages came from the virtual client');
  assert.deepEqual(await latecomer.page.evaluate(() => chat.rejected), []);
}

test('a page posts and leaves; a page that joins later gets the history from the virtual client', { timeout: 60_000 }, async () => {
  virtual = await startVirtualCli(virtualArgs());
  assert.equal(virtual.kept, 0);
  const vc = virtual;

  const a = await openChatPage('A');
  await a.page.waitForFunction((id) => chat.connected().includes(id), vc.id, WAIT);
  const texts = ['first', 'second, with "quotes" & <b>markup</b>', 'third ✓'];
  for (const text of texts) {
    const id = await a.page.evaluate((message) => chat.send(message), text);
    await vc.logged((line) => line.msg === 'message kept' && line.id === id && line.from === a.id);
  }
  author = { id: a.id, texts };

  const aLeft = vc.logged((line) => line.msg === 'peer left' && line.id === a.id);
  await a.page.context().close();
  await aLeft;

  const b = await openChatPage('B');
  assert.notEqual(b.id, a.id);
  await assertHistoryFromVirtualClient(b, vc.id, author);
  await b.page.context().close();
});

test('restarted from the same data directory, the virtual client keeps its id and its history', { timeout: 60_000 }, async () => {
  assert.ok(virtual && author, 'runs after the test above');
  const before = virtual;
  const refused = await runVirtualCli(virtualArgs());
  assert.equal(refused.code, 1, 'a second virtual client on the same directory is refused');
  assert.match(refused.stderr, /in use by process \d+/);

  assert.equal(await before.stop(), 0, 'SIGTERM stops it cleanly');
  virtual = await startVirtualCli(virtualArgs());
  assert.equal(virtual.id, before.id, 'same key');
  assert.equal(virtual.kept, author.texts.length, 'same history, read back from disk');

  const c = await openChatPage('C');
  await assertHistoryFromVirtualClient(c, virtual.id, author);
  await c.page.context().close();
});

test('an attachment posted by a page that left is fetched by digest from the virtual client', { timeout: 60_000 }, async () => {
  assert.ok(virtual, 'runs after the tests above');
  const vc = virtual;
  const d = await openChatPage('D');
  await d.page.waitForFunction((id) => chat.connected().includes(id), vc.id, WAIT);
  // 300 KB: several chunks, more than is pushed unasked (the virtual client fetches it).
  const [id, digest] = await d.page.evaluate(() => chat.sendFile('a file for later', 300_000));
  await vc.logged((line) => line.msg === 'message kept' && line.id === id);
  await vc.logged((line) => line.msg === 'attachment kept' && line.digest === digest);
  await d.page.context().close();

  const e = await openChatPage('E');
  await e.page.waitForFunction((wanted) => chat.attachments().includes(wanted), digest, WAIT);
  assert.equal(await e.page.evaluate((wanted) => chat.fetchFile(wanted), digest), digest, 'the bytes that arrived hash to the digest the message names');
  assert.deepEqual(await e.page.evaluate(() => chat.connected()), [vc.id], 'and the virtual client was the only peer to get them from');
  await e.page.context().close();
});
