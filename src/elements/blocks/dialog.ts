/**
 * `<peer-dialog>`: a modal on the platform's `<dialog>` (`showModal`: the page behind is inert and
 * focus stays inside; Escape closes), labelled by its heading, giving focus back to whoever
 * opened it. Besides showing slotted content it asks the two questions `prompt()` and `confirm()`
 * used to: `requestText()` (a password field by default) and `confirmAction()` (a dangerous action,
 * with focus starting on Cancel), each a promise of the answer. `requestText()` and
 * `confirmAction()` below do the same without an element in the page's template.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LocalizeController } from '../localize/localize-controller.js';
import type { DialogStrings } from '../localize/strings.js';
import { PeerElement, defineElement } from '../peer-element.js';
import { BlockError } from './block-error.js';
import { button } from './button.js';
import { dialogStyles } from './dialog.styles.js';
import { CircleAlert, X } from 'lucide';
import { icon } from './icon.js';

export interface TextRequest {
  readonly heading: string;
  /** Shown under the heading: what the text is for. */
  readonly message?: string;
  /** The field's label. */
  readonly label: string;
  /** Default `password`: the text is not shown as it is typed. */
  readonly type?: 'password' | 'text';
  /** The field's `autocomplete` (e.g. `new-password`, `current-password`); default `off`. */
  readonly autocomplete?: string;
  readonly confirmLabel?: string;
  readonly cancelLabel?: string;
  /** Why a value is refused (shown under the field, the dialog stays open), or undefined to accept it. */
  readonly validate?: (value: string) => string | undefined;
}

export interface ConfirmRequest {
  readonly heading: string;
  readonly message: string;
  /** Says what happens, e.g. "Delete key". */
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  /** Default true: the confirm button is a danger button and focus starts on Cancel, so Enter does not destroy. */
  readonly danger?: boolean;
}

type Request = ({ readonly kind: 'text' } & TextRequest) | ({ readonly kind: 'confirm' } & ConfirmRequest);

const CONFIRMED = 'confirm';

/** The element that has focus, looking inside shadow roots. */
function focusedElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}

/**
 * A modal dialog on the native `<dialog>`, labelled by its heading. Shows its content with
 * `show()`, or asks for text (`requestText()`) or a confirmation (`confirmAction()`). Escape, the
 * close button or Cancel close it; focus then returns to the element that opened it.
 *
 * @summary A modal dialog; asks for a password or confirms a dangerous action.
 * @tagname peer-dialog
 * @slot - The body of a dialog opened with `show()`.
 * @slot footer - Actions of a dialog opened with `show()` (a wrapper element around buttons).
 * @csspart dialog - The `<dialog>`.
 * @csspart heading - The heading that names the dialog.
 * @csspart close - The close button (`show()` only).
 * @csspart message - The explanation under the heading (`requestText()`, `confirmAction()`).
 * @csspart input - The text or password field (`requestText()`).
 * @csspart error - Why the text was refused (`requestText()`).
 * @csspart button - Every button.
 * @fires peer-dialog-close - The dialog closed. `detail: {returnValue}` (`''` when cancelled).
 */
export class PeerDialogElement extends PeerElement {
  static override styles = dialogStyles;

  static override properties = {
    label: { type: String },
    strings: { attribute: false },
  };

  /** The heading of a dialog opened with `show()`; it names the dialog. */
  declare label: string;
  /** Overrides for the default button texts (localization). */
  declare strings: Partial<DialogStrings>;

