/** Trust vocabulary shared by the keyring (which decides) and the envelope (which enforces). */
import type { PublicKeyInfo } from './openpgp/key.js';

/** `any`: every valid signature; `tofu`: trust on first use, refuse a changed key; `known`: only keys marked trusted. */
export type TrustPolicy = 'any' | 'tofu' | 'known';
export type TrustLevel = 'trusted' | 'unknown' | 'blocked';

export type TrustRefusal = 'untrusted' | 'blocked' | 'key-changed';

/** What `open()` needs from an address book: stored keys, and a verdict on a verified sender. */
export interface KeyDirectory {
  find(fingerprint: string): Promise<PublicKeyInfo | undefined>;
  /** Called only after the signature verified. Records the sender; resolves to a refusal or undefined. */
  admit(key: PublicKeyInfo, policy: TrustPolicy, now: number): Promise<TrustRefusal | undefined>;
}
