import { css } from 'lit';
import { themeTokens } from '../theme.js';

export const peerRoomStyles = [
  themeTokens,
  css`
    :host {
      display: block;
    }
    .status {
      display: flex;
      align-items: center;
      gap: 0.4em;
      font-size: 0.875rem;
      color: var(--_muted);
      padding: 0.25em 0;
    }
    .dot {
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: var(--_muted);
    }
    .dot.open {
      background: var(--_ok);
    }
    .dot.connecting,
    .dot.reconnecting {
      background: var(--_warn);
    }
    .dot.error,
    .dot.closed {
      background: var(--_danger);
    }
    button {
      margin-inline-start: auto;
      font: inherit;
      color: var(--_surface);
      background: var(--_accent);
      border: 0;
      border-radius: 0.375em;
      padding: 0.3em 0.8em;
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
  `,
];
