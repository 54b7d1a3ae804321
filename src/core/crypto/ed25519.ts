/**
 * Ed25519 signing and verification. The curve math runs on the platform's WebCrypto Ed25519
 * (0.1 ms here) rather than kbpgp's pure-JS TweetNaCl (7–13 ms); where a browser lacks it, a
 * lazily loaded TweetNaCl does the same math, so behaviour is identical, only slower.
 */
import { fromBase64Url, toBase64Url, toHex } from '../util/bytes.js';
import { BoundedMap } from '../util/bounded-map.js';
import { CurveBackendChoice, loadTweetNacl, type CurveBackend } from './curve-backend.js';
import { cryptoProvider } from './provider.js';

export interface Ed25519Signer {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** The Ed25519 base point, a valid public key: importing it proves WebCrypto has the algorithm. */
const BASE_POINT = new Uint8Array(32);
BASE_POINT[0] = 0x58;
BASE_POINT.fill(0x66, 1);
const backends = new CurveBackendChoice('Ed25519', BASE_POINT, ['verify']);

/** For tests and for pages that must avoid WebCrypto: pins the backend used from now on. */
export function useEd25519Backend(backend: CurveBackend | undefined): void {
  backends.pin(backend);
  verifyKeys.clear();
}

const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

export async function createEd25519Signer(seed: Uint8Array, publicKey: Uint8Array): Promise<Ed25519Signer> {
  if (seed.length !== 32 || publicKey.length !== 32) throw new RangeError('Ed25519 seed and public key are 32 bytes');
  const provider = cryptoProvider();
  if (provider) {
    const sign = provider.signEd25519(seed, publicKey);
    return { publicKey, sign: (message) => Promise.resolve(sign(message)) };
  }
  if ((await backends.get()) === 'webcrypto') {
    const key = await globalThis.crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', d: toBase64Url(seed), x: toBase64Url(publicKey) },
      { name: 'Ed25519' },
      false,
      ['sign'],
    );
    return {
      publicKey,
      async sign(message) {
        return new Uint8Array(await globalThis.crypto.subtle.sign('Ed25519', key, buffer(message)));
      },
    };
  }
  const nacl = await loadTweetNacl();
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return {
    publicKey,
    sign: (message) => Promise.resolve(nacl.sign.detached(message, pair.secretKey)),
  };
}

export interface Ed25519KeyPair {
  /** The 32-byte private seed (RFC 8032): what signing needs, and what OpenPGP stores as the secret. */
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * A new key pair from the platform: WebCrypto makes it off the main thread in about a millisecond
 * (kbpgp took 0.5–1 s, most of it gathering entropy); where WebCrypto lacks Ed25519, TweetNaCl
 * derives it from a seed of `crypto.getRandomValues`.
 */
export async function generateEd25519KeyPair(): Promise<Ed25519KeyPair> {
  if ((await backends.get()) === 'webcrypto') {
    const pair = (await globalThis.crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const [jwk, publicKey] = await Promise.all([
      globalThis.crypto.subtle.exportKey('jwk', pair.privateKey),
      globalThis.crypto.subtle.exportKey('raw', pair.publicKey),
    ]);
    if (!jwk.d) throw new Error('WebCrypto exported an Ed25519 private key without its seed');
    return { seed: fromBase64Url(jwk.d), publicKey: new Uint8Array(publicKey) };
  }
  const nacl = await loadTweetNacl();
  const seed = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return { seed, publicKey: nacl.sign.keyPair.fromSeed(seed).publicKey };
}

/** Imported verification keys, bounded so a flood of strangers cannot grow it without limit. */
const verifyKeys = new BoundedMap<string, Promise<CryptoKey>>(512);

function verifyKey(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = toHex(publicKey);
  let key = verifyKeys.get(id);
  if (!key) {
    key = globalThis.crypto.subtle.importKey('raw', buffer(publicKey), { name: 'Ed25519' }, false, ['verify']);
    verifyKeys.set(id, key);
  }
  return key;
}

/** The order of the Ed25519 group, L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const GROUP_ORDER = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

/**
 * Whether the signature's S (its second half, little-endian) is below the group order, as RFC 8032
 * requires. WebCrypto and Node refuse S ≥ L; TweetNaCl does not, and would accept S + L as a
 * second valid signature of the same message (malleable: a relay could re-sign nothing and still
 * change the bytes). The fallback checks it itself, so both backends answer alike.
 */
export function hasCanonicalScalar(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!;
    const l = GROUP_ORDER[i]!;
    if (s !== l) return s < l;
  }
  return false;
}

/** False for a wrong signature or a malformed key; never throws for bad input. */
export async function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const provider = cryptoProvider();
    if (provider) return provider.verifyEd25519(publicKey, message, signature);
    if ((await backends.get()) === 'webcrypto') {
      return await globalThis.crypto.subtle.verify('Ed25519', await verifyKey(publicKey), buffer(signature), buffer(message));
    }
    const nacl = await loadTweetNacl();
    return hasCanonicalScalar(signature) && nacl.sign.detached.verify(message, signature, publicKey);
  } catch {
    return false;
  }
}
