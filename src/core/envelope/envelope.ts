/**
 * Sealed envelopes: every signal a peer sends is signed by its key and compressed before any
 * transport sees it, so the signaling server (or anyone on the path) can route it but cannot
 * alter, forge, redirect or replay it unnoticed.
 *
 * Wire format (binary; the text form is its unpadded base64url):
 *   0x01 ‖ deflate-raw(message, preset dictionary v1)   — what seal() produces when smaller
 *   message                                             — a bare OpenPGP message (first byte ≥ 0x80)
 * where `message` is a standard binary OpenPGP signed message (RFC 9580): a v4 Ed25519 signature
 * packet followed by a literal data packet holding the signed JSON. pako is the one compressor:
 * one deflate around the whole uncompressed message (its own compressed-data packet would leave
 * the signature outside the compression and cannot use the SDP dictionary). Any OpenPGP tool can
 * verify the inflated message with the sender's public key; a message made by another tool
 * (including one with its own compressed-data packet, as `gpg --sign` makes) opens here too.
 */
import { deflateRaw } from 'pako';
import { BoundedInflater, InflateLimitError } from '../util/bounded-inflate.js';
import { BoundedMap, cachedPromise } from '../util/bounded-map.js';
import { concatBytes, equalBytes, fromBase64Url, randomBytes, toBase64Url, uint32BigEndian, utf8Decode, utf8Encode } from '../util/bytes.js';
import type { Ed25519Signer } from '../crypto/ed25519.js';
import { ENVELOPE_DICTIONARY_V1 } from './dictionary.js';
import { armor } from '../openpgp/armor.js';
import { readPublicKey, type PublicKeyInfo } from '../openpgp/key.js';
import { decodePackets, encodePacket, PacketTag, type Packet } from '../openpgp/packets.js';
import { createSignatureBody, parseSignature, SignatureType, verifySignature, type ParsedSignature } from '../openpgp/signature.js';
import type { ReplayGuard } from './replay-guard.js';
import type { KeyDirectory, TrustPolicy } from './trust.js';

export const ENVELOPE_VERSION = 1;
const CODEC_DEFLATE_DICT_V1 = 0x01;

/** Every reason `open()` refuses an envelope, in the order the checks run. */
export type EnvelopeErrorCode =
  | 'too-large'
  | 'inflated-too-large'
  | 'malformed'
  | 'unknown-signer'
  | 'bad-signature'
  | 'signer-mismatch'
  | 'wrong-namespace'
  | 'wrong-room'
  | 'wrong-recipient'
  | 'stale'
  | 'replayed'
  | 'untrusted'
  | 'blocked'
  | 'key-changed';

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface EnvelopeLimits {
  /** Largest accepted envelope: characters of the text form, bytes of the binary form. */
  readonly maxEncodedBytes: number;
  /** Largest accepted inflated message; inflation stops as soon as it is exceeded. */
  readonly maxInflatedBytes: number;
  /** How far `ts` may be from the receiver's clock, either way. */
  readonly maxClockSkewMs: number;
}

export const DEFAULT_ENVELOPE_LIMITS: EnvelopeLimits = {
  maxEncodedBytes: 64 * 1024,
  maxInflatedBytes: 128 * 1024,
  maxClockSkewMs: 120_000,
};

/** What seal() needs from an identity; Identity implements it, and so can a Node virtual client. */
export interface EnvelopeSigner {
  readonly fingerprint: string;
  readonly keyId: Uint8Array;
  readonly armoredPublicKey: string;
  readonly signer: Ed25519Signer;
}

export interface SealInput<Body = unknown> {
  readonly ns: string;
  readonly room: string;
  /** Recipient fingerprint, or another agreed name (e.g. `*` for everyone in the room). */
  readonly to: string;
  readonly type: string;
  readonly body: Body;
  /** Attach the armored public key: on first contact, when the recipient cannot know it yet. */
  readonly includeKey?: boolean;
  /** Clock override (ms since the epoch), for tests and benchmarks. */
  readonly now?: number;
}

/** The signed JSON. */
export interface EnvelopeContent<Body = unknown> {
  readonly v: typeof ENVELOPE_VERSION;
  readonly ns: string;
  readonly room: string;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly nonce: string;
  readonly ts: number;
  readonly key?: string;
  readonly body: Body;
}

export interface OpenedEnvelope<Body = unknown> extends EnvelopeContent<Body> {
  /** The verified sender key. */
  readonly sender: PublicKeyInfo;
}

