/**
 * Key operations that need kbpgp: unlock and re-export (import a key made elsewhere, protect or
 * unprotect one with a passphrase). New keys need none of it (key-writer.ts). Pure functions of
 * strings and bytes, so they can run in a Web Worker (see key-tools-client.ts) and keep kbpgp's
 * 250–600 ms evaluation and its entropy gathering off the page's main thread.
 */
import { kbpgpCall, kbpgpStep, loadKbpgp } from '../platform/kbpgp-loader.js';
import { PublicKeyAlgorithm } from './signature.js';
import type kbpgpModule from 'kbpgp';

type KeyManager = InstanceType<(typeof kbpgpModule)['KeyManager']>;

export type KeyToolsErrorCode = 'locked' | 'bad-passphrase' | 'unsupported-key' | 'invalid-key';

export class KeyToolsError extends Error {
  override readonly name = 'KeyToolsError';
  constructor(
    readonly code: KeyToolsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface PrivateKeyMaterial {
  /** kbpgp's armored private key, encrypted when a passphrase was given. */
  readonly armoredPrivateKey: string;
  /** The Ed25519 seed: what signing needs. */
  readonly seed: Uint8Array;
}

export interface KeyToolsApi {
  warm(): Promise<void>;
  /** Unlocks an armored private key and re-exports it, encrypted with `passphrase` when given. */
  reexport(request: { armored: string; unlock?: string; passphrase?: string }): Promise<PrivateKeyMaterial>;
}

function seedOf(km: KeyManager): Uint8Array {
  const pair = km.get_primary_keypair();
  if (pair.type !== PublicKeyAlgorithm.EdDsaLegacy || !pair.priv) {
    throw new KeyToolsError('unsupported-key', 'peerkit identities are Ed25519 keys that can sign');
  }
  return new Uint8Array(pair.priv.seed);
}

async function exportMaterial(km: KeyManager, passphrase: string | undefined): Promise<PrivateKeyMaterial> {
  const seed = seedOf(km);
  // regen: kbpgp caches the first export and would otherwise ignore a passphrase given later.
  const armoredPrivateKey = await kbpgpCall<string>((done) => km.export_pgp_private({ regen: true, ...(passphrase ? { passphrase } : {}) }, done));
  return { armoredPrivateKey, seed };
}

async function unlocked(armored: string, passphrase: string | undefined): Promise<KeyManager> {
  const kbpgp = await loadKbpgp();
  let km: KeyManager;
  try {
    km = await kbpgpCall<KeyManager>((done) => kbpgp.KeyManager.import_from_armored_pgp({ armored }, (error, value) => done(error, value)));
  } catch (error) {
    throw new KeyToolsError('invalid-key', `not an armored OpenPGP private key (${(error as Error).message})`);
  }
  if (!km.has_pgp_private()) throw new KeyToolsError('invalid-key', 'the armored key has no private part');
  if (km.is_pgp_locked()) {
    if (passphrase === undefined) throw new KeyToolsError('locked', 'the key is passphrase-protected');
    try {
      await kbpgpStep((done) => km.unlock_pgp({ passphrase }, done));
    } catch {
      throw new KeyToolsError('bad-passphrase', 'the passphrase does not unlock the key');
    }
  }
  return km;
}

/** The operations, run in the calling thread. */
export const localKeyTools: KeyToolsApi = {
  async warm() {
    const kbpgp = await loadKbpgp();
    await new Promise<void>((resolve) => kbpgp.rand.SRF().random_bytes(32, () => resolve()));
  },
  async reexport({ armored, unlock, passphrase }) {
    return exportMaterial(await unlocked(armored, unlock), passphrase);
  },
};

/** One key operation as a message (to the key worker, key-tools-worker.ts). */
export type KeyToolsCall = { [Op in keyof KeyToolsApi]: { readonly op: Op; readonly args: Parameters<KeyToolsApi[Op]> } }[keyof KeyToolsApi];

/** Runs a key operation given as a message, in the calling thread. */
export function runKeyToolsCall(call: KeyToolsCall): Promise<unknown> {
  switch (call.op) {
    case 'warm':
      return localKeyTools.warm();
    case 'reexport':
      return localKeyTools.reexport(...call.args);
  }
}
