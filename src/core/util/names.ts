/**
 * Names that travel in keys are chosen by whoever made the key, so they are cleaned before anyone
 * reads them. Some characters change how a name, and the text around it, is shown without being
 * seen themselves: bidi overrides, embeddings and isolates (U+202A–202E, U+2066–2069) and marks
 * (U+200E, U+200F, U+061C) — "\u202EecilA" shows as "Alice" — and zero-width characters (U+200B,
 * U+2060, U+FEFF), with which "Alice\u200B" looks like "Alice" but is another string. Those go,
 * with every other control character; runs of whitespace become one space; the result is NFC, so
 * one name has one spelling, and at most MAX_NAME_LENGTH code points. ZWJ and ZWNJ stay: emoji
 * sequences and scripts such as Persian need them. Look-alike letters from other scripts are not
 * caught here; the fingerprint and the safety number are what tell keys apart.
 */
export const MAX_NAME_LENGTH = 64;

// The bidi formatting characters and the zero-width ones above: removed, they stand for nothing.
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;
// Control characters (tabs, line breaks, NUL…) and whitespace runs: one space.
const SPACING = /[\p{Cc}\s]+/gu;

export function cleanName(raw: string): string {
  const cleaned = raw.normalize('NFC').replace(INVISIBLE, '').replace(SPACING, ' ').trim();
  const codePoints = [...cleaned];
  return codePoints.length > MAX_NAME_LENGTH ? codePoints.slice(0, MAX_NAME_LENGTH).join('').trimEnd() : cleaned;
}
