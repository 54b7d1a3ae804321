import { css } from 'lit';
import { buttonStyles } from '../blocks/button.styles.js';
import { fieldStyles } from '../styles/fields.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerIdentityStyles = [
  hostStyles,
  fieldStyles,
  buttonStyles,
  css`
    :host {
      display: block;
    }
    .name {
      /* A name is the key owner's text: isolated, so a right-to-left name cannot reorder what is around it. */
      unicode-bidi: isolate;
    }
    [part='heading'] {
      margin: ${token('space-s')} 0 ${token('space-xs')};
      font-size: ${token('font-size-l')};
      font-weight: ${token('font-weight-strong')};
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: ${token('space-2xs')} ${token('space-m')};
      margin: 0 0 ${token('space-s')};
    }
    dt {
      color: ${token('color-text-muted')};
    }
    dd {
      margin: 0;
    }
    /* Fingerprints: groups of hex digits read left to right in every language, never swapped by a right-to-left page. */
    code {
      direction: ltr;
      unicode-bidi: isolate;
      font-family: ${token('font-mono')};
      word-break: break-all;
    }
    form,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-s')};
      align-items: end;
      margin-block: ${token('space-s')};
    }
    .field {
      display: grid;
      gap: ${token('space-2xs')};
    }
    .field textarea {
      box-sizing: border-box;
      width: 100%;
      min-width: min(18rem, 100%);
      font-family: ${token('font-mono')};
      font-size: ${token('font-size-s')};
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-s')};
      align-items: center;
      padding: ${token('space-xs')} 0;
      border-bottom: 1px solid ${token('color-border')};
    }
    .message,
    .empty {
      color: ${token('color-text-muted')};
    }
    @media (forced-colors: active) {
      li {
        border-bottom-color: CanvasText;
      }
    }
  `,
];
