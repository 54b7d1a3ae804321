// The signaling server dies (SIGKILL: no goodbye to anyone) and a new one starts on the same port.
// Pages keep their WebRTC links meanwhile, reconnect with backoff, re-join with fresh proofs, and a
// newcomer after the restart meshes with them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startVite, launchChromium } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';
import { entries, linkedTo, openRoomPage, received, send, WAIT, type Probe, type RoomPage } from '../support/room-pages.js';

declare const probe: Probe;

let vite: Awaited<ReturnType<typeof startVite>>;
let signaling: CliServer | undefined;
let browser: Browser;

before(async () => {
  [vite, signaling] = await Promise.all([startVite(), startCliServer([])]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await vite?.close();
  await signaling?.stop();
});

async function transportIs(peer: RoomPage, state: string): Promise<void> {
  await peer.page.waitForFunction((wanted) => probe.transportState() === wanted, state, WAIT);
}

test('server killed and restarted on the same port: pages re-join, keep their link, and a newcomer meshes with them', { timeout: 60_000 }, async () => {
  const first = signaling!;
  const { port } = new URL(first.url);
  const open = (name: string) => openRoomPage(browser, { vite: vite.url, server: first.url, room: 'restart', name });
  const [a, b] = await Promise.all([open('A'), open('B')]);
  await Promise.all([linkedTo(a, [b.id]), linkedTo(b, [a.id])]);

  first.child.kill('SIGKILL');
  assert.equal(await first.stop(), null, 'killed by the signal, not exited');
  signaling = undefined;
  // Both pages notice the server is gone; their link does not need it.
  await Promise.all([transportIs(a, 'reconnecting'), transportIs(b, 'reconnecting')]);
  await send(a, b.id, 'while the server is down');
  await received(b, a.id, 'while the server is down');

  signaling = await startCliServer([], { port: Number(port) });
  assert.equal(signaling.url, first.url);
  await Promise.all([transportIs(a, 'open'), transportIs(b, 'open')]);

  // A newcomer can only find A and B through the new server, so linking with both shows they re-joined.
  const c = await open('C');
  await Promise.all([linkedTo(c, [a.id, b.id]), linkedTo(a, [b.id, c.id]), linkedTo(b, [a.id, c.id])]);
  await send(a, c.id, 'A to C');
  await send(a, b.id, 'A to B after the restart');
  await send(b, a.id, 'B to A after the restart');
  await Promise.all([
    received(c, a.id, 'A to C'),
    received(b, a.id, 'A to B after the restart'),
    received(a, b.id, 'B to A after the restart'),
  ]);

  // The A–B link lived through it all: neither side saw the other leave, nothing failed.
  for (const [peer, other] of [
    [a, b],
    [b, a],
  ] as const) {
    assert.equal((await entries(peer, 'peer-disconnect')).length, 0);
    assert.equal((await entries(peer, 'peer')).filter((entry) => entry.id === other.id).length, 1, 'one bound link, never remade');
    assert.equal((await entries(peer, 'message-failed')).length, 0);
    assert.equal((await entries(peer, 'signal-rejected')).length, 0);
  }
  assert.deepEqual((await c.page.evaluate(() => probe.peers())).sort(), [a.id, b.id].sort());
  await Promise.all([a, b, c].map((peer) => peer.page.context().close()));
});