  readonly #localize = new LocalizeController(this);
  #request: Request | undefined;
  #error = '';
  #settle: ((answer: string | undefined) => void) | undefined;
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.label = '';
    this.strings = {};
  }

  get open(): boolean {
    return this.#dialog()?.open ?? false;
  }

  /** Opens the dialog with its slotted content; focus returns to `opener` (default: what has focus now) on close. */
  async show(opener?: HTMLElement): Promise<void> {
    if (this.#settle) throw new BlockError('dialog-busy', 'the dialog is waiting for an answer');
    this.#request = undefined;
    await this.#open(opener);
  }

  /** Closes the dialog; an open question is answered as cancelled. */
  close(returnValue = ''): void {
    const dialog = this.#dialog();
    if (dialog?.open) dialog.close(returnValue);
  }

  /** Asks for text (a password unless `type: 'text'`); resolves with it, or undefined if the user cancelled. */
  async requestText(request: TextRequest, opener?: HTMLElement): Promise<string | undefined> {
    return this.#ask({ kind: 'text', ...request }, opener);
  }

  /** Asks to confirm an action; resolves true only when the user pressed the confirm button. */
  async confirmAction(request: ConfirmRequest, opener?: HTMLElement): Promise<boolean> {
    return (await this.#ask({ kind: 'confirm', ...request }, opener)) === CONFIRMED;
  }

  async #ask(request: Request, opener: HTMLElement | undefined): Promise<string | undefined> {
    if (this.#settle) throw new BlockError('dialog-busy', 'the dialog is waiting for an answer');
    if (!request.heading.trim()) throw new BlockError('missing-label', 'a dialog needs a heading');
    this.#request = request;
    this.#error = '';
    const answer = new Promise<string | undefined>((resolve) => (this.#settle = resolve));
    await this.#open(opener);
    return answer;
  }

  async #open(opener: HTMLElement | undefined): Promise<void> {
    if (!this.isConnected) {
      this.#answer(undefined);
      throw new BlockError('not-connected', 'the dialog is not in the document');
    }
    this.#opener = opener ?? focusedElement();
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.#dialog()!;
    if (!dialog.open) dialog.showModal();
    this.#initialFocus()?.focus();
  }

  #initialFocus(): HTMLElement | null | undefined {
    const request = this.#request;
    if (!request) return undefined;
    const root = this.shadowRoot;
    if (request.kind === 'text') return root?.querySelector<HTMLInputElement>('#answer');
    return root?.querySelector<HTMLButtonElement>(request.danger === false ? '.confirm' : '.cancel');
  }

  #dialog(): HTMLDialogElement | null | undefined {
    return this.shadowRoot?.querySelector('dialog');
  }

  #answer(answer: string | undefined): void {
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(answer);
  }

  readonly #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const request = this.#request;
    if (request?.kind !== 'text') return;
    const input = this.shadowRoot!.querySelector<HTMLInputElement>('#answer')!;
    const refusal = request.validate?.(input.value);
    if (refusal) {
      this.#error = refusal;
      this.requestUpdate();
      input.focus();
      return;
    }
    this.#answer(input.value);
    this.close(CONFIRMED);
  };

  readonly #onClose = () => {
    const dialog = this.#dialog()!;
    this.#answer(undefined);
    // A typed password must not stay in the page once answered.
    const input = this.shadowRoot?.querySelector<HTMLInputElement>('#answer');
    if (input) input.value = '';
    this.#request = undefined;
    this.#error = '';
    this.requestUpdate();
    const opener = this.#opener;
    this.#opener = undefined;
    if (opener?.isConnected) opener.focus();
    this.emit('peer-dialog-close', { returnValue: dialog.returnValue });
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed while asking (its host re-rendered, the page moved on): nobody can answer any more.
    this.#answer(undefined);
  }

  #strings(): DialogStrings {
    return this.#localize.strings('dialog', this.strings);
  }

  protected override render() {
    const request = this.#request;
    const heading = request ? request.heading : this.label;
    return html`<dialog part="dialog" aria-labelledby="heading" @close=${this.#onClose}>
      <div class="header">
        <h2 part="heading" id="heading">${heading}</h2>
        ${request ? nothing : button({ iconOnly: true, icon: X, label: this.#strings().close, variant: 'text', size: 's', part: 'button close', onClick: () => this.close() })}
      </div>
      ${request?.kind === 'text' ? this.#renderText(request) : request?.kind === 'confirm' ? this.#renderConfirm(request) : html`<slot></slot><slot name="footer"></slot>`}
    </dialog>`;
  }

  #renderText(request: TextRequest): TemplateResult {
    const strings = this.#strings();
    return html`<form class="form" novalidate @submit=${this.#onSubmit}>
      ${request.message ? html`<p part="message" class="message">${request.message}</p>` : nothing}
      <label class="label" for="answer">${request.label}</label>
      <input
        part="input"
        class="field"
        id="answer"
        type=${request.type ?? 'password'}
        autocomplete=${request.autocomplete ?? 'off'}
        aria-invalid=${this.#error ? 'true' : 'false'}
        aria-describedby=${this.#error ? 'answer-error' : nothing}
        @input=${() => {
          if (!this.#error) return;
          this.#error = '';
          this.requestUpdate();
        }}
      />
      ${this.#error ? html`<p part="error" id="answer-error" class="error" role="alert">${icon(CircleAlert)}<span>${this.#error}</span></p>` : nothing}
      <div class="actions">
        ${button({ label: request.cancelLabel ?? strings.cancel, className: 'cancel', onClick: () => this.close() })}
        ${button({ label: request.confirmLabel ?? strings.confirm, variant: 'primary', type: 'submit', className: 'confirm' })}
      </div>
    </form>`;
  }

  #renderConfirm(request: ConfirmRequest): TemplateResult {
    const strings = this.#strings();
    return html`<p part="message" class="message" id="message">${request.message}</p>
      <div class="actions">
        ${button({ label: request.cancelLabel ?? strings.cancel, className: 'cancel', onClick: () => this.close() })}
        ${button({
          label: request.confirmLabel,
          variant: request.danger === false ? 'primary' : 'danger',
          className: 'confirm',
          describedBy: 'message',
          onClick: () => {
            this.#answer(CONFIRMED);
            this.close(CONFIRMED);
          },
        })}
      </div>`;
  }
}

/**
 * Where a dialog made by the helpers below goes: beside its opener, so the theme and language of
 * the opener's ancestors apply to it (a modal sits in the top layer: where it is in the tree
 * changes nothing on screen, and its host takes no box); without an opener, the body.
 */
function dialogFor(opener: HTMLElement | undefined): PeerDialogElement {
  defineElement('peer-dialog', PeerDialogElement);
  const dialog = document.createElement('peer-dialog');
  const root = opener?.getRootNode();
  (opener?.parentElement ?? (root instanceof ShadowRoot ? root : document.body)).append(dialog);
  dialog.addEventListener('peer-dialog-close', () => dialog.remove(), { once: true });
  return dialog;
}

/** `prompt()` done right: a modal with a password (or text) field; resolves with the text, or undefined if cancelled. */
export async function requestText(request: TextRequest & { readonly opener?: HTMLElement; readonly strings?: Partial<DialogStrings> }): Promise<string | undefined> {
  const dialog = dialogFor(request.opener);
  if (request.strings) dialog.strings = request.strings;
  try {
    return await dialog.requestText(request, request.opener);
  } finally {
    dialog.remove();
  }
}

/** `confirm()` done right: a modal naming the action; resolves true only when confirmed. */
export async function confirmAction(request: ConfirmRequest & { readonly opener?: HTMLElement; readonly strings?: Partial<DialogStrings> }): Promise<boolean> {
  const dialog = dialogFor(request.opener);
  if (request.strings) dialog.strings = request.strings;
  try {
    return await dialog.confirmAction(request, request.opener);
  } finally {
    dialog.remove();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-dialog': PeerDialogElement;
  }
}
