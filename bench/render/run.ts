/**
 * bench/render: `<peer-chat>` with 100, 1,000 and 10,000 messages — first render and the cost of
 * appending one — next to plain DOM rendering every message (a log without windowing), in one
 * headless Chromium, alternating, median of 5 runs each; then scrolling back through 10,000 to the
 * first message (rows rendered at most, and the cost of a page).
 * Usage: npm run bench:render
 */
import { startVite, launchChromium } from '../../test/support/browser.js';

type Result = { first: number; append: number };
const sizes = [100, 1_000, 10_000];
const runs = 5;
const appends = 20;

const vite = await startVite();
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${vite.url}/bench/render/index.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  console.log(`bench/render — <peer-chat> vs plain DOM (every message rendered), headless Chromium, median of ${runs}; append = mean of ${appends}`);
  console.log('');
  console.log('| messages | peer-chat first render ms | plain DOM first render ms | ratio | peer-chat append ms | plain DOM append ms |');
  console.log('|---|---|---|---|---|---|');
  for (const size of sizes) {
    const results: Record<'peerChat' | 'plainDom', Result[]> = { peerChat: [], plainDom: [] };
    for (let run = 0; run < runs + 1; run++) {
      for (const system of run % 2 ? (['plainDom', 'peerChat'] as const) : (['peerChat', 'plainDom'] as const)) {
        const result = (await page.evaluate(
          ({ system, size, appends }) => (window as unknown as { bench: Record<string, (count: number, appends: number) => Promise<Result>> }).bench[system]!(size, appends),
          { system, size, appends },
        )) as Result;
        if (run > 0) results[system].push(result);
      }
    }
    const firstChat = median(results.peerChat.map((r) => r.first));
    const firstDom = median(results.plainDom.map((r) => r.first));
    console.log(`| ${size.toLocaleString('en')} | ${firstChat.toFixed(1)} | ${firstDom.toFixed(1)} | ${(firstChat / firstDom).toFixed(2)}× | ${median(results.peerChat.map((r) => r.append)).toFixed(2)} | ${median(results.plainDom.map((r) => r.append)).toFixed(2)} |`);
  }
  const backs: { pages: number; pageMs: number; maxRows: number }[] = [];
  for (let run = 0; run < runs; run++) {
    backs.push(await page.evaluate(() => (window as unknown as { bench: { scrollBack: (count: number) => Promise<{ pages: number; pageMs: number; maxRows: number }> } }).bench.scrollBack(10_000)));
  }
  console.log('');
  console.log(`Scrolling back through 10,000 messages to the first: ${backs[0]!.pages} pages, ${median(backs.map((b) => b.pageMs)).toFixed(1)} ms a page (median of ${runs}), at most ${Math.max(...backs.map((b) => b.maxRows))} rows rendered.`);
} finally {
  await browser.close();
  await vite.close();
}
