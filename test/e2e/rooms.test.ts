// Several browsers (separate contexts: separate keys) in one room through the real server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';

interface Probe {
  id: string;
  log: { type: string; [field: string]: unknown }[];
  peers(): string[];
  linkState(id: string): string | null;
  send(to: string, data: string): void;
  broadcast(data: string): void;
}
declare const probe: Probe;

let environment: E2eEnvironment;
let vite: E2eEnvironment['vite'];
let signaling: E2eEnvironment['signaling'];
let browser: E2eEnvironment['browser'];

before(async () => {
  environment = await startE2eEnvironment();
  ({ vite, signaling, browser } = environment);
});
after(() => environment?.close());

async function openPeer(room: string, name: string): Promise<{ page: Page; id: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${vite.url}/test/e2e/pages/room.html?server=${encodeURIComponent(signaling.url)}&room=${room}&name=${name}`);
  await page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true, undefined, { timeout: 30_000 });
  return { page, id: await page.evaluate(() => probe.id) };
}

async function linkedToAll(peer: { page: Page }, ids: string[]): Promise<void> {
  await peer.page.waitForFunction((others) => others.every((id) => probe.linkState(id) === 'connected'), ids, { timeout: 30_000 });
}

async function messagesOf(page: Page): Promise<string[]> {
  return page.evaluate(() => probe.log.filter((entry) => entry.type === 'message').map((entry) => String(entry.data)));
}

test('two pages mesh and exchange messages', { timeout: 90_000 }, async () => {
  const [a, b] = await Promise.all([openPeer('two', 'A'), openPeer('two', 'B')]);
  await Promise.all([linkedToAll(a, [b.id]), linkedToAll(b, [a.id])]);
  await a.page.evaluate((to) => probe.send(to, 'hello B'), b.id);
  await b.page.waitForFunction(() => probe.log.some((entry) => entry.type === 'message' && entry.data === 'hello B'));
  await Promise.all([a.page.context().close(), b.page.context().close()]);
});

test('four pages form a full mesh; every broadcast reaches every other page once', { timeout: 120_000 }, async () => {
  const peers = await Promise.all(['A', 'B', 'C', 'D'].map((name) => openPeer('four', name)));
  const ids = peers.map((peer) => peer.id);
  await Promise.all(peers.map((peer) => linkedToAll(peer, ids.filter((id) => id !== peer.id))));
  for (const peer of peers) await peer.page.evaluate((text) => probe.broadcast(text), `from ${peer.id}`);
  for (const peer of peers) {
    await peer.page.waitForFunction(() => probe.log.filter((entry) => entry.type === 'message').length >= 3, undefined, { timeout: 30_000 });
    const expected = ids.filter((id) => id !== peer.id).map((id) => `from ${id}`).sort();
    assert.deepEqual((await messagesOf(peer.page)).sort(), expected);
  }
  await Promise.all(peers.map((peer) => peer.page.context().close()));
});

test('a page that reloads comes back under the same id, without a ghost, and gets what was sent meanwhile', { timeout: 120_000 }, async () => {
  const [a, b] = await Promise.all([openPeer('reload', 'A'), openPeer('reload', 'B')]);
  await Promise.all([linkedToAll(a, [b.id]), linkedToAll(b, [a.id])]);
  const disconnected = a.page.waitForFunction((id) => probe.log.some((entry) => entry.type === 'peer-disconnect' && entry.id === id), b.id, { timeout: 30_000 });
  const reloading = b.page.reload();
  await disconnected;
  await a.page.evaluate((to) => probe.send(to, 'sent while you were away'), b.id);
  await reloading;
  await b.page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true, undefined, { timeout: 30_000 });
  assert.equal(await b.page.evaluate(() => probe.id), b.id, 'same key after the reload');
  await b.page.waitForFunction(() => probe.log.some((entry) => entry.type === 'message' && entry.data === 'sent while you were away'), undefined, { timeout: 30_000 });
  assert.deepEqual(await a.page.evaluate(() => probe.peers()), [b.id], 'one entry for B: no ghost');
  assert.equal(await a.page.evaluate(() => probe.log.filter((entry) => entry.type === 'message-failed').length), 0);
  await Promise.all([a.page.context().close(), b.page.context().close()]);
});
