import { css } from 'lit';
import { safetyNumberDialogStyles } from '../safety-number-dialog.js';
import { themeTokens } from '../theme.js';

export const peerIdentityStyles = [
  themeTokens,
  safetyNumberDialogStyles,
  css`
    :host {
      display: block;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25em 1em;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
    }
    code {
      font-family: ui-monospace, monospace;
      word-break: break-all;
    }
    form,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
      align-items: end;
      margin-block: 0.75em;
    }
    .field {
      display: grid;
      gap: 0.25em;
    }
    textarea {
      width: 100%;
      min-width: 18em;
      font-family: ui-monospace, monospace;
    }
    button {
      font: inherit;
      color: var(--_accent);
      background: none;
      border: 1px solid var(--_border);
      border-radius: 0.375em;
      padding: 0.3em 0.8em;
      cursor: pointer;
    }
    button.danger {
      color: var(--_danger);
    }
    ul {
      list-style: none;
      padding: 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
      align-items: center;
      padding: 0.4em 0;
      border-bottom: 1px solid var(--_border);
    }
    .message,
    .empty {
      color: var(--_muted);
    }
  `,
];
