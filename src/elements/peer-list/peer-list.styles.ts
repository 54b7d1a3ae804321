import { css } from 'lit';
import { safetyNumberDialogStyles } from '../safety-number-dialog.js';
import { themeTokens } from '../theme.js';

export const peerListStyles = [
  themeTokens,
  safetyNumberDialogStyles,
  css`
    :host {
      display: block;
      font-size: 0.9375rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.15em 0.75em;
      padding: 0.5em 0.25em;
      border-bottom: 1px solid var(--_border);
    }
    .name {
      font-weight: 600;
    }
    .fingerprint {
      font-family: ui-monospace, monospace;
      color: var(--_muted);
      justify-self: end;
    }
    .trust {
      font-size: 0.8125rem;
    }
    .trust.trusted {
      color: var(--_ok);
    }
    .trust.key-changed {
      color: var(--_warn);
      font-weight: 600;
    }
    .trust.blocked {
      color: var(--_danger);
    }
    .state {
      font-size: 0.8125rem;
      color: var(--_muted);
      justify-self: end;
    }
    .state.connected {
      color: var(--_ok);
    }
    .state.failed {
      color: var(--_danger);
    }
    .actions {
      grid-column: 1 / -1;
      display: flex;
      gap: 0.5em;
    }
    button {
      font: inherit;
      font-size: 0.8125rem;
      color: var(--_accent);
      background: none;
      border: 1px solid var(--_border);
      border-radius: 0.375em;
      padding: 0.15em 0.6em;
      cursor: pointer;
    }
    .empty {
      color: var(--_muted);
      margin: 0.5em 0;
    }
  `,
];
