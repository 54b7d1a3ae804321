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

test('the VS Code custom data and the README elements table match custom-elements.json', async () => {
  const docs = (await import(join(root, 'scripts/element-docs.mjs'))) as {
    vscodeData(manifest: unknown): unknown;
    readmeSection(manifest: unknown): string;
  };
  const manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8')) as unknown;
  assert.deepEqual(JSON.parse(await readFile(join(root, 'vscode.html-custom-data.json'), 'utf8')), docs.vscodeData(manifest));
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  assert.ok(readme.includes(docs.readmeSection(manifest)), 'README.md elements table is stale: run npm run analyze');
  const tags = (docs.vscodeData(manifest) as { tags: { name: string }[] }).tags.map((tag) => tag.name).sort();
  const blocks = ['peer-alert', 'peer-avatar', 'peer-button', 'peer-copy-button', 'peer-dialog', 'peer-icon', 'peer-presence', 'peer-relative-time', 'peer-tooltip'];
  assert.deepEqual(tags, [...blocks, 'peer-call', 'peer-chat', 'peer-identity', 'peer-list', 'peer-room'].sort());
});
