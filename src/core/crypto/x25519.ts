/**
 * X25519 key agreement. The curve math runs on the platform's WebCrypto (Chromium, Firefox,
 * Safari 17+, and Node ≥ 20 for virtual clients and bench peers), where the private key never
 * leaves the crypto engine; where WebCrypto lacks X25519, the TweetNaCl that ed25519.ts already
 * falls back to does the same math, so behaviour is identical, only slower.
 */
import { equalBytes } from '../bytes.js';

export const X25519_KEY_BYTES = 32;

export interface X25519KeyPair {
  readonly publicKey: Uint8Array;
  /** The shared secret with a peer's public key. Throws X25519Error when it gives none (a low-order point). */
  agree(peerPublicKey: Uint8Array): Promise<Uint8Array>;
}

export class X25519Error extends Error {
  override readonly name = 'X25519Error';
}

type Backend = 'webcrypto' | 'tweetnacl';

let backendChoice: Promise<Backend> | undefined;
let forcedBackend: Backend | undefined;

/** For tests and for pages that must avoid WebCrypto: pins the backend used from now on. */
export function useX25519Backend(backend: Backend | undefined): void {
  forcedBackend = backend;
  backendChoice = undefined;
}

const X25519 = { name: 'X25519' } as const;
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

async function detectBackend(): Promise<Backend> {
  if (forcedBackend) return forcedBackend;
  try {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) return 'tweetnacl';
    // Importing the base point (u = 9) proves the algorithm exists without generating a key.
    const basePoint = new Uint8Array(X25519_KEY_BYTES);
    basePoint[0] = 9;
    await subtle.importKey('raw', basePoint, X25519, false, []);
    return 'webcrypto';
  } catch {
    return 'tweetnacl';
  }
}

function backend(): Promise<Backend> {
  backendChoice ??= detectBackend();
  return backendChoice;
}

type TweetNacl = typeof import('tweetnacl');
let tweetnacl: Promise<TweetNacl> | undefined;
function loadTweetNacl(): Promise<TweetNacl> {
  tweetnacl ??= import('tweetnacl').then((module) => ((module as { default?: TweetNacl }).default ?? module) as TweetNacl);
  return tweetnacl;
}

const NO_SECRET = new Uint8Array(X25519_KEY_BYTES);

/** A low-order peer key gives the all-zero secret: refused, as RFC 7748 §6.1 advises. */
function checked(secret: Uint8Array): Uint8Array {
  if (equalBytes(secret, NO_SECRET)) throw new X25519Error('the peer key gives no shared secret (a low-order point)');
  return secret;
}

function assertKeyLength(peerPublicKey: Uint8Array): void {
  if (peerPublicKey.length !== X25519_KEY_BYTES) throw new X25519Error(`an X25519 public key is ${X25519_KEY_BYTES} bytes, not ${peerPublicKey.length}`);
}

/** A new key pair; its private half cannot be exported (with WebCrypto it never enters JavaScript). */
export async function generateX25519KeyPair(): Promise<X25519KeyPair> {
  if ((await backend()) === 'webcrypto') {
    const subtle = globalThis.crypto.subtle;
    const pair = (await subtle.generateKey(X25519, false, ['deriveBits'])) as CryptoKeyPair;
    const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    return {
      publicKey,
      async agree(peerPublicKey) {
        assertKeyLength(peerPublicKey);
        let secret: ArrayBuffer;
        try {
          const peer = await subtle.importKey('raw', buffer(peerPublicKey), X25519, false, []);
          secret = await subtle.deriveBits({ name: 'X25519', public: peer }, pair.privateKey, 8 * X25519_KEY_BYTES);
        } catch (error) {
          // WebCrypto refuses a low-order key itself, with an OperationError.
          throw new X25519Error(`no shared secret: ${(error as Error).message}`);
        }
        return checked(new Uint8Array(secret));
      },
    };
  }
  const nacl = await loadTweetNacl();
  const pair = nacl.box.keyPair();
  return {
    publicKey: pair.publicKey,
    async agree(peerPublicKey) {
      assertKeyLength(peerPublicKey);
      return checked(nacl.scalarMult(pair.secretKey, peerPublicKey));
    },
  };
}
