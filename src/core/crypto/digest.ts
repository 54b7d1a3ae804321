/** Hash functions through the platform (WebCrypto in browsers and in Node). */

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
}
