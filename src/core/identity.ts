/**
 * The user's identity: an Ed25519 OpenPGP key made by kbpgp, kept in IndexedDB (localforage),
 * optionally passphrase-protected. The peer id is the key's fingerprint.
 *
 * Loading an unprotected identity needs no kbpgp: the record keeps the 32-byte seed beside the
 * armored key (both equally secret), so a returning page can sign within milliseconds. kbpgp is
 * loaded only to create, import, export or (un)protect a key.
 */
import { createEd25519Signer, type Ed25519Signer } from './crypto/ed25519.js';
import { armorPublicKey, type EnvelopeSigner } from './envelope.js';
import { kbpgpCall, kbpgpStep, loadKbpgp, type Kbpgp } from './kbpgp-loader.js';
import { readPublicKey, type PublicKeyInfo } from './openpgp/key.js';
import { PublicKeyAlgorithm } from './openpgp/signature.js';
import { browserStore, type KeyValueStore } from './storage.js';
import type KeyManagerModule from 'kbpgp';

type KeyManager = InstanceType<(typeof KeyManagerModule)['KeyManager']>;

export type IdentityErrorCode = 'locked' | 'bad-passphrase' | 'unsupported-key' | 'invalid-key' | 'exists';

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

interface IdentityRecord {
  readonly v: 1;
  readonly fingerprint: string;
  /** kbpgp's armored private key; encrypted with the passphrase when `protected`. */
  readonly armoredPrivateKey: string;
  readonly protected: boolean;
  /** Present only when not protected: lets a page sign without loading kbpgp. */
  readonly seed?: Uint8Array;
}

export interface IdentityStoreOptions {
  /** Where the key lives; default: IndexedDB `peerkit/identity`. */
  readonly store?: KeyValueStore;
  /** Record name inside the store, to keep several identities apart (default `default`). */
  readonly slot?: string;
}

export interface CreateIdentityOptions extends IdentityStoreOptions {
  /** Shown to peers as the key's user id. */
  readonly name: string;
  readonly passphrase?: string;
  /** Replace an identity already stored in this slot (its key is lost unless exported). */
  readonly replace?: boolean;
}

export interface LoadIdentityOptions extends IdentityStoreOptions {
  readonly passphrase?: string;
}

export interface ImportIdentityOptions extends IdentityStoreOptions {
  /** Unlocks the imported key when it is passphrase-protected. */
  readonly passphrase?: string;
  /** Protects the stored copy; default: the passphrase it was imported with. */
  readonly protectWith?: string;
  readonly replace?: boolean;
}

export interface ExportPrivateKeyOptions {
  /** Encrypts the exported key with this passphrase. */
  readonly passphrase?: string;
  /** Unlocks the stored key when it is protected. */
  readonly unlock?: string;
}

const EDDSA_FLAGS = (kbpgp: Kbpgp) => kbpgp.const.openpgp.certify_keys | kbpgp.const.openpgp.sign_data;

async function storeFor(options: IdentityStoreOptions): Promise<KeyValueStore> {
  return options.store ?? browserStore('identity');
}

async function assertSlotFree(store: KeyValueStore, slot: string, replace: boolean | undefined): Promise<void> {
  if (!replace && (await store.getItem<IdentityRecord>(slot))) {
    throw new IdentityError('exists', `an identity is already stored in slot "${slot}"; pass replace: true to overwrite it`);
  }
}

function seedOf(km: KeyManager): Uint8Array {
  const pair = km.get_primary_keypair();
  if (pair.type !== PublicKeyAlgorithm.EdDsaLegacy || !pair.priv) {
    throw new IdentityError('unsupported-key', 'peerkit identities are Ed25519 keys that can sign');
  }
  return new Uint8Array(pair.priv.seed);
}

async function exportPrivate(km: KeyManager, passphrase: string | undefined): Promise<string> {
  // regen: kbpgp caches the first export and would otherwise ignore a passphrase given later.
  return kbpgpCall<string>((done) => km.export_pgp_private({ regen: true, ...(passphrase ? { passphrase } : {}) }, done));
}

async function unlockedKeyManager(armored: string, passphrase: string | undefined): Promise<KeyManager> {
  const kbpgp = await loadKbpgp();
  let km: KeyManager;
  try {
    km = await kbpgpCall<KeyManager>((done) => kbpgp.KeyManager.import_from_armored_pgp({ armored }, (error, value) => done(error, value)));
  } catch (error) {
    throw new IdentityError('invalid-key', `not an armored OpenPGP private key (${(error as Error).message})`);
  }
  if (!km.has_pgp_private()) throw new IdentityError('invalid-key', 'the armored key has no private part');
  if (km.is_pgp_locked()) {
    if (passphrase === undefined) throw new IdentityError('locked', 'the key is passphrase-protected');
    try {
      await kbpgpStep((done) => km.unlock_pgp({ passphrase }, done));
    } catch {
      throw new IdentityError('bad-passphrase', 'the passphrase does not unlock the key');
    }
  }
  return km;
}

