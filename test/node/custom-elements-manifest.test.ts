// custom-elements.json is committed; this fails when it no longer matches the elements' source.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('custom-elements.json is current (run `npm run analyze` after changing an element)', { timeout: 60_000 }, async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'peerkit-cem-'));
  try {
    const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
    // The analyzer joins --outdir onto the working directory, so it gets a relative path.
    await promisify(execFile)(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir), '--quiet'], { cwd: root });
    const fresh = JSON.parse(await readFile(join(outdir, 'custom-elements.json'), 'utf8')) as unknown;
    const committed = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8')) as unknown;
    assert.deepEqual(committed, fresh);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});
