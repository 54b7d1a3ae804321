/**
 * bench/transfer — history part: a peer that missed 10,000 messages reconnects; time until it has
 * verified and stored them all (ChatSync, real IndexedDB), next to the floor (the same frames over
 * the same link, only counted). Headless Chromium, alternating, median of 3.
 * The file-transfer part of this benchmark comes with attachments (files.ts).
 * Usage: npm run bench:transfer [-- --messages 10000]
 */
import { startVite, launchChromium } from '../../test/support/browser.js';

const flag = process.argv.indexOf('--messages');
const count = flag > 0 ? Number(process.argv[flag + 1]) : 10_000;
const runs = 3;

const vite = await startVite();
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${vite.url}/bench/transfer/index.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as { bench: { ready(): Promise<void> } }).bench.ready());
  const samples: Record<'sync' | 'floor', number[]> = { sync: [], floor: [] };
  for (let run = 0; run < runs; run++) {
    for (const system of run % 2 ? (['floor', 'sync'] as const) : (['sync', 'floor'] as const)) {
      const ms = (await page.evaluate(
        ({ system, count }) =>
          Promise.race([
            (window as unknown as { bench: Record<string, (n: number) => Promise<number>> }).bench[system]!(count),
            new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 60_000)),
          ]),
        { system, count },
      )) as number;
      if (Number.isNaN(ms)) throw new Error(`${system} did not finish within 60 s`);
      process.stderr.write(`${run} ${system} ${ms.toFixed(0)} ms\n`);
      samples[system].push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const [sync, floor] = [median(samples.sync), median(samples.floor)];
  console.log(`bench/transfer (history) — ${count.toLocaleString('en')} missed messages, headless Chromium, median of ${runs}`);
  console.log('');
  console.log('| | ms | ÷ floor |');
  console.log('|---|---|---|');
  console.log(`| peerkit ChatSync (verify + IndexedDB) | ${sync.toFixed(0)} | ${(sync / floor).toFixed(2)}× |`);
  console.log(`| floor: same frames, only counted | ${floor.toFixed(0)} | 1.00× |`);
} finally {
  await browser.close();
  await vite.close();
}
