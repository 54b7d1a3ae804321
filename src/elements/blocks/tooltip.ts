/**
 * `<peer-tooltip>`: a short hint on hover and on keyboard focus of what it wraps. It must never be
 * the only carrier of information (touch screens have no hover): it repeats or expands what the
 * trigger's own name says. It opens in the top layer (the Popover API), so no ancestor's overflow
 * clips it; placing it above (or, without room, below) the trigger is a few lines, so no
 * positioning library is loaded for it. Escape dismisses it; the pointer may move onto it
 * (WCAG 1.4.13). Like Shoelace's, its text is announced politely when it opens, since an
 * `aria-describedby` cannot point across the shadow boundary to the trigger.
 */
import { css, html } from 'lit';
import { PeerElement } from '../peer-element.js';
import { token } from '../styles/tokens.js';

/** Time for the pointer to cross from the trigger to the tip without it closing. */
const HIDE_DELAY_MS = 120;

/**
 * A hint shown above its content on hover and keyboard focus; Escape hides it.
 *
 * @summary A hint on hover and focus, dismissed with Escape.
 * @tagname peer-tooltip
 * @slot - The trigger (a button, an icon with a label…).
 * @csspart tip - The tooltip bubble.
 * @cssprop --peer-tooltip-max-width - Widest the bubble gets (default 20rem).
 */
export class PeerTooltipElement extends PeerElement {
  static override properties = {
    content: { type: String },
    disabled: { type: Boolean },
  };

  static override styles = css`
    :host {
      display: inline-block;
    }
    .tip {
      position: fixed;
      inset: auto;
      margin: 0;
      box-sizing: border-box;
      max-width: min(var(--peer-tooltip-max-width, 20rem), calc(100vw - 2 * ${token('space-xs')}));
      padding: ${token('space-2xs')} ${token('space-xs')};
      font-family: ${token('font')};
      font-size: ${token('font-size-s')};
      line-height: ${token('line-height')};
      color: ${token('color-surface')};
      background: ${token('color-text')};
      border: 1px solid transparent;
      border-radius: ${token('radius-s')};
      box-shadow: ${token('shadow-s')};
      overflow: visible;
    }
    @media (forced-colors: active) {
      .tip {
        border-color: CanvasText;
      }
    }
  `;

  /** The hint. */
  declare content: string;
  /** Never shows. */
  declare disabled: boolean;

  #hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** The text is in the live region only while shown: appearing is what gets it announced. */
  #shown = false;

  constructor() {
    super();
    this.content = '';
    this.disabled = false;
    this.addEventListener('pointerenter', () => void this.show());
    this.addEventListener('pointerleave', () => this.#hideSoon());
    this.addEventListener('focusin', () => void this.show());
    this.addEventListener('focusout', () => this.hide());
  }

  get open(): boolean {
    return this.#shown;
  }

  /** Shows the tip (as hover and focus do); settles once it is placed. */
  async show(): Promise<void> {
    clearTimeout(this.#hideTimer);
    if (this.disabled || !this.content.trim() || this.#shown) return;
    this.#shown = true;
    document.addEventListener('keydown', this.#onKeydown, true);
    this.requestUpdate();
    await this.updateComplete;
    const tip = this.#tip();
    if (!this.#shown || !tip || !this.isConnected) return;
    tip.showPopover();
    this.#place(tip);
  }

  hide(): void {
    clearTimeout(this.#hideTimer);
    document.removeEventListener('keydown', this.#onKeydown, true);
    if (!this.#shown) return;
    this.#shown = false;
    const tip = this.#tip();
    if (tip?.matches(':popover-open')) tip.hidePopover();
    this.requestUpdate();
  }

  #hideSoon(): void {
    clearTimeout(this.#hideTimer);
    this.#hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
  }

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape is the tooltip's alone here: a dialog around it stays open.
    event.preventDefault();
    event.stopPropagation();
    this.hide();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hide();
  }

  #tip(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>('.tip');
  }

  /** Above the trigger, centred; below when there is no room above; always inside the viewport. */
  #place(tip: HTMLElement): void {
    const gap = 6;
    const trigger = this.getBoundingClientRect();
    const { width, height } = tip.getBoundingClientRect();
    const above = trigger.top - gap - height;
    const top = above >= 0 ? above : trigger.bottom + gap;
    const left = Math.min(Math.max(gap, trigger.left + trigger.width / 2 - width / 2), document.documentElement.clientWidth - width - gap);
    tip.style.top = `${Math.round(top)}px`;
    tip.style.left = `${Math.round(Math.max(gap, left))}px`;
  }

  protected override render() {
    return html`<slot></slot><div part="tip" class="tip" role="tooltip" popover="manual" aria-live="polite">${this.#shown ? this.content : ''}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-tooltip': PeerTooltipElement;
  }
}