export interface OpenOptions {
  readonly ns: string;
  readonly room: string;
  /** Accepted `to` values: this peer's fingerprint, plus any shared name it answers to. */
  readonly me: string | readonly string[];
  readonly replay: ReplayGuard;
  /** Known keys and the trust decision. Without it only embedded keys verify and trust is not checked. */
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  readonly limits?: Partial<EnvelopeLimits>;
  readonly now?: number;
  /** The peer that handed this envelope over, when not its author (a relay, a history sync). */
  readonly via?: string;
  /**
   * Whether `from` has already vouched for these exact bytes by a signature checked elsewhere (a
   * chat slice seal: chat/slice-seal.ts): then the envelope's own signature is not verified again.
   * Everything else is checked as usual, and the vouching key must be the claimed signer's.
   */
  readonly vouched?: (from: string, bytes: Uint8Array) => boolean | Promise<boolean>;
  /** How a key carried in the envelope (`key`) is read; default: parsed in full (names verified), cached. */
  readonly readKey?: (armored: string) => Promise<PublicKeyInfo>;
}

const FIELD_LIMITS = { ns: 128, room: 128, address: 128, type: 64, nonce: 64, key: 8192 } as const;

// ---------------------------------------------------------------------------------------- seal

export async function sealBinary<Body>(identity: EnvelopeSigner, input: SealInput<Body>): Promise<Uint8Array> {
  const ts = input.now ?? Date.now();
  const content: EnvelopeContent<Body> = {
    v: ENVELOPE_VERSION,
    ns: input.ns,
    room: input.room,
    from: identity.fingerprint,
    to: input.to,
    type: input.type,
    nonce: toBase64Url(randomBytes(12)),
    ts,
    ...(input.includeKey ? { key: identity.armoredPublicKey } : {}),
    body: input.body,
  };
  const data = utf8Encode(JSON.stringify(content));
  const seconds = Math.floor(ts / 1000);
  const signature = await createSignatureBody(data, {
    type: SignatureType.Binary,
    signer: identity.signer,
    keyId: identity.keyId,
    createdSeconds: seconds,
  });
  const literal = concatBytes(Uint8Array.of(0x62, 0), uint32BigEndian(seconds), data);
  const message = concatBytes(encodePacket(PacketTag.Signature, signature), encodePacket(PacketTag.LiteralData, literal));
  const deflated = deflateRaw(message, { level: 9, dictionary: ENVELOPE_DICTIONARY_V1 });
  return deflated.length + 1 < message.length ? concatBytes(Uint8Array.of(CODEC_DEFLATE_DICT_V1), deflated) : message;
}

export async function seal<Body>(identity: EnvelopeSigner, input: SealInput<Body>): Promise<string> {
  return toBase64Url(await sealBinary(identity, input));
}

/** The armored form of a key's public packets, as carried in `key` on first contact. */
export function armorPublicKey(key: PublicKeyInfo): string {
  return armor('PUBLIC KEY BLOCK', key.packets);
}

// ---------------------------------------------------------------------------------------- open

const inflaters = {
  dictionary: new BoundedInflater(true, ENVELOPE_DICTIONARY_V1),
  raw: new BoundedInflater(true),
  zlib: new BoundedInflater(false),
};

/** Inflates, giving up as soon as the output passes `limit`: a deflate bomb is never expanded. */
function boundedInflate(inflater: BoundedInflater, input: Uint8Array, limit: number): Uint8Array {
  try {
    return inflater.inflate(input, limit);
  } catch (error) {
    if (error instanceof InflateLimitError) throw new EnvelopeError('inflated-too-large', error.message);
    throw new EnvelopeError('malformed', (error as Error).message);
  }
}

function decodeText(sealed: string | Uint8Array, limits: EnvelopeLimits): Uint8Array {
  if (typeof sealed === 'string') {
    if (sealed.length > limits.maxEncodedBytes) throw new EnvelopeError('too-large', `${sealed.length} characters, limit ${limits.maxEncodedBytes}`);
    try {
      return fromBase64Url(sealed);
    } catch (error) {
      throw new EnvelopeError('malformed', `not base64url (${(error as Error).message})`);
    }
  }
  if (!(sealed instanceof Uint8Array)) throw new EnvelopeError('malformed', 'an envelope is a string or a Uint8Array');
  if (sealed.length > limits.maxEncodedBytes) throw new EnvelopeError('too-large', `${sealed.length} bytes, limit ${limits.maxEncodedBytes}`);
  return sealed;
}

