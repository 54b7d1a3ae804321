/**
 * `<peer-copy-button>`: copies a text (a fingerprint, an invite link) and says "Copied" through a
 * polite live region. Where the Clipboard API is missing or denied (no permission, an insecure
 * page, an iframe without `clipboard-write`) it falls back to the copy command on a selected,
 * off-screen field; if that fails too it says so, and the event tells the page.
 */
import { css, html } from 'lit';
import { LocalizeController } from '../localize/localize-controller.js';
import type { CopyButtonStrings } from '../localize/strings.js';
import { PeerElement } from '../peer-element.js';
import { BlockError } from './block-error.js';
import { buttonStyles } from './button.styles.js';
import { visuallyHiddenStyles } from '../styles/visually-hidden.js';
import { Check, Copy } from 'lucide';
import { button, type ButtonSize, type ButtonVariant } from './button.js';

/** The copy command on a selected field: older, but allowed in a click handler where the Clipboard API is not. */
function copyByCommand(text: string, near: Node): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.cssText = 'position:fixed;inset-inline-start:-9999px;opacity:0';
  const root = near.getRootNode();
  const parent = root instanceof ShadowRoot ? root : document.body;
  const focused = document.activeElement;
  parent.append(field);
  field.select();
  try {
    // Deprecated but still the only way when the Clipboard API is refused.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}

/** Copies `text`: the Clipboard API first, the copy command when that is missing or refused. Rejects with BlockError `copy-failed`. */
export async function copyText(text: string, near: Node = document.body): Promise<'clipboard' | 'command'> {
  try {
    if (!navigator.clipboard) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    return 'clipboard';
  } catch (error) {
    if (copyByCommand(text, near)) return 'command';
    throw new BlockError('copy-failed', (error as Error).message);
  }
}

/**
 * Copies `value` to the clipboard and announces "Copied" politely; falls back to the copy command
 * when the Clipboard API is denied.
 *
 * @summary A button that copies a text and says so.
 * @tagname peer-copy-button
 * @csspart button - The button.
 * @csspart icon - The copy (then check) icon.
 * @csspart status - The live region that says "Copied" (visually hidden).
 * @fires peer-copy - After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`.
 */
export class PeerCopyButtonElement extends PeerElement {
  static override shadowRootOptions: ShadowRootInit = { ...PeerElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    value: { type: String },
    label: { type: String },
    variant: { type: String },
    size: { type: String },
    strings: { attribute: false },
  };

  static override styles = [
    visuallyHiddenStyles,
    buttonStyles,
    css`
      :host {
        display: inline-flex;
      }
    `,
  ];

  /** The text to copy. */
  declare value: string;
  /** The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint". */
  declare label: string | undefined;
  /** Default `text`. */
  declare variant: ButtonVariant;
  /** Default `s`. */
  declare size: ButtonSize;
  /** Overrides for the default strings (localization). */
  declare strings: Partial<CopyButtonStrings>;
  readonly #localize = new LocalizeController(this);
  #state: 'idle' | 'copied' | 'failed' = 'idle';
  #reset: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.value = '';
    this.variant = 'text';
    this.size = 's';
    this.strings = {};
  }

  /** Copies `value` now, as a click does. */
  async copy(): Promise<boolean> {
    const value = this.value;
    clearTimeout(this.#reset);
    // Emptied first, so a second "Copied" in a row is a change the screen reader announces again.
    this.#state = 'idle';
    this.requestUpdate();
    await this.updateComplete;
    try {
      const via = await copyText(value, this);
      this.#state = 'copied';
      this.emit('peer-copy', { value, ok: true, via });
    } catch {
      this.#state = 'failed';
      this.emit('peer-copy', { value, ok: false });
    }
    // The check mark shows for a moment; the announcement stays until the next copy.
    this.#reset = setTimeout(() => {
      this.#reset = undefined;
      this.requestUpdate();
    }, 2000);
    this.requestUpdate();
    return this.#state === 'copied';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#reset);
    this.#reset = undefined;
  }

  protected override render() {
    const strings = this.#localize.strings('copyButton', this.strings);
    const showCheck = this.#state === 'copied' && this.#reset !== undefined;
    return html`${button({
        iconOnly: true,
        icon: showCheck ? Check : Copy,
        label: this.label || strings.copy,
        variant: this.variant,
        size: this.size,
        onClick: () => void this.copy(),
      })}<span part="status" class="visually-hidden" role="status">${this.#state === 'copied' ? strings.copied : this.#state === 'failed' ? strings.failed : ''}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-copy-button': PeerCopyButtonElement;
  }
}
