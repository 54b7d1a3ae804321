/**
 * Reactions: a chat message whose body carries `react: {to, emoji, on}` instead of words. It is
 * signed, stored, trimmed and synced like any message (so it survives reloads and reaches peers
 * who were away), and it counts against its own author's share of the history cap. `on: false`
 * takes a reaction back; for one (author, target, emoji) the reaction with the greatest id wins
 * (reaction-tally.ts).
 */
import { isChatId } from './ids.js';

export interface Reaction {
  /** The id of the message reacted to. */
  readonly to: string;
  /** One emoji (one grapheme). */
  readonly emoji: string;
  /** False takes the author's earlier reaction with this emoji back. */
  readonly on: boolean;
}

export type ReactionErrorCode = 'bad-target' | 'not-emoji' | 'reaction-has-content';

/** An emoji's longest form in UTF-16 units: family and flag sequences fit, a paragraph does not. */
export const MAX_EMOJI_UNITS = 32;

// A lone regional indicator is a letter in a box, not an emoji: only a pair of them (a flag) is.
const PICTOGRAPH = String.raw`(?!\p{Regional_Indicator})(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})(?:\uFE0F|\p{Emoji_Modifier})?`;
/**
 * One emoji: a flag (two regional indicators), a keycap, or pictographs joined by ZWJ, each with
 * an optional presentation selector or skin tone, the first with an optional tag sequence (the
 * flags of England, Scotland, Wales).
 */
const EMOJI = new RegExp(String.raw`^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|${PICTOGRAPH}(?:[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D${PICTOGRAPH})*)$`, 'u');

let graphemes: Intl.Segmenter | undefined;

/** Whether `value` is one grapheme, and that grapheme an emoji, at most MAX_EMOJI_UNITS long. */
export function isEmoji(value: string): boolean {
  if (value.length === 0 || value.length > MAX_EMOJI_UNITS || !EMOJI.test(value)) return false;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segments = graphemes.segment(value)[Symbol.iterator]();
  segments.next();
  return segments.next().done === true;
}

/** Why `react` (with the message's text and attachments) is not a reaction, or undefined when it is one. */
export function reactionRefusal(react: unknown, text: string, attachments: readonly unknown[]): { readonly code: ReactionErrorCode | 'malformed'; readonly reason: string } | undefined {
  if (typeof react !== 'object' || react === null) return { code: 'malformed', reason: 'a reaction is {to, emoji, on}' };
  const { to, emoji, on } = react as Partial<Record<keyof Reaction, unknown>>;
  if (typeof on !== 'boolean' || typeof emoji !== 'string') return { code: 'malformed', reason: 'a reaction is {to, emoji, on}' };
  if (!isChatId(to)) return { code: 'bad-target', reason: 'a reaction names a message by its id' };
  if (!isEmoji(emoji)) return { code: 'not-emoji', reason: `a reaction is one emoji of at most ${MAX_EMOJI_UNITS} UTF-16 units` };
  if (text !== '' || attachments.length > 0) return { code: 'reaction-has-content', reason: 'a reaction has no text and no attachments' };
  return undefined;
}
