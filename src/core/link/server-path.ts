/**
 * A link's frames through the signaling server, for a peer no WebRTC path reaches (no TURN, UDP
 * blocked): encrypted to the remote, so the server sees whom they are for and how big, nothing else.
 *
 * Each side makes an X25519 key for the link and sends it in a sealed signal (signals.ts): signed
 * by its identity key, for this remote, in this link's sessions, fresh and never replayed. The
 * agreed secret goes through HKDF-SHA-256 (salt: both public keys, the offerer's first; info: the
 * sender's and the recipient's fingerprints) into one AES-256-GCM key per direction.
 *
 * A frame travels as one or more pieces, each `seq (8 bytes, big-endian) ‖ AES-GCM(flags ‖ bytes)`
 * with the nonce `0⁴ ‖ seq`: every piece has its own nonce, a receiver takes only pieces whose seq
 * is above the last it took (a replay, or a piece from the other direction, never opens or is
 * dropped), and a piece is taken only after it decrypted, so a forged seq cannot push the counter
 * on. `flags` marks a frame's first and last piece; a frame missing a piece (the server dropped
 * one) is dropped whole.
 */
import { concatBytes, fromBase64Url, toBase64Url, utf8Encode } from '../util/bytes.js';
import { generateX25519KeyPair, X25519_KEY_BYTES, type X25519KeyPair } from '../crypto/x25519.js';
import { MAX_FRAME_BYTES } from './frame.js';

export type ServerPathErrorCode = 'bad-key' | 'malformed' | 'unauthenticated' | 'replayed' | 'too-large';

export class ServerPathError extends Error {
  override readonly name = 'ServerPathError';
  constructor(
    readonly code: ServerPathErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const SEQ_BYTES = 8;
const TAG_BYTES = 16;
/** What a piece costs beyond its bytes: seq, flags, GCM tag. */
export const PIECE_OVERHEAD = SEQ_BYTES + 1 + TAG_BYTES;
const FIRST = 1;
const LAST = 2;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** Whether `text` can be a server-path key as signals carry it (base64url of 32 bytes). */
export function isServerPathKey(text: unknown): text is string {
  return typeof text === 'string' && KEY_PATTERN.test(text);
}

export interface ServerPathParties {
  readonly me: string;
  readonly remote: string;
  /** We made the link's offer: our key goes first in the salt. */
  readonly initiator: boolean;
}

/** One side's half: its key pair, made when the link first needs the server. */
export class ServerPathKey {
  private constructor(
    readonly pair: X25519KeyPair,
    /** As signals carry it. */
    readonly publicKey: string,
  ) {}

  static async create(): Promise<ServerPathKey> {
    const pair = await generateX25519KeyPair();
    return new ServerPathKey(pair, toBase64Url(pair.publicKey));
  }

  /** The keys for both directions, agreed with the remote's public key. Throws ServerPathError (`bad-key`). */
  async agree(remoteKey: string, parties: ServerPathParties): Promise<ServerPathCipher> {
    const remote = isServerPathKey(remoteKey) ? fromBase64Url(remoteKey) : undefined;
    if (remote?.length !== X25519_KEY_BYTES) throw new ServerPathError('bad-key', 'not an X25519 public key');
    let secret: Uint8Array;
    try {
      secret = await this.pair.agree(remote);
    } catch (error) {
      throw new ServerPathError('bad-key', (error as Error).message);
    }
    const own = this.pair.publicKey;
    const salt = parties.initiator ? concatBytes(own, remote) : concatBytes(remote, own);
    const subtle = globalThis.crypto.subtle;
    const ikm = await subtle.importKey('raw', buffer(secret), 'HKDF', false, ['deriveKey']);
    const direction = (from: string, to: string, usage: KeyUsage) =>
      subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: buffer(salt), info: buffer(utf8Encode(`peerkit server path v1\n${from}\n${to}`)) }, ikm, { name: 'AES-GCM', length: 256 }, false, [usage]);
    const [sending, receiving] = await Promise.all([direction(parties.me, parties.remote, 'encrypt'), direction(parties.remote, parties.me, 'decrypt')]);
    return new ServerPathCipher(sending, receiving);
  }
}

