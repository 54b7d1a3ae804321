import { expect } from 'chai';
import { deflateRaw, inflateRaw } from 'pako';
import { concatBytes, fromBase64Url, toBase64Url, toHex } from '../util/bytes.js';
import { digest } from '../crypto/digest.js';
import { useEd25519Backend } from '../crypto/ed25519.js';
import { ENVELOPE_DICTIONARY_V1 } from './dictionary.js';
import { EnvelopeError, open, seal, sealBinary, type EnvelopeErrorCode, type EnvelopeSigner, type OpenOptions } from './envelope.js';
import { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import { decodePackets, encodePacket } from '../openpgp/packets.js';
import { ReplayGuard } from './replay-guard.js';
import { memoryStore } from '../platform/storage.js';
import { collectUncaught, identityNamed } from '../../../test/support/identities.js';

const ns = 'peerkit-test';
const room = 'lobby';
const offer = { type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };

async function expectRefusal(promise: Promise<unknown>, code: EnvelopeErrorCode): Promise<EnvelopeError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(EnvelopeError);
    expect((error as EnvelopeError).code, (error as Error).message).to.equal(code);
    return error as EnvelopeError;
  }
  throw new Error(`expected refusal "${code}", but the envelope opened`);
}

/** Inflates a codec-1 envelope into its OpenPGP packets, lets `edit` change them, and re-seals the bytes. */
function rewrite(sealed: string, edit: (packets: { tag: number; body: Uint8Array }[]) => void): string {
  const bytes = fromBase64Url(sealed);
  expect(bytes[0]).to.equal(1);
  const message = inflateRaw(bytes.subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 });
  const packets = decodePackets(message).map((packet) => ({ tag: packet.tag, body: packet.body.slice() }));
  edit(packets);
  const rebuilt = concatBytes(...packets.map((packet) => encodePacket(packet.tag, packet.body)));
  return toBase64Url(concatBytes(Uint8Array.of(1), deflateRaw(rebuilt, { dictionary: ENVELOPE_DICTIONARY_V1 })));
}

