/**
 * The user's identity: an Ed25519 OpenPGP key, kept in IndexedDB (localforage), optionally
 * passphrase-protected. The peer id is the key's fingerprint.
 *
 * Making and loading an unprotected identity needs no kbpgp: the platform generates the key and
 * openpgp/key-writer.ts writes its packets, and the record keeps the 32-byte seed beside the
 * armored key (both equally secret), so a page can sign within milliseconds. kbpgp runs only to
 * import a key made elsewhere or to (un)protect one with a passphrase, in a worker on pages.
 */
import { createEd25519Signer, type Ed25519Signer } from '../crypto/ed25519.js';
import { armorPublicKey, type EnvelopeSigner } from '../envelope/envelope.js';
import { KeyToolsError, type PrivateKeyMaterial } from '../openpgp/key-tools.js';
import { keyTools } from '../openpgp/key-tools-client.js';
import { generatePrivateKey } from '../openpgp/key-writer.js';
import { readPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { browserStore, type KeyValueStore } from '../platform/storage.js';

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

async function storeFor(options: IdentityStoreOptions): Promise<KeyValueStore> {
  return options.store ?? browserStore('identity');
}

async function assertSlotFree(store: KeyValueStore, slot: string, replace: boolean | undefined): Promise<void> {
  if (!replace && (await store.getItem<IdentityRecord>(slot))) {
    throw new IdentityError('exists', `an identity is already stored in slot "${slot}"; pass replace: true to overwrite it`);
  }
}

/** Runs a key operation, reporting its failures as IdentityError. */
async function keyOperation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof KeyToolsError) throw new IdentityError(error.code, error.message);
    throw error;
  }
}

function recordOf(fingerprint: string, material: PrivateKeyMaterial, passphrase: string | undefined): IdentityRecord {
  return {
    v: 1,
    fingerprint,
    armoredPrivateKey: material.armoredPrivateKey,
    protected: Boolean(passphrase),
    ...(passphrase ? {} : { seed: material.seed }),
  };
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

  /** Generates a new key and stores it (protected with kbpgp when a passphrase is given). */
  static async create(options: CreateIdentityOptions): Promise<Identity> {
    const store = await storeFor(options);
    const slot = options.slot ?? 'default';
    await assertSlotFree(store, slot, options.replace);
    const written = await generatePrivateKey(options.name);
    const { passphrase } = options;
    const material = passphrase ? await keyOperation(() => keyTools().reexport({ armored: written.armoredPrivateKey, passphrase })) : written;
    return Identity.#persist(material, passphrase, store, slot);
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
    const seed = record.seed ?? (await keyOperation(() => keyTools().reexport({ armored: record.armoredPrivateKey, unlock: options.passphrase }))).seed;
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
    const protectWith = options.protectWith ?? options.passphrase;
    const material = await keyOperation(() => keyTools().reexport({ armored: armoredPrivateKey, unlock: options.passphrase, passphrase: protectWith }));
    return Identity.#persist(material, protectWith, store, slot);
  }

  static async #persist(material: PrivateKeyMaterial, passphrase: string | undefined, store: KeyValueStore, slot: string): Promise<Identity> {
    const key = await readPublicKey(material.armoredPrivateKey);
    const record = recordOf(key.fingerprint, material, passphrase);
    await store.setItem(slot, record);
    return new Identity(key, await createEd25519Signer(material.seed, key.publicKey), record, store, slot);
  }

  /** The armored private key, encrypted when `passphrase` is given. */
  async exportPrivateKey(options: ExportPrivateKeyOptions = {}): Promise<string> {
    if (!this.record.protected && !options.passphrase) return this.record.armoredPrivateKey;
    const material = await keyOperation(() => keyTools().reexport({ armored: this.record.armoredPrivateKey, unlock: options.unlock, passphrase: options.passphrase }));
    return material.armoredPrivateKey;
  }

  exportPublicKey(): string {
    return this.armoredPublicKey;
  }

  /**
   * Protects the stored key with `passphrase`, or removes protection when it is undefined.
   * `unlock` is the current passphrase of a key that is protected now.
   */
  async setPassphrase(passphrase: string | undefined, unlock?: string): Promise<void> {
    const material = await keyOperation(() => keyTools().reexport({ armored: this.record.armoredPrivateKey, unlock, passphrase }));
    const record = recordOf(this.fingerprint, material, passphrase);
    await this.store.setItem(this.slot, record);
    this.record = record;
  }

  /** Deletes the stored key. This object can still sign until dropped; the key cannot be recovered. */
  async delete(): Promise<void> {
    await this.store.removeItem(this.slot);
  }
}