function decodeMessagePackets(message: Uint8Array, limits: EnvelopeLimits): Packet[] {
  let packets = packetsOf(message);
  if (packets.length === 1 && packets[0]!.tag === PacketTag.CompressedData) {
    const body = packets[0]!.body;
    const algorithm = body[0];
    const compressed = body.subarray(1);
    let inner: Uint8Array;
    if (algorithm === 0) inner = compressed;
    else if (algorithm === 1) inner = boundedInflate(inflaters.raw, compressed, limits.maxInflatedBytes);
    else if (algorithm === 2) inner = boundedInflate(inflaters.zlib, compressed, limits.maxInflatedBytes);
    else throw new EnvelopeError('malformed', `unsupported compression algorithm ${algorithm}`);
    packets = packetsOf(inner);
  }
  return packets;
}

function packetsOf(bytes: Uint8Array): Packet[] {
  try {
    return decodePackets(bytes, 8);
  } catch (error) {
    throw new EnvelopeError('malformed', (error as Error).message);
  }
}

interface SignedParts {
  readonly signature: ParsedSignature;
  readonly data: Uint8Array;
}

/** Accepts `signature, literal` and the one-pass form `one-pass, literal, signature`. */
function signedParts(packets: readonly Packet[]): SignedParts {
  const tags = packets.map((packet) => packet.tag).join(',');
  let signaturePacket: Packet;
  let literalPacket: Packet;
  if (tags === `${PacketTag.Signature},${PacketTag.LiteralData}`) {
    [signaturePacket, literalPacket] = packets as [Packet, Packet];
  } else if (tags === `${PacketTag.OnePassSignature},${PacketTag.LiteralData},${PacketTag.Signature}`) {
    [, literalPacket, signaturePacket] = packets as [Packet, Packet, Packet];
  } else {
    throw new EnvelopeError('malformed', `not a signed message (packets ${tags || 'none'})`);
  }
  let signature: ParsedSignature;
  try {
    signature = parseSignature(signaturePacket.body);
  } catch (error) {
    throw new EnvelopeError('malformed', (error as Error).message);
  }
  if (signature.type !== SignatureType.Binary && signature.type !== SignatureType.Text) {
    throw new EnvelopeError('malformed', `signature type ${signature.type} is not a document signature`);
  }
  const literal = literalPacket.body;
  if (literal.length < 6) throw new EnvelopeError('malformed', 'truncated literal data');
  const dataStart = 2 + literal[1]! + 4;
  if (dataStart > literal.length) throw new EnvelopeError('malformed', 'truncated literal data');
  let data = literal.subarray(dataStart);
  // A text-mode signature covers the data with CRLF line endings (RFC 9580 §5.2.4).
  if (signature.type === SignatureType.Text) data = utf8Encode(utf8Decode(data).replace(/\r?\n/g, '\r\n'));
  return { signature, data };
}

