/**
 * Where hashing and Ed25519 run. By default: WebCrypto (browsers, and Node). A runtime with a
 * faster native path installs its own provider once at start-up — the Node server does, since
 * each WebCrypto call in Node hops to the thread pool (~0.1 ms), which dominated join proofs.
 */
/** The hash functions peerkit uses (WebCrypto's names). */
export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface CryptoProvider {
  digest(name: DigestName, data: Uint8Array): Uint8Array;
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  signEd25519(seed: Uint8Array, publicKey: Uint8Array): (message: Uint8Array) => Uint8Array;
}

let installed: CryptoProvider | undefined;

export function useCryptoProvider(provider: CryptoProvider | undefined): void {
  installed = provider;
}

export function cryptoProvider(): CryptoProvider | undefined {
  return installed;
}
