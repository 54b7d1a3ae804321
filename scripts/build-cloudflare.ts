// `npm run build:cloudflare`: the Cloudflare Worker and its Durable Objects (src/cloudflare) as one
// ES module for workerd, dist/cloudflare/worker.js. The conformance suite builds it the same way
// (test/support/signaling-backends.ts).
import { build, type BuildResult } from 'esbuild';
import { fileURLToPath } from 'node:url';

export function buildWorker(outfile: string): Promise<BuildResult> {
  return build({
    entryPoints: [fileURLToPath(new URL('../src/cloudflare/worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    // tweetnacl's Node branch, never taken where WebCrypto exists (workerd has it).
    external: ['crypto'],
    outfile,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWorker(fileURLToPath(new URL('../dist/cloudflare/worker.js', import.meta.url)));