function isString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function parseContent(data: Uint8Array): EnvelopeContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(data));
  } catch {
    throw new EnvelopeError('malformed', 'signed data is not UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new EnvelopeError('malformed', 'signed data is not an object');
  const content = parsed as Record<string, unknown>;
  if (content.v !== ENVELOPE_VERSION) throw new EnvelopeError('malformed', `unsupported envelope version ${String(content.v)}`);
  const fields: [string, number][] = [
    ['ns', FIELD_LIMITS.ns],
    ['room', FIELD_LIMITS.room],
    ['from', FIELD_LIMITS.address],
    ['to', FIELD_LIMITS.address],
    ['type', FIELD_LIMITS.type],
    ['nonce', FIELD_LIMITS.nonce],
  ];
  for (const [field, max] of fields) {
    if (!isString(content[field], max)) throw new EnvelopeError('malformed', `field "${field}" must be a string of 1–${max} characters`);
  }
  if (typeof content.ts !== 'number' || !Number.isSafeInteger(content.ts)) throw new EnvelopeError('malformed', 'field "ts" must be an integer');
  if (content.key !== undefined && !isString(content.key, FIELD_LIMITS.key)) throw new EnvelopeError('malformed', 'field "key" must be an armored key');
  if (!('body' in content)) throw new EnvelopeError('malformed', 'field "body" is missing');
  return content as unknown as EnvelopeContent;
}

/** Parsed first-contact keys, so a peer's repeated key costs one parse. Bounded. */
const embeddedKeys = new BoundedMap<string, Promise<PublicKeyInfo>>(256);

function readEmbeddedKey(armored: string): Promise<PublicKeyInfo> {
  return cachedPromise(embeddedKeys, armored, () => readPublicKey(armored));
}

async function signerKey(content: EnvelopeContent, keys: KeyDirectory | undefined, readKey = readEmbeddedKey): Promise<PublicKeyInfo> {
  if (content.key !== undefined) {
    try {
      return await readKey(content.key);
    } catch (error) {
      throw new EnvelopeError('malformed', `embedded key: ${(error as Error).message}`);
    }
  }
  const known = await keys?.find(content.from);
  if (!known) throw new EnvelopeError('unknown-signer', `no key for ${content.from} and none attached`);
  return known;
}

function recipients(me: string | readonly string[]): readonly string[] {
  return typeof me === 'string' ? [me] : me;
}

/**
 * Opens and verifies an envelope. Checks run in this order, each with its own error code:
 * encoded size, inflated size, parse, signature, signer == from, ns / room / to, time window,
 * replay, trust. The nonce is recorded only after the trust check passed. Never throws anything
 * but EnvelopeError.
 */
export async function open<Body = unknown>(sealed: string | Uint8Array, options: OpenOptions): Promise<OpenedEnvelope<Body>> {
  const limits: EnvelopeLimits = { ...DEFAULT_ENVELOPE_LIMITS, ...options.limits };
  try {
    const bytes = decodeText(sealed, limits);
    if (bytes.length === 0) throw new EnvelopeError('malformed', 'empty envelope');
    let message: Uint8Array;
    if (bytes[0] === CODEC_DEFLATE_DICT_V1) {
      message = boundedInflate(inflaters.dictionary, bytes.subarray(1), limits.maxInflatedBytes);
    } else if (bytes[0]! >= 0x80) {
      message = bytes;
    } else {
      throw new EnvelopeError('malformed', `unknown envelope codec ${bytes[0]}`);
    }
    const { signature, data } = signedParts(decodeMessagePackets(message, limits));
    const content = parseContent(data);

    const sender = await signerKey(content, options.keys, options.readKey);
    const vouched = options.vouched !== undefined && (await options.vouched(content.from, bytes));
    if (!vouched && !(await verifySignature(signature, data, sender.publicKey))) {
      throw new EnvelopeError('bad-signature', 'the signature does not verify');
    }
    const issuerMatches =
      (!signature.issuerKeyId || equalBytes(signature.issuerKeyId, sender.keyId)) &&
      (!signature.issuerFingerprint || equalBytes(signature.issuerFingerprint.subarray(12), sender.keyId));
    if (sender.fingerprint !== content.from || !issuerMatches) {
      throw new EnvelopeError('signer-mismatch', `signed by ${sender.fingerprint}, claims to be from ${content.from}`);
    }

    if (content.ns !== options.ns) throw new EnvelopeError('wrong-namespace', `for namespace "${content.ns}"`);
    if (content.room !== options.room) throw new EnvelopeError('wrong-room', `for room "${content.room}"`);
    if (!recipients(options.me).includes(content.to)) throw new EnvelopeError('wrong-recipient', `addressed to ${content.to}`);

    const now = options.now ?? Date.now();
    if (Math.abs(now - content.ts) > limits.maxClockSkewMs) {
      throw new EnvelopeError('stale', `sealed at ${new Date(content.ts).toISOString()}, outside ±${limits.maxClockSkewMs} ms`);
    }
    const oldestAllowed = now - limits.maxClockSkewMs;
    const replayed = () => new EnvelopeError('replayed', `nonce ${content.nonce} was already used`);
    if (!options.replay.accepts(content.from, content.nonce, content.ts, oldestAllowed)) throw replayed();

    if (options.keys) {
      const context = { scope: `${content.ns}/${content.room}`, ...(options.via !== undefined ? { via: options.via } : {}) };
      const refusal = await options.keys.admit(sender, options.policy ?? 'any', now, context);
      if (refusal) throw new EnvelopeError(refusal, `sender ${sender.fingerprint} refused by the trust policy "${options.policy ?? 'any'}"`);
    }
    // Recorded only now, once the sender is proven and admitted: a refused key fills no guard.
    // `remember` checks again, so the same envelope opened twice at once is accepted once.
    if (!options.replay.remember(content.from, content.nonce, content.ts, oldestAllowed)) throw replayed();
    return { ...(content as EnvelopeContent<Body>), sender };
  } catch (error) {
    if (error instanceof EnvelopeError) throw error;
    throw new EnvelopeError('malformed', (error as Error)?.message ?? String(error));
  }
}
