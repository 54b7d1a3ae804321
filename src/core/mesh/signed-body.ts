/**
 * What an origin signs, by kind, and how a peer reads it back once the signature verified:
 *
 * - a broadcast: its id, the message, and the origin's X25519 key (so others can seal messages
 *   for it);
 * - a message for one peer: its id, the origin's X25519 key, and the message sealed for the
 *   recipient's key (`s`, sealed-direct.ts), or a request for the recipient's key (`ask`), or
 *   neither: a key note, the answer to a request.
 *
 * A message for one peer is never signed in the clear: a relay could read it. The body is the
 * envelope's, so a relay that changes any field of it breaks the signature.
 */
import type { X25519KeyPair } from '../crypto/x25519.js';
import { GossipRefusal, mismatch, type SignedFields } from './relay-check.js';
import { decodeX25519Key, encodeX25519Key, isSealedPayload, sealForRecipient, type DirectContext, type SealedPayload } from './sealed-direct.js';

export const MESSAGE_LIMITS = {
  /** Largest broadcast text that is relayed (the envelope limit, with room for the key and framing). */
  maxDataChars: 48 * 1024,
  /** Largest message for one peer, UTF-8 bytes: sealed, it no longer compresses, and must still fit an envelope. */
  maxDirectBytes: 40 * 1024,
} as const;

export interface BroadcastBody {
  readonly id: string;
  readonly data: string;
  readonly x?: string;
}

export interface DirectBody {
  readonly id: string;
  readonly x: string;
  readonly s?: SealedPayload;
  readonly ask?: true;
}

/** What a message of ours for one peer carries: a sealed message, a request for its key, or our key. */
export type Direct = { readonly data: string; readonly key: Uint8Array } | { readonly ask: true } | { readonly note: true };

export function broadcastBody(id: string, data: string, own: X25519KeyPair): BroadcastBody {
  return { id, data, x: encodeX25519Key(own.publicKey) };
}

/** The body of a message for `context.to`; a message is sealed for the key given with it. */
export async function directBody(direct: Direct, own: X25519KeyPair, context: DirectContext): Promise<DirectBody> {
  const sealed = 'data' in direct ? await sealForRecipient(direct.key, direct.data, context) : undefined;
  return { id: context.id, x: encodeX25519Key(own.publicKey), ...(sealed ? { s: sealed } : {}), ...('ask' in direct ? { ask: true as const } : {}) };
}

export interface BroadcastMessage {
  readonly data: string;
  /** The origin's X25519 key, when it named a valid one. */
  readonly key?: Uint8Array;
}

export function readBroadcast(body: SignedFields): BroadcastMessage {
  if (typeof body.data !== 'string') throw mismatch();
  const key = decodeX25519Key(body.x);
  return { data: body.data, ...(key ? { key } : {}) };
}

export interface DirectMessage {
  /** The sender's X25519 key: every message for one peer names it. */
  readonly key: Uint8Array;
  /** The sender asks for our key. */
  readonly ask: boolean;
  /** The message, sealed for us; absent in a request or a key note. */
  readonly sealed?: SealedPayload;
}

/** A message for this peer. */
export function readDirect(body: SignedFields): DirectMessage {
  const key = decodeX25519Key(body.x);
  if (!key) throw new GossipRefusal('malformed', 'a message for one peer names no X25519 key of its sender');
  if (body.s !== undefined && !isSealedPayload(body.s)) throw new GossipRefusal('malformed', 'the sealed message is not one');
  if (body.s === undefined && 'data' in body) throw new GossipRefusal('not-sealed', 'a message for one peer came unsealed: every relay could read it');
  return { key, ask: body.ask === true, ...(body.s !== undefined ? { sealed: body.s } : {}) };
}

/** A message for another peer, as a relay reads it: only the sender's key, which it may learn. */
export function readRelayed(body: SignedFields): { readonly key?: Uint8Array } {
  const key = decodeX25519Key(body.x);
  return key ? { key } : {};
}
