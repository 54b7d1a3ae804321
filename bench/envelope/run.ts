/**
 * bench/envelope: seal/open time and wire size of peerkit envelopes in Chromium, side by side in
 * one run with kbpgp's own box/unbox (sign + compress with its pure-JS Ed25519) of the same JSON,
 * and against the raw, unsigned signal JSON. Usage: npm run bench:envelope [-- --iterations 50]
 */
import { startVite, launchChromium } from '../../test/support/browser.js';

interface Result {
  signal: string;
  iterations: number;
  rawJsonBytes: number;
  sealedTextBytes: number;
  sealedBinaryBytes: number;
  firstContactTextBytes: number;
  firstContactBinaryBytes: number;
  kbpgpBoxBinaryBytes: number;
  sealMedianMs: number;
  openMedianMs: number;
  kbpgpBoxMedianMs: number;
  kbpgpUnboxMedianMs: number;
}

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 50;

const vite = await startVite();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${vite.url}/bench/envelope/index.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
  const report = (await page.evaluate(
    (n) => (window as unknown as { runBench(n: number): Promise<unknown> }).runBench(n),
    iterations,
  )) as { userAgent: string; identity: Record<string, number>; results: Result[] };

  const ms = (value: number) => value.toFixed(2);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(`bench/envelope — ${report.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? 'Chromium'}, median of ${iterations}`);
  console.log('');
  console.log('| signal | raw JSON B | sealed B (text) | ratio | first contact B (text) | ratio | binary B | seal ms | open ms | kbpgp box ms | kbpgp unbox ms | seal vs kbpgp | open vs kbpgp |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of report.results) {
    console.log(
      `| ${r.signal} | ${r.rawJsonBytes} | ${r.sealedTextBytes} | ${ratio(r.sealedTextBytes, r.rawJsonBytes)} | ${r.firstContactTextBytes} | ${ratio(r.firstContactTextBytes, r.rawJsonBytes)} | ${r.sealedBinaryBytes} | ${ms(r.sealMedianMs)} | ${ms(r.openMedianMs)} | ${ms(r.kbpgpBoxMedianMs)} | ${ms(r.kbpgpUnboxMedianMs)} | ${ratio(r.sealMedianMs, r.kbpgpBoxMedianMs)} | ${ratio(r.openMedianMs, r.kbpgpUnboxMedianMs)} |`,
    );
  }
  const id = report.identity;
  console.log('');
  console.log(
    `first usable identity on a fresh page (WebCrypto keygen + our OpenPGP packets + IndexedDB): ${id.firstIdentityMs} ms; ` +
      `longest main-thread task ${id.longestTaskMs} ms, total blocking ${id.blockingMs} ms; returning page load ${id.returningLoadMs} ms`,
  );
  console.log(
    `named peer, same page after it: kbpgp 2.1.19 load + Ed25519 keygen + self-signature on the main thread: ${id.kbpgpKeyMs} ms ` +
      `(total blocking ${id.kbpgpBlockingMs} ms); peerkit ÷ kbpgp ${(id.firstIdentityMs! / id.kbpgpKeyMs!).toFixed(3)}×; target ≤ 50 ms: ${id.firstIdentityMs! <= 50 ? 'met' : 'NOT met'}`,
  );
} finally {
  await browser.close();
  await vite.close();
}
