/**
 * Safety numbers: what two people compare (read aloud, side by side, or by scanning a QR code)
 * to know that the key each one's app holds for the other is the real one.
 *
 * The derivation follows Signal's numeric fingerprint. For each side:
 *
 *     key    = the fingerprint as lower-case hex, in ASCII (40 bytes)
 *     hash₀  = version (2 bytes, big-endian) ‖ key
 *     hashᵢ  = SHA-512(hashᵢ₋₁ ‖ key)            for i = 1 … 5,200
 *     digits = for each of the first six 5-byte chunks of hash₅₂₀₀:
 *              the chunk as a big-endian integer mod 100,000, as 5 digits (30 digits in all)
 *
 * Signal also mixes in a stable id (the phone number) next to the key; in peerkit the peer id
 * *is* the key's fingerprint, so the fingerprint fills both places once. The two 30-digit halves
 * are joined smaller first, so both people see the same 60 digits.
 *
 * Why a work factor. To pass a man in the middle, an attacker must give Alice a key whose half
 * equals Bob's (and Bob one whose half equals Alice's). The old six-digit code fell to 1.37 M
 * key variants in 3.6 s (~2.6 µs a try). Each try now costs 5,200 SHA-512 compressions (one
 * 128-byte block each): ~1.5 ms of one CPU core, or ~0.75 µs of a large GPU (~7 G SHA-512/s,
 * so ~1.3 M tries a second), and the target is 10³⁰ instead of 10⁶. Matching all 30 digits of
 * one side takes ~10³⁰ tries, i.e. ~5 × 10³³ hashes: about 10¹⁶ years of that GPU. The work
 * factor matters most for a hurried comparison: matching just 6 digits costs 10⁶ × 5,200 hashes
 * (≈ 25 min of one core instead of 3.6 s), yet matching only the first group still takes a GPU
 * well under a second — so people must compare every group, or scan the QR code, which compares
 * the full fingerprints.
 */
import { concatBytes, utf8Encode } from '../util/bytes.js';
import { digest } from '../crypto/digest.js';

/** The derivation's version, hashed in first: a future change of derivation gives other digits. */
export const SAFETY_NUMBER_VERSION = 1;
/** SHA-512 rounds per side (Signal's count): the cost each guess of an attacker pays. */
export const SAFETY_NUMBER_ITERATIONS = 5_200;

const DIGITS_PER_GROUP = 5;
const GROUPS_PER_SIDE = 6;
const CHUNK_BYTES = 5;
const VERSION_BYTES = new Uint8Array([SAFETY_NUMBER_VERSION >> 8, SAFETY_NUMBER_VERSION & 0xff]);
const FINGERPRINT = /^[0-9a-f]{40}$/;
const QR_PREFIX = 'PEERKIT-SAFETY';
const QR_PAYLOAD = /^PEERKIT-SAFETY:(\d+):([0-9A-F]{40}):([0-9A-F]{40})$/;

export type SafetyNumberErrorCode = 'bad-fingerprint' | 'bad-payload' | 'unknown-version';

export class SafetyNumberError extends Error {
  override readonly name = 'SafetyNumberError';
  constructor(
    readonly code: SafetyNumberErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function canonicalFingerprint(fingerprint: string): string {
  const lower = fingerprint.toLowerCase();
  if (!FINGERPRINT.test(lower)) throw new SafetyNumberError('bad-fingerprint', `Not a key fingerprint (40 hex digits): ${JSON.stringify(fingerprint.slice(0, 64))}`);
  return lower;
}

/** One side's 30 digits. */
async function sideDigits(fingerprint: string): Promise<string> {
  const key = utf8Encode(fingerprint);
  let hash = concatBytes(VERSION_BYTES, key);
  for (let round = 0; round < SAFETY_NUMBER_ITERATIONS; round++) hash = await digest('SHA-512', concatBytes(hash, key));
  let digits = '';
  for (let group = 0; group < GROUPS_PER_SIDE; group++) {
    let value = 0;
    // 40 bits fit a double exactly, so plain arithmetic is exact here.
    for (let i = 0; i < CHUNK_BYTES; i++) value = value * 256 + hash[group * CHUNK_BYTES + i]!;
    digits += (value % 10 ** DIGITS_PER_GROUP).toString().padStart(DIGITS_PER_GROUP, '0');
  }
  return digits;
}

/**
 * The 60-digit safety number between two keys: the same whichever side computes it. Takes a few
 * hundred milliseconds (that is the work factor); compute it once per peer shown.
 * @throws SafetyNumberError `bad-fingerprint` when either is not 40 hex digits.
 */
export async function safetyNumber(ourFingerprint: string, theirFingerprint: string): Promise<string> {
  const sides = await Promise.all([sideDigits(canonicalFingerprint(ourFingerprint)), sideDigits(canonicalFingerprint(theirFingerprint))]);
  sides.sort();
  return sides.join('');
}

/** The 60 digits as 12 groups of 5, the way people read them to each other. */
export function safetyNumberGroups(digits: string): string[] {
  return digits.match(new RegExp(`\\d{1,${DIGITS_PER_GROUP}}`, 'g')) ?? [];
}

/** The 60 digits as one line of space-separated groups. */
export function formatSafetyNumber(digits: string): string {
  return safetyNumberGroups(digits).join(' ');
}

/**
 * What the QR code carries: `PEERKIT-SAFETY:1:<FP>:<FP>`, both fingerprints upper-case, the
 * smaller first, so both people's codes are identical. It carries the fingerprints rather than
 * the digits, so a scan compares all 160 bits of each key and needs no work factor. Upper-case
 * hex and `:` stay in the QR alphanumeric alphabet, which keeps the code small.
 */
export function safetyQrPayload(ourFingerprint: string, theirFingerprint: string): string {
  return `${QR_PREFIX}:${SAFETY_NUMBER_VERSION}:${qrPair(ourFingerprint, theirFingerprint)}`;
}

function qrPair(ourFingerprint: string, theirFingerprint: string): string {
  return [canonicalFingerprint(ourFingerprint), canonicalFingerprint(theirFingerprint)].sort().join(':').toUpperCase();
}

/**
 * Checks a scanned QR payload against the two keys this side holds: true when the other person's
 * app holds exactly the same pair, false when it does not (a different key on either side).
 * @throws SafetyNumberError `bad-payload` when the text is not a peerkit safety code,
 *   `unknown-version` when it is one of a version this code does not know, `bad-fingerprint`
 *   when one of the two given here is not a fingerprint.
 */
export function verifySafetyQrPayload(payload: string, ourFingerprint: string, theirFingerprint: string): boolean {
  const match = QR_PAYLOAD.exec(payload.trim().toUpperCase());
  if (!match) throw new SafetyNumberError('bad-payload', 'Not a peerkit safety code.');
  if (Number(match[1]) !== SAFETY_NUMBER_VERSION) throw new SafetyNumberError('unknown-version', `Safety code version ${match[1]} is not supported.`);
  return `${match[2]}:${match[3]}` === qrPair(ourFingerprint, theirFingerprint);
}
