/**
 * The one button style: every peerkit element includes `buttonStyles` in its shadow root and
 * renders `button()`; `<peer-button>` wraps the same two for pages.
 */
import { css } from 'lit';
import { iconStyles } from './icon.js';
import { token } from '../styles/tokens.js';

export const buttonStyles = [
  iconStyles,
  css`
    .button {
      --_button-bg: ${token('color-surface-raised')};
      --_button-fg: ${token('color-text')};
      --_button-border: ${token('color-border')};
      box-sizing: border-box;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: ${token('space-2xs')};
      margin: 0;
      padding: ${token('space-xs')} ${token('space-m')};
      font-family: ${token('font')};
      font-size: ${token('font-size-m')};
      font-weight: ${token('font-weight-strong')};
      line-height: 1.25;
      color: var(--_button-fg);
      background: var(--_button-bg);
      border: 1px solid var(--_button-border);
      border-radius: ${token('radius-m')};
      cursor: pointer;
      white-space: nowrap;
      text-decoration: none;
      user-select: none;
      -webkit-tap-highlight-color: transparent;
      transition:
        background-color ${token('duration-fast')},
        border-color ${token('duration-fast')},
        color ${token('duration-fast')};
    }
    .button.size-s {
      padding: ${token('space-2xs')} ${token('space-s')};
      font-size: ${token('font-size-s')};
      border-radius: ${token('radius-s')};
    }
    .button.icon-only {
      padding: ${token('space-xs')};
    }
    .button.icon-only.size-s {
      padding: ${token('space-2xs')};
    }
    .button:focus-visible {
      outline: ${token('focus-ring-width')} solid ${token('color-focus')};
      outline-offset: ${token('focus-ring-offset')};
    }

    .button.neutral:hover:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-text')} 7%, ${token('color-surface-raised')});
    }
    .button.neutral:active:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-text')} 14%, ${token('color-surface-raised')});
    }

    .button.primary {
      --_button-bg: ${token('color-accent')};
      --_button-fg: ${token('color-on-accent')};
      --_button-border: ${token('color-accent')};
    }
    .button.danger {
      --_button-bg: ${token('color-danger')};
      --_button-fg: ${token('color-on-accent')};
      --_button-border: ${token('color-danger')};
    }
    /* State rules paint directly (not through --_button-bg) and are specific enough to beat a host's bare "button:hover".
       Mixing toward the text colour darkens in light themes and lightens in dark ones: the label keeps its contrast either way. */
    .button.primary:hover:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-accent')} 85%, ${token('color-text')});
    }
    .button.primary:active:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-accent')} 72%, ${token('color-text')});
    }
    .button.danger:hover:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-danger')} 85%, ${token('color-text')});
    }
    .button.danger:active:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-danger')} 72%, ${token('color-text')});
    }

    .button.text {
      --_button-bg: transparent;
      --_button-fg: ${token('color-accent')};
      --_button-border: transparent;
    }
    .button.text:hover:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-accent')} 10%, transparent);
    }
    .button.text:active:not(:disabled) {
      background-color: color-mix(in srgb, ${token('color-accent')} 18%, transparent);
    }

    .button:disabled {
      cursor: not-allowed;
      opacity: 0.5;
    }
    .button[aria-busy='true'] {
      cursor: progress;
    }
    .button .spinner {
      animation: peer-button-spin 0.9s linear infinite;
    }
    @keyframes peer-button-spin {
      to {
        transform: rotate(1turn);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .button {
        transition: none;
      }
      /* The loader icon still reads as "working" when it stands still. */
      .button .spinner {
        animation: none;
      }
    }
    @media (forced-colors: active) {
      .button {
        border-color: ButtonText;
      }
      .button:focus-visible {
        outline-color: Highlight;
      }
      .button:disabled {
        color: GrayText;
        border-color: GrayText;
        opacity: 1;
      }
    }
  `,
];
