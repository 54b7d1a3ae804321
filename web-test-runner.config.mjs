// Unit and element tests in a real Chromium (Debian's /usr/bin/chromium), with Vite transforming
// TypeScript and dependencies exactly as in the app build.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { misconfiguredServers } from './test/support/misconfigured-servers.mjs';
// Debian's Chromium and the flags that keep it off the closed network (TOOLCHAIN.md).
import chromium from './test/support/chromium.json' with { type: 'json' };
import { createServer as createViteServer } from 'vite';


let vite;
const viteReady = () =>
  (vite ??= createViteServer({
    configFile: new URL('./vite.config.ts', import.meta.url).pathname,
    server: { middlewareMode: true, hmr: false, ws: false },
    // wtr's own browser runtime (its command socket) is served by wtr, not a module Vite knows.
    plugins: [{ name: 'peerkit:wtr-runtime', resolveId: (id) => (id.startsWith('/__web-dev-server__') ? { id, external: true } : null) }],
    appType: 'custom',
    // A dependency cache of its own (per port): two Vites optimizing into one folder make each
    // other's pre-bundled modules vanish mid-run, and `npm test` runs this one beside the Node
    // suites' (test/support/browser.ts startVite).
    cacheDir: `node_modules/.vite-wtr-${process.env.PEERKIT_WTR_PORT ?? 'main'}`,
    clearScreen: false,
    logLevel: 'warn',
  }));

/** Vite answers whatever it can (modules, assets); the rest falls through to wtr. */
async function viteMiddleware(ctx, next) {
  const server = await viteReady();
  const passedOn = await new Promise((resolve, reject) => {
    ctx.res.once('finish', () => resolve(false));
    server.middlewares(ctx.req, ctx.res, (error) => (error ? reject(error) : resolve(true)));
  });
  if (passedOn) return next();
  ctx.respond = false;
}

/** wtr binds every interface even when told 127.0.0.1; rebind to loopback before any browser starts. */
const loopbackOnly = {
  name: 'peerkit:loopback-only',
  async serverStart({ server, config }) {
    if (!server) return;
    server.close();
    server.listen({ port: config.port, host: '127.0.0.1' });
    await once(server, 'listening');
  },
  async serverStop() {
    if (vite) await (await vite).close();
  },
};

/**
 * A real peerkit signaling server for browser tests, as its own process (the CLI), on a free
 * loopback port. Tests reach it through server commands: `signaling-url`, and
 * `signaling-restart` (kill it, start it again on the same port) for recovery tests, or
 * `signaling-stop` and `signaling-start` (again on the same port) for an outage as long as a test needs.
 */
let signaling;
let stoppedPort;
async function startSignaling(port = 0) {
  const child = spawn(process.execPath, ['bin/peerkit.js', 'serve', '--port', String(port), '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`signaling server exited (${code}): ${output}`)));
  });
  return { url, port: Number(new URL(url).port), child, exited: once(child, 'exit') };
}
async function stopSignaling() {
  if (!signaling) return;
  const { child, exited } = signaling;
  signaling = undefined;
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited;
}
const signalingServer = {
  name: 'peerkit:signaling',
  async serverStart() {
    signaling = await startSignaling();
  },
  async serverStop() {
    await stopSignaling();
  },
  async executeCommand({ command }) {
    if (command === 'signaling-url') return signaling?.url ?? null;
    if (command === 'signaling-restart') {
      const port = signaling.port;
      await stopSignaling();
      signaling = await startSignaling(port);
      return signaling.url;
    }
    if (command === 'signaling-stop') {
      stoppedPort = signaling?.port ?? stoppedPort;
      await stopSignaling();
      return true;
    }
    if (command === 'signaling-start') {
      signaling ??= await startSignaling(stoppedPort ?? 0);
      return signaling.url;
    }
    return undefined;
  },
};

export default {
  files: ['src/**/*.test.ts', '!src/server/**'],
  hostname: '127.0.0.1',
  // PEERKIT_WTR_PORT lets two runs (two work trees, or a run beside a benchmark) share a machine.
  port: Number(process.env.PEERKIT_WTR_PORT ?? 8765),
  nodeResolve: false,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  middleware: [viteMiddleware],
  plugins: [loopbackOnly, signalingServer, misconfiguredServers()],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: chromium.executablePath, headless: true, args: chromium.args } })],
  testFramework: { config: { timeout: 20_000 } },
  // After mocha, before any test: an unhandled promise rejection fails the test it happened in.
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head></head><body><script type="module" src="${testFramework}"></script><script type="module" src="/test/support/browser-rejections.ts"></script></body></html>`,
  reporters: [defaultReporter(), ...(process.env.PEERKIT_WTR_SUMMARY ? [summaryReporter(process.env.PEERKIT_WTR_SUMMARY)] : [])],
};
