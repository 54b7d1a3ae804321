/**
 * bench/connect: time from joining to the first message between two pages through a local
 * signaling server, side by side in one run, alternating: peerkit (sealed signals, join proofs,
 * channel binding) with its server, PeerJS 1.5.5 with its `peer` server, and bare simple-peer
 * (trickle, no signing) over a minimal relay — the floor. Median of N per system.
 * Usage: npm run bench:connect [-- --iterations 20]
 */
import { PeerServer } from 'peer';
import { startVite, launchChromium } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';
import { freePort } from '../../test/support/redis.js';
import { startRelay } from './relay.js';

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 20;
const systems = ['peerkit', 'peerjs', 'simple-peer'] as const;

const vite = await startVite();
const peerkit = await startCliServer(['--log-level', 'warn']);
const peerjsPort = await freePort();
const peerjsServer = PeerServer({ port: peerjsPort, host: '127.0.0.1', path: '/' });
const relay = await startRelay();
const servers = { peerkit: peerkit.url, peerjs: { host: '127.0.0.1', port: peerjsPort }, relay: relay.url };
const browser = await launchChromium();
try {
  const pages = await Promise.all([0, 1].map(async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${vite.url}/bench/connect/index.html`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
    await page.evaluate(() => (window as unknown as { bench: { ready(): Promise<void> } }).bench.ready());
    return page;
  }));
  const [timer, answerer] = pages as [typeof pages[0], typeof pages[0]];
  const samples = new Map<string, number[]>(systems.map((system) => [system, []]));
  const failures = new Map<string, number>();
  for (let i = 0; i < iterations + 2; i++) {
    for (const system of i % 2 ? [...systems].reverse() : systems) {
      const room = `r${i}-${system}-${Math.random().toString(36).slice(2, 8)}`;
      await answerer.evaluate(({ system, servers, room }) => (window as unknown as { bench: { prepare(...args: unknown[]): Promise<unknown> } }).bench.prepare(system, servers, room), { system, servers, room });
      // The clock starts with both pages idle: the answering side has been in the room a moment,
      // as a member usually has when someone joins (the same for every system).
      for (const page of pages) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
      const ms = (await timer.evaluate(
        ({ system, servers, room }) =>
          Promise.race([
            (window as unknown as { bench: { run(...args: unknown[]): Promise<number> } }).bench.run(system, servers, room),
            new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 15_000)),
          ]),
        { system, servers, room },
      )) as number;
      for (const page of pages) await page.evaluate(() => (window as unknown as { bench: { cleanup(): void } }).bench.cleanup());
      process.stderr.write(`${i} ${system} ${ms.toFixed(1)}\n`);
      if (Number.isNaN(ms)) failures.set(system, (failures.get(system) ?? 0) + 1);
      else if (i >= 2) samples.get(system)!.push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const result = Object.fromEntries(systems.map((system) => [system, median(samples.get(system)!)]));
  console.log(`bench/connect — join → first message, two pages, local servers on 127.0.0.1, iceServers [], median of ${iterations} (alternating order)`);
  console.log('');
  console.log('| system | median ms | peerkit ratio |');
  console.log('|---|---|---|');
  if (failures.size) console.log(`runs that did not connect within 15 s: ${JSON.stringify(Object.fromEntries(failures))}`);
  for (const system of systems) console.log(`| ${system === 'peerkit' ? 'peerkit (sealed, bound)' : system === 'peerjs' ? 'PeerJS 1.5.5 + peer server' : 'bare simple-peer + relay (floor)'} | ${result[system]!.toFixed(1)} | ${(result.peerkit! / result[system]!).toFixed(2)}× |`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  await vite.close();
  await peerkit.stop();
  relay.close();
  (peerjsServer as unknown as { close?: () => void }).close?.();
  // The PeerJS server keeps timers alive and has no close(); exit once stdout is flushed (a pipe
  // would otherwise lose the report).
  process.stdout.write('', () => process.exit());
}
