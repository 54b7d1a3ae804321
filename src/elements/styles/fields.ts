/**
 * Text inputs, text areas and selects, the same in every element: a visible boundary (≥ 3:1
 * against the surface), the theme's colours, hover, focus, invalid and disabled states.
 */
import { css } from 'lit';
import { token } from './tokens.js';

export const fieldStyles = css`
  :is(input:not([type='file'], [type='checkbox'], [type='radio']), textarea, select) {
    box-sizing: border-box;
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-s')};
    padding: ${token('space-2xs')} ${token('space-xs')};
    transition: border-color ${token('duration-fast')};
  }
  :is(input, textarea, select):hover:not(:disabled) {
    border-color: ${token('color-text-muted')};
  }
  :is(input, textarea, select):focus-visible {
    border-color: ${token('color-focus')};
    outline-offset: 0;
  }
  :is(input, textarea, select)[aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }
  :is(input, textarea, select):disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  :is(input, textarea)::placeholder {
    color: ${token('color-text-muted')};
    opacity: 1;
  }
  @media (forced-colors: active) {
    :is(input:not([type='file'], [type='checkbox'], [type='radio']), textarea, select) {
      border-color: CanvasText;
    }
  }
`;
