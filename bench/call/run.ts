/**
 * bench/call: time from joining to the first frame of the other side's video shown, two pages
 * through a local signaling server, side by side in one run, alternating: peerkit (a Room, sealed
 * signals whose first offer and answer carry the Call's tracks, a bound link; a new key per run; the
 * joining page offers, as PeerJS's caller does) with its server, and PeerJS
 * 1.5.5's `peer.call()` with its `peer` server. Both send the same fake camera (640×360), opened
 * before the clock starts. Median of N per system.
 * Usage: npm run bench:call [-- --iterations 20]
 */
import { PeerServer } from 'peer';
import { launchChromium, startVite } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';
import { openBenchPages, raceSystems } from '../support/two-page-race.js';
import { freePort } from '../../test/support/redis.js';

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 20;
const systems = ['peerkit', 'peerjs'] as const;


const vite = await startVite();
const peerkit = await startCliServer(['--log-level', 'warn']);
const peerjsPort = await freePort();
const peerjsServer = PeerServer({ port: peerjsPort, host: '127.0.0.1', path: '/' });
const servers = { peerkit: peerkit.url, peerjs: { host: '127.0.0.1', port: peerjsPort } };
const browser = await launchChromium();
try {
  const pages = await openBenchPages(browser, `${vite.url}/bench/call/index.html`);
  const { medians: result, failures } = await raceSystems(pages, systems, servers, iterations);
  console.log(`bench/call — join → first remote video frame shown, two pages, local servers on 127.0.0.1, fake camera 640×360, iceServers [], median of ${iterations} (alternating order)`);
  console.log('');
  console.log('| system | median ms | peerkit ratio |');
  console.log('|---|---|---|');
  if (Object.keys(failures).length) console.log(`runs with no frame within 15 s: ${JSON.stringify(failures)}`);
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
