/**
 * Chat message ids. An id sorts by time, then author, then the author's counter, so every peer
 * orders a room the same way:
 *
 *   id = time (ms, base 36, 9 digits) "-" author fingerprint (first 16 hex) "-" counter (base 36, 4)
 *
 * Other frames name messages by id (a reaction's target, a read receipt): they are checked here.
 */
const CHAT_ID = /^([0-9a-z]{9})-([0-9a-f]{16})-([0-9a-z]{4})$/;

export function chatId(time: number, from: string, counter: number): string {
  return `${Math.max(0, Math.floor(time)).toString(36).padStart(9, '0')}-${from.slice(0, 16).toLowerCase()}-${(counter % 36 ** 4).toString(36).padStart(4, '0')}`;
}

/** Whether `value` is shaped as a chat message id (it says nothing of whether that message exists). */
export function isChatId(value: unknown): value is string {
  return typeof value === 'string' && CHAT_ID.test(value);
}

/** Ids start with 9 base-36 digits of milliseconds; 6 of them make slices of 36³ ms ≈ 47 s. */
export const SLICE_ID_LENGTH = 6;

/** The slice of time a message id falls in: history stores, and authors seal, by slice. */
export function sliceOf(id: string): string {
  return id.slice(0, SLICE_ID_LENGTH);
}

/** The time (ms) a well-formed id names. */
export function timeOfId(id: string): number {
  return Number.parseInt(id.slice(0, 9), 36);
}

/** Whether `id` is the one this author would give a message at this time. */
export function idMatches(id: string, from: string, time: number): boolean {
  const match = CHAT_ID.exec(id);
  return match !== null && Number.parseInt(match[1]!, 36) === Math.floor(time) && match[2] === from.slice(0, 16).toLowerCase();
}
