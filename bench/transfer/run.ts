/**
 * bench/transfer, in one headless Chromium, each part alternating its two systems, median of 3:
 *  - history: a peer that missed 10,000 messages reconnects; time until it has verified and
 *    stored them all (ChatSync, real IndexedDB), next to the floor (the same frames over the same
 *    link, only counted);
 *  - files: a 50 MB file over one link by FileShare (every chunk and the whole file verified, the
 *    copy kept in IndexedDB), next to a bare RTCDataChannel send loop with the same chunk size and
 *    the same backpressure on the same link (files.ts).
 * Usage: npm run bench:transfer [-- --part history|files] [--messages 10000] [--mb 50] [--store indexeddb|memory] [--runs 3]
 */
import type { Page } from 'playwright-core';
import { startVite, launchChromium } from '../../test/support/browser.js';

const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const part = option('part');
const count = Number(option('messages') ?? 10_000);
const megabytes = Number(option('mb') ?? 50);
const store = option('store') ?? 'indexeddb';
const runs = Number(option('runs') ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Runs `system` on the page's `bench` object (or `fileBench`) with a time limit. */
async function timed(page: Page, object: string, system: string, arg: number, limitMs: number): Promise<number> {
  const ms = (await page.evaluate(
    ({ object, system, arg, limitMs }) =>
      Promise.race([
        (window as unknown as Record<string, Record<string, (n: number) => Promise<number>>>)[object]![system]!(arg),
        new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), limitMs)),
      ]),
    { object, system, arg, limitMs },
  )) as number;
  if (Number.isNaN(ms)) throw new Error(`${system} did not finish within ${limitMs / 1000} s`);
  return ms;
}

async function history(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { bench: { ready(): Promise<void> } }).bench.ready());
  const samples: Record<'sync' | 'floor', number[]> = { sync: [], floor: [] };
  for (let run = 0; run < runs; run++) {
    for (const system of run % 2 ? (['floor', 'sync'] as const) : (['sync', 'floor'] as const)) {
      const ms = await timed(page, 'bench', system, count, 60_000);
      const lastFrame = system === 'sync' ? await page.evaluate(() => (window as unknown as { bench: { breakdown: { lastFrameMs: number } } }).bench.breakdown.lastFrameMs) : undefined;
      process.stderr.write(`${run} ${system} ${ms.toFixed(0)} ms${lastFrame === undefined ? '' : ` (last frame in at ${lastFrame.toFixed(0)} ms)`}\n`);
      samples[system].push(ms);
    }
  }
  const [sync, floor] = [median(samples.sync), median(samples.floor)];
  console.log(`bench/transfer (history) — ${count.toLocaleString('en')} missed messages, headless Chromium, median of ${runs}`);
  console.log('');
  console.log('| | ms | ÷ floor |');
  console.log('|---|---|---|');
  console.log(`| peerkit ChatSync (verify + IndexedDB) | ${sync.toFixed(0)} | ${(sync / floor).toFixed(2)}× |`);
  console.log(`| floor: same frames, only counted | ${floor.toFixed(0)} | 1.00× |`);
}

async function files(page: Page): Promise<void> {
  await page.addScriptTag({ type: 'module', url: '/bench/transfer/files.ts' });
  await page.waitForFunction(() => 'fileBench' in window, undefined, { timeout: 60_000 });
  const bytes = megabytes * 1_000_000;
  const setup = (await page.evaluate(
    ({ bytes, store }) => (window as unknown as { fileBench: { prepare(size: number, store: string): Promise<{ shareMs: number; chunkBytes: number; highWater: number }> } }).fileBench.prepare(bytes, store),
    { bytes, store },
  )) as { shareMs: number; chunkBytes: number; highWater: number };
  const samples: Record<'fileShare' | 'bare', number[]> = { fileShare: [], bare: [] };
  // Run 0 warms up (JIT, the first IndexedDB and WebCrypto use) and is not counted, as in bench/render.
  for (let run = 0; run <= runs; run++) {
    for (const system of run % 2 ? (['bare', 'fileShare'] as const) : (['fileShare', 'bare'] as const)) {
      const ms = await timed(page, 'fileBench', system, 0, 120_000);
      process.stderr.write(`${run} ${system} ${ms.toFixed(0)} ms${run === 0 ? ' (warm-up)' : ''}\n`);
      if (run > 0) samples[system].push(ms);
    }
  }
  await page.evaluate(() => (window as unknown as { fileBench: { close(): Promise<void> } }).fileBench.close());
  const [shared, bare] = [median(samples.fileShare), median(samples.bare)];
  const rate = (ms: number) => (bytes / 1_000_000 / (ms / 1000)).toFixed(1);
  const kib = (n: number) => `${n / 1024} KiB`;
  console.log(`bench/transfer (files) — a ${megabytes} MB file over one link, ${kib(setup.chunkBytes)} chunks, high-water mark ${kib(setup.highWater)}, receiver's store ${store}, headless Chromium, median of ${runs} after a warm-up`);
  console.log('');
  console.log('| | ms | MB/s | throughput ÷ floor |');
  console.log('|---|---|---|---|');
  console.log(`| peerkit FileShare.fetch (verify chunks + file, store) | ${shared.toFixed(0)} | ${rate(shared)} | ${(bare / shared).toFixed(2)}× |`);
  console.log(`| floor: bare RTCDataChannel send loop | ${bare.toFixed(0)} | ${rate(bare)} | 1.00× |`);
  console.log('');
  console.log(`Sharing it first (hashing the file and its chunks, storing it on the sender): ${setup.shareMs.toFixed(0)} ms.`);
}

const vite = await startVite();
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${vite.url}/bench/transfer/index.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
  if (part !== 'files') await history(page);
  if (part === undefined) console.log('');
  if (part !== 'history') await files(page);
} finally {
  await browser.close();
  await vite.close();
}
