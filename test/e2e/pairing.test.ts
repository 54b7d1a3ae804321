// Pair mode across separate browsers (separate keys) through the real server: strangers pair,
// talk over a bound channel, and "next" re-pairs with someone new.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';

interface Probe {
  id: string;
  log: { type: string; [field: string]: unknown }[];
  partner(): string | null;
  send(data: string): void;
  next(): Promise<void>;
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

async function openStranger(ns: string, name: string, options: { via?: 'http' | 'ws'; autoNext?: boolean } = {}): Promise<{ page: Page; id: string }> {
  const page = await (await browser.newContext()).newPage();
  const query = new URLSearchParams({ server: signaling.url, ns, name, via: options.via ?? 'ws', autoNext: String(options.autoNext ?? true) });
  await page.goto(`${vite.url}/test/e2e/pages/pair.html?${query}`);
  await page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true, undefined, { timeout: 30_000 });
  return { page, id: await page.evaluate(() => probe.id) };
}

function pairedWith(page: Page, id: string): Promise<unknown> {
  return page.waitForFunction((expected) => probe.partner() === expected, id, { timeout: 30_000 });
}

function received(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction((wanted) => probe.log.some((entry) => entry.type === 'message' && entry.data === wanted), text, { timeout: 30_000 });
}

test('two strangers pair (one over WebSocket, one over HTTP) and talk; "next" re-pairs with a third', { timeout: 120_000 }, async () => {
  const ns = `e2e-pair-${Date.now()}`;
  // Ben stays alone when dropped, so the only stranger left for Ann is Cid.
  const [ann, ben] = await Promise.all([openStranger(ns, 'Ann'), openStranger(ns, 'Ben', { via: 'http', autoNext: false })]);
  await Promise.all([pairedWith(ann.page, ben.id), pairedWith(ben.page, ann.id)]);
  await ann.page.evaluate(() => probe.send('hello, stranger'));
  await received(ben.page, 'hello, stranger');
  await ben.page.evaluate(() => probe.send('hello back'));
  await received(ann.page, 'hello back');

  const cid = await openStranger(ns, 'Cid');
  await cid.page.waitForFunction(() => probe.log.some((entry) => entry.type === 'searching'));
  await ann.page.evaluate(() => probe.next());
  await Promise.all([pairedWith(ann.page, cid.id), pairedWith(cid.page, ann.id)]);
  await ben.page.waitForFunction((id) => probe.log.some((entry) => entry.type === 'peer-disconnect' && entry.id === id), ann.id, { timeout: 30_000 });
  assert.equal(await ben.page.evaluate(() => probe.partner()), null, 'Ben is not paired with Ann again');
  await cid.page.evaluate(() => probe.send('hi from the next stranger'));
  await received(ann.page, 'hi from the next stranger');
  for (const page of [ann.page, ben.page, cid.page]) {
    assert.deepEqual(await page.evaluate(() => probe.log.filter((entry) => entry.type === 'signal-rejected' || entry.type === 'error')), [], 'no rejections between honest strangers');
  }
  await Promise.all([ann, ben, cid].map((stranger) => stranger.page.context().close()));
});