export class Identity implements EnvelopeSigner {
  readonly fingerprint: string;
  readonly keyId: Uint8Array;
  readonly name: string;
  readonly armoredPublicKey: string;

  private constructor(
    readonly key: PublicKeyInfo,
    readonly signer: Ed25519Signer,
    private record: IdentityRecord,
    private readonly store: KeyValueStore,
    private readonly slot: string,
  ) {
    this.fingerprint = key.fingerprint;
    this.keyId = key.keyId;
    this.name = key.name;
    this.armoredPublicKey = armorPublicKey(key);
  }

  get isProtected(): boolean {
    return this.record.protected;
  }

  /** Generates a new key with kbpgp and stores it. */
  static async create(options: CreateIdentityOptions): Promise<Identity> {
    const store = await storeFor(options);
    const slot = options.slot ?? 'default';
    await assertSlotFree(store, slot, options.replace);
    const kbpgp = await loadKbpgp();
    const km = await kbpgpCall<KeyManager>((done) =>
      kbpgp.KeyManager.generate(
        { userid: options.name, primary: { algo: kbpgp.ecc.EDDSA, flags: EDDSA_FLAGS(kbpgp), nbits: 256 }, subkeys: [] },
        done,
      ),
    );
    await kbpgpStep((done) => km.sign({}, done));
    return Identity.#persist(km, options.passphrase, store, slot);
  }

  /** The stored identity, or undefined when the slot is empty. */
  static async load(options: LoadIdentityOptions = {}): Promise<Identity | undefined> {
    const store = await storeFor(options);
    const slot = options.slot ?? 'default';
    const record = await store.getItem<IdentityRecord>(slot);
    if (!record) return undefined;
    const key = await readPublicKey(record.armoredPrivateKey).catch((error: Error) => {
      throw new IdentityError('invalid-key', `stored key is unreadable (${error.message})`);
    });
    let seed = record.seed;
    if (!seed) seed = seedOf(await unlockedKeyManager(record.armoredPrivateKey, options.passphrase));
    return new Identity(key, await createEd25519Signer(seed, key.publicKey), record, store, slot);
  }

  /** The stored identity, or a new one named `name` when there is none. */
  static async loadOrCreate(options: CreateIdentityOptions): Promise<Identity> {
    return (await Identity.load(options)) ?? Identity.create(options);
  }

  /** Imports an armored Ed25519 private key (from `exportPrivateKey()`, kbpgp or GnuPG) and stores it. */
  static async import(armoredPrivateKey: string, options: ImportIdentityOptions = {}): Promise<Identity> {
    const store = await storeFor(options);
    const slot = options.slot ?? 'default';
    await assertSlotFree(store, slot, options.replace);
    const km = await unlockedKeyManager(armoredPrivateKey, options.passphrase);
    return Identity.#persist(km, options.protectWith ?? options.passphrase, store, slot);
  }

  static async #persist(km: KeyManager, passphrase: string | undefined, store: KeyValueStore, slot: string): Promise<Identity> {
    const seed = seedOf(km);
    const armoredPrivateKey = await exportPrivate(km, passphrase);
    const key = await readPublicKey(armoredPrivateKey);
    const record: IdentityRecord = {
      v: 1,
      fingerprint: key.fingerprint,
      armoredPrivateKey,
      protected: Boolean(passphrase),
      ...(passphrase ? {} : { seed }),
    };
    await store.setItem(slot, record);
    return new Identity(key, await createEd25519Signer(seed, key.publicKey), record, store, slot);
  }

  /** The armored private key, encrypted when `passphrase` is given. */
  async exportPrivateKey(options: ExportPrivateKeyOptions = {}): Promise<string> {
    if (!this.record.protected && !options.passphrase) return this.record.armoredPrivateKey;
    const km = await unlockedKeyManager(this.record.armoredPrivateKey, options.unlock);
    return exportPrivate(km, options.passphrase);
  }

  exportPublicKey(): string {
    return this.armoredPublicKey;
  }

  /**
   * Protects the stored key with `passphrase`, or removes protection when it is undefined.
   * `unlock` is the current passphrase of a key that is protected now.
   */
  async setPassphrase(passphrase: string | undefined, unlock?: string): Promise<void> {
    const km = await unlockedKeyManager(this.record.armoredPrivateKey, unlock);
    const seed = seedOf(km);
    const record: IdentityRecord = {
      v: 1,
      fingerprint: this.fingerprint,
      armoredPrivateKey: await exportPrivate(km, passphrase),
      protected: Boolean(passphrase),
      ...(passphrase ? {} : { seed }),
    };
    await this.store.setItem(this.slot, record);
    this.record = record;
  }

  /** Deletes the stored key. This object can still sign until dropped; the key cannot be recovered. */
  async delete(): Promise<void> {
    await this.store.removeItem(this.slot);
  }
}
