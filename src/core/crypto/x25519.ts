/**
 * X25519 key agreement. The curve math runs on the platform's WebCrypto (Chromium, Firefox,
 * Safari 17+, and Node ≥ 20 for virtual clients and bench peers), where the private key never
 * leaves the crypto engine; where WebCrypto lacks X25519, the TweetNaCl that ed25519.ts already
 * falls back to does the same math, so behaviour is identical, only slower.
 */
import { equalBytes } from '../util/bytes.js';
import { CurveBackendChoice, loadTweetNacl, type CurveBackend } from './curve-backend.js';

export const X25519_KEY_BYTES = 32;

export interface X25519KeyPair {
  readonly publicKey: Uint8Array;
  /** The shared secret with a peer's public key. Throws X25519Error when it gives none (a low-order point). */
  agree(peerPublicKey: Uint8Array): Promise<Uint8Array>;
}

export class X25519Error extends Error {
  override readonly name = 'X25519Error';
}

const X25519 = { name: 'X25519' } as const;
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** The base point (u = 9), a valid public key: importing it proves WebCrypto has the algorithm. */
const BASE_POINT = new Uint8Array(X25519_KEY_BYTES);
BASE_POINT[0] = 9;
const backends = new CurveBackendChoice('X25519', BASE_POINT, []);

/** For tests and for pages that must avoid WebCrypto: pins the backend used from now on. */
export function useX25519Backend(backend: CurveBackend | undefined): void {
  backends.pin(backend);
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
  if ((await backends.get()) === 'webcrypto') {
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
