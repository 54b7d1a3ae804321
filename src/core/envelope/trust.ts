/** Trust vocabulary shared by the keyring (which decides) and the envelope (which enforces). */
import type { PublicKeyInfo } from '../openpgp/key.js';

/** `any`: every valid signature; `tofu`: trust on first use, refuse a changed key; `known`: only keys marked trusted. */
export type TrustPolicy = 'any' | 'tofu' | 'known';
export type TrustLevel = 'trusted' | 'unknown' | 'blocked';

export type TrustRefusal = 'untrusted' | 'blocked' | 'key-changed';

/**
 * Who handed an envelope over, so the address book can bound what one sender's traffic may do to
 * it: `via` is the peer that passed it on (its author, when the author sent it directly), `scope`
 * the namespace and room it came through.
 */
export interface AdmitContext {
  readonly via?: string;
  readonly scope?: string;
}

/** What `open()` needs from an address book: stored keys, and a verdict on a verified sender. */
export interface KeyDirectory {
  find(fingerprint: string): Promise<PublicKeyInfo | undefined>;
  /** Called only after the signature verified. Records the sender; resolves to a refusal or undefined. */
  admit(key: PublicKeyInfo, policy: TrustPolicy, now: number, context?: AdmitContext): Promise<TrustRefusal | undefined>;
  /** A link with this key's owner was made and bound: the user has met this peer, not only heard of it. */
  linked?(fingerprint: string, now: number): void;
}
