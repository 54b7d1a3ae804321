/** A message typed into the composer and not yet in the history, as a row of the log (pending-sends.ts keeps them). */
import { html, nothing, type TemplateResult } from 'lit';
import { CircleAlert, Clock, Pencil, RotateCcw } from 'lucide';
import { button } from '../blocks/button.js';
import { icon } from '../blocks/icon.js';
import type { PeerChatStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { PendingSend } from './pending-sends.js';

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
