#!/usr/bin/env node
// `npm test`: typecheck, lint, the core's layering (.dependency-cruiser.cjs), browser suites (wtr in Chromium), Node suites (node --test), then
// one closing line "N passed, N failed" with the totals of every suite that ran.
//
// Two lanes run side by side: the Node suites on one, the gates and then the browser suites on
// the other (the lanes come out about even: measured on 2 cores, 13.7 min one after the other,
// about 10 side by side). Most of either lane is waiting (on pages, WebRTC, servers): one after the
// other, a run kept two cores a third busy. The browser suites' output (progress bars) is held and
// printed when they end, so the two never interleave.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const totals = { passed: 0, failed: 0 };

/** Runs a command to its end; its output goes to ours as it comes, or into `held` (an array) to print later. */
function run(command, args, { env, onLine, held } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', held ? 'pipe' : 'inherit'] });
    if (held) child.stderr.on('data', (chunk) => held.push(chunk));
    let pending = '';
    child.stdout.on('data', (chunk) => {
      if (held) held.push(chunk);
      else process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) onLine?.(line);
    });
    child.on('close', (code) => {
      if (pending) onLine?.(pending);
      resolve(code ?? 1);
    });
  });
}

/** A check that passes or fails as a whole; its output is held in `held` (printed by the caller). */
async function gate(name, command, args, held) {
  held.push(Buffer.from(`\n== ${name}\n`));
  const code = await run(command, args, { held });
  if (code !== 0) {
    held.push(Buffer.from(`${name} failed\n`));
    totals.failed++;
  }
}

async function browserSuites() {
  const scratch = mkdtempSync(join(tmpdir(), 'peerkit-test-'));
  const summary = join(scratch, 'wtr.json');
  const held = [];
  const started = Date.now();
  const wtrCode = await run(bin('wtr'), [], { env: { PEERKIT_WTR_SUMMARY: summary }, held });
  console.log(`\n== browser suites (wtr, Chromium), ${Math.round((Date.now() - started) / 1000)} s`);
  process.stdout.write(Buffer.concat(held));
  if (existsSync(summary)) {
    const wtr = JSON.parse(readFileSync(summary, 'utf8'));
    totals.passed += wtr.passed;
    totals.failed += wtr.failed;
    if (wtrCode !== 0 && wtr.failed === 0) totals.failed++;
  } else {
    console.log('wtr ended without a summary');
    totals.failed++;
  }
  rmSync(scratch, { recursive: true, force: true });
}

async function gatesThenBrowserSuites() {
  const held = [];
  await gate('typecheck', bin('tsc'), ['-p', '.'], held);
  await gate('lint', bin('eslint'), ['.'], held);
  await gate('layers and cycles', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs'], held);
  process.stdout.write(Buffer.concat(held));
  await browserSuites();
}

async function nodeSuites() {
  console.log('\n== node suites (node --test)');
  // test/visual: the README's pictures compared with what the elements render now.
  // test/conformance: one protocol suite against every signaling backend.
  const nodeFiles = ['test/node', 'test/e2e', 'test/hostile', 'test/visual', 'test/conformance', 'src/server']
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir, { recursive: true }).map((file) => join(dir, String(file))))
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
  let nodePassed = 0;
  let nodeFailed = 0;
  // node-rejections: an unhandled promise rejection in any test process fails the run, naming its reason.
  const nodeCode = await run(process.execPath, ['--import', 'tsx', '--import', './test/support/node-rejections.ts', '--test', '--test-reporter=tap', ...nodeFiles], {
    onLine(line) {
      const pass = /^# pass (\d+)$/.exec(line);
      const fail = /^# fail (\d+)$/.exec(line);
      if (pass) nodePassed = Number(pass[1]);
      if (fail) nodeFailed = Number(fail[1]);
    },
  });
  totals.passed += nodePassed;
  totals.failed += nodeFailed;
  if (nodeCode !== 0 && nodeFailed === 0) totals.failed++;
}

console.log('the gates and the browser suites (wtr) run beside the Node suites; their output follows when they end');
await Promise.all([gatesThenBrowserSuites(), nodeSuites()]);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
