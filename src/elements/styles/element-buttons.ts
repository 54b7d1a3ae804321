/**
 * The states of the elements' own plain `<button>`s, one copy for all four elements (each sets the
 * button's resting look itself). They go when the elements draw the block button
 * (blocks/button.ts) instead. Placed before an element's own rules, so its later rules (forced
 * colours, danger) still win where they match as strongly.
 */
import { css } from 'lit';
import { token } from './tokens.js';

/** Buttons filled with the accent colour (send, next stranger). */
export const accentButtonStates = css`
    button:hover:not(:disabled) {
      background: color-mix(in srgb, ${token('color-accent')} 85%, ${token('color-text')});
    }
    button:active:not(:disabled) {
      background: color-mix(in srgb, ${token('color-accent')} 75%, ${token('color-text')});
    }
    button:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
`;

/** Outlined buttons on the surface (trust, verify, export…). */
export const outlineButtonStates = css`
    button:hover:not(:disabled) {
      background: color-mix(in srgb, ${token('color-accent')} 10%, ${token('color-surface')});
    }
    button:active:not(:disabled) {
      background: color-mix(in srgb, ${token('color-accent')} 18%, ${token('color-surface')});
    }
    button:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
`;
