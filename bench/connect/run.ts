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
import { openBenchPages, raceSystems } from '../support/two-page-race.js';
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
  const pages = await openBenchPages(browser, `${vite.url}/bench/connect/index.html`);
  const { medians: result, failures } = await raceSystems(pages, systems, servers, iterations);
  console.log(`bench/connect — join → first message, two pages, local servers on 127.0.0.1, iceServers [], median of ${iterations} (alternating order)`);
  console.log('');
  console.log('| system | median ms | peerkit ratio |');
  console.log('|---|---|---|');
  if (Object.keys(failures).length) console.log(`runs that did not connect within 15 s: ${JSON.stringify(failures)}`);
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
