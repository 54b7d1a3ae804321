/**
 * bench/size: min+gzip bytes of the CDN build next to PeerJS's and simple-peer's browser bundles.
 * Three peerkit figures: the entry (what renders the tags: peerkit.js and the chunks it imports
 * statically, which the browser loads before any tag renders), what a page with <peer-identity> and
 * <peer-room> really loads (recorded from a headless Chromium on examples/cdn.html: a first visit,
 * which makes a key, and a return), and everything the build emits (including kbpgp, which loads
 * only to import a key or set a passphrase). Then the source modules the entry's bytes come from, largest first.
 * Usage: npm run bench:size
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, roomInStatus } from '../../test/support/browser.js';
import { startCliServer } from '../../test/support/cli-server.js';
import { measureEntry } from './entry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdn = join(root, 'dist/cdn');

async function gzipped(path: string): Promise<number> {
  return gzipSync(await readFile(path), { level: 9 }).length;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.js')).map((entry) => join(entry.parentPath, entry.name));
}

/** The CDN files a real page requests until its room is open: on a first visit, and again when it returns (its key stored). */
async function loadedByExample(): Promise<{ first: string[]; returning: string[] }> {
  const server = await startCliServer(['--static', root]);
  const profile = await mkdtemp(join(tmpdir(), 'peerkit-size-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const visit = async () => {
      const page = await context.newPage();
      const requested = new Set<string>();
      page.on('request', (request) => requested.add(new URL(request.url()).pathname));
      await page.goto(`${server.url}/examples/cdn.html`);
      await roomInStatus(page, 'open');
      await page.close();
      return [...requested].filter((path) => path.startsWith('/dist/cdn/') && path.endsWith('.js')).map((path) => join(root, path));
    };
    const first = await visit();
    return { first, returning: await visit() };
  } finally {
    await context.close();
    await server.stop();
    await rm(profile, { recursive: true, force: true });
  }
}

await promisify(execFile)('npm', ['run', 'build:cdn'], { cwd: root });
const entry = await measureEntry(root, 'vite.cdn.config.ts', 'dist/cdn', 'peerkit.js');
const all = await filesUnder(cdn);
const loaded = await loadedByExample();
const sum = async (paths: string[]) => (await Promise.all(paths.map(gzipped))).reduce((a, b) => a + b, 0);
const peerjs = await gzipped(join(root, 'node_modules/peerjs/dist/peerjs.min.js'));
const simplePeer = await gzipped(join(root, 'node_modules/simple-peer/simplepeer.min.js'));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const rows: [string, number][] = [
  ['peerkit CDN entry (renders the tags): peerkit.js and its static imports', entry.gzipBytes],
  ['peerkit.js alone (what this table counted before 2026-12-05; now it only names the exports of chunks/elements-*.js)', await gzipped(join(cdn, 'peerkit.js'))],
  ['peerkit, what examples/cdn.html loads on a first visit (makes a key: WebCrypto, no kbpgp)', await sum(loaded.first)],
  ['peerkit, what it loads when the visitor returns (key stored)', await sum(loaded.returning)],
  ['peerkit, every file the build emits', await sum(all)],
  ['PeerJS 1.5.5 peerjs.min.js', peerjs],
  ['simple-peer 9.11.1 simplepeer.min.js', simplePeer],
];
console.log('bench/size — min+gzip (zlib level 9), KB');
console.log('');
console.log('| bundle | KB | ÷ PeerJS |');
console.log('|---|---|---|');
for (const [name, bytes] of rows) console.log(`| ${name} | ${kb(bytes)} | ${(bytes / peerjs).toFixed(2)}× |`);
console.log('');
console.log(`first visit: ${loaded.first.map((path) => relative(cdn, path)).join(', ')}`);
console.log(`returning: ${loaded.returning.map((path) => relative(cdn, path)).join(', ')}`);
console.log(`entry files: ${entry.files.map((file) => `${file.fileName} ${kb(file.gzipBytes)}`).join(', ')}`);
// Issue 14's target for the entry, with the design system in it.
const ENTRY_TARGET_KB = 25;
console.log(`entry target ≤ ${ENTRY_TARGET_KB} KB: ${entry.gzipBytes / 1024 <= ENTRY_TARGET_KB ? 'met' : 'NOT met'} (${kb(entry.gzipBytes)} KB)`);
console.log('');
console.log("Where the entry's bytes come from (each module's share of its chunk's min+gzip by minified bytes, from source maps), top 25:");
console.log('');
console.log('| source | KB |');
console.log('|---|---|');
for (const { source, gzipBytes } of entry.contributions.slice(0, 25)) console.log(`| ${source} | ${kb(gzipBytes)} |`);
