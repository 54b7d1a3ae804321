/** The slice of kbpgp 2.1 that peerkit uses (kbpgp ships no types). */
declare module 'kbpgp' {
  type Callback<T> = (error: Error | null, value: T) => void;

  interface EdDsaPair {
    readonly pub: { readonly key: Uint8Array };
    readonly priv?: { readonly seed: Uint8Array };
  }

  interface ASP {
    readonly __kbpgpAsp?: never;
  }

  class KeyManager {
    static generate(
      options: {
        userid: string;
        asp?: ASP;
        primary: { algo: unknown; flags: number; nbits?: number; expire_in?: number };
        subkeys: unknown[];
      },
      callback: Callback<KeyManager>,
    ): void;
    static import_from_armored_pgp(options: { armored: string; asp?: ASP }, callback: (error: Error | null, km: KeyManager, warnings: unknown) => void): void;
    sign(options: Record<string, never>, callback: (error: Error | null) => void): void;
    export_pgp_public(options: Record<string, never>, callback: Callback<string>): void;
    export_pgp_private(options: { passphrase?: string; regen?: boolean }, callback: Callback<string>): void;
    is_pgp_locked(): boolean;
    unlock_pgp(options: { passphrase: string }, callback: (error: Error | null) => void): void;
    has_pgp_private(): boolean;
    get_primary_keypair(): EdDsaPair & { readonly type: number };
    get_pgp_fingerprint(): Uint8Array;
  }

  const kbpgp: {
    KeyManager: typeof KeyManager;
    ecc: { EDDSA: unknown };
    const: { openpgp: { certify_keys: number; sign_data: number; public_key_algorithms: { EDDSA: number } } };
    rand: { SRF(): { random_bytes(n: number, callback: (bytes: Uint8Array) => void): void } };
    ASP: new (options: { delay?: number; progress_hook?: unknown }) => ASP;
  };
  export default kbpgp;
}
