// Issue 7, large rooms, with real parts: the peerkit server on loopback, 57 Node peers (three
// child processes of 19, WebRTC from @roamhq/wrtc) and 3 Chromium pages in one room with
// maxLinks 4 — a partial mesh with signed gossip relay. Every broadcast reaches every peer
// exactly once (counted by text), no peer ever has more than 4 links, and a `peerkit virtual`
// client and a page that join after the chat was written get exactly that history through their
// few links.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';
import { startMeshHost, type MeshHost } from '../support/mesh-host.js';
import type { MeshReport } from '../support/mesh-probe.js';
import { MeshWatch, short } from '../support/mesh-watch.js';
import { startLoopbackVite } from '../support/vite-loopback.js';
import { startVirtualCli, type VirtualCli } from '../support/virtual-cli.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface MeshProbe {
  id: string;
  join(): Promise<void>;
  broadcast(data: string): void;
  chat(text: string): Promise<string>;
  history(): string[];
}
declare const mesh: MeshProbe;

const NS = 'peerkit-e2e';
const ROOM = 'large';
const MAX_LINKS = 4;
const HOSTS = 3;
const PER_HOST = 19;
const PAGES = 3;
/** Peers that join together: @roamhq/wrtc handles ~20 connects at a time on two cores. */
const WAVE = 12;
const WAVE_MS = 60_000;
const DELIVERY_MS = 30_000;

interface MeshPage {
  readonly page: Page;
  readonly id: string;
}

/** Started one by one, so whatever did start is stopped even when the next part fails. */
const environment = {} as { signaling: CliServer; vite: Awaited<ReturnType<typeof startLoopbackVite>>; browser: Browser; virtual?: VirtualCli; virtualData?: string };
const watch = new MeshWatch();
const hosts: MeshHost[] = [];
const hostOf = new Map<string, MeshHost>();
const pages: MeshPage[] = [];
let late: MeshPage | undefined;
/** Everyone in the room, in the order they joined. */
const joined: string[] = [];
/** Chat messages written in the room before the late joiner came. */
const sentChats: string[] = [];

/** mesh.html in a fresh context, its key made, not joined yet; its reports go to `watch`. */
async function openMeshPage(name: string): Promise<MeshPage> {
  const context = await environment.browser.newContext();
  const page = await context.newPage();
  await page.exposeFunction('meshReport', (batch: MeshReport[]) => watch.add(batch));
  page.on('pageerror', (error) => {
    // Vite's client finds no HMR socket (there is none, on purpose): not the page's doing.
    if (error.stack?.includes('/@vite/client')) return;
    watch.add([{ type: 'problem', to: `page ${name}`, kind: 'page-error', detail: error.stack ?? error.message }]);
  });
  const query = new URLSearchParams({ server: environment.signaling.url, ns: NS, room: ROOM, name, 'max-links': String(MAX_LINKS) });
  await page.goto(`${environment.vite.url}/test/e2e/pages/mesh.html?${query}`);
  await page.waitForFunction(() => (window as unknown as { meshReady?: boolean }).meshReady === true, undefined, { timeout: 60_000 });
  return { page, id: await page.evaluate(() => mesh.id) };
}

/** Joins these peers (Node or page) and waits until the whole room has settled again. */
async function joinWave(ids: readonly string[], log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await Promise.all([
    ...hosts.map((host) => {
      const mine = ids.filter((id) => hostOf.get(id) === host);
      return mine.length ? host.join(mine) : undefined;
    }),
    ...pages.filter((page) => ids.includes(page.id)).map((page) => page.page.evaluate(() => mesh.join())),
  ]);
  joined.push(...ids);
  await settled(`wave of ${ids.length} (${joined.length} peers)`, WAVE_MS);
  log(`${joined.length} peers: wave of ${ids.length} joined and settled in ${Date.now() - started} ms`);
}

