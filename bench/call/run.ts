/**
 * bench/call: time from joining to the first frame of the other side's video shown, two pages
 * through a local signaling server, side by side in one run, alternating: peerkit (a Room, sealed
 * signals, a bound link, then the Call's tracks renegotiated onto it) with its server, and PeerJS
 * 1.5.5's `peer.call()` with its `peer` server. Both send the same fake camera (640×360), opened
 * before the clock starts. Median of N per system.
 * Usage: npm run bench:call [-- --iterations 20]
 */
import { PeerServer } from 'peer';
import { launchChromium, startVite } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';
import { freePort } from '../../test/support/redis.js';

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 20;
const systems = ['peerkit', 'peerjs'] as const;

type Bench = { ready(): Promise<void>; prepare(...args: unknown[]): Promise<unknown>; run(...args: unknown[]): Promise<number>; cleanup(): void };

const vite = await startVite();
const peerkit = await startCliServer(['--log-level', 'warn']);
const peerjsPort = await freePort();
const peerjsServer = PeerServer({ port: peerjsPort, host: '127.0.0.1', path: '/' });
const servers = { peerkit: peerkit.url, peerjs: { host: '127.0.0.1', port: peerjsPort } };
const browser = await launchChromium();
try {
  const pages = await Promise.all(
    [0, 1].map(async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${vite.url}/bench/call/index.html`);
      await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
      await page.evaluate(() => (window as unknown as { bench: Bench }).bench.ready());
      return page;
    }),
  );
  const [timer, answerer] = pages as [(typeof pages)[0], (typeof pages)[0]];
  const samples = new Map<string, number[]>(systems.map((system) => [system, []]));
  const failures = new Map<string, number>();
  for (let i = 0; i < iterations + 2; i++) {
    for (const system of i % 2 ? [...systems].reverse() : systems) {
      const room = `r${i}-${system}-${Math.random().toString(36).slice(2, 8)}`;
      await answerer.evaluate(({ system, servers, room }) => (window as unknown as { bench: Bench }).bench.prepare(system, servers, room), { system, servers, room });
      for (const page of pages) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
      const ms = (await timer.evaluate(
        ({ system, servers, room }) =>
          Promise.race([(window as unknown as { bench: Bench }).bench.run(system, servers, room), new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 15_000))]),
        { system, servers, room },
      )) as number;
      for (const page of pages) await page.evaluate(() => (window as unknown as { bench: Bench }).bench.cleanup());
      process.stderr.write(`${i} ${system} ${ms.toFixed(1)}\n`);
      if (Number.isNaN(ms)) failures.set(system, (failures.get(system) ?? 0) + 1);
      else if (i >= 2) samples.get(system)!.push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const result = Object.fromEntries(systems.map((system) => [system, median(samples.get(system)!)]));
  console.log(`bench/call — join → first remote video frame shown, two pages, local servers on 127.0.0.1, fake camera 640×360, iceServers [], median of ${iterations} (alternating order)`);
  console.log('');
  console.log('| system | median ms | peerkit ratio |');
  console.log('|---|---|---|');
  if (failures.size) console.log(`runs with no frame within 15 s: ${JSON.stringify(Object.fromEntries(failures))}`);
  for (const system of systems) console.log(`| ${system === 'peerkit' ? 'peerkit Call (sealed, bound)' : 'PeerJS 1.5.5 peer.call() + peer server'} | ${result[system]!.toFixed(1)} | ${(result.peerkit! / result[system]!).toFixed(2)}× |`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  await vite.close();
  await peerkit.stop();
  (peerjsServer as unknown as { close?: () => void }).close?.();
  // The PeerJS server keeps timers alive and has no close(): exit once stdout is flushed.
  process.stdout.write('', () => process.exit());
}
