import { expect } from 'chai';
import { Identity, IdentityError, type IdentityErrorCode } from './identity.js';
import { open, seal } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { memoryStore } from '../platform/storage.js';
import { readPublicKey } from '../openpgp/key.js';
import { loadKbpgp, kbpgpCall, kbpgpStep } from '../platform/kbpgp-loader.js';
import { keyToolsLocation } from '../openpgp/key-tools-client.js';
import { freshBrowserStore } from '../../../test/support/identities.js';

async function expectIdentityError(promise: Promise<unknown>, code: IdentityErrorCode): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(IdentityError);
    expect((error as IdentityError).code).to.equal(code);
    return;
  }
  expect.fail(`expected IdentityError "${code}"`);
}

async function signsFor(identity: Identity): Promise<boolean> {
  const sealed = await seal(identity, { ns: 'n', room: 'r', to: 'me', type: 't', body: 1, includeKey: true });
  const opened = await open(sealed, { ns: 'n', room: 'r', me: 'me', replay: new ReplayGuard() });
  return opened.from === identity.fingerprint;
}

describe('Identity', function () {
  this.timeout(60_000);

  it('creates an Ed25519 key whose fingerprint is the peer id, stored in IndexedDB', async () => {
    const store = await freshBrowserStore('identity');
    const created = await Identity.create({ name: 'Ada', store });
    expect(created.fingerprint).to.match(/^[0-9a-f]{40}$/);
    expect(created.name).to.equal('Ada');
    expect(created.isProtected).to.equal(false);
    const key = await readPublicKey(created.exportPublicKey());
    expect(key.fingerprint).to.equal(created.fingerprint);
    expect(await signsFor(created)).to.equal(true);

    const loaded = await Identity.load({ store });
    expect(loaded?.fingerprint).to.equal(created.fingerprint);
    expect(await signsFor(loaded!)).to.equal(true);
  });

  it('runs kbpgp in a Web Worker on pages, so protecting a key leaves the main thread free', async () => {
    const created = await Identity.create({ name: 'Off the main thread', store: memoryStore(), passphrase: 'worker' });
    expect(created.isProtected).to.equal(true);
    // Still the worker afterwards: it did not fail and hand the work back to this thread.
    expect(keyToolsLocation()).to.equal('worker');
  });

  it('keeps identities in separate slots and refuses to overwrite one by accident', async () => {
    const store = await freshBrowserStore('identity');
    const first = await Identity.create({ name: 'One', store });
    await expectIdentityError(Identity.create({ name: 'Two', store }), 'exists');
    const other = await Identity.create({ name: 'Two', store, slot: 'work' });
    expect((await Identity.load({ store, slot: 'work' }))?.fingerprint).to.equal(other.fingerprint);
    expect((await Identity.load({ store }))?.fingerprint).to.equal(first.fingerprint);
    const replaced = await Identity.create({ name: 'Three', store, replace: true });
    expect((await Identity.load({ store }))?.fingerprint).to.equal(replaced.fingerprint);
  });

  it('loadOrCreate creates once and then loads the same key', async () => {
    const store = await freshBrowserStore('identity');
    const first = await Identity.loadOrCreate({ name: 'Eve', store });
    const second = await Identity.loadOrCreate({ name: 'ignored', store });
    expect(second.fingerprint).to.equal(first.fingerprint);
    expect(second.name).to.equal('Eve');
  });

  it('exports an armored private key that imports elsewhere with the same fingerprint', async () => {
    const original = await Identity.create({ name: 'Grace', store: memoryStore() });
    const armored = await original.exportPrivateKey();
    expect(armored).to.contain('-----BEGIN PGP PRIVATE KEY BLOCK-----');
    const imported = await Identity.import(armored, { store: memoryStore() });
    expect(imported.fingerprint).to.equal(original.fingerprint);
    expect(await signsFor(imported)).to.equal(true);
  });

  it('protects the stored key with a passphrase', async () => {
    const store = await freshBrowserStore('identity');
    const created = await Identity.create({ name: 'Hedy', store, passphrase: 'correct horse' });
    expect(created.isProtected).to.equal(true);
    await expectIdentityError(Identity.load({ store }), 'locked');
    await expectIdentityError(Identity.load({ store, passphrase: 'wrong' }), 'bad-passphrase');
    const unlocked = await Identity.load({ store, passphrase: 'correct horse' });
    expect(unlocked?.fingerprint).to.equal(created.fingerprint);
    expect(await signsFor(unlocked!)).to.equal(true);

    await unlocked!.setPassphrase(undefined, 'correct horse');
    const open = await Identity.load({ store });
    expect(open?.isProtected).to.equal(false);
    expect(open?.fingerprint).to.equal(created.fingerprint);
  });

  it('exports a passphrase-protected key that needs the passphrase to import', async () => {
    const original = await Identity.create({ name: 'Ida', store: memoryStore() });
    const armored = await original.exportPrivateKey({ passphrase: 's3cret' });
    await expectIdentityError(Identity.import(armored, { store: memoryStore() }), 'locked');
    await expectIdentityError(Identity.import(armored, { store: memoryStore(), passphrase: 'nope' }), 'bad-passphrase');
    const imported = await Identity.import(armored, { store: memoryStore(), passphrase: 's3cret' });
    expect(imported.fingerprint).to.equal(original.fingerprint);
    expect(imported.isProtected).to.equal(true);
  });

  it('refuses garbage and keys that are not Ed25519', async () => {
    await expectIdentityError(Identity.import('hello', { store: memoryStore() }), 'invalid-key');
    const kbpgp = await loadKbpgp();
    const p256 = await kbpgpCall<InstanceType<typeof kbpgp.KeyManager>>((done) =>
      (kbpgp.KeyManager as unknown as { generate_ecc(o: object, cb: typeof done): void }).generate_ecc({ userid: 'p256' }, done),
    );
    await kbpgpStep((done) => p256.sign({}, done));
    const armored = await kbpgpCall<string>((done) => p256.export_pgp_private({}, done));
    await expectIdentityError(Identity.import(armored, { store: memoryStore() }), 'unsupported-key');
  });

  it('deletes the stored key', async () => {
    const store = await freshBrowserStore('identity');
    const created = await Identity.create({ name: 'Joan', store });
    await created.delete();
    expect(await Identity.load({ store })).to.equal(undefined);
  });
});
