import { css } from 'lit';
import { fieldStyles } from '../styles/fields.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';
import { buttonStyles } from './button.styles.js';

export const dialogStyles = [
  // The host takes no box (display: contents), so of hostStyles only the colour scheme, the text and the focus ring apply.
  hostStyles,
  buttonStyles,
  fieldStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      box-sizing: border-box;
      width: min(32rem, calc(100vw - 2 * ${token('space-m')}));
      max-height: calc(100dvh - 2 * ${token('space-m')});
      padding: ${token('space-l')};
      font-family: ${token('font')};
      font-size: ${token('font-size-m')};
      line-height: ${token('line-height')};
      color: ${token('color-text')};
      background: ${token('color-surface-raised')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-l')};
      box-shadow: ${token('shadow-m')};
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    .header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: ${token('space-s')};
      margin-block-end: ${token('space-s')};
    }
    h2 {
      margin: 0;
      font-size: ${token('font-size-l')};
      font-weight: ${token('font-weight-strong')};
      line-height: 1.25;
    }
    .message {
      margin: 0 0 ${token('space-m')};
      color: ${token('color-text-muted')};
    }
    .label {
      display: block;
      margin-block-end: ${token('space-2xs')};
      font-weight: ${token('font-weight-strong')};
    }
    .field {
      width: 100%;
    }
    .error {
      display: flex;
      align-items: center;
      gap: ${token('space-2xs')};
      margin: ${token('space-2xs')} 0 0;
      color: ${token('color-danger')};
      font-size: ${token('font-size-s')};
    }
    .actions,
    ::slotted([slot='footer']) {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: ${token('space-xs')};
    }
    .actions,
    ::slotted([slot='footer']) {
      margin-block-start: ${token('space-l')};
    }
    @media (forced-colors: active) {
      dialog {
        border-color: CanvasText;
      }
      .error {
        color: CanvasText;
      }
    }
  `,
];
