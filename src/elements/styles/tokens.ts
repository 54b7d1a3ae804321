/**
 * The design tokens for element styles: `token('space-xs')` is `var(--peer-space-xs, 8px)`, the
 * public custom property with its light default as the fallback.
 *
 * Why a fallback at every use instead of defaults set on `:host`: a declaration on `:host` beats
 * the value the host inherits, so an element that set its own defaults would cut itself (and its
 * slotted children) off from a theme chosen on an ancestor. With fallbacks, nothing inside an
 * element sets a `--peer-*` property, and a theme set anywhere above reaches every element below.
 */
import { unsafeCSS, type CSSResult } from 'lit';
import { deprecatedNames, lightTokens, type TokenName } from './token-values.js';

export { darkTokens, lightTokens, type TokenName } from './token-values.js';

function fallbackOf(name: TokenName): string {
  const deprecated = deprecatedNames[name];
  return deprecated ? `var(--peer-${deprecated}, ${lightTokens[name]})` : lightTokens[name];
}

const cache = new Map<TokenName, CSSResult>();

/** `var(--peer-<name>, <light default>)`, for use inside lit `css` templates. */
export function token(name: TokenName): CSSResult {
  let result = cache.get(name);
  if (!result) cache.set(name, (result = unsafeCSS(`var(--peer-${name}, ${fallbackOf(name)})`)));
  return result;
}
