/** The one text field style (the dialog's password field; the chat's composer may follow). */
import { css } from 'lit';
import { token } from '../styles/tokens.js';

export const fieldStyles = css`
  .field {
    box-sizing: border-box;
    width: 100%;
    padding: ${token('space-xs')} ${token('space-s')};
    font-family: ${token('font')};
    font-size: ${token('font-size-m')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-m')};
  }
  .field:hover:not(:disabled) {
    border-color: ${token('color-text-muted')};
  }
  .field:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus')};
    outline-offset: 0;
    border-color: ${token('color-focus')};
  }
  .field[aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }
  .field:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  @media (forced-colors: active) {
    .field {
      border-color: CanvasText;
    }
    .field:focus-visible {
      outline-color: Highlight;
    }
  }
`;
