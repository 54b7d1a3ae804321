import { css } from 'lit';
import { safetyNumberDialogStyles } from '../safety-number-dialog.js';
import { outlineButtonStates } from '../styles/element-buttons.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerListStyles = [
  hostStyles,
  safetyNumberDialogStyles,
  outlineButtonStates,
  css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: ${token('space-3xs')} ${token('space-s')};
      padding: ${token('space-xs')} ${token('space-2xs')};
      border-bottom: 1px solid ${token('color-border')};
    }
    .name {
      font-weight: ${token('font-weight-strong')};
      /* A name is the key owner's text: isolated, so a right-to-left name cannot reorder what is around it. */
      unicode-bidi: isolate;
    }
    .fingerprint {
      font-family: ${token('font-mono')};
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
      justify-self: end;
    }
    .trust {
      font-size: ${token('font-size-s')};
    }
    .trust.trusted {
      color: ${token('color-success')};
    }
    .trust.key-changed {
      color: ${token('color-warning')};
      font-weight: ${token('font-weight-strong')};
    }
    .trust.blocked {
      color: ${token('color-danger')};
    }
    .state {
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
      justify-self: end;
    }
    .state.connected {
      color: ${token('color-success')};
    }
    .state.failed {
      color: ${token('color-danger')};
    }
    .actions {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-xs')};
    }
    button {
      font: inherit;
      font-size: ${token('font-size-s')};
      color: ${token('color-accent')};
      background: ${token('color-surface')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-s')};
      padding: ${token('space-3xs')} ${token('space-xs')};
      cursor: pointer;
      transition: background-color ${token('duration-fast')};
    }
    .empty {
      color: ${token('color-text-muted')};
      margin: ${token('space-xs')} 0;
    }
    @media (forced-colors: active) {
      li {
        border-bottom-color: CanvasText;
      }
      button {
        border-color: ButtonText;
      }
    }
  `,
];
