/**
 * How peerkit draws an icon of its one icon set (Lucide): inline SVG in `currentColor`, so an icon
 * takes the colour of the text around it in every theme and in forced-colors mode; decorative
 * (`aria-hidden`) unless given a label. The named set for pages is in `icon-set.ts`.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import type { IconNode } from 'lucide';

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Each icon's SVG children as markup, built once: the same string lets lit reuse what it parsed. */
const markupCache = new WeakMap<IconNode, string>();
function markupOf(node: IconNode): string {
  let markup = markupCache.get(node);
  if (markup === undefined) {
    markup = node
      .map(([tag, attributes]) => `<${tag} ${Object.entries(attributes).map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`).join(' ')}/>`)
      .join('');
    markupCache.set(node, markup);
  }
  return markup;
}

export interface IconOptions {
  /** What the icon says on its own (then it is an image with this name); leave out when text is next to it. */
  readonly label?: string;
  /** An icon that points along the reading direction (send, reply, log in): mirrored in right-to-left text. */
  readonly directional?: boolean;
  /** The `part` attribute (default `icon`). */
  readonly part?: string;
}

/**
 * An inline SVG icon, for templates in a shadow root that includes `iconStyles`. Takes the icon
 * itself (`import { Paperclip } from 'lucide'`), not a name, so a bundle holds only the icons
 * its templates draw.
 */
export function icon(node: IconNode, options: IconOptions = {}): TemplateResult {
  const label = options.label?.trim();
  return html`<svg
    part=${options.part ?? 'icon'}
    class=${options.directional ? 'icon directional' : 'icon'}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    focusable="false"
    role=${label ? 'img' : nothing}
    aria-label=${label || nothing}
    aria-hidden=${label ? nothing : 'true'}
  >${unsafeSVG(markupOf(node))}</svg>`;
}

export const iconStyles = css`
  .icon {
    flex: none;
    width: var(--peer-icon-size, 1.25em);
    height: var(--peer-icon-size, 1.25em);
    vertical-align: middle;
  }
  .icon.directional:dir(rtl) {
    transform: scaleX(-1);
  }
`;
