/**
 * Chat messages: each one is a sealed envelope signed by its author, so any peer can pass it on
 * (history sync, a virtual client) and every receiver can check who wrote it. Its id sorts by
 * time, then author, then the author's counter, so every peer orders a room the same way (ids.ts).
 * A reaction is a message too (reaction.ts): the same envelope and id, no text, and `react`.
 *
 * Opening checks the envelope (signature, author, namespace, room) and that the id says what the
 * content does; unlike signals, old messages are welcome (history), and the same message arriving
 * twice is the history's to drop, not an attack. A message dated further ahead than the clock
 * skew signals are allowed is refused (`future`): ids sort by time, so one dated in the year 2500
 * would sit after every real message forever. It is refused rather than held: its author's peers
 * offer it again at the next sync, and by then, if its time has come, it opens.
 *
 * Messages do not carry their author's key (it would be most of their bytes): whoever passes
 * messages on passes the keys beside them, once per batch, and a key proves itself — its
 * fingerprint is the author's id.
 */
import { DEFAULT_ENVELOPE_LIMITS, EnvelopeError, open, seal, type EnvelopeErrorCode, type EnvelopeSigner, type OpenOptions } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import { chatId, idMatches } from './ids.js';
import { reactionRefusal, type Reaction, type ReactionErrorCode } from './reaction.js';

export { chatId } from './ids.js';

export const CHAT_ENVELOPE_TYPE = 'chat';
/** Chat envelopes are for everyone in the room. */
export const CHAT_RECIPIENT = '*';
export const MAX_CHAT_TEXT = 16_384;
const MAX_ATTACHMENTS = 16;
const DIGEST = /^[0-9a-f]{64}$/;

export interface ChatMessage {
  readonly id: string;
  readonly ns: string;
  readonly room: string;
  /** The author's fingerprint, proven by the signature. */
  readonly from: string;
  readonly text: string;
  /** Milliseconds since the epoch, as the author's clock said. */
  readonly time: number;
  /** SHA-256 digests (hex) of attached files. */
  readonly attachments: readonly string[];
  /** The sealed envelope: what is stored and passed on. */
  readonly env: string;
  /** Present when the message is a reaction to another (its text is then empty, with no attachments). */
  readonly reaction?: Reaction;
}

interface ChatBody {
  readonly id: string;
  readonly text: string;
  readonly time: number;
  readonly attachments?: readonly string[];
  readonly react?: Reaction;
}

export type ChatErrorCode = EnvelopeErrorCode | ReactionErrorCode | 'not-chat' | 'bad-id' | 'too-long' | 'future' | 'rate-limited';

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface ComposeOptions {
  readonly ns: string;
  readonly room: string;
  readonly text: string;
  readonly attachments?: readonly string[];
  /** Makes the message a reaction: `text` must then be empty, with no attachments. */
  readonly reaction?: Reaction;
  readonly now?: number;
}

/** Writes chat messages for one author; its counter keeps ids unique within a millisecond. */
export class ChatAuthor {
  #counter = 0;

  constructor(private readonly identity: EnvelopeSigner) {}

  async compose(options: ComposeOptions): Promise<ChatMessage> {
    if (options.text.length > MAX_CHAT_TEXT) throw new ChatError('too-long', `${options.text.length} characters, limit ${MAX_CHAT_TEXT}`);
    const attachments = [...(options.attachments ?? [])];
    if (attachments.length > MAX_ATTACHMENTS || !attachments.every((digest) => DIGEST.test(digest))) throw new ChatError('malformed', 'attachments are up to 16 SHA-256 hex digests');
    const reaction = options.reaction && { to: options.reaction.to, emoji: options.reaction.emoji, on: options.reaction.on };
    const refusal = reaction && reactionRefusal(reaction, options.text, attachments);
    if (refusal) throw new ChatError(refusal.code, refusal.reason);
    const time = options.now ?? Date.now();
    const from = this.identity.fingerprint;
    const id = chatId(time, from, this.#counter++);
    const body: ChatBody = { id, text: options.text, time, ...(attachments.length ? { attachments } : {}), ...(reaction ? { react: reaction } : {}) };
    const env = await seal<ChatBody>(this.identity, { ns: options.ns, room: options.room, to: CHAT_RECIPIENT, type: CHAT_ENVELOPE_TYPE, body, now: time });
    return { id, ns: options.ns, room: options.room, from, text: options.text, time, attachments, env, ...(reaction ? { reaction } : {}) };
  }
}

export interface OpenChatOptions {
  readonly ns: string;
  readonly room: string;
  /** Where the authors' keys come from (messages do not carry them). */
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** The receiver's clock (ms); default `Date.now()`. */
  readonly now?: number;
  /** How far ahead of `now` a message may be dated; default: the envelopes' clock skew (2 min). */
  readonly maxClockSkewMs?: number;
  /** Envelopes their author vouched for in a slice seal, whose own signature need not be checked again (slice-seal.ts). */
  readonly vouched?: OpenOptions['vouched'];
}

/** Opens and checks a chat envelope; refusals are `ChatError`s with the envelope's or chat's code. */
export async function openChatMessage(env: string, options: OpenChatOptions): Promise<ChatMessage> {
  let opened;
  try {
    opened = await open<ChatBody>(env, {
      ns: options.ns,
      room: options.room,
      me: CHAT_RECIPIENT,
      // History is old by nature and arrives more than once: freshness and replay are not the question here.
      replay: new ReplayGuard(1),
      limits: { maxClockSkewMs: Number.MAX_SAFE_INTEGER },
      ...(options.keys ? { keys: options.keys } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.vouched ? { vouched: options.vouched } : {}),
    });
  } catch (error) {
    if (error instanceof EnvelopeError) throw new ChatError(error.code, error.message);
    throw error;
  }
  const body = opened.body;
  if (opened.type !== CHAT_ENVELOPE_TYPE) throw new ChatError('not-chat', `an envelope of type "${opened.type}"`);
  if (typeof body?.id !== 'string' || typeof body.text !== 'string' || typeof body.time !== 'number' || !Number.isFinite(body.time)) throw new ChatError('malformed', 'not a chat message body');
  if (body.text.length > MAX_CHAT_TEXT) throw new ChatError('too-long', `${body.text.length} characters`);
  const attachments = body.attachments ?? [];
  if (!Array.isArray(attachments) || attachments.length > MAX_ATTACHMENTS || !attachments.every((digest) => typeof digest === 'string' && DIGEST.test(digest))) {
    throw new ChatError('malformed', 'attachments are up to 16 SHA-256 hex digests');
  }
  const refusal = body.react === undefined ? undefined : reactionRefusal(body.react, body.text, attachments);
  if (refusal) throw new ChatError(refusal.code, refusal.reason);
  if (!idMatches(body.id, opened.from, body.time) || Math.floor(body.time / 1000) !== Math.floor(opened.ts / 1000)) {
    throw new ChatError('bad-id', `id ${body.id.slice(0, 40)} does not match its author and time`);
  }
  const latest = (options.now ?? Date.now()) + (options.maxClockSkewMs ?? DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs);
  if (body.time > latest) throw new ChatError('future', `dated ${new Date(body.time).toISOString()}, ahead of this clock by more than the allowed skew`);
  // Rebuilt from its checked fields: nothing else a sender put in `react` is kept.
  const reaction = body.react && { to: body.react.to, emoji: body.react.emoji, on: body.react.on };
  return { id: body.id, ns: opened.ns, room: opened.room, from: opened.from, text: body.text, time: body.time, attachments, env, ...(reaction ? { reaction } : {}) };
}
