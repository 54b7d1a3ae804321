/**
 * bench/connect: time from joining to the first message between two pages through a local
 * signaling server, side by side in one run, alternating: peerkit (sealed signals, join proofs,
 * channel binding) with its server, PeerJS 1.5.5 with its `peer` server, and bare simple-peer
 * (trickle, no signing) over a minimal relay — the floor. Median of N per system.
 * `--fallback` adds peerkit with no possible WebRTC path: its first message goes through the
 * signaling server after the fallback bound (1000 ms here), and the table says how long after.
 * Usage: npm run bench:connect [-- --iterations 20] [-- --fallback]
 */
import { PeerServer } from 'peer';
import { startVite, launchChromium } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';
import { openBenchPages, raceSystems } from '../support/two-page-race.js';
import { freePort } from '../../test/support/redis.js';
import { startRelay } from './relay.js';

const iterationsFlag = process.argv.indexOf('--iterations');
const iterations = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 20;
const FALLBACK_MS = 1000;
const systems = ['peerkit', 'peerjs', 'simple-peer', ...(process.argv.includes('--fallback') ? ['peerkit-fallback'] : [])];
const names: Record<string, string> = {
  peerkit: 'peerkit (sealed, bound)',
  peerjs: 'PeerJS 1.5.5 + peer server',
  'simple-peer': 'bare simple-peer + relay (floor)',
  'peerkit-fallback': `peerkit, no WebRTC path: through the server after ${FALLBACK_MS} ms`,
};

const vite = await startVite();
const peerkit = await startCliServer(['--log-level', 'warn']);
const peerjsPort = await freePort();
const peerjsServer = PeerServer({ port: peerjsPort, host: '127.0.0.1', path: '/' });
const relay = await startRelay();
const servers = { peerkit: peerkit.url, peerjs: { host: '127.0.0.1', port: peerjsPort }, relay: relay.url, fallbackMs: FALLBACK_MS };
const browser = await launchChromium();
try {
  const pages = await openBenchPages(browser, `${vite.url}/bench/connect/index.html`);
  const { medians: result, failures } = await raceSystems(pages, systems, servers, iterations);
  console.log(`bench/connect — join → first message, two pages, local servers on 127.0.0.1, iceServers [], median of ${iterations} (alternating order)`);
  console.log('');
  console.log('| system | median ms | peerkit ratio |');
  console.log('|---|---|---|');
  if (Object.keys(failures).length) console.log(`runs that did not connect within 15 s: ${JSON.stringify(failures)}`);
  for (const system of systems) {
    if (system === 'peerkit-fallback') continue;
    console.log(`| ${names[system]} | ${result[system]!.toFixed(1)} | ${(result.peerkit! / result[system]!).toFixed(2)}× |`);
  }
  const fallback = result['peerkit-fallback'];
  if (fallback !== undefined) console.log(`| ${names['peerkit-fallback']} | ${fallback.toFixed(1)} (${(fallback - FALLBACK_MS).toFixed(1)} after the bound) | — |`);
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
