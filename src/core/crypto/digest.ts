/** Hash functions through the platform: WebCrypto, or an installed native provider. */
import { cryptoProvider, type DigestName } from './provider.js';

export type { DigestName };

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  const provider = cryptoProvider();
  if (provider) return provider.digest(name, data);
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
}
