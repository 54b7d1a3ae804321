/**
 * The "verify this peer" dialog itself (safety-number-dialog.ts loads it when a dialog first
 * opens): the safety number between this user's key and the peer's in groups of five, the same
 * pair as a QR code, and "Mark verified". It renders into its host's shadow root, so the host's
 * tokens, buttons and strings apply.
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { encode as qrEncode } from 'uqr';
import { button } from './blocks/button.js';
import { isolate } from './localize/isolate.js';
import { token } from './styles/tokens.js';
import type { SafetyNumberStrings } from './localize/strings.js';

export interface VerifyPeer {
  readonly fingerprint: string;
  readonly name: string;
}

export interface SafetyNumberDialogOptions {
  /** Sets the peer's trust to `trusted` where the host keeps it. */
  readonly markVerified: (fingerprint: string) => Promise<void>;
  readonly isVerified: (fingerprint: string) => boolean;
}

/** Light modules around the code, in modules: the quiet zone scanners need (ISO/IEC 18004). */
const QUIET_ZONE = 4;

interface QrPicture {
  readonly size: number;
  /** One SVG path of all dark modules, a rectangle per horizontal run. */
  readonly path: string;
}

/** The QR encoder and the safety-number math, loaded when a dialog first opens (they are most of its weight). */
const loadVerifyTools = () => Promise.all([import('uqr'), import('../core/identity/safety-number.js')]);

function qrPicture(encode: typeof qrEncode, payload: string): QrPicture {
  const { data, size } = encode(payload, { ecc: 'M', border: 0 });
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (x + 1 < size && row[x + 1]) x++;
      path += `M${start} ${y}h${x - start + 1}v1h-${x - start + 1}z`;
    }
  });
  return { size, path };
}

type Host = ReactiveControllerHost & HTMLElement;

export class SafetyNumberView {
  readonly #host: Host;
  readonly #options: SafetyNumberDialogOptions;
  #peer: VerifyPeer | undefined;
  /** The safety number in its groups of five, once computed. */
  #groups: readonly string[] | undefined;
  #qr: QrPicture | undefined;
  /** What failed, shown in the host's language; the core's own message goes to the console. */
  #error: 'verifyFailed' | 'markFailed' | undefined;
  #marking = false;
  #opener: HTMLElement | undefined;

  constructor(host: Host, options: SafetyNumberDialogOptions) {
    this.#host = host;
    this.#options = options;
  }