describe('envelope', function () {
  this.timeout(60_000);
  let alice: EnvelopeSigner;
  let bob: EnvelopeSigner;
  let mallory: EnvelopeSigner;
  const openAsBob = (sealed: string | Uint8Array, overrides: Partial<OpenOptions> = {}) =>
    open(sealed, { ns, room, me: bob.fingerprint, replay: new ReplayGuard(), ...overrides });

  before(async () => {
    [alice, bob, mallory] = await Promise.all([identityNamed('Alice'), identityNamed('Bob'), identityNamed('Mallory')]);
  });

  it('round-trips a signal in text and binary form, verified against the attached key', async () => {
    const text = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    expect(text).to.match(/^[A-Za-z0-9_-]+$/);
    const opened = await openAsBob(text);
    expect(opened.body).to.deep.equal(offer);
    expect(opened.from).to.equal(alice.fingerprint);
    expect(opened.sender.fingerprint).to.equal(alice.fingerprint);
    expect(opened.sender.name).to.equal('Alice');

    const binary = await sealBinary(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    expect(binary).to.be.instanceOf(Uint8Array);
    expect((await openAsBob(binary)).body).to.deep.equal(offer);
  });

  it('is a standard OpenPGP signed message once inflated, and compresses the signal', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
    const bytes = fromBase64Url(sealed);
    const message = inflateRaw(bytes.subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 });
    const tags = decodePackets(message).map((packet) => packet.tag);
    expect(tags).to.deep.equal([2, 11]);
    expect(bytes.length).to.be.lessThan(message.length);
  });

  it('opens a message that is not compressed (codec byte is an OpenPGP packet tag)', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    const message = inflateRaw(fromBase64Url(sealed).subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 });
    expect((await openAsBob(message)).body).to.deep.equal(offer);
  });

  it('verifies with a key from the keyring when none is attached, and names a missing one', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
    await expectRefusal(openAsBob(sealed, { keys: keyring }), 'unknown-signer');
    await keyring.add(alice.armoredPublicKey);
    expect((await openAsBob(sealed, { keys: keyring })).from).to.equal(alice.fingerprint);
  });

  it('refuses a tampered body', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: { amount: 1 }, includeKey: true });
    const tampered = rewrite(sealed, (packets) => {
      const literal = packets[1]!.body;
      const at = literal.lastIndexOf('1'.charCodeAt(0));
      literal[at] = '9'.charCodeAt(0);
    });
    await expectRefusal(openAsBob(tampered), 'bad-signature');
  });

  it('refuses a tampered signature', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    const tampered = rewrite(sealed, (packets) => {
      const signature = packets[0]!.body;
      signature[signature.length - 5]! ^= 0x01;
    });
    await expectRefusal(openAsBob(tampered), 'bad-signature');
  });

  it('refuses a signature by one key that claims to be from another', async () => {
    const impostor: EnvelopeSigner = { ...mallory, fingerprint: alice.fingerprint, keyId: mallory.keyId, signer: mallory.signer };
    const sealed = await seal(impostor, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await expectRefusal(openAsBob(sealed), 'signer-mismatch');
  });

  it('refuses another namespace, another room and another recipient', async () => {
    const base = { to: bob.fingerprint, type: 'signal', body: offer, includeKey: true };
    await expectRefusal(openAsBob(await seal(alice, { ...base, ns: 'other-app', room })), 'wrong-namespace');
    await expectRefusal(openAsBob(await seal(alice, { ...base, ns, room: 'other-room' })), 'wrong-room');
    await expectRefusal(openAsBob(await seal(alice, { ...base, ns, room, to: mallory.fingerprint })), 'wrong-recipient');
  });

  it('accepts every address the receiver answers to', async () => {
    const sealed = await seal(alice, { ns, room, to: '*', type: 'hello', body: null, includeKey: true });
    expect((await openAsBob(sealed, { me: [bob.fingerprint, '*'] })).to).to.equal('*');
  });

  it('refuses a stale or future timestamp', async () => {
    const now = Date.now();
    const base = { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true };
    await expectRefusal(openAsBob(await seal(alice, { ...base, now: now - 10 * 60_000 })), 'stale');
    await expectRefusal(openAsBob(await seal(alice, { ...base, now: now + 10 * 60_000 })), 'stale');
  });

  it('refuses a replayed nonce', async () => {
    const replay = new ReplayGuard();
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await openAsBob(sealed, { replay });
    await expectRefusal(openAsBob(sealed, { replay }), 'replayed');
  });

  it('records no nonce for a sender the trust policy refuses (a refused key cannot fill the guard)', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    await keyring.add(mallory.armoredPublicKey, { trust: 'blocked' });
    const replay = new ReplayGuard();
    for (let i = 0; i < 20; i++) {
      const sealed = await seal(mallory, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, now: Date.now() + 119_000 });
      await expectRefusal(openAsBob(sealed, { keys: keyring, policy: 'tofu', replay }), 'blocked');
    }
    await expectRefusal(openAsBob(await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true }), { keys: keyring, policy: 'known', replay }), 'untrusted');
    expect(replay.size).to.equal(0);
  });

  // The attack on a peer: a member seals more envelopes dated at the edge of the future window than
  // the room's guard holds (a Room's guard is `new ReplayGuard()`), then honest signals follow.
  it('a member flooding future-dated envelopes cannot get honest ones refused as replayed', async function () {
    this.timeout(120_000);
    const replay = new ReplayGuard();
    const future = Date.now() + 119_000;
    const flood = 10_050;
    for (let at = 0; at < flood; at += 500) {
      const batch = await Promise.all(Array.from({ length: Math.min(500, flood - at) }, () => seal(mallory, { ns, room, to: bob.fingerprint, type: 'signal', body: {}, includeKey: true, now: future })));
      // Past her share of the guard, Mallory's own envelopes are refused: her floor is hers alone.
      await Promise.allSettled(batch.map((sealed) => openAsBob(sealed, { replay })));
    }
    for (let i = 0; i < 5; i++) {
      const honest = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
      expect((await openAsBob(honest, { replay })).from).to.equal(alice.fingerprint);
    }
    expect(replay.size + replay.senders).to.be.at.most(replay.maxEntries);
  });

  it('refuses an unknown signer under the "known" policy until the key is trusted', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const first = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await expectRefusal(openAsBob(first, { keys: keyring, policy: 'known' }), 'untrusted');
    expect(keyring.get(alice.fingerprint)?.trust).to.equal('unknown');
    await keyring.setTrust(alice.fingerprint, 'trusted');
    const second = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
    expect((await openAsBob(second, { keys: keyring, policy: 'known' })).from).to.equal(alice.fingerprint);
  });

  it('refuses a known name with a new key under "tofu", with a key-changed event', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    const changes: unknown[] = [];
    keyring.on('key-changed', (detail) => changes.push(detail));
    const original = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await openAsBob(original, { keys: keyring, policy: 'tofu' });

    // A second key that carries the very same user id "Alice".
    const twin = await Identity.create({ name: 'Alice', store: memoryStore() });
    const fromTwin = await seal(twin, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await expectRefusal(openAsBob(fromTwin, { keys: keyring, policy: 'tofu' }), 'key-changed');
    expect(changes).to.deep.equal([{ name: 'Alice', previous: alice.fingerprint, next: twin.fingerprint }]);
    expect(keyring.get(twin.fingerprint)?.trust).to.equal('unknown');

    await keyring.setTrust(twin.fingerprint, 'trusted');
    const again = await seal(twin, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
    expect((await openAsBob(again, { keys: keyring, policy: 'tofu' })).from).to.equal(twin.fingerprint);
  });

  it('refuses a blocked sender under every policy', async () => {
    const keyring = await Keyring.open({ store: memoryStore() });
    await keyring.add(mallory.armoredPublicKey, { trust: 'blocked' });
    for (const policy of ['any', 'tofu', 'known'] as const) {
      const sealed = await seal(mallory, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
      await expectRefusal(openAsBob(sealed, { keys: keyring, policy }), 'blocked');
    }
  });

  it('refuses an oversize envelope before decoding it', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await expectRefusal(openAsBob(sealed, { limits: { maxEncodedBytes: sealed.length - 1 } }), 'too-large');
    await expectRefusal(openAsBob('A'.repeat(70_000)), 'too-large');
    await expectRefusal(openAsBob(new Uint8Array(70_000)), 'too-large');
  });

  it('refuses a deflate bomb without inflating it', async () => {
    const bomb = concatBytes(Uint8Array.of(1), deflateRaw(new Uint8Array(16 * 1024 * 1024), { dictionary: ENVELOPE_DICTIONARY_V1 }));
    expect(bomb.length).to.be.lessThan(64 * 1024);
    await expectRefusal(openAsBob(toBase64Url(bomb)), 'inflated-too-large');
    // A bomb hidden in an OpenPGP compressed-data packet is refused the same way.
    const packet = encodePacket(8, concatBytes(Uint8Array.of(1), deflateRaw(new Uint8Array(4 * 1024 * 1024))));
    await expectRefusal(openAsBob(packet), 'inflated-too-large');
  });

  it('refuses garbage base64, truncated input and junk, as malformed', async () => {
    const sealed = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    await expectRefusal(openAsBob('not base64url!'), 'malformed');
    await expectRefusal(openAsBob(''), 'malformed');
    await expectRefusal(openAsBob(sealed.slice(0, Math.floor(sealed.length / 2))), 'malformed');
    await expectRefusal(openAsBob(sealed.slice(0, -4)), 'malformed');
    await expectRefusal(openAsBob(toBase64Url(Uint8Array.of(7, 1, 2, 3))), 'malformed');
    await expectRefusal(openAsBob(42 as unknown as string), 'malformed');
  });

  it('refuses a signed payload that is not an envelope', async () => {
    for (const data of ['[1,2]', '{"v":2}', '{"v":1,"ns":"x"}', 'plain text']) {
      const sealed = rewrite(await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: 0 }), (packets) => {
        const literal = packets[1]!.body;
        packets[1]!.body = concatBytes(literal.subarray(0, 6), new TextEncoder().encode(data));
      });
      await expectRefusal(openAsBob(sealed), 'malformed');
    }
  });

  it('never throws anything but EnvelopeError, never opens altered content, leaves nothing uncaught', async () => {
    const text = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    const original = await openAsBob(text);
    const sealed = fromBase64Url(text);
    const codes = new Set<string>();
    const uncaught = await collectUncaught(async () => {
      let seed = 1;
      const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
      for (let round = 0; round < 300; round++) {
        let input: Uint8Array;
        if (round % 3 === 0) input = Uint8Array.from({ length: random() * 4 }, random);
        else {
          input = sealed.slice();
          for (let flips = 0; flips < 1 + (round % 5); flips++) input[((random() << 8) | random()) % input.length]! ^= 1 << random() % 8;
        }
        let opened;
        try {
          opened = await openAsBob(round % 2 ? input : toBase64Url(input));
        } catch (error) {
          expect(error).to.be.instanceOf(EnvelopeError);
          codes.add((error as EnvelopeError).code);
          continue;
        }
        // Some bits carry no meaning (deflate's final padding, unhashed subpackets): flipping
        // them may leave the envelope valid, but then it must say exactly what was signed.
        expect({ body: opened.body, nonce: opened.nonce, from: opened.from }).to.deep.equal({ body: offer, nonce: original.nonce, from: alice.fingerprint });
      }
    });
    expect(uncaught).to.deep.equal([]);
    expect(codes.has('malformed')).to.equal(true);
  });

  it('gives the same result with the TweetNaCl fallback as with WebCrypto', async () => {
    const viaWebCrypto = await seal(alice, { ns, room, to: bob.fingerprint, type: 'signal', body: offer, includeKey: true });
    useEd25519Backend('tweetnacl');
    try {
      const slow = await Identity.import(await (await identityNamed('Alice')).exportPrivateKey(), { store: memoryStore() });
      expect((await openAsBob(viaWebCrypto)).from).to.equal(alice.fingerprint);
      const viaNacl = await seal(slow, { ns, room, to: bob.fingerprint, type: 'signal', body: offer });
      useEd25519Backend(undefined);
      const keyring = await Keyring.open({ store: memoryStore() });
      await keyring.add(alice.armoredPublicKey);
      expect((await openAsBob(viaNacl, { keys: keyring })).from).to.equal(alice.fingerprint);
    } finally {
      useEd25519Backend(undefined);
    }
  });

  it('keeps the codec-1 dictionary byte-for-byte (changing it needs a new codec)', async () => {
    expect(toHex(await digest('SHA-256', ENVELOPE_DICTIONARY_V1))).to.equal('3fe9d4367e73f3ccb274b989f2d6465f67d465863ce4b479218b12f8568791bc');
  });
});
