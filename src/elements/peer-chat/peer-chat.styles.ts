import { css } from 'lit';
import { fieldStyles } from '../styles/fields.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerChatStyles = [
  hostStyles,
  fieldStyles,
  css`
    /*
     * The chat takes the height its container gives it (a flex container's free space, a grid
     * area, or a height set on the element) and the log fills what the header slot and the
     * composer leave. With no height from anywhere, the log is --peer-chat-height tall (default
     * 20rem): size containment keeps the messages from growing it, and that is its intrinsic size.
     * "Jump to latest" and the drop overlay share the log's grid cell.
     */
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr) auto auto;
      grid-template-areas: 'header' 'log' 'typing' 'composer';
      gap: ${token('space-xs')};
      flex: 1 1 auto;
      /* In a flex container, may shrink below the log's intrinsic height rather than overflow. */
      min-block-size: 0;
      box-sizing: border-box;
      position: relative;
    }
    slot[name='header'] {
      display: block;
      grid-area: header;
    }
    .log {
      grid-area: log;
      contain: size;
      contain-intrinsic-block-size: var(--peer-chat-height, 20rem);
      overflow-y: auto;
      box-sizing: border-box;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-m')};
      padding: ${token('space-xs')} ${token('space-s')};
      display: flex;
      flex-direction: column;
    }
    /*
     * The rows are one block inside the log, pushed to its bottom while they are fewer than fill it
     * (a conversation reads next to its composer). Rows are blocks, not grid or flex items: measured
     * in bench/render, laying out 150 grid rows in a flex column made each arrival cost 5 ms; as
     * blocks, about 1.2 ms.
     */
    .rows {
      margin-block-start: auto;
    }
    .log:focus-visible {
      outline-offset: calc(-1 * ${token('focus-ring-width')});
    }

    .empty {
      color: ${token('color-text-muted')};
      margin: auto;
      text-align: center;
    }
    .skeleton {
      display: grid;
      gap: ${token('space-m')};
      padding-block: ${token('space-s')};
    }
    .bone {
      display: flex;
      gap: ${token('space-xs')};
      align-items: start;
    }
    .bone .disc,
    .bone .lines span {
      background: ${token('color-surface-sunken')};
      border-radius: ${token('radius-full')};
      animation: peer-chat-pulse 1.4s ease-in-out infinite;
    }
    .bone .disc {
      flex: none;
      inline-size: ${token('space-xl')};
      block-size: ${token('space-xl')};
    }
    .bone .lines {
      display: grid;
      gap: ${token('space-2xs')};
      flex: 1;
    }
    .bone .lines span {
      block-size: 0.75rem;
      inline-size: 40%;
    }
    .bone .lines span + span {
      inline-size: 75%;
    }
    @keyframes peer-chat-pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bone .disc,
      .bone .lines span {
        animation: none;
      }
    }

    /* button.jump: above the block button's own margin and placement. */
    button.jump {
      grid-area: log;
      align-self: end;
      justify-self: end;
      margin: ${token('space-s')};
      box-shadow: ${token('shadow-m')};
    }
    .drop-overlay {
      grid-area: log;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: ${token('space-xs')};
      border: ${token('focus-ring-width')} dashed ${token('color-accent')};
      border-radius: ${token('radius-m')};
      background: color-mix(in srgb, ${token('color-accent')} 10%, ${token('color-surface')});
      color: ${token('color-accent')};
      font-weight: ${token('font-weight-strong')};
      pointer-events: none;
      --peer-icon-size: 2rem;
    }
    .typing {
      grid-area: typing;
      min-block-size: 1lh;
      margin: 0;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
    }
    .composer {
      grid-area: composer;
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto auto;
      gap: ${token('space-xs')};
      align-items: end;
    }
    .hint {
      grid-column: 1 / -1;
      margin: 0;
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
    }
    textarea {
      min-inline-size: 0;
      resize: vertical;
    }
    @media (forced-colors: active) {
      .log {
        border-color: CanvasText;
      }
      .drop-overlay {
        border-color: Highlight;
      }
    }
  `,
];
