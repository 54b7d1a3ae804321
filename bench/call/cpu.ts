/**
 * bench/call CPU: CPU per page in a 4-page call, peerkit (`<peer-room>` + `<peer-call>`) vs a bare
 * RTCPeerConnection mesh with the same tracks (fake microphone and camera, 640×360 at 15 fps: four
 * pages each encoding three copies and decoding three must not saturate this 2-core machine, or
 * both systems would read 100 %). In one run, alternating systems (ABBA order); per window: the
 * four pages join, every page shows video from the other three, 3 s to settle (bandwidth
 * estimation ramps up), then the whole browser's CPU (every process, from CDP
 * SystemInfo.getProcessInfo) over 10 s, divided by four. The load of a machine drifts over a run,
 * so each round's two windows give a ratio and the median ratio is the result. Also prints the remote frames each page
 * shows per second, so a system that does less work shows it.
 * Usage: npm run bench:call:cpu [-- --rounds 4]
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium, startVite } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 4;
const PAGES = 4;
const SETTLE_MS = 3_000;
const WINDOW_MS = 10_000;
type System = 'peerkit' | 'bare';

interface Sample {
  /** Percent of one core, per page. */
  readonly cpu: number;
  /** Remote video frames shown per second, per page. */
  readonly fps: number;
}

interface ProcessTimes {
  /** CPU seconds per process id, of every process of the browser. */
  readonly cpu: Map<number, number>;
  readonly renderers: number;
}

async function processTimes(cdp: CDPSession): Promise<ProcessTimes> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number; type: string; cpuTime: number }[] };
  return { cpu: new Map(processInfo.map((process) => [process.id, process.cpuTime])), renderers: processInfo.filter((process) => process.type === 'renderer').length };
}

/** CPU seconds spent between two readings by the processes alive at both. */
function cpuBetween(before: ProcessTimes, after: ProcessTimes): number {
  let seconds = 0;
  for (const [id, cpu] of after.cpu) if (before.cpu.has(id)) seconds += cpu - before.cpu.get(id)!;
  return seconds;
}

const framesShown = (page: Page) => page.evaluate(() => window.bench.remoteFramesShown());

async function openCall(browser: Browser, url: string, system: System, server: string): Promise<{ pages: Page[]; contexts: BrowserContext[] }> {
  const contexts = await Promise.all(Array.from({ length: PAGES }, () => browser.newContext()));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  // The bare mesh's signals go through here (not timed).
  await Promise.all(
    pages.map((page, self) => page.exposeFunction('benchSignal', (to: number, message: string) => pages[to]!.evaluate(({ from, message }) => window.bench.receiveBare(from, message), { from: self, message }))),
  );
  await Promise.all(pages.map((page) => page.goto(url)));
  await Promise.all(pages.map((page) => page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 })));
  const room = `cpu-${Math.random().toString(36).slice(2, 8)}`;
  if (system === 'peerkit') await Promise.all(pages.map((page) => page.evaluate(({ server, room }) => window.bench.startPeerkit(server, room), { server, room })));
  else await Promise.all(pages.map((page, self) => page.evaluate(({ self, count }) => window.bench.startBare(self, count), { self, count: PAGES })));
  for (const page of pages) await page.waitForFunction((others) => window.bench.remoteFramesShown().playing >= others, PAGES - 1, { timeout: 60_000, polling: 200 });
  return { pages, contexts };
}

async function measure(browser: Browser, cdp: CDPSession, url: string, system: System, server: string): Promise<Sample> {
  // The previous window's pages are gone (their renderers too) before this one starts.
  const idle = (await processTimes(cdp)).renderers;
  const { pages, contexts } = await openCall(browser, url, system, server);
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const framesBefore = await Promise.all(pages.map(framesShown));
    const cpuBefore = await processTimes(cdp);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const cpuAfter = await processTimes(cdp);
    const seconds = (performance.now() - started) / 1000;
    const framesAfter = await Promise.all(pages.map(framesShown));
    const frames = framesAfter.reduce((sum, after, i) => sum + after.frames - framesBefore[i]!.frames, 0);
    return { cpu: (cpuBetween(cpuBefore, cpuAfter) / seconds / PAGES) * 100, fps: frames / seconds / PAGES };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    for (let waited = 0; (await processTimes(cdp)).renderers > idle && waited < 50; waited++) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const vite = await startVite();
const server = await startCliServer(['--log-level', 'warn']);
const browser = await launchChromium();
try {
  const cdp = await browser.newBrowserCDPSession();
  const url = `${vite.url}/bench/call/cpu.html`;
  const samples: Record<System, Sample[]> = { peerkit: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    for (const system of round % 2 ? (['bare', 'peerkit'] as const) : (['peerkit', 'bare'] as const)) {
      const sample = await measure(browser, cdp, url, system, server.url);
      samples[system].push(sample);
      process.stderr.write(`${round} ${system} ${sample.cpu.toFixed(1)} % ${sample.fps.toFixed(1)} fps\n`);
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  // The machine's load drifts over a run: each round's two windows, back to back, give one ratio.
  const ratios = samples.peerkit.map((sample, round) => sample.cpu / samples.bare[round]!.cpu).sort((a, b) => a - b);
  const medianRatio = ratios.length % 2 ? ratios[ratios.length >> 1]! : (ratios[ratios.length / 2 - 1]! + ratios[ratios.length / 2]!) / 2;
  const cpu = (system: System) => mean(samples[system].map((sample) => sample.cpu));
  const fps = (system: System) => mean(samples[system].map((sample) => sample.fps));
  console.log(`bench/call cpu — 4 pages in one call, fake microphone + camera 640×360 at 15 fps, local server on 127.0.0.1, iceServers [], whole-browser CPU over ${WINDOW_MS / 1000} s per window ÷ 4, ${rounds} rounds of one window per system (ABBA order)`);
  console.log('');
  console.log('| system | CPU per page (% of a core), mean | remote frames shown per page per s |');
  console.log('|---|---|---|');
  for (const system of ['peerkit', 'bare'] as const) console.log(`| ${system === 'peerkit' ? 'peerkit <peer-room> + <peer-call>' : 'bare RTCPeerConnection mesh'} | ${cpu(system).toFixed(1)} | ${fps(system).toFixed(1)} |`);
  console.log('');
  console.log(`peerkit ÷ bare, per round: ${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}; median ${medianRatio.toFixed(2)}×`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  await vite.close();
  await server.stop();
}
