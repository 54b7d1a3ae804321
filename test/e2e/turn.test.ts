// A real TURN relay (coturn on 127.0.0.1, TURN REST credentials from the peerkit server's /ice) and
// relay-only links: chat and a 10 MB file go through it, and no sealed signal the server carries
// holds a host or server-reflexive candidate — nothing that would tell the other side (or the
// server) this device's addresses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';
import { signedText } from '../support/envelope-reader.js';
import { WAIT } from '../support/room-pages.js';
import { startSignalProxy, type SignalProxy } from '../support/signal-proxy.js';
import { startTurn, type TurnServer } from '../support/turn.js';
import { startCliServer } from '../support/cli-server.js';

interface RelayProbe {
  id: string;
  policy: string;
  connected(): string[];
  paths: Record<string, string>;
  send(text: string): Promise<string>;
  texts(): string[];
  share(size: number): Promise<string>;
  fetch(digest: string): Promise<string>;
}
declare const relay: RelayProbe;

let turn: TurnServer;
let proxy: SignalProxy;
let environment: E2eEnvironment;

before(async () => {
  turn = await startTurn();
  // Signals pass through a relay that records them (the server is told that URL is its own).
  let serverUrl = '';
  proxy = await startSignalProxy(() => serverUrl);
  environment = await startE2eEnvironment(['--public-url', proxy.url, '--turn-secret', turn.secret, '--turn-url', turn.url]);
  serverUrl = environment.signaling.url;
});
after(async () => {
  await proxy?.close();
  await environment?.close();
  await turn?.stop();
});

/** turn.html in a fresh context (its own key), joined. */
async function openRelayPage(query: Record<string, string>): Promise<Page> {
  const page = await (await environment.browser.newContext()).newPage();
  await page.goto(`${environment.vite.url}/test/e2e/pages/turn.html?${new URLSearchParams({ server: proxy.url, ...query })}`);
  await page.waitForFunction(() => (window as unknown as { relayReady?: boolean }).relayReady === true, undefined, { timeout: 30_000 });
  return page;
}

const probe = <T>(page: Page, read: () => T | Promise<T>): Promise<T> => page.evaluate(read);

/** The type of every ICE candidate in every sealed envelope the server carried whose text mentions `room`'s peers. */
function candidateTypes(ids: readonly string[]): string[] {
  const types: string[] = [];
  for (const { frame } of proxy.log) {
    for (const value of Object.values(frame)) {
      if (typeof value !== 'string' || value.length < 64) continue;
      let text: string;
      try {
        text = signedText(value);
      } catch {
        continue;
      }
      if (!ids.some((id) => text.includes(id)) && !ids.includes(String(frame.from ?? frame.id))) continue;
      for (const match of text.matchAll(/candidate:\S+ \d+ \w+ \d+ \S+ \d+ typ (\w+)/g)) types.push(match[1]!);
    }
  }
  return types;
}

test('relay-only: two pages chat and move a 10 MB file through coturn, and no sealed signal names a host or reflexive candidate', { timeout: 120_000 }, async () => {
  const room = 'relay-only';
  const a = await openRelayPage({ room, name: 'A', policy: 'relay' });
  const b = await openRelayPage({ room, name: 'B', policy: 'relay' });
  const [aId, bId] = await Promise.all([probe(a, () => relay.id), probe(b, () => relay.id)]);
  assert.deepEqual(await Promise.all([probe(a, () => relay.policy), probe(b, () => relay.policy)]), ['relay', 'relay']);
  await a.waitForFunction((other) => relay.connected().includes(other), bId, WAIT);
  await b.waitForFunction((other) => relay.connected().includes(other), aId, WAIT);

  await a.evaluate(() => relay.send('hello through the relay'));
  await b.waitForFunction(() => relay.texts().includes('hello through the relay'), undefined, WAIT);
  const digest = await a.evaluate(() => relay.share(10 * 1024 * 1024));
  assert.equal(await b.evaluate((wanted) => relay.fetch(wanted), digest), digest, 'the file arrived intact');

  // Each link's pings read its selected candidate pair: relayed.
  await b.waitForFunction((other) => relay.paths[other] !== undefined, aId, WAIT);
  assert.equal(await b.evaluate((other) => relay.paths[other], aId), 'relayed');

  const types = candidateTypes([aId, bId]);
  assert.ok(types.length > 0, 'the sealed signals carried candidates');
  assert.deepEqual([...new Set(types)], ['relay'], `only relay candidates left the pages (coturn log:\n${turn.log().slice(-2000)})`);
  await Promise.all([a.context().close(), b.context().close()]);
});

test('the tags: <peer-room ice-transport-policy="relay"> says the address is hidden, and <peer-list> shows the link as relayed', { timeout: 120_000 }, async () => {
  const open = async (name: string) => {
    const page = await (await environment.browser.newContext()).newPage();
    await page.goto(`${environment.vite.url}/test/e2e/pages/turn-elements.html?${new URLSearchParams({ server: proxy.url, room: 'relay-tags', name })}`);
    await page.waitForFunction(() => (window as unknown as { elementsReady?: boolean }).elementsReady === true, undefined, { timeout: 30_000 });
    return page;
  };
  const [a, b] = [await open('T'), await open('U')];
  // The state cell of the other peer's row: "Connected · relayed" once a ping has read the path.
  const stateText = (page: Page) =>
    page.evaluate(() => document.querySelector('peer-list')!.shadowRoot!.querySelector('[part~="state"]')?.textContent ?? '');
  await a.waitForFunction(() => /relayed/.test(document.querySelector('peer-list')!.shadowRoot!.querySelector('[part~="state"]')?.textContent ?? ''), undefined, WAIT);
  assert.match(await stateText(a), /^Connected · relayed/);
  assert.equal(await a.evaluate(() => document.querySelector('peer-room')!.shadowRoot!.querySelector('[part="relay-only"]')?.textContent?.trim()), 'IP address hidden');
  await Promise.all([a.context().close(), b.context().close()]);
});

