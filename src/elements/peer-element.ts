/**
 * What every peerkit element shares: `emit()` for `peer-*` events (bubbling, composed, object
 * detail, as STYLE.md asks) and a `define()` that is a no-op when the tag is already taken, so two
 * copies of the library on one page do not throw.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { PeerEventMap } from './events.js';
import { adoptThemeRules } from './styles/theme-scope.js';

/**
 * The design tokens below are read by every peerkit element; set them on the element or any
 * ancestor (or include `peerkit/themes/light.css` / `dark.css`). `theme="dark"` or the class
 * `peer-theme-dark` on any ancestor switches the colour tokens for the whole subtree.
 *
 * @cssprop --peer-space-3xs - Spacing step, 2px.
 * @cssprop --peer-space-2xs - Spacing step, 4px.
 * @cssprop --peer-space-xs - Spacing step, 8px.
 * @cssprop --peer-space-s - Spacing step, 12px.
 * @cssprop --peer-space-m - Spacing step, 16px.
 * @cssprop --peer-space-l - Spacing step, 24px.
 * @cssprop --peer-space-xl - Spacing step, 32px.
 * @cssprop --peer-radius-s - Corner radius of small controls, 4px.
 * @cssprop --peer-radius-m - Corner radius of buttons, fields and bubbles, 8px.
 * @cssprop --peer-radius-l - Corner radius of dialogs and cards, 12px.
 * @cssprop --peer-radius-full - Pills and dots, 9999px.
 * @cssprop --peer-font - Font family.
 * @cssprop --peer-font-mono - Monospace font family (fingerprints, keys, safety numbers).
 * @cssprop --peer-font-size-xs - Type scale, 0.75rem.
 * @cssprop --peer-font-size-s - Type scale, 0.875rem (secondary text, small buttons).
 * @cssprop --peer-font-size-m - Type scale, 1rem (body text).
 * @cssprop --peer-font-size-l - Type scale, 1.25rem (headings).
 * @cssprop --peer-line-height - Line height, 1.45.
 * @cssprop --peer-font-weight-normal - Body text weight, 400.
 * @cssprop --peer-font-weight-strong - Names, headings and buttons, 600.
 * @cssprop --peer-color-scheme - `light` or `dark`: the `color-scheme` the element declares (set by the themes).
 * @cssprop --peer-color-surface - The element's background.
 * @cssprop --peer-color-surface-raised - Dialogs, popovers and raised controls.
 * @cssprop --peer-color-surface-sunken - Wells and inset areas.
 * @cssprop --peer-color-text - Text.
 * @cssprop --peer-color-text-muted - Secondary text (times, hints, fingerprints).
 * @cssprop --peer-color-border - Borders of controls and separators (≥ 3:1 against the surface).
 * @cssprop --peer-color-accent - Primary buttons, links, unread marker.
 * @cssprop --peer-color-on-accent - Text on the accent colour.
 * @cssprop --peer-color-success - "Connected", "trusted", "verified".
 * @cssprop --peer-color-warning - "Connecting", "key changed".
 * @cssprop --peer-color-danger - Errors, failed sends, "blocked", destructive buttons.
 * @cssprop --peer-color-focus - The focus ring.
 * @cssprop --peer-shadow-s - Shadow of raised controls.
 * @cssprop --peer-shadow-m - Shadow of dialogs and floating buttons.
 * @cssprop --peer-focus-ring-width - Width of the focus ring, 2px.
 * @cssprop --peer-focus-ring-offset - Gap between a control and its focus ring, 2px.
 * @cssprop --peer-duration-fast - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`).
 * @cssprop --peer-duration-m - Larger transitions, 200ms (0ms under `prefers-reduced-motion`).
 * @cssprop --peer-text - Deprecated (removed in the next release): read when `--peer-color-text` is not set.
 * @cssprop --peer-muted - Deprecated: read when `--peer-color-text-muted` is not set.
 * @cssprop --peer-surface - Deprecated: read when `--peer-color-surface` is not set.
 * @cssprop --peer-border - Deprecated: read when `--peer-color-border` is not set.
 * @cssprop --peer-accent - Deprecated: read when `--peer-color-accent` is not set.
 * @cssprop --peer-ok - Deprecated: read when `--peer-color-success` is not set.
 * @cssprop --peer-warn - Deprecated: read when `--peer-color-warning` is not set.
 * @cssprop --peer-danger - Deprecated: read when `--peer-color-danger` is not set.
 */
export abstract class PeerElement extends LitElement {
  // Typed as the general declaration map so each element can declare its own on top.
  static override properties: PropertyDeclarations = {
    theme: { type: String, reflect: true },
  };

  /**
   * `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  override connectedCallback(): void {
    // Before the first render, so the first frame already has the ancestors' theme.
    adoptThemeRules(this);
    super.connectedCallback();
  }

  /** Dispatches a `peer-*` event from this element; returns false if a listener cancelled it. */
  protected emit<K extends keyof PeerEventMap>(type: K, detail: PeerEventMap[K]['detail'], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}

export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
