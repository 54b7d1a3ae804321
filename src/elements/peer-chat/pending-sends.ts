/**
 * Messages typed into `<peer-chat>`'s composer and not yet in the history: being signed and stored
 * (or waiting for the room to start), or failed. A failed one keeps its text on screen, with retry
 * and edit, until the user acts: typed text is never lost.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CircleAlert, Clock, Pencil, RotateCcw } from 'lucide';
import { button } from '../blocks/button.js';
import { icon } from '../blocks/icon.js';
import type { PeerChatStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';

export interface PendingSend {
  readonly key: number;
  readonly text: string;
  readonly state: 'sending' | 'failed';
  readonly reason?: string;
}

export class PendingSends {
  #items: readonly PendingSend[] = [];
  #keys = 0;

  get items(): readonly PendingSend[] {
    return this.#items;
  }

  /** `text` is on its way (again, for a retry of `retrying`). */
  start(text: string, retrying?: PendingSend): PendingSend {
    const pending: PendingSend = { key: retrying?.key ?? ++this.#keys, text, state: 'sending' };
    this.#items = retrying ? this.#items.map((each) => (each.key === pending.key ? pending : each)) : [...this.#items, pending];
    return pending;
  }

  /** It is in the history now (or was taken back into the composer): off the list. */
  remove(pending: PendingSend): void {
    this.#items = this.#items.filter((each) => each.key !== pending.key);
  }

  failed(pending: PendingSend, reason: string): void {
    this.#items = this.#items.map((each) => (each.key === pending.key ? { ...pending, state: 'failed', reason } : each));
  }
}

export interface PendingActions {
  retry(pending: PendingSend): void;
  edit(pending: PendingSend): void;
}

/** A pending message as an own message in the log: "sending", or why it failed with retry and edit. */
export function pendingRow(pending: PendingSend, strings: Bound<PeerChatStrings>, actions: PendingActions): TemplateResult {
  const failed = pending.state === 'failed';
  return html`<article part="message message-own message-pending" class="message own first pending ${failed ? 'failed' : ''}">
    <div class="body">
      <p part="text" class="text" dir="auto">${pending.text}</p>
      ${failed ? nothing : html`<span part="state" class="state queued" role="img" aria-label=${strings.sending} title=${strings.sending}>${icon(Clock)}</span>`}
    </div>
    ${failed
      ? html`<div part="send-error" class="send-error" role="alert">
          <span>${icon(CircleAlert)} ${strings.sendFailed(pending.reason ?? '')}</span>
          ${button({ size: 's', icon: RotateCcw, label: strings.retry, part: 'retry', onClick: () => actions.retry(pending) })}
          ${button({ size: 's', variant: 'text', icon: Pencil, label: strings.edit, part: 'edit', onClick: () => actions.edit(pending) })}
        </div>`
      : nothing}
  </article>`;
}
