// Envelopes and keys are standard OpenPGP: GnuPG verifies what peerkit seals, peerkit opens what GnuPG
// signs, a key made here (without kbpgp) imports into GnuPG with its secret, and a GnuPG key imports here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { inflateRaw } from 'pako';
import { fromBase64Url, toBase64Url } from '../../src/core/util/bytes.js';
import { ENVELOPE_DICTIONARY_V1 } from '../../src/core/envelope/dictionary.js';
import { EnvelopeError, open, seal } from '../../src/core/envelope/envelope.js';
import { Identity } from '../../src/core/identity/identity.js';
import { Keyring } from '../../src/core/identity/keyring.js';
import { ReplayGuard } from '../../src/core/envelope/replay-guard.js';
import { memoryStore } from '../../src/core/platform/storage.js';

let home: string;
const gpg = (args: string[], input?: string | Uint8Array): Buffer =>
  execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--no-tty', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'] });

before(() => {
  home = mkdtempSync(join(tmpdir(), 'peerkit-gpg-'));
});
after(() => {
  try {
    execFileSync('gpgconf', ['--homedir', home, '--kill', 'all']);
  } catch {
    // No agent was started.
  }
  rmSync(home, { recursive: true, force: true });
});

test('GnuPG verifies a sealed envelope with the sender\'s exported public key', { timeout: 60_000 }, async () => {
  const alice = await Identity.create({ name: 'Alice', store: memoryStore() });
  const sealed = await seal(alice, { ns: 'app', room: 'r', to: 'bob', type: 'signal', body: { hello: 'gpg' } });
  const bytes = fromBase64Url(sealed);
  assert.equal(bytes[0], 1, 'codec 1: deflate with the preset dictionary');
  const message = inflateRaw(bytes.subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 });

  gpg(['--import'], alice.exportPublicKey());
  const status = execFileSync('gpg', ['--homedir', home, '--batch', '--status-fd', '1', '--verify'], { input: message, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  assert.match(status, new RegExp(`\\[GNUPG:\\] VALIDSIG ${alice.fingerprint.toUpperCase()} `));
  const signed = JSON.parse(gpg(['--decrypt'], message).toString());
  assert.equal(signed.from, alice.fingerprint);
  assert.deepEqual(signed.body, { hello: 'gpg' });

  message[message.length - 3]! ^= 1;
  assert.throws(() => gpg(['--verify'], message), 'GnuPG refuses the altered message too');
});

test('an envelope signed by GnuPG with its own Ed25519 key opens, and its forgery does not', { timeout: 60_000 }, async () => {
  gpg(['--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Gnu <gnu@example.org>', 'ed25519', 'sign', 'never']);
  const fingerprint = /fpr:+([0-9A-F]{40}):/.exec(gpg(['--with-colons', '--list-keys', 'gnu@example.org']).toString())![1]!.toLowerCase();
  const armored = gpg(['--armor', '--export', 'gnu@example.org']).toString();
  const content = { v: 1, ns: 'app', room: 'r', from: fingerprint, to: 'bob', type: 'signal', nonce: 'gnupg-nonce-1', ts: Date.now(), key: armored, body: { from: 'gpg' } };
  // gpg's default output: one-pass signature, literal data and signature inside a compressed-data packet.
  const signed = gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--sign'], JSON.stringify(content));
  const header = signed[0]!;
  assert.equal(header & 0x40 ? header & 0x3f : (header >> 2) & 0x0f, 8, 'GnuPG compressed its message');

  const opened = await open(toBase64Url(new Uint8Array(signed)), { ns: 'app', room: 'r', me: 'bob', replay: new ReplayGuard() });
  assert.equal(opened.from, fingerprint);
  assert.equal(opened.sender.name, 'Gnu <gnu@example.org>');
  assert.deepEqual(opened.body, { from: 'gpg' });

  const impostor = gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--sign'], JSON.stringify({ ...content, from: 'a'.repeat(40) }));
  await assert.rejects(open(new Uint8Array(impostor), { ns: 'app', room: 'r', me: 'bob', replay: new ReplayGuard() }), (error: unknown) => {
    assert.ok(error instanceof EnvelopeError);
    assert.equal(error.code, 'signer-mismatch');
    return true;
  });
});

test('a key made here imports into GnuPG with its secret, and what GnuPG signs with it opens here as from that key', { timeout: 60_000 }, async () => {
  const made = await Identity.create({ name: 'Made Here', store: memoryStore() });
  gpg(['--import'], await made.exportPrivateKey());
  const listed = gpg(['--with-colons', '--list-secret-keys', made.fingerprint.toUpperCase()]).toString();
  assert.match(listed, /^sec:u?:?/m, 'GnuPG holds the secret key');
  assert.match(listed, new RegExp(`^fpr:+${made.fingerprint.toUpperCase()}:`, 'm'));
  assert.match(listed, /^uid:.*:Made Here:/m, 'and the self-certified user id');

  const content = { v: 1, ns: 'app', room: 'r', from: made.fingerprint, to: 'bob', type: 'signal', nonce: 'made-here-1', ts: Date.now(), body: { signedBy: 'gpg' } };
  const signed = gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--local-user', made.fingerprint.toUpperCase(), '--sign'], JSON.stringify(content));
  // The content carries no key: the signature must verify with the one this side knows as the key's.
  const keys = await Keyring.open({ store: memoryStore() });
  await keys.add(made.exportPublicKey());
  const opened = await open(new Uint8Array(signed), { ns: 'app', room: 'r', me: 'bob', replay: new ReplayGuard(), keys, policy: 'known' });
  assert.equal(opened.from, made.fingerprint);
  assert.deepEqual(opened.body, { signedBy: 'gpg' });
});

test('a GnuPG-made secret key imports here and seals what GnuPG verifies', { timeout: 60_000 }, async () => {
  gpg(['--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Exported <exported@example.org>', 'ed25519', 'sign', 'never']);
  const fingerprint = /fpr:+([0-9A-F]{40}):/.exec(gpg(['--with-colons', '--list-keys', 'exported@example.org']).toString())![1]!;
  const secret = gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--armor', '--export-secret-keys', fingerprint]).toString();
  const imported = await Identity.import(secret, { store: memoryStore() });
  assert.equal(imported.fingerprint, fingerprint.toLowerCase());
  assert.equal(imported.name, 'Exported <exported@example.org>');

  const sealed = await seal(imported, { ns: 'app', room: 'r', to: 'bob', type: 'signal', body: { signedBy: 'peerkit' } });
  const message = inflateRaw(fromBase64Url(sealed).subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 });
  const status = execFileSync('gpg', ['--homedir', home, '--batch', '--status-fd', '1', '--verify'], { input: message, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  assert.match(status, new RegExp(`\\[GNUPG:\\] VALIDSIG ${fingerprint} `));
});
