import { css } from 'lit';
import { accentButtonStates } from '../styles/element-buttons.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerRoomStyles = [
  hostStyles,
  accentButtonStates,
  css`
    /* A column, so a <peer-chat> inside a room with a height fills what the status and a list leave. */
    :host {
      display: flex;
      flex-direction: column;
    }
    .status {
      display: flex;
      align-items: center;
      gap: ${token('space-xs')};
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
      padding: ${token('space-2xs')} 0;
    }
    .dot {
      flex: none;
      width: ${token('space-xs')};
      height: ${token('space-xs')};
      border-radius: ${token('radius-full')};
      background: ${token('color-text-muted')};
    }
    .dot.open {
      background: ${token('color-success')};
    }
    .dot.connecting,
    .dot.reconnecting {
      background: ${token('color-warning')};
    }
    .dot.error,
    .dot.closed {
      background: ${token('color-danger')};
    }
    button {
      margin-inline-start: auto;
      font: inherit;
      font-weight: ${token('font-weight-strong')};
      color: ${token('color-on-accent')};
      background: ${token('color-accent')};
      border: 1px solid ${token('color-accent')};
      border-radius: ${token('radius-m')};
      padding: ${token('space-2xs')} ${token('space-s')};
      cursor: pointer;
      transition: background-color ${token('duration-fast')};
    }
    @media (forced-colors: active) {
      /* A dot drawn by its background would vanish (backgrounds become Canvas): draw it in text colour. */
      .status > .dot {
        forced-color-adjust: none;
        background: CanvasText;
      }
      button {
        border-color: ButtonText;
      }
      button:disabled {
        border-color: GrayText;
      }
    }
  `,
];
