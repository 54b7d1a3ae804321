import { css } from 'lit';
import { buttonStyles } from '../blocks/button.styles.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerRoomStyles = [
  hostStyles,
  buttonStyles,
  css`
    /* A column, so a <peer-chat> inside a room with a height fills what the status, the alert and a list leave. */
    :host {
      display: flex;
      flex-direction: column;
    }
    /* Wraps on a narrow screen: pair mode's "Next stranger" goes below rather than past the edge. */
    .status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2xs')} ${token('space-xs')};
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
      padding: ${token('space-2xs')} 0;
    }
    /* Focused only by the room itself (tabindex=-1), when the alert that had focus goes. */
    .status:focus:not(:focus-visible) {
      outline: none;
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
    .next {
      margin-inline-start: auto;
    }
    .relay-only {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-3xs')};
      --peer-icon-size: 1.1em;
    }
    .alert {
      margin-block: ${token('space-2xs')} ${token('space-xs')};
    }
    .alert-actions {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2xs')};
    }
    .content {
      display: flex;
      flex-direction: column;
      flex: auto;
      min-height: 0;
    }
    @media (forced-colors: active) {
      /* A dot drawn by its background would vanish (backgrounds become Canvas): draw it in text colour. */
      .status > .dot {
        forced-color-adjust: none;
        background: CanvasText;
      }
    }
  `,
];
