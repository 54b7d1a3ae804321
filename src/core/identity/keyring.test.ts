import { expect } from 'chai';
import { open, seal, type EnvelopeErrorCode } from '../envelope/envelope.js';
import { Identity } from './identity.js';
import { Keyring } from './keyring.js';
import { readPublicKey } from '../openpgp/key.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import { memoryStore } from '../platform/storage.js';
import { freshBrowserStore, identityNamed } from '../../../test/support/identities.js';

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

  it('stays bounded: the least recently seen stranger under a default name makes room; trusted and named peers stay', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 3 });
    const [ann] = await throwawayKeys(1, () => 'Ann');
    const anonymous = await throwawayKeys(4, () => 'Anonymous');
    // Each from its own room, so no room passes its share of this small book.
    const arrive = async (key: Identity, at: number) => {
      const sealed = await seal(key, { ns, room: `small-${at}`, to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
      await open(sealed, { ns, room: `small-${at}`, me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy: 'tofu' });
    };
    await arrive(anonymous[0]!, 0);
    await keyring.setTrust(anonymous[0]!.fingerprint, 'trusted');
    await arrive(ann!, 1);
    for (const [at, key] of anonymous.slice(1).entries()) await arrive(key, at + 2);
    expect(keyring.list().length).to.equal(3);
    expect(keyring.get(anonymous[0]!.fingerprint), 'the trusted one').to.not.equal(undefined);
    expect(keyring.get(ann!.fingerprint), 'Ann').to.not.equal(undefined);
    expect(keyring.get(anonymous[3]!.fingerprint), 'the newest stranger').to.not.equal(undefined);
  });

  // The attack: a member floods envelopes from throwaway keys until the real Alice is pushed out
  // of the book; then an impostor named "Alice" would be the first key seen, and the real Alice
  // refused as a key change. The flood and Alice may reach us through the same honest relay.
  it('a flood of throwaway keys, relayed by the same honest peer as Alice, cannot evict her, so an impostor stays a key change', async () => {
    const [bob, alice, carol, mallory] = await Promise.all([identityNamed('Bob'), identityNamed('Alice'), identityNamed('Carol'), identityNamed('Mallory')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    // Alice was only heard of, through Carol: never linked, never trusted.
    expect(await openAt(keyring, alice, carol.fingerprint, bob)).to.equal(undefined);
    const flood = await throwawayKeys(40);
    for (const key of flood.slice(0, 20)) await openAt(keyring, key, carol.fingerprint, bob);
    for (const key of flood.slice(20)) await openAt(keyring, key, undefined, bob);
    await openAt(keyring, mallory, undefined, bob);
    expect(keyring.get(alice.fingerprint), 'Alice evicted').to.not.equal(undefined);
    const [impostor] = await throwawayKeys(1, () => 'Alice');
    expect(await openAt(keyring, impostor!, mallory.fingerprint, bob)).to.equal('key-changed');
    expect(await openAt(keyring, alice, carol.fingerprint, bob)).to.equal(undefined);
    expect(keyring.list().length).to.be.at.most(20);
  });

  // The attack: a key whose certified name carries invisible characters shows as a known peer's
  // name ("Alice\u200B", or "\u202EecilA" drawn right to left as "Alice") but is another string, so
  // the namesake check would not see it as a key change.
  it('a key whose name only looks like a known peer\'s (invisible or bidi characters) is read cleaned: a namesake is a key change, an override shows as what it is', async () => {
    const [bob, alice] = await Promise.all([identityNamed('Bob'), identityNamed('Alice')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    expect(await openAt(keyring, alice, undefined, bob)).to.equal(undefined);
    const [zeroWidth, overridden] = await Promise.all([Identity.create({ name: 'Alice\u200B', store: memoryStore() }), Identity.create({ name: '\u202EecilA', store: memoryStore() })]);
    const changes: string[] = [];
    keyring.on('key-changed', ({ name }) => changes.push(name));
    expect(await openAt(keyring, zeroWidth!, undefined, bob)).to.equal('key-changed');
    expect(changes).to.deep.equal(['Alice']);
    expect(keyring.get(zeroWidth!.fingerprint)?.name).to.equal('Alice');
    expect(await openAt(keyring, overridden!, undefined, bob)).to.equal(undefined);
    expect(keyring.get(overridden!.fingerprint)?.name).to.equal('ecilA');
    expect((await readPublicKey(overridden!.armoredPublicKey)).name).to.equal('ecilA');
  });

  it('past its share, one relaying peer\'s newcomers are judged without being recorded: they take no one\'s place', async () => {
    const [bob, carol, mallory, dave] = await Promise.all([identityNamed('Bob'), identityNamed('Carol'), identityNamed('Mallory'), identityNamed('Dave')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    expect(await openAt(keyring, dave, carol.fingerprint, bob)).to.equal(undefined);
    const flood = await throwawayKeys(30);
    for (const key of flood) expect(await openAt(keyring, key, mallory.fingerprint, bob)).to.equal(undefined);
    expect(keyring.get(dave.fingerprint), 'Dave evicted by Mallory’s newcomers').to.not.equal(undefined);
    // Mallory's share of a 10-peer book is 1; the rest were judged (accepted under tofu) but not kept.
    expect(keyring.list().filter((peer) => peer.introducedBy === mallory.fingerprint).length).to.equal(1);
    // Honest newcomers from elsewhere are still recorded.
    const [erin] = await throwawayKeys(1, () => 'Erin');
    await openAt(keyring, erin!, undefined, bob);
    expect(keyring.get(erin!.fingerprint)).to.not.equal(undefined);
  });

  it('past its share, one room\'s newcomers are judged without being recorded', async () => {
    const [bob, dave] = await Promise.all([identityNamed('Bob'), identityNamed('Dave')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 8 });
    const elsewhere = await seal(dave, { ns, room: 'elsewhere', to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
    await open(elsewhere, { ns, room: 'elsewhere', me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy: 'tofu' });
    // Each throwaway key signs for itself (no relay): many senders, one room.
    for (const key of await throwawayKeys(24)) await openAt(keyring, key, undefined, bob);
    expect(keyring.get(dave.fingerprint), 'Dave evicted by another room’s newcomers').to.not.equal(undefined);
    expect(keyring.list().filter((peer) => peer.scope === `${ns}/${room}`).length).to.equal(2);
  });

  it('keys under a default name make room, so linking with throwaway "Anonymous" keys fills nothing for good', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    // One per room: each within its room's share.
    for (const [at, key] of (await throwawayKeys(30, () => 'Anonymous')).entries()) {
      const sealed = await seal(key, { ns, room: `room-${at}`, to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
      await open(sealed, { ns, room: `room-${at}`, me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy: 'tofu' });
      keyring.linked(key.fingerprint);
    }
    expect(keyring.list().length).to.equal(10);
    const [erin] = await throwawayKeys(1, () => 'Erin');
    await openAt(keyring, erin!, undefined, bob);
    expect(keyring.get(erin!.fingerprint), 'a later newcomer is still recorded').to.not.equal(undefined);
  });

  // The attack: an impostor arrives under a known name. The room shows the warning from the
  // key-changed event; told before the entry was recorded, it read no entry and showed "Unknown".
  it('a key change is told once the newcomer is in the book, so whoever looks it up on the event sees the warning', async () => {
    const [bob, alice] = await Promise.all([identityNamed('Bob'), identityNamed('Alice')]);
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 10 });
    expect(await openAt(keyring, alice, undefined, bob)).to.equal(undefined);
    const [impostor] = await throwawayKeys(1, () => 'Alice');
    const seenOnEvent: (string | undefined)[] = [];
    keyring.on('key-changed', ({ next }) => seenOnEvent.push(keyring.get(next)?.keyChangedFrom));
    expect(await openAt(keyring, impostor!, undefined, bob)).to.equal('key-changed');
    expect(seenOnEvent).to.deep.equal([alice.fingerprint]);
  });

  it('does not take a default name for an identity: two "Anonymous" keys are two peers, not a key change', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore() });
    const changes: unknown[] = [];
    keyring.on('key-changed', (detail) => changes.push(detail));
    const anonymous = await throwawayKeys(3, () => 'Anonymous');
    for (const key of anonymous) expect(await openAt(keyring, key, undefined, bob)).to.equal(undefined);
    expect(changes).to.deep.equal([]);
    expect(anonymous.every((key) => keyring.get(key.fingerprint)?.keyChangedFrom === undefined)).to.equal(true);
  });

  it('a book full of bindings keeps them all and judges newcomers without recording them', async () => {
    const bob = await identityNamed('Bob');
    const keyring = await Keyring.open({ store: memoryStore(), maxPeers: 2 });
    const named = await throwawayKeys(4);
    // From four rooms, each within its share.
    for (const [at, key] of named.entries()) {
      const sealed = await seal(key, { ns, room: `bound-${at}`, to: bob.fingerprint, type: 'signal', body: {}, includeKey: true });
      await open(sealed, { ns, room: `bound-${at}`, me: bob.fingerprint, replay: new ReplayGuard(), keys: keyring, policy: 'tofu' });
    }
    expect(keyring.list().length).to.equal(4);
    const [late] = await throwawayKeys(1, () => 'Latecomer');
    expect(await openAt(keyring, late!, undefined, bob)).to.equal(undefined);
    expect(keyring.get(late!.fingerprint)).to.equal(undefined);
    expect(named.every((key) => keyring.get(key.fingerprint) !== undefined)).to.equal(true);
  });
});