function settled(what: string, ms: number): Promise<void> {
  return watch.until(
    () => watch.unsettled(joined, MAX_LINKS).length === 0,
    `a settled mesh after the ${what}`,
    ms,
    () => `${watch.unsettled(joined, MAX_LINKS).slice(0, 20).join('\n')}\nproblems:\n${problemLines()}`,
  );
}

function broadcastFrom(id: string, data: string): Promise<void> {
  const page = pages.find((candidate) => candidate.id === id);
  if (page) return page.page.evaluate((text) => mesh.broadcast(text), data);
  return hostOf.get(id)!.broadcast(id, data);
}

function chatFrom(id: string, text: string): Promise<string> {
  const page = pages.find((candidate) => candidate.id === id);
  if (page) return page.page.evaluate((words) => mesh.chat(words), text);
  return hostOf.get(id)!.chat(id, text);
}

/** Peers that have not yet received each of `texts` (their own excluded), with what they see. */
function missingBroadcasts(texts: readonly { from: string; data: string }[]): string[] {
  return joined.flatMap((id) => {
    const counts = watch.received.get(id);
    const missing = texts.filter((text) => text.from !== id && !counts?.has(text.data));
    if (!missing.length) return [];
    const state = watch.states.get(id);
    const origins = [...new Set(missing.map((text) => text.from))].map((from) => `${short(from)} (${where(from)}, linked to [${watch.states.get(from)?.linked.map(short).join(' ')}])`);
    return [
      `${short(id)} (${where(id)}) lacks ${missing.length}: ${missing.slice(0, 3).map((text) => text.data).join(', ')}; ` +
        `it knows ${state?.peers}, linked [${state?.linked.map(short).join(' ')}], got ${counts?.size ?? 0} (${watch.relayed.get(id) ?? 0} relayed), relay duplicates ${state?.relayDuplicates}; from ${origins.join(', ')}`,
    ];
  });
}

/** Which process a peer runs in. */
function where(id: string): string {
  const page = [...pages, ...(late ? [late] : [])].findIndex((candidate) => candidate.id === id);
  return page >= 0 ? `page ${page}` : `host ${hostOf.get(id)?.child.pid}`;
}

function problemLines(): string {
  return watch.problems.map((problem) => `  at ${(problem.at / 1000).toFixed(1)} s ${problem.kind} in ${problem.to.startsWith('host') || problem.to.startsWith('page') ? problem.to : `${short(problem.to)} (${where(problem.to)})`}: ${problem.detail.split('\n').slice(0, 3).join(' | ')}`).slice(0, 30).join('\n');
}

/** Problems the peers reported so far, by kind (some are expected: links that fail while the mesh rewires). */
function logProblems(log: (line: string) => void): void {
  const kinds = new Map<string, number>();
  for (const problem of watch.problems) kinds.set(problem.kind, (kinds.get(problem.kind) ?? 0) + 1);
  if (!kinds.size) return;
  log(`problems reported: ${[...kinds].map(([kind, count]) => `${count} × ${kind}`).join(', ')}`);
  for (const line of problemLines().split('\n')) log(line);
}

before(async () => {
  environment.signaling = await startCliServer([]);
  environment.vite = await startLoopbackVite();
  environment.browser = await launchChromium();
  const config = { server: environment.signaling.url, ns: NS, room: ROOM, maxLinks: MAX_LINKS };
  // Each host is kept as soon as it runs, so after() stops it even if another failed to start.
  await Promise.all(Array.from({ length: HOSTS }, async () => hosts.push(await startMeshHost(config, (reports) => watch.add(reports), (error) => watch.fail(error)))));
});

after(async () => {
  await environment.virtual?.stop();
  if (environment.virtualData) rmSync(environment.virtualData, { recursive: true, force: true });
  await Promise.all(hosts.map((host) => host.stop()));
  await environment.browser?.close();
  await environment.vite?.close();
  await environment.signaling?.stop();
});