test('pair mode links strangers relay-only by default when the server offers TURN', { timeout: 120_000 }, async () => {
  const a = await openRelayPage({ mode: 'pair', name: 'P' });
  const b = await openRelayPage({ mode: 'pair', name: 'Q' });
  const [aId, bId] = await Promise.all([probe(a, () => relay.id), probe(b, () => relay.id)]);
  assert.deepEqual(await Promise.all([probe(a, () => relay.policy), probe(b, () => relay.policy)]), ['relay', 'relay']);
  await a.waitForFunction((other) => relay.connected().includes(other), bId, WAIT);
  await b.waitForFunction((other) => relay.connected().includes(other), aId, WAIT);
  const types = candidateTypes([aId, bId]);
  assert.ok(types.length > 0, 'the sealed pair signals carried candidates');
  assert.deepEqual([...new Set(types)], ['relay']);
  await Promise.all([a.context().close(), b.context().close()]);
});

// TURN REST credentials expire. A link keeps the ICE servers it was made with, so every allocation
// it makes later — an ICE restart after a network change, a reconnect — would present expired
// ones, which coturn refuses (401, no relay candidate: measured). Links take fresh credentials at half their life (here 4 s)
// and restart ICE with them; the relayed link stays up and keeps carrying messages across the
// renewals. (coturn 4.6 still accepts refreshes of an existing allocation with expired
// credentials, measured here: without renewal this link survives too, but nothing it allocated
// after 4 s would.)
test('relayed links outlive their TURN credentials: fresh ones are fetched at half their life and ICE restarts with them', { timeout: 120_000 }, async () => {
  const shortLived = await startTurn({ allocationLifetimeSeconds: 10 });
  const signaling = await startCliServer(['--turn-secret', shortLived.secret, '--turn-url', shortLived.url, '--turn-ttl', '4']);
  try {
    const room = 'renewal';
    const a = await openRelayPage({ server: signaling.url, room, name: 'R', policy: 'relay' });
    const b = await openRelayPage({ server: signaling.url, room, name: 'S', policy: 'relay' });
    const [aId, bId] = await Promise.all([probe(a, () => relay.id), probe(b, () => relay.id)]);
    await a.waitForFunction((other) => relay.connected().includes(other), bId, WAIT);
    await b.waitForFunction((other) => relay.connected().includes(other), aId, WAIT);
    // Allocations made under a username (its expiry and the peer's id) coturn had not seen: each
    // renewal of each page brings one. Ten take both pages past their first allocation's end.
    const usernames = (log: string) => new Set([...log.matchAll(/new, realm=<[^>]*>, username=<([^>]+)>/g)].map((match) => match[1])).size;
    await shortLived.untilLog((log) => usernames(log) >= 10, 60_000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}: ${usernames(shortLived.log())} usernames, not 10 — credentials were not renewed`);
    });
    assert.deepEqual(await Promise.all([probe(a, () => relay.connected()), probe(b, () => relay.connected())]), [[bId], [aId]]);
    await a.evaluate(() => relay.send('still here after the renewals'));
    await b.waitForFunction(() => relay.texts().includes('still here after the renewals'), undefined, WAIT);
    await Promise.all([a.context().close(), b.context().close()]);
  } finally {
    await signaling.stop();
    await shortLived.stop();
  }
});

// No path at all: the TURN server the signaling server names is not there, and links may use
// nothing else. After the fallback bound (1 s on this page) chat goes through the signaling
// server, encrypted to the other page, and the list says so.
test('the tags: when no WebRTC path forms, <peer-list> shows "via server" and chat still arrives', { timeout: 120_000 }, async () => {
  const signaling = await startCliServer(['--turn-secret', 'unused-secret', '--turn-url', 'turn:127.0.0.1:9']);
  try {
    const open = async (name: string) => {
      const page = await (await environment.browser.newContext()).newPage();
      await page.goto(`${environment.vite.url}/test/e2e/pages/fallback-elements.html?${new URLSearchParams({ server: signaling.url, room: 'no-path', name })}`);
      await page.waitForFunction(() => (window as unknown as { elementsReady?: boolean }).elementsReady === true, undefined, { timeout: 30_000 });
      return page;
    };
    const [a, b] = [await open('V'), await open('W')];
    await a.locator('peer-list [part="peer"]', { hasText: 'W' }).filter({ hasText: 'Connected · via server' }).waitFor(WAIT);
    await b.locator('peer-list [part="peer"]', { hasText: 'V' }).filter({ hasText: 'Connected · via server' }).waitFor(WAIT);
    const composer = a.locator('peer-chat textarea');
    await composer.fill('no path, no problem');
    const sentAt = Date.now();
    await composer.press('Enter');
    await b.locator('peer-chat [part="text"]', { hasText: 'no path, no problem' }).waitFor(WAIT);
    console.log(`# through the server: typed → shown on the other page in ${Date.now() - sentAt} ms`);
    await a.locator('peer-chat [part="state"][aria-label="Delivered"]').waitFor(WAIT);
    await Promise.all([a.context().close(), b.context().close()]);
  } finally {
    await signaling.stop();
  }
});
