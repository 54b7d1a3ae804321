import { expect } from 'chai';
import { identityNamed } from '../../../test/support/identities.js';
import { formatSafetyNumber, SAFETY_NUMBER_ITERATIONS, SafetyNumberError, safetyNumber, safetyNumberGroups, safetyQrPayload, verifySafetyQrPayload } from './safety-number.js';
import { rejection } from '../../../test/support/rejection.js';

const ALICE = '0123456789abcdef0123456789abcdef01234567';
const BOB = 'fedcba9876543210fedcba9876543210fedcba98';

/**
 * Computed once in Node with node:crypto by an implementation written from the spec in
 * safety-number.ts, not from its code (this script, kept here; the scratch file it ran from is gone):
 *
 *   const side = (fp, rounds) => {
 *     const key = Buffer.from(fp, 'ascii');
 *     let hash = Buffer.concat([Buffer.from([0, 1]), key]);
 *     for (let i = 0; i < rounds; i++) hash = createHash('sha512').update(hash).update(key).digest();
 *     return [0, 1, 2, 3, 4, 5].map((g) => String(hash.readUIntBE(g * 5, 5) % 100000).padStart(5, '0')).join('');
 *   };
 *   [side(ALICE, rounds), side(BOB, rounds)].sort().join('')
 */
const VECTOR = {
  rounds5200: '415732328206552644643030902092600165464892114634435266648677',
  rounds5199: '215733942553579882121657493944835560208366025628204340092052',
  rounds1: '128978783185651716660074028542400192996528772486664998853474',
};

describe('safety numbers', function () {
  this.timeout(30_000);

  it('matches the independently computed vector: 5,200 SHA-512 rounds per side, not 1 or 5,199', async () => {
    const number = await safetyNumber(ALICE, BOB);
    expect(number).to.equal(VECTOR.rounds5200);
    expect(number).to.not.equal(VECTOR.rounds5199);
    expect(number).to.not.equal(VECTOR.rounds1);
  });

  it('makes every guess of a forger pay the work factor: 5,200 SHA-512 digests per side', async () => {
    // Attack: a forger makes key after key until one's number matches the target's. What each
    // try costs is the number of hashes per side; count them at the platform API the code uses.
    const subtle = globalThis.crypto.subtle;
    const original = subtle.digest;
    let sha512 = 0;
    subtle.digest = function (this: SubtleCrypto, algorithm: AlgorithmIdentifier, data: BufferSource) {
      if (algorithm === 'SHA-512') sha512++;
      return original.call(this, algorithm, data);
    };
    try {
      await safetyNumber(ALICE, BOB);
    } finally {
      subtle.digest = original;
    }
    expect(SAFETY_NUMBER_ITERATIONS).to.equal(5_200);
    expect(sha512).to.equal(2 * 5_200);
  });

  it('is the same from both sides, with any letter case, for real keys', async () => {
    const [ada, ben] = await Promise.all([identityNamed('Ada'), identityNamed('Ben')]);
    const [fromAda, fromBen] = await Promise.all([safetyNumber(ada.fingerprint, ben.fingerprint), safetyNumber(ben.fingerprint, ada.fingerprint)]);
    expect(fromAda).to.equal(fromBen);
    expect(await safetyNumber(ALICE.toUpperCase(), BOB)).to.equal(VECTOR.rounds5200);
  });

  it('differs when either key differs, even in one hex digit', async () => {
    const alice2 = ALICE.slice(0, -1) + '8';
    const bob2 = '0' + BOB.slice(1);
    const numbers = await Promise.all([safetyNumber(alice2, BOB), safetyNumber(ALICE, bob2), safetyNumber(alice2, bob2)]);
    expect(new Set([VECTOR.rounds5200, ...numbers]).size).to.equal(4);
    // The side that did not change keeps its 30 digits: each person's half is their key's alone.
    const [withAlice2] = numbers;
    const bobHalf = [VECTOR.rounds5200.slice(0, 30), VECTOR.rounds5200.slice(30)].find((half) => withAlice2!.includes(half));
    expect(bobHalf).to.be.a('string');
  });

  it('has 60 digits shown as 12 groups of 5', async () => {
    const number = await safetyNumber(ALICE, BOB);
    expect(number).to.match(/^\d{60}$/);
    const groups = safetyNumberGroups(number);
    expect(groups).to.have.length(12);
    for (const group of groups) expect(group).to.match(/^\d{5}$/);
    expect(formatSafetyNumber(number)).to.equal(groups.join(' '));
  });

  it('refuses what is not a fingerprint with a typed error', async () => {
    for (const bad of ['', ALICE.slice(1), `${ALICE}0`, ALICE.replace('a', 'g'), ` ${ALICE.slice(1)}`]) {
      const error = await rejection(safetyNumber(bad, BOB));
      expect(error).to.be.instanceOf(SafetyNumberError);
      expect((error as SafetyNumberError).code).to.equal('bad-fingerprint');
    }
  });

  it('QR payload: the same from both sides, verified by the other side, refused for any other key', () => {
    const payload = safetyQrPayload(ALICE, BOB);
    expect(payload).to.equal(`PEERKIT-SAFETY:1:${ALICE.toUpperCase()}:${BOB.toUpperCase()}`);
    expect(safetyQrPayload(BOB, ALICE)).to.equal(payload);
    // Bob scans Alice's screen: he holds (BOB, ALICE).
    expect(verifySafetyQrPayload(payload, BOB, ALICE)).to.equal(true);
    // A man in the middle gave Bob another key for Alice (or Alice another key for Bob).
    const mallory = 'aaaa' + ALICE.slice(4);
    expect(verifySafetyQrPayload(payload, BOB, mallory)).to.equal(false);
    expect(verifySafetyQrPayload(safetyQrPayload(ALICE, mallory), BOB, ALICE)).to.equal(false);
  });

  it('QR payload: text that is not a peerkit code, or of another version, is refused with a typed error', () => {
    const codeOf = (payload: string) => {
      try {
        verifySafetyQrPayload(payload, ALICE, BOB);
      } catch (error) {
        return (error as SafetyNumberError).code;
      }
      return 'accepted';
    };
    expect(codeOf('https://example.org/')).to.equal('bad-payload');
    expect(codeOf(`PEERKIT-SAFETY:1:${ALICE}`)).to.equal('bad-payload');
    expect(codeOf(`PEERKIT-SAFETY:2:${ALICE}:${BOB}`)).to.equal('unknown-version');
  });
});