test('60 peers (57 Node, 3 pages) with maxLinks 4: every broadcast reaches every peer exactly once', { timeout: 240_000 }, async (t) => {
  const started = Date.now();
  const log = (line: string) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);
  // Keys first (CPU-bound), in all hosts and pages at once; the late joiner's page too. One page
  // loads alone first: Vite transforms the modules once for all.
  const firstPage = await openMeshPage('page-0');
  const [hostIds, otherPages] = await Promise.all([
    Promise.all(hosts.map((host, h) => host.create(Array.from({ length: PER_HOST }, (_, i) => `node-${h}-${i}`)))),
    Promise.all(Array.from({ length: PAGES }, (_, i) => openMeshPage(i + 1 < PAGES ? `page-${i + 1}` : 'late'))),
  ]);
  const meshPages = [firstPage, ...otherPages];
  hostIds.forEach((ids, h) => ids.forEach((id) => hostOf.set(id, hosts[h]!)));
  pages.push(...meshPages.slice(0, PAGES));
  late = meshPages[PAGES]!;
  log(`${HOSTS * PER_HOST} Node keys and ${PAGES + 1} pages ready`);

  // Waves, each drawn evenly from the hosts; the pages come with the first, so they live
  // through every rewiring as the room grows from a full mesh to a partial one.
  const queue = hostIds.map((ids) => [...ids]);
  const waves: string[][] = [];
  let first = pages.map((page) => page.id);
  while (queue.some((ids) => ids.length)) {
    const wave = [...first];
    first = [];
    for (let h = 0; wave.length < WAVE && queue.some((ids) => ids.length); h = (h + 1) % HOSTS) {
      const id = queue[h]!.shift();
      if (id) wave.push(id);
    }
    waves.push(wave);
  }
  for (const wave of waves) await joinWave(wave, log);
  assert.equal(joined.length, HOSTS * PER_HOST + PAGES);
  assert.ok(joined.length >= 60);
  for (const id of joined) assert.equal(watch.states.get(id)!.mesh, 'partial', `${short(id)} is in a partial mesh`);

  // Two broadcasts from a page and from one peer in each host.
  const senders = [pages[0]!.id, ...hostIds.map((ids) => ids[Math.floor(ids.length / 2)]!)];
  const texts = senders.flatMap((from) => [1, 2].map((n) => ({ from, data: `bc:${short(from)}:${n}` })));
  const sentAt = Date.now();
  await Promise.all(texts.map(({ from, data }) => broadcastFrom(from, data)));
  await watch.until(() => missingBroadcasts(texts).length === 0, 'every broadcast at every peer', DELIVERY_MS, () => `${missingBroadcasts(texts).slice(0, 20).join('\n')}\nproblems:\n${problemLines()}`);
  log(`${texts.length} broadcasts reached all ${joined.length} peers in ${Date.now() - sentAt} ms`);
  // A late copy would come within a few link delays: a last marker travels everywhere after them
  // (relay is in order per link), then the counts are final.
  const marker = { from: hostIds[0]![0]!, data: 'bc:end' };
  await broadcastFrom(marker.from, marker.data);
  await watch.until(() => missingBroadcasts([marker]).length === 0, 'the end marker at every peer', DELIVERY_MS, () => `${missingBroadcasts([marker]).slice(0, 20).join('\n')}\nproblems:\n${problemLines()}`);

  for (const id of joined) {
    const want = [...texts, marker].filter((text) => text.from !== id).map((text) => [text.data, 1] as const);
    assert.deepEqual([...watch.received.get(id)!].sort(), want.sort(), `what ${short(id)} received, and how many times`);
  }
  const relayed = joined.reduce((sum, id) => sum + (watch.relayed.get(id) ?? 0), 0);
  assert.ok(relayed > 0, 'broadcasts were relayed');

  const degrees = joined.map((id) => watch.states.get(id)!);
  const maxLinked = Math.max(...degrees.map((state) => state.maxLinked));
  const maxLive = Math.max(...degrees.map((state) => state.maxLive));
  log(`links: most connected at once ${maxLinked}, most connecting+connected ${maxLive}; ${relayed} deliveries relayed; ${degrees.reduce((sum, state) => sum + state.rotations, 0)} rotations`);
  logProblems(log);
  for (const state of degrees) assert.ok(state.maxLinked <= MAX_LINKS, `${short(state.id)} had ${state.maxLinked} links at once (max ${MAX_LINKS})`);
  assert.deepEqual(
    watch.problems.filter((problem) => ['relay-rejected', 'uncaught-exception', 'unhandled-rejection', 'page-error'].includes(problem.kind)),
    [],
    'no relayed frame refused, nothing thrown',
  );
});

