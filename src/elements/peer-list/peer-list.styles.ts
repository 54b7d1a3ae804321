import { css } from 'lit';
import { buttonStyles } from '../blocks/button.styles.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerListStyles = [
  hostStyles,
  buttonStyles,
  css`
    :host {
      display: block;
    }
    .row {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: ${token('space-3xs')} ${token('space-s')};
      padding: ${token('space-xs')} ${token('space-2xs')};
      border-bottom: 1px solid ${token('color-border')};
    }
    .identity {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${token('space-3xs')} ${token('space-s')};
    }
    .cell {
      border-radius: ${token('radius-s')};
    }
    .trust,
    .rtt {
      justify-self: end;
    }
    .rtt {
      /* "14 ms" starts with digits: in a right-to-left page they would take the page's direction ("ms 14"); the text's own first letter decides. */
      unicode-bidi: plaintext;
    }
    .name {
      font-weight: ${token('font-weight-strong')};
      /* A name is the key owner's text: isolated, so a right-to-left name cannot reorder what is around it. */
      unicode-bidi: isolate;
    }
    /* Groups of hex digits read left to right in every language: a right-to-left page must not swap them. */
    .fingerprint {
      direction: ltr;
      unicode-bidi: isolate;
      font-family: ${token('font-mono')};
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
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
    .state,
    .rtt {
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
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
    .empty {
      color: ${token('color-text-muted')};
      margin: ${token('space-xs')} 0;
    }
    @media (forced-colors: active) {
      .row {
        border-bottom-color: CanvasText;
      }
    }
  `,
];
