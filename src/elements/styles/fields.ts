/**
 * Text inputs, text areas and selects, the same in every element: a visible boundary (≥ 3:1 against the
 * surface), the theme's colours and scheme, and the shared focus ring.
 */
import { css } from 'lit';
import { token } from './tokens.js';

export const fieldStyles = css`
  input:not([type='file']),
  textarea,
  select {
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-s')};
    padding: ${token('space-2xs')} ${token('space-xs')};
    transition: border-color ${token('duration-fast')};
  }
  input:not([type='file']):hover,
  textarea:hover,
  select:hover {
    border-color: ${token('color-text-muted')};
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    border-color: ${token('color-focus')};
    outline-offset: 0;
  }
  input::placeholder,
  textarea::placeholder {
    color: ${token('color-text-muted')};
    opacity: 1;
  }
  @media (forced-colors: active) {
    input:not([type='file']),
    textarea,
    select {
      border-color: CanvasText;
    }
  }
`;