test('a page that joins after the chat gets exactly that history through its few links', { timeout: 120_000 }, async (t) => {
  assert.ok(joined.length >= 60 && late, 'runs after the test above');
  const latePage = late;
  const started = Date.now();
  const log = (line: string) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);
  const writers = [pages[1]!.id, ...[...new Set(hostOf.values())].map((host) => joined.find((id) => hostOf.get(id) === host)!)];
  for (const [n, from] of writers.entries()) sentChats.push(await chatFrom(from, `hello ${n} from ${short(from)}`), await chatFrom(from, `again ${n}`));
  const lacking = () => joined.filter((id) => !sentChats.every((chat) => watch.chats.get(id)?.includes(chat)));
  await watch.until(() => lacking().length === 0, 'every chat message in every history', DELIVERY_MS, () => `lacking: ${lacking().map(short).join(' ')}`);
  log(`${sentChats.length} chat messages in all ${joined.length} histories`);

  // A `peerkit virtual` client joins late too, as one more peer of the partial mesh (at most
  // MAX_LINKS links), and keeps the whole history it gets through them.
  environment.virtualData = mkdtempSync(join(tmpdir(), 'peerkit-large-virtual-'));
  const virtualClient = await startVirtualCli(['--server', environment.signaling.url, '--ns', NS, '--room', ROOM, '--data', environment.virtualData, '--max-peers', String(MAX_LINKS)]);
  environment.virtual = virtualClient;
  // (`sentChats` holds the ids the writers' ChatSync gave their messages.)
  await Promise.all(sentChats.map((id) => virtualClient.logged((line) => line.msg === 'message kept' && line.id === id, DELIVERY_MS)));
  log(`the virtual client kept all ${sentChats.length} messages`);
  // It leaves again, so the checks below are about the probed peers' mesh only.
  assert.equal(await virtualClient.stop(), 0, 'the virtual client stops cleanly');
  environment.virtual = undefined;

  await latePage.page.evaluate(() => mesh.join());
  joined.push(latePage.id);
  const expected = [...sentChats].sort();
  const lateHas = () => [...(watch.chats.get(latePage.id) ?? [])].sort();
  await watch.until(() => lateHas().length >= expected.length, "the late joiner's history", DELIVERY_MS, () => `late joiner has ${lateHas().length}/${expected.length}`);
  log(`late joiner has all ${expected.length} messages`);
  assert.deepEqual(lateHas(), expected, 'the late joiner holds exactly what was said, each once');
  assert.deepEqual((await latePage.page.evaluate(() => mesh.history())).sort(), expected, 'and its ChatHistory says the same');
  await settled('late joiner', WAVE_MS);
  const state = watch.states.get(latePage.id)!;
  log(`late joiner linked to ${state.linked.length} of ${state.peers}`);
  assert.ok(state.linked.length <= MAX_LINKS && state.maxLinked <= MAX_LINKS, `late joiner: ${state.maxLinked} links at most`);
  assert.ok(state.linked.length < state.peers, 'the late joiner is not linked to everyone');
  logProblems(log);
  for (const id of joined) assert.ok(watch.states.get(id)!.maxLinked <= MAX_LINKS, `${short(id)} had ${watch.states.get(id)!.maxLinked} links at once`);
  assert.deepEqual(
    watch.problems.filter((problem) => ['relay-rejected', 'chat-rejected', 'chat-error', 'uncaught-exception', 'unhandled-rejection', 'page-error'].includes(problem.kind)),
    [],
    'no relayed frame or chat message refused, nothing thrown',
  );
});
