// The CDN entry (peerkit.js and what it imports statically) renders the tags; everything else
// loads when it is first needed. These are the modules that once crept into it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { measureEntry } from '../../bench/size/entry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the CDN entry carries no crypto, WebRTC, storage, QR encoder, safety-number math or second language', { timeout: 120_000 }, async () => {
  const entry = await measureEntry(root, 'vite.cdn.config.ts', 'dist/cdn', 'peerkit.js');
  const sources = entry.contributions.map((contribution) => contribution.source);
  assert.ok(sources.some((source) => source.startsWith('lit-html/')), 'the measurement sees the modules (lit is in the entry)');
  const lazy = [/^kbpgp\//, /^simple-peer\//, /^localforage\//, /^pako\//, /^tweetnacl\//, /^uqr\//, /^src\/core\/identity\//, /^src\/elements\/locales\/de\.ts$/];
  assert.deepEqual(
    sources.filter((source) => lazy.some((pattern) => pattern.test(source))),
    [],
  );
});
