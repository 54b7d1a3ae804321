/** `<peer-button>`: peerkit's button (button.ts) as an element, for pages. */
import { css, html } from 'lit';
import { PeerElement } from '../peer-element.js';
import { button, type ButtonSize, type ButtonVariant } from './button.js';
import { buttonStyles } from './button.styles.js';
import { directionalIcons, icons, isIconName } from './icon-set.js';

/**
 * A button in peerkit's style: four variants, two sizes, an optional icon, and a loading state.
 * With `label` and `icon` it is an icon-only button named by `label`; otherwise its text is its
 * content. Clicks while `loading` or `disabled` reach no listener. `type="submit"` submits the
 * form it is in.
 *
 * @summary A button: primary, neutral, danger or text; loading; icon-only with a label.
 * @tagname peer-button
 * @slot - The button's text (not used when `label` makes it icon-only).
 * @csspart button - The inner `<button>`.
 * @csspart icon - The icon, when there is one.
 * @csspart spinner - The spinning icon while `loading`.
 * @cssprop --peer-icon-size - The icon's size (default `1.25em`).
 */
export class PeerButtonElement extends PeerElement {
  static override shadowRootOptions: ShadowRootInit = { ...PeerElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    variant: { type: String, reflect: true },
    size: { type: String, reflect: true },
    icon: { type: String },
    label: { type: String },
    disabled: { type: Boolean, reflect: true },
    loading: { type: Boolean, reflect: true },
    type: { type: String },
  };

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-flex;
      }
      :host([hidden]) {
        display: none;
      }
      .button {
        flex: auto;
      }
    `,
  ];

  /** `primary`, `neutral`, `danger` or `text`. */
  declare variant: ButtonVariant;
  /** `s` or `m`. */
  declare size: ButtonSize;
  /** An icon name from peerkit's set, drawn before the text. */
  declare icon: string | undefined;
  /** Makes the button icon-only (needs `icon`): its accessible name. */
  declare label: string | undefined;
  declare disabled: boolean;
  /** Shows a spinner, sets `aria-busy`, and ignores clicks. */
  declare loading: boolean;
  /** `button` (default) or `submit` (submits the closest form). */
  declare type: 'button' | 'submit';

  constructor() {
    super();
    this.variant = 'neutral';
    this.size = 'm';
    this.disabled = false;
    this.loading = false;
    this.type = 'button';
  }

  readonly #onClick = () => {
    // The inner button is in this element's shadow root, so it cannot submit the page's form itself.
    if (this.type === 'submit') this.closest('form')?.requestSubmit();
  };

  protected override render() {
    const iconNode = isIconName(this.icon) ? icons[this.icon] : undefined;
    const common = {
      variant: this.variant,
      size: this.size,
      disabled: this.disabled,
      loading: this.loading,
      directionalIcon: iconNode !== undefined && directionalIcons.has(this.icon!),
      onClick: this.#onClick,
    };
    return this.label && iconNode
      ? button({ ...common, iconOnly: true, icon: iconNode, label: this.label })
      : button({ ...common, label: html`<slot></slot>`, ...(iconNode ? { icon: iconNode } : {}) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-button': PeerButtonElement;
  }
}
