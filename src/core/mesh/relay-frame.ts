/**
 * The relay's frames as they travel on a link: a message frame (routing fields outside, the
 * origin's signed envelope inside) or tree upkeep ("I have" these ids, prune these origins; graft
 * this id). JSON text, one frame per link message. Decoding is the one place a frame's shape is
 * checked: everything past it handles typed frames, and the checks here are only of form — what a
 * message frame claims is checked against its signature later (relay-check.ts).
 */
import { randomBytes, toBase64Url } from '../util/bytes.js';

/** Whom a broadcast is sealed for (a message frame with no recipient). */
export const GOSSIP_EVERYONE = '*';

export const RELAY_FRAME_LIMITS = {
  /** Largest frame accepted from a link, characters. */
  maxFrameChars: 96 * 1024,
  /** Most hops a frame may still have to go. */
  maxTtl: 64,
  /** Longest origin, recipient or seed (a fingerprint is 40). */
  maxAddressChars: 128,
  /** Ids (and origins to prune) in one "I have" frame. */
  maxAnnounced: 256,
} as const;

/**
 * A message on the wire: id, hops left, origin, recipient (absent: everyone, a broadcast), the seed
 * origin whose tree a peer without one for this origin starts from (broadcasts only), envelope.
 * The id, origin and recipient are also inside the signed envelope; the hops and the seed are not.
 */
export interface RelayFrame {
  readonly i: string;
  readonly t: number;
  readonly f: string;
  readonly o?: string;
  readonly s?: string;
  readonly e: string;
}

/** A message for one peer. */
export type DirectFrame = RelayFrame & { readonly o: string };

/** "I have" these ids (sent over lazy links), and send me only ids of these origins' messages (`p`). */
export interface IHaveFrame {
  readonly k: 'h';
  readonly ids: readonly string[];
  readonly p?: readonly string[];
}

/** Send me this message whole (and turn this link eager). */
export interface GraftFrame {
  readonly k: 'g';
  readonly i: string;
}

export type TreeControl = IHaveFrame | GraftFrame;

export type DecodedFrame =
  | { readonly message: RelayFrame }
  | { readonly control: TreeControl }
  | { readonly refused: 'too-large' | 'malformed'; readonly reason: string };

const ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

/** A fresh message id: 12 random bytes, 16 base64url characters. */
export function newMessageId(): string {
  return toBase64Url(randomBytes(12));
}

/** A message for one peer names it; a broadcast names no recipient. */
export function isDirect(frame: RelayFrame): frame is DirectFrame {
  return frame.o !== undefined;
}

/**
 * The text of a frame. Message frames begin with their id (`{"i"`), which is how the tests (and a
 * reader of a capture) tell them from upkeep.
 */
export function encodeRelayFrame(frame: RelayFrame | TreeControl): string {
  return JSON.stringify(frame);
}

/** A frame as it came from a link, or why it is refused. */
export function decodeRelayFrame(text: string): DecodedFrame {
  if (text.length > RELAY_FRAME_LIMITS.maxFrameChars) return { refused: 'too-large', reason: `a relayed frame of ${text.length} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return malformed;
  }
  if (typeof value !== 'object' || value === null) return malformed;
  const fields = value as Record<string, unknown>;
  if (fields.k !== undefined) {
    const control = treeControl(fields);
    return control ? { control } : malformed;
  }
  const message = messageFrame(fields);
  return message ? { message } : malformed;
}

const malformed: DecodedFrame = { refused: 'malformed', reason: 'not a relay frame' };

const isAddress = (field: unknown): field is string => typeof field === 'string' && field.length > 0 && field.length <= RELAY_FRAME_LIMITS.maxAddressChars;

const isIdList = (list: unknown): list is string[] =>
  Array.isArray(list) && list.length <= RELAY_FRAME_LIMITS.maxAnnounced && list.every((id) => typeof id === 'string' && ID_PATTERN.test(id));

const isOriginList = (list: unknown): list is string[] => Array.isArray(list) && list.length <= RELAY_FRAME_LIMITS.maxAnnounced && list.every(isAddress);

function treeControl({ k, i, ids, p }: Record<string, unknown>): TreeControl | undefined {
  if (k === 'g') return typeof i === 'string' && ID_PATTERN.test(i) ? { k, i } : undefined;
  if (k !== 'h' || !isIdList(ids) || (p !== undefined && !isOriginList(p))) return undefined;
  // Upkeep that says nothing is never sent (a tick sends only what it has).
  if (ids.length === 0 && (p === undefined || p.length === 0)) return undefined;
  return { k, ids, ...(p !== undefined ? { p } : {}) };
}

function messageFrame({ i, t, f, o, s, e }: Record<string, unknown>): RelayFrame | undefined {
  if (typeof i !== 'string' || !ID_PATTERN.test(i)) return undefined;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > RELAY_FRAME_LIMITS.maxTtl) return undefined;
  if (!isAddress(f) || typeof e !== 'string' || e.length === 0) return undefined;
  // A recipient is one peer: "everyone" is what a broadcast (no recipient) is sealed for.
  if (o !== undefined && (!isAddress(o) || o === GOSSIP_EVERYONE)) return undefined;
  // A seed names a tree for a broadcast; a message for one peer follows its route instead.
  if (s !== undefined && (o !== undefined || !isAddress(s))) return undefined;
  return { i, t, f, ...(o !== undefined ? { o } : {}), ...(s !== undefined ? { s } : {}), e };
}
