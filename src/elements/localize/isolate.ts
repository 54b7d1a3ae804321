/**
 * A name chosen by someone else, set inside one of our sentences ("Trust Alice"): wrapped in
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so a right-to-left or digit-only name keeps its
 * own direction and cannot reorder the words around it. Where the sentence is an attribute (an
 * `aria-label`), CSS `unicode-bidi: isolate` cannot reach it; these two characters can.
 *
 * The name is cleaned first (core/util/names): a PDI inside it would close the isolate early and an
 * override after it would turn the rest of the sentence around.
 */
import { cleanName } from '../../core/util/names.js';

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

export function isolate(name: string): string {
  return `${FIRST_STRONG_ISOLATE}${cleanName(name)}${POP_DIRECTIONAL_ISOLATE}`;
}
