import { expect } from 'chai';
import { Keyring } from './keyring.js';
import { readPublicKey } from './openpgp/key.js';
import { memoryStore } from './storage.js';
import { freshBrowserStore, identityNamed } from '../../test/support/identities.js';

describe('Keyring', function () {
  this.timeout(60_000);

  it('records a newcomer as unknown, and remembers peers across reopening (IndexedDB)', async () => {
    const store = await freshBrowserStore('keyring');
    const alice = await identityNamed('Alice');
    const keyring = await Keyring.open({ store });
    const key = await readPublicKey(alice.armoredPublicKey);
    expect(await keyring.admit(key, 'any', 1_000)).to.equal(undefined);
    await keyring.setTrust(alice.fingerprint, 'trusted');

    const reopened = await Keyring.open({ store });
    const peer = reopened.get(alice.fingerprint);
    expect(peer).to.include({ name: 'Alice', trust: 'trusted', kind: 'browser', firstSeen: 1_000 });
    expect((await reopened.find(alice.fingerprint))?.fingerprint).to.equal(alice.fingerprint);
  });

  it('applies the policies: any, tofu and known; blocked always refused', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const bob = await readPublicKey((await identityNamed('Bob')).armoredPublicKey);
    expect(await keyring.admit(bob, 'known', 1)).to.equal('untrusted');
    expect(await keyring.admit(bob, 'tofu', 2)).to.equal(undefined);
    expect(await keyring.admit(bob, 'any', 3)).to.equal(undefined);
    await keyring.setTrust(bob.fingerprint, 'trusted');
    expect(await keyring.admit(bob, 'known', 4)).to.equal(undefined);
    await keyring.setTrust(bob.fingerprint, 'blocked');
    for (const policy of ['any', 'tofu', 'known'] as const) expect(await keyring.admit(bob, policy, 5)).to.equal('blocked');
  });

  it('records a newcomer once when its signals arrive together', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const carol = await readPublicKey((await identityNamed('Carol')).armoredPublicKey);
    let changes = 0;
    keyring.addEventListener('change', () => changes++);
    await Promise.all([keyring.admit(carol, 'any', 1), keyring.admit(carol, 'any', 1), keyring.admit(carol, 'any', 1)]);
    expect(keyring.list()).to.have.length(1);
    expect(changes).to.equal(1);
  });

  it('renames, re-kinds and removes peers', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const dave = await identityNamed('Dave');
    await keyring.add(dave.armoredPublicKey);
    expect(keyring.get(dave.fingerprint)?.trust).to.equal('trusted');
    await keyring.rename(dave.fingerprint, 'David');
    await keyring.setKind(dave.fingerprint, 'virtual');
    expect(keyring.get(dave.fingerprint)).to.include({ name: 'David', kind: 'virtual' });
    await keyring.remove(dave.fingerprint);
    expect(keyring.get(dave.fingerprint)).to.equal(undefined);
    expect(await keyring.find(dave.fingerprint)).to.equal(undefined);
  });

  it('stays bounded: the least recently seen stranger makes room, trusted peers stay', async () => {
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 2 });
    const [a, b, c] = await Promise.all(['Ann', 'Ben', 'Cid'].map(async (name) => readPublicKey((await identityNamed(name)).armoredPublicKey)));
    await keyring.admit(a!, 'any', 1);
    await keyring.setTrust(a!.fingerprint, 'trusted');
    await keyring.admit(b!, 'any', 2);
    await keyring.admit(c!, 'any', 3);
    expect(keyring.list().map((peer) => peer.name).sort()).to.deep.equal(['Ann', 'Cid']);
  });
});