/** Seals frames into pieces and opens pieces into frames, for one link in both directions. */
export class ServerPathCipher {
  #sent = 0n;
  #taken = 0n;
  /** Pieces of the frame being put together. */
  #pieces: Uint8Array[] | undefined;
  #assembled = 0;

  constructor(
    private readonly sending: CryptoKey,
    private readonly receiving: CryptoKey,
  ) {}

  /**
   * `frame` as pieces of at most `maxPiece` bytes each (what the transport takes), in the order
   * they must leave. Sequence numbers are taken when called: seal frames one after another.
   */
  seal(frame: Uint8Array, maxPiece: number): Promise<Uint8Array[]> {
    const room = maxPiece - PIECE_OVERHEAD;
    if (room < 1) throw new ServerPathError('too-large', `pieces of ${maxPiece} bytes leave no room for data`);
    const pieces: Promise<Uint8Array>[] = [];
    for (let at = 0; at < frame.length || at === 0; at += room) {
      const flags = (at === 0 ? FIRST : 0) | (at + room >= frame.length ? LAST : 0);
      pieces.push(this.#sealPiece(++this.#sent, flags, frame.subarray(at, at + room)));
      if (frame.length === 0) break;
    }
    return Promise.all(pieces);
  }

  /**
   * Opens one piece; the whole frame once its last piece is in, else undefined. Pieces must be
   * opened one after another, in arrival order. Throws ServerPathError.
   */
  async open(piece: Uint8Array): Promise<Uint8Array | undefined> {
    if (piece.length < PIECE_OVERHEAD) throw new ServerPathError('malformed', `a piece of ${piece.length} bytes`);
    const seq = new DataView(piece.buffer, piece.byteOffset, SEQ_BYTES).getBigUint64(0);
    let plain: Uint8Array;
    try {
      plain = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: buffer(nonce(seq)) }, this.receiving, buffer(piece.subarray(SEQ_BYTES))));
    } catch {
      throw new ServerPathError('unauthenticated', 'a piece that does not open with this link’s key');
    }
    if (seq <= this.#taken) throw new ServerPathError('replayed', `piece ${seq} after ${this.#taken}`);
    const gap = seq !== this.#taken + 1n;
    this.#taken = seq;
    const flags = plain[0]!;
    const bytes = plain.subarray(1);
    // A piece went missing: the frame it belonged to cannot be whole.
    if (gap || flags & FIRST) this.#reset();
    if (!(flags & FIRST) && !this.#pieces) return undefined;
    this.#pieces ??= [];
    this.#assembled += bytes.length;
    if (this.#assembled > MAX_FRAME_BYTES) {
      this.#reset();
      throw new ServerPathError('too-large', `a frame of more than ${MAX_FRAME_BYTES} bytes`);
    }
    this.#pieces.push(bytes);
    if (!(flags & LAST)) return undefined;
    const frame = concatBytes(...this.#pieces);
    this.#reset();
    return frame;
  }

  #reset(): void {
    this.#pieces = undefined;
    this.#assembled = 0;
  }

  async #sealPiece(seq: bigint, flags: number, bytes: Uint8Array): Promise<Uint8Array> {
    const plain = new Uint8Array(1 + bytes.length);
    plain[0] = flags;
    plain.set(bytes, 1);
    const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv: buffer(nonce(seq)) }, this.sending, buffer(plain)));
    const piece = new Uint8Array(SEQ_BYTES + sealed.length);
    new DataView(piece.buffer).setBigUint64(0, seq);
    piece.set(sealed, SEQ_BYTES);
    return piece;
  }
}

function nonce(seq: bigint): Uint8Array {
  const iv = new Uint8Array(12);
  new DataView(iv.buffer).setBigUint64(4, seq);
  return iv;
}
