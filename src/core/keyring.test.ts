import { expect } from 'chai';
import { open, seal, type EnvelopeErrorCode } from './envelope.js';
import { Identity } from './identity.js';
import { Keyring } from './keyring.js';
import { readPublicKey } from './openpgp/key.js';
import { ReplayGuard } from './replay-guard.js';
import { memoryStore } from './storage.js';
import { freshBrowserStore, identityNamed } from '../../test/support/identities.js';

const ns = 'peerkit-test';
const room = 'lobby';

/** Keys nobody will see again: what an attacker makes by the thousand (kept few here, with a small book). */
function throwawayKeys(count: number, name = (at: number) => `Throwaway ${at}`): Promise<Identity[]> {
  return Promise.all(Array.from({ length: count }, (_, at) => Identity.create({ name: name(at), store: memoryStore() })));
}

/** Bob opens an envelope `author` sealed; `via` passed it on (a relay, a history sync). The refusal code, if any. */
async function openAt(keyring: Keyring, author: Identity, via: string | undefined, bob: Identity, policy: 'tofu' | 'any' = 'tofu'): Promise<EnvelopeErrorCode | undefined> {
  const sealed = await seal(author, { ns, room, to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
  try {
    await open(sealed, { ns, room, me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy, ...(via !== undefined ? { via } : {}) });
    return undefined;
  } catch (error) {
    return (error as { code: EnvelopeErrorCode }).code;
  }
}

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

  // The attack: a member passes on envelopes from many throwaway keys until the real Alice is
  // pushed out of the book; then an impostor named "Alice" would be the first key seen, and the
  // real Alice refused as a key change.
  it('a member flooding envelopes from throwaway keys cannot evict a peer the user was linked with, so an impostor stays a key change', async () => {
    const [bob, alice, mallory] = await Promise.all([identityNamed('Bob'), identityNamed('Alice'), identityNamed('Mallory')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    expect(await openAt(keyring, alice, undefined, bob)).to.equal(undefined);
    keyring.linked(alice.fingerprint);
    for (const key of await throwawayKeys(40)) await openAt(keyring, key, mallory.fingerprint, bob);
    expect(keyring.get(alice.fingerprint), 'Alice evicted').to.not.equal(undefined);
    const [impostor] = await throwawayKeys(1, () => 'Alice');
    expect(await openAt(keyring, impostor!, mallory.fingerprint, bob)).to.equal('key-changed');
    expect(await openAt(keyring, alice, undefined, bob)).to.equal(undefined);
  });

  it('past its share of a full book, one sender\'s newcomers replace only its own strangers', async () => {
    const [bob, carol, mallory, dave] = await Promise.all([identityNamed('Bob'), identityNamed('Carol'), identityNamed('Mallory'), identityNamed('Dave')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    // Dave is only heard of (passed on by Carol), never linked: a stranger like the throwaway keys.
    expect(await openAt(keyring, dave, carol.fingerprint, bob)).to.equal(undefined);
    for (const key of await throwawayKeys(30)) await openAt(keyring, key, mallory.fingerprint, bob);
    expect(keyring.get(dave.fingerprint), 'Dave evicted by Mallory’s newcomers').to.not.equal(undefined);
    expect(keyring.list().length).to.be.at.most(10);
  });

  it('past its share of a full book, one room\'s newcomers replace only that room\'s strangers', async () => {
    const [bob, dave] = await Promise.all([identityNamed('Bob'), identityNamed('Dave')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 8 });
    const elsewhere = await seal(dave, { ns, room: 'elsewhere', to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
    await open(elsewhere, { ns, room: 'elsewhere', me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy: 'tofu' });
    // Each throwaway key signs for itself (no relay): many introducers, one room.
    for (const key of await throwawayKeys(24)) await openAt(keyring, key, undefined, bob);
    expect(keyring.get(dave.fingerprint), 'Dave evicted by another room’s newcomers').to.not.equal(undefined);
    expect(keyring.list().length).to.be.at.most(8);
  });

  it('does not take a default name for an identity: two "Anonymous" keys are two peers, not a key change', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore() });
    const changes: unknown[] = [];
    keyring.addEventListener('key-changed', (event) => changes.push((event as CustomEvent).detail));
    const anonymous = await throwawayKeys(3, () => 'Anonymous');
    for (const key of anonymous) expect(await openAt(keyring, key, undefined, bob)).to.equal(undefined);
    expect(changes).to.deep.equal([]);
    expect(anonymous.every((key) => keyring.get(key.fingerprint)?.keyChangedFrom === undefined)).to.equal(true);
  });

  it('keeps peers the user has seen when the book is full of them, and judges newcomers without recording them', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 2 });
    const seen = await throwawayKeys(4);
    for (const key of seen) {
      await openAt(keyring, key, undefined, bob);
      keyring.linked(key.fingerprint);
    }
    expect(keyring.list().length).to.equal(4);
    const [late] = await throwawayKeys(1, () => 'Latecomer');
    expect(await openAt(keyring, late!, undefined, bob)).to.equal(undefined);
    expect(keyring.get(late!.fingerprint)).to.equal(undefined);
    expect(seen.every((key) => keyring.get(key.fingerprint) !== undefined)).to.equal(true);
  });
});
