/**
 * A message for one peer, sealed so that only that peer can read it: the members relaying it see
 * its routing (id, origin, recipient, hops) and nothing more.
 *
 * ECIES over X25519: the sender makes a fresh key pair for each message (the ephemeral key),
 * agrees a secret with the recipient's X25519 key, and HKDF-SHA-256 turns that secret into an
 * AES-256-GCM key and nonce that are used once. The HKDF salt is both public keys; its info names
 * the namespace, room, sender, recipient and message id, so a ciphertext opens only as the message
 * it was sealed as: a relay that re-signs someone else's ciphertext as its own (or under another
 * id, room or recipient) gets it refused, never read. The sealed payload travels in the sender's
 * signed envelope, ephemeral key included, so a relay that changes any byte of it breaks the
 * signature before decryption is even tried.
 *
 * The recipient's key (`r`) is named in the payload: a message sealed for a key the recipient no
 * longer has (it reloaded, and made a new one) is told apart from a forgery.
 */
import { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from '../util/bytes.js';
import { generateX25519KeyPair, X25519_KEY_BYTES, X25519Error, type X25519KeyPair } from '../crypto/x25519.js';

/** What travels in the signed body: ephemeral key, recipient key, ciphertext (base64url each). */
export interface SealedPayload {
  readonly e: string;
  readonly r: string;
  readonly c: string;
}

/** What a sealed message is bound to, besides the two keys. */
export interface DirectContext {
  readonly ns: string;
  readonly room: string;
  readonly from: string;
  readonly to: string;
  readonly id: string;
}

export type SealedDirectErrorCode = 'undecryptable' | 'stale-key';

export class SealedDirectError extends Error {
  override readonly name = 'SealedDirectError';
  constructor(
    readonly code: SealedDirectErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const KEY_CHARS = 43;
const GCM_TAG_BYTES = 16;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CIPHERTEXT_PATTERN = /^[A-Za-z0-9_-]+$/;
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** An X25519 public key as it travels (base64url, 43 characters). */
export function encodeX25519Key(key: Uint8Array): string {
  return toBase64Url(key);
}

/** The key in `text`, or undefined when it is not one. */
export function decodeX25519Key(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !KEY_PATTERN.test(text)) return undefined;
  const key = fromBase64Url(text);
  return key.length === X25519_KEY_BYTES ? key : undefined;
}

/** Whether `value` has the shape of a sealed payload (it may still not open). */
export function isSealedPayload(value: unknown): value is SealedPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { e, r, c } = value as Record<string, unknown>;
  return typeof e === 'string' && e.length === KEY_CHARS && typeof r === 'string' && r.length === KEY_CHARS && typeof c === 'string' && CIPHERTEXT_PATTERN.test(c);
}

/** Characters of the ciphertext field for a plaintext of `bytes` UTF-8 bytes. */
export function sealedChars(bytes: number): number {
  return Math.ceil(((bytes + GCM_TAG_BYTES) * 4) / 3);
}

async function messageKey(secret: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array, context: DirectContext, usage: KeyUsage): Promise<{ key: CryptoKey; iv: Uint8Array }> {
  const subtle = globalThis.crypto.subtle;
  const salt = new Uint8Array(2 * X25519_KEY_BYTES);
  salt.set(ephemeral, 0);
  salt.set(recipient, X25519_KEY_BYTES);
  const info = utf8Encode(`peerkit direct v1\n${JSON.stringify([context.ns, context.room, context.from, context.to, context.id])}`);
  const ikm = await subtle.importKey('raw', buffer(secret), 'HKDF', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: buffer(info) }, ikm, 8 * (32 + 12)));
  const key = await subtle.importKey('raw', bits.subarray(0, 32), 'AES-GCM', false, [usage]);
  return { key, iv: bits.subarray(32) };
}

/** Seals `plaintext` for the holder of `recipientKey`, bound to `context`. */
export async function sealForRecipient(recipientKey: Uint8Array, plaintext: string, context: DirectContext): Promise<SealedPayload> {
  const ephemeral = await generateX25519KeyPair();
  const secret = await ephemeral.agree(recipientKey);
  const { key, iv } = await messageKey(secret, ephemeral.publicKey, recipientKey, context, 'encrypt');
  const ciphertext = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv: buffer(iv) }, key, buffer(utf8Encode(plaintext))));
  return { e: encodeX25519Key(ephemeral.publicKey), r: encodeX25519Key(recipientKey), c: toBase64Url(ciphertext) };
}

/** Opens a payload sealed for `own`'s public key. Throws SealedDirectError, nothing else. */
export async function openSealed(own: X25519KeyPair, sealed: SealedPayload, context: DirectContext): Promise<string> {
  const ephemeral = decodeX25519Key(sealed.e);
  const recipient = decodeX25519Key(sealed.r);
  if (!ephemeral || !recipient) throw new SealedDirectError('undecryptable', 'the sealed keys are not X25519 public keys');
  if (encodeX25519Key(own.publicKey) !== sealed.r) throw new SealedDirectError('stale-key', 'sealed for another key of ours (one from an earlier session)');
  try {
    const secret = await own.agree(ephemeral);
    const { key, iv } = await messageKey(secret, ephemeral, recipient, context, 'decrypt');
    const plaintext = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: buffer(iv) }, key, buffer(fromBase64Url(sealed.c)));
    return utf8Decode(new Uint8Array(plaintext));
  } catch (error) {
    const reason = error instanceof X25519Error ? error.message : 'the ciphertext does not open for this sender, recipient and message';
    throw new SealedDirectError('undecryptable', reason);
  }
}
