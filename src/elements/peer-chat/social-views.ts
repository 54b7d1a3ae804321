/**
 * What `<peer-chat>` shows of reactions and read receipts, kept as the same arrays until they
 * change: rows re-render only when what they are given is a different object (guard).
 */
import type { ReactionCount, ReactionTally } from '../../core/chat/reaction-tally.js';
import type { ChatEntry } from './chat-entry.js';
import type { ReactionView } from './message-view.js';

/** One empty list for every row without reactions or readers. */
export const NONE: readonly never[] = Object.freeze([]);

/** A name to show for a peer id (the user's own word for themselves included). */
export type NameOf = (id: string) => string;

/** Each message's reactions with the reactors' names, kept while the tally's array for it stays the same. */
export class ReactionViews {
  readonly #views = new Map<string, { readonly counts: readonly ReactionCount[]; readonly view: readonly ReactionView[] }>();

  of(entry: ChatEntry, tally: ReactionTally | undefined, me: string | undefined, nameOf: NameOf): readonly ReactionView[] {
    const counts = tally?.of(entry.id);
    if (!counts || counts.length === 0) return NONE;
    const cached = this.#views.get(entry.id);
    if (cached?.counts === counts) return cached.view;
    const view = counts.map(({ emoji, authors }) => ({ emoji, names: authors.map(nameOf), mine: me !== undefined && authors.includes(me) }));
    this.#views.set(entry.id, { counts, view });
    return view;
  }

  /** These messages' reactions changed; whether any did. */
  changed(ids: ReadonlySet<string>): boolean {
    for (const id of ids) this.#views.delete(id);
    return ids.size > 0;
  }

  clear(): void {
    this.#views.clear();
  }
}

/** What answers "who has seen this message" (a ChatSync). */
export interface SeenSource {
  seenBy(id: string): readonly string[];
}

/**
 * Under each own message, the readers for whom it is the newest own message they have seen, so a
 * reader shows once, under the furthest point they reached. Worked out again only when the
 * receipts or the shown messages changed, newest first.
 */
export class SeenViews {
  #views = new Map<string, readonly string[]>();
  #version = 0;
  #computedFor = '';

  /** A receipt arrived. */
  bump(): void {
    this.#version++;
  }

  of(entry: ChatEntry): readonly string[] {
    return entry.own ? (this.#views.get(entry.id) ?? NONE) : NONE;
  }

  /** For the messages shown, `messages[start]` to `messages[end - 1]`; nothing to do when neither they nor the receipts changed. */
  compute(messages: readonly ChatEntry[], start: number, end: number, source: SeenSource | undefined, nameOf: NameOf): void {
    const key = `${this.#version}:${end - start}:${messages[start]?.id}:${messages[end - 1]?.id}`;
    if (!source || key === this.#computedFor) return;
    this.#computedFor = key;
    const next = new Map<string, readonly string[]>();
    const placed = new Set<string>();
    for (let at = end - 1; at >= start; at--) {
      const entry = messages[at]!;
      if (!entry.own) continue;
      const readers = source.seenBy(entry.id).filter((peer) => peer !== entry.from && !placed.has(peer));
      if (readers.length === 0) continue;
      for (const peer of readers) placed.add(peer);
      const names = readers.map(nameOf);
      const before = this.#views.get(entry.id);
      next.set(entry.id, before && before.length === names.length && before.every((name, i) => name === names[i]) ? before : names);
    }
    this.#views = next;
  }
}
