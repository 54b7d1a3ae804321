/**
 * The avatar: initials from the display name on a disc whose hue comes from the fingerprint, so a
 * peer looks the same on every screen and two peers with one name still look different. The
 * lightness is fixed per theme (`light-dark()`, following the inherited `color-scheme`), which
 * keeps the initials at ≥ 4.5:1 whatever the hue.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { token } from '../styles/tokens.js';

export type AvatarSize = 's' | 'm' | 'l';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const firstGrapheme = (word: string) => segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '';

/** Up to two letters: the first of the first and of the last word ("Ann Lee" → "AL"), whole graphemes. */
export function avatarInitials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const first = words[0];
  if (!first) return '';
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (firstGrapheme(first) + (last ? firstGrapheme(last) : '')).toLocaleUpperCase();
}

/** A hue in degrees (0–359) from the fingerprint (FNV-1a over its characters): any string, same answer everywhere. */
export function avatarHue(fingerprint: string): number {
  let hash = 0x811c9dc5;
  for (const char of fingerprint.toLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

export interface AvatarOptions {
  readonly name: string;
  readonly fingerprint: string;
  /** Default `m`. */
  readonly size?: AvatarSize;
  /** Names the avatar for screen readers; leave out when the name is written next to it (the default). */
  readonly label?: string;
  readonly part?: string;
}

/** An avatar for a shadow root that includes `avatarStyles`. */
export function avatar(options: AvatarOptions): TemplateResult {
  const initials = avatarInitials(options.name) || options.fingerprint.slice(0, 2).toUpperCase();
  const label = options.label?.trim();
  return html`<span
    part=${options.part ?? 'avatar'}
    class="avatar size-${options.size ?? 'm'}"
    style=${styleMap({ '--_avatar-hue': String(avatarHue(options.fingerprint)) })}
    role=${label ? 'img' : nothing}
    aria-label=${label || nothing}
    aria-hidden=${label ? nothing : 'true'}
    >${initials}</span
  >`;
}

export const avatarStyles = css`
  .avatar {
    box-sizing: border-box;
    display: inline-grid;
    place-items: center;
    flex: none;
    width: var(--_avatar-size);
    height: var(--_avatar-size);
    border-radius: ${token('radius-full')};
    font-family: ${token('font')};
    font-size: var(--_avatar-font-size);
    font-weight: ${token('font-weight-strong')};
    line-height: 1;
    letter-spacing: 0.02em;
    overflow: hidden;
    user-select: none;
    color: light-dark(#ffffff, oklch(0.22 0.03 var(--_avatar-hue)));
    background: light-dark(oklch(0.5 0.12 var(--_avatar-hue)), oklch(0.82 0.09 var(--_avatar-hue)));
    --_avatar-size: ${token('space-xl')};
    --_avatar-font-size: ${token('font-size-s')};
  }
  .avatar.size-s {
    --_avatar-size: ${token('space-l')};
    --_avatar-font-size: ${token('font-size-xs')};
  }
  .avatar.size-l {
    --_avatar-size: calc(1.5 * ${token('space-xl')});
    --_avatar-font-size: ${token('font-size-l')};
  }
  @media (forced-colors: active) {
    .avatar {
      border: 1px solid CanvasText;
    }
  }
`;
