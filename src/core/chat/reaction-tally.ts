/**
 * Who reacted with what, per message, worked out from reaction messages (reaction.ts) fed in any
 * order and a few at a time: a history load, a sync batch, one live message. For one (author,
 * target, emoji) the reaction with the greatest id wins, so every peer holding the same messages
 * shows the same tally whatever order they came in.
 *
 * Feeding costs a few map operations per message (a room holds 10,000); a message's tally is
 * built when asked for and kept until one of its reactions changes. `changed` names the messages
 * whose tally the last call changed, so a view re-renders those only.
 *
 * One author counts with at most MAX_EMOJIS_PER_AUTHOR emojis on a message (its earliest): a
 * member reacting with a thousand different emojis adds ten chips, not a thousand.
 */
import type { ChatMessage } from './message.js';

export const MAX_EMOJIS_PER_AUTHOR = 10;

export interface ReactionCount {
  readonly emoji: string;
  /** Fingerprints, in the order they reacted. */
  readonly authors: readonly string[];
}

interface Latest {
  readonly id: string;
  readonly on: boolean;
}

interface TargetReactions {
  /** Per author, per emoji: the id of the reaction that is on. */
  readonly on: Map<string, Map<string, string>>;
  /** The tally as `of` last built it; dropped when a reaction changes. */
  built?: readonly ReactionCount[];
}

const NONE: readonly ReactionCount[] = Object.freeze([]);

export class ReactionTally {
  /** Per (author, target, emoji): the reaction with the greatest id so far. */
  readonly #latest = new Map<string, Latest>();
  /** The (author, target, emoji) each latest reaction decides, by its id: what `forget` needs. */
  readonly #decidedBy = new Map<string, { readonly author: string; readonly to: string; readonly emoji: string }>();
  readonly #targets = new Map<string, TargetReactions>();
  #changed: ReadonlySet<string> = new Set();

  /** The messages whose tally the last `ingest` or `forget` changed. */
  get changed(): ReadonlySet<string> {
    return this.#changed;
  }

  /** Takes reactions in (anything else is passed over); returns the ids of the messages whose tally changed. */
  ingest(messages: Iterable<ChatMessage>): ReadonlySet<string> {
    const changed = new Set<string>();
    for (const { id, from, reaction } of messages) {
      if (!reaction) continue;
      const { to, emoji, on } = reaction;
      const key = `${from}\n${to}\n${emoji}`;
      const before = this.#latest.get(key);
      if (before && before.id >= id) continue;
      this.#latest.set(key, { id, on });
      if (before) this.#decidedBy.delete(before.id);
      this.#decidedBy.set(id, { author: from, to, emoji });
      // A later "off" after an "off" (or a message taken back twice) shows nothing new.
      if (!on && !before?.on) continue;
      this.#set(to, from, emoji, on ? id : undefined);
      changed.add(to);
    }
    this.#changed = changed;
    return changed;
  }

  /**
   * Messages that left the history (trimmed or expired). A history drops each author's oldest
   * first, so when the reaction that decided an (author, target, emoji) goes, every earlier one
   * went before it: nothing of that author's is left there.
   */
  forget(ids: Iterable<string>): ReadonlySet<string> {
    const changed = new Set<string>();
    for (const id of ids) {
      const decided = this.#decidedBy.get(id);
      if (!decided) continue;
      const { author, to, emoji } = decided;
      this.#decidedBy.delete(id);
      this.#latest.delete(`${author}\n${to}\n${emoji}`);
      if (this.#targets.get(to)?.on.get(author)?.get(emoji) !== id) continue;
      this.#set(to, author, emoji, undefined);
      changed.add(to);
    }
    this.#changed = changed;
    return changed;
  }

  /** The reactions to message `id`: each emoji once, in the order it was first reacted with. */
  of(id: string): readonly ReactionCount[] {
    const target = this.#targets.get(id);
    if (!target) return NONE;
    target.built ??= build(target.on);
    return target.built;
  }

  /** `author`'s `emoji` on `to` is on (with the id of the reaction that says so) or off. */
  #set(to: string, author: string, emoji: string, id: string | undefined): void {
    let target = this.#targets.get(to);
    if (!target) this.#targets.set(to, (target = { on: new Map() }));
    delete target.built;
    let emojis = target.on.get(author);
    if (id !== undefined) {
      if (!emojis) target.on.set(author, (emojis = new Map()));
      emojis.set(emoji, id);
      return;
    }
    emojis?.delete(emoji);
    if (emojis?.size === 0) target.on.delete(author);
    if (target.on.size === 0) this.#targets.delete(to);
  }
}

function build(on: ReadonlyMap<string, ReadonlyMap<string, string>>): readonly ReactionCount[] {
  const byEmoji = new Map<string, { author: string; id: string }[]>();
  for (const [author, emojis] of on) {
    const counted = [...emojis].sort(([, a], [, b]) => (a < b ? -1 : 1)).slice(0, MAX_EMOJIS_PER_AUTHOR);
    for (const [emoji, id] of counted) {
      let reactions = byEmoji.get(emoji);
      if (!reactions) byEmoji.set(emoji, (reactions = []));
      reactions.push({ author, id });
    }
  }
  const tallies = [...byEmoji].map(([emoji, reactions]) => {
    reactions.sort((a, b) => (a.id < b.id ? -1 : 1));
    return { emoji, first: reactions[0]!.id, authors: Object.freeze(reactions.map(({ author }) => author)) };
  });
  tallies.sort((a, b) => (a.first < b.first ? -1 : 1));
  return Object.freeze(tallies.map(({ emoji, authors }) => Object.freeze({ emoji, authors })));
}