  /**
   * Shows the dialog for `peer`, then computes the safety number (the work factor takes a moment);
   * settles once the number is on screen. Focus returns to `opener` when the dialog closes.
   */
  async open(ourFingerprint: string, peer: VerifyPeer, opener?: HTMLElement): Promise<void> {
    this.#peer = peer;
    this.#groups = undefined;
    this.#qr = undefined;
    this.#error = undefined;
    this.#opener = opener;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog();
    // The host may have left the page while the dialog's code loaded.
    if (dialog?.isConnected && !dialog.open) {
      dialog.showModal();
      // Close first, not the action that trusts the key.
      dialog.querySelector<HTMLElement>('.verify-close')?.focus();
    }
    try {
      const [{ encode }, { safetyNumber, safetyNumberGroups, safetyQrPayload }] = await loadVerifyTools();
      // Another peer's dialog may have opened while this one loaded or computed.
      if (this.#peer !== peer) return;
      this.#qr = qrPicture(encode, safetyQrPayload(ourFingerprint, peer.fingerprint));
      this.#host.requestUpdate();
      const groups = safetyNumberGroups(await safetyNumber(ourFingerprint, peer.fingerprint));
      if (this.#peer === peer) this.#groups = groups;
    } catch (error) {
      if (this.#peer === peer) this.#failed('verifyFailed', error);
    }
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }

  close(): void {
    this.#dialog()?.close();
  }

  #failed(what: 'verifyFailed' | 'markFailed', error: unknown): void {
    this.#error = what;
    console.warn(`peerkit: ${what}:`, error);
  }

  #dialog(): HTMLDialogElement | null | undefined {
    return this.#host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.verify-dialog');
  }

  async #markVerified(peer: VerifyPeer): Promise<void> {
    this.#marking = true;
    this.#error = undefined;
    this.#host.requestUpdate();
    try {
      await this.#options.markVerified(peer.fingerprint);
    } catch (error) {
      this.#failed('markFailed', error);
    }
    this.#marking = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // The button is gone once the peer is verified: keep focus inside the dialog.
    if (this.#options.isVerified(peer.fingerprint)) this.#host.shadowRoot?.querySelector<HTMLButtonElement>('dialog.verify-dialog .verify-close')?.focus();
  }

  readonly #onClose = () => {
    if (this.#opener?.isConnected) this.#opener.focus();
    this.#opener = undefined;
  };

  render(strings: SafetyNumberStrings): TemplateResult {
    const peer = this.#peer;
    return html`<dialog part="verify-dialog" class="verify-dialog" aria-labelledby="verify-title" @close=${this.#onClose}>
      ${peer ? this.#content(peer, strings) : nothing}
    </dialog>`;
  }

  #content(peer: VerifyPeer, strings: SafetyNumberStrings): TemplateResult {
    const verified = this.#options.isVerified(peer.fingerprint);
    // The number stays in Latin digits in every language: both devices must show the same characters.
    const groups = this.#groups;
    // The peer's name inside our sentences: isolated, so a right-to-left name cannot reorder them.
    const name = isolate(peer.name);
    return html`
      <h2 id="verify-title">${strings.verifyTitle(name)}</h2>
      <p class="verify-help">${strings.verifyHelp(name)}</p>
      <div class="verify-body">
        <div part="safety-number" class="safety-number" role="group" aria-label=${strings.safetyNumber} aria-busy=${groups ? 'false' : 'true'}>
          ${groups ? groups.map((group) => html`<span>${group}</span>`) : html`<span class="computing">${strings.computing}</span>`}
        </div>
        ${this.#qr ? this.#renderQr(this.#qr, strings) : nothing}
      </div>
      <p class="verify-status" role="status">${verified ? strings.verified(name) : ''}</p>
      ${this.#error ? html`<p class="verify-error" role="alert">${strings[this.#error]}</p>` : nothing}
      <div class="verify-actions">
        ${verified
          ? nothing
          : button({ label: strings.markVerified, variant: 'primary', part: 'button verify-mark', disabled: !groups, loading: this.#marking, onClick: () => void this.#markVerified(peer) })}
        ${button({ label: strings.close, className: 'verify-close', onClick: () => this.close() })}
      </div>
    `;
  }

  #renderQr({ size, path }: QrPicture, strings: SafetyNumberStrings): TemplateResult {
    const side = size + 2 * QUIET_ZONE;
    // Always dark on light, whatever the theme: not every scanner reads an inverted code.
    return html`<svg part="safety-qr" class="safety-qr" role="img" aria-label=${strings.qrLabel} viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}" shape-rendering="crispEdges">
      <rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${side} height=${side} fill="#fff"></rect>
      <path d=${path} fill="#000"></path>
    </svg>`;
  }
}

export const safetyNumberDialogStyles = css`
  .verify-dialog {
    box-sizing: border-box;
    max-width: min(36rem, calc(100vw - 2 * ${token('space-m')}));
    padding: ${token('space-l')};
    /* The same size in every host, whatever size the host's own text is. */
    font-size: ${token('font-size-m')};
    font-family: ${token('font')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
    background: ${token('color-surface-raised')};
    color-scheme: ${token('color-scheme')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-l')};
    box-shadow: ${token('shadow-m')};
  }
  .verify-dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .verify-dialog h2 {
    font-size: ${token('font-size-l')};
    margin: 0 0 ${token('space-xs')};
  }
  .verify-help {
    margin: 0 0 ${token('space-m')};
    color: ${token('color-text-muted')};
  }
  .verify-body {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-l')};
    align-items: center;
  }
  .safety-number {
    display: grid;
    /* Two people compare these groups side by side: the same order on both screens, whatever each page's direction. */
    direction: ltr;
    grid-template-columns: repeat(4, auto);
    gap: ${token('space-xs')} ${token('space-m')};
    font-family: ${token('font-mono')};
    font-size: ${token('font-size-l')};
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.06em;
  }
  .computing {
    grid-column: 1 / -1;
    color: ${token('color-text-muted')};
    font-family: ${token('font')};
    font-size: ${token('font-size-m')};
    letter-spacing: normal;
  }
  .safety-qr {
    flex: none;
    width: 10rem;
    height: 10rem;
    border-radius: ${token('radius-s')};
    /* Forced colours would repaint the modules and could make the code unreadable to a camera. */
    forced-color-adjust: none;
  }
  .verify-status {
    min-height: calc(${token('font-size-m')} * ${token('line-height')});
    margin: ${token('space-s')} 0 0;
    color: ${token('color-success')};
    font-weight: ${token('font-weight-strong')};
  }
  .verify-error {
    margin: ${token('space-xs')} 0 0;
    color: ${token('color-danger')};
  }
  .verify-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: ${token('space-s')};
    margin-top: ${token('space-xs')};
  }
  @media (forced-colors: active) {
    .verify-dialog {
      border-color: CanvasText;
    }
    .verify-status {
      color: CanvasText;
    }
  }
`;
