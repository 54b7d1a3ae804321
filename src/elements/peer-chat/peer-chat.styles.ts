import { css } from 'lit';
import { fieldStyles } from '../styles/fields.js';
import { accentButtonStates } from '../styles/element-buttons.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerChatStyles = [
  hostStyles,
  fieldStyles,
  accentButtonStates,
  css`
    /*
     * The chat takes the height its container gives it (a flex container's free space, a grid
     * area, or a height set on the element) and the log fills what the composer leaves. With no
     * height from anywhere, the log is --peer-chat-height tall (default 20rem): size containment
     * keeps the messages from growing it, and that is its intrinsic size. "Jump to latest" shares
     * the log's grid cell, placed at its bottom end.
     */
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
      gap: ${token('space-xs')};
      flex: 1 1 auto;
      /* In a flex container, may shrink below the log's intrinsic height rather than overflow. */
      min-block-size: 0;
      box-sizing: border-box;
    }
    .log {
      grid-area: 1 / 1;
      contain: size;
      contain-intrinsic-block-size: var(--peer-chat-height, 20rem);
      overflow-y: auto;
      box-sizing: border-box;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-m')};
      padding: ${token('space-xs')};
      display: flex;
      flex-direction: column;
      gap: ${token('space-xs')};
    }
    .message {
      max-width: 85%;
    }
    .message.own {
      align-self: flex-end;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-xs')};
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
    }
    .author {
      font-weight: ${token('font-weight-strong')};
      color: ${token('color-text')};
      /* A name is the key owner's text: isolated, so a right-to-left name cannot reorder what is around it. */
      unicode-bidi: isolate;
    }
    .text {
      margin: ${token('space-3xs')} 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .own .text {
      background: color-mix(in srgb, ${token('color-accent')} 12%, ${token('color-surface')});
      border-radius: ${token('radius-m')};
      padding: ${token('space-2xs')} ${token('space-xs')};
    }
    .state.failed {
      color: ${token('color-danger')};
      font-weight: ${token('font-weight-strong')};
    }
    .unread {
      align-self: stretch;
      text-align: center;
      font-size: ${token('font-size-s')};
      color: ${token('color-accent')};
      border-top: 1px solid ${token('color-accent')};
    }
    .empty {
      color: ${token('color-text-muted')};
      margin: auto;
    }
    /* button.jump: above the block button's own margin and placement. */
    button.jump {
      grid-area: 1 / 1;
      align-self: end;
      justify-self: end;
      margin: ${token('space-s')};
      box-shadow: ${token('shadow-m')};
    }
    .composer {
      display: flex;
      gap: ${token('space-xs')};
      align-items: end;
    }
    textarea {
      flex: 1;
      min-inline-size: 0;
      resize: vertical;
    }
    button {
      font: inherit;
      font-weight: ${token('font-weight-strong')};
      color: ${token('color-on-accent')};
      background: ${token('color-accent')};
      border: 1px solid ${token('color-accent')};
      border-radius: ${token('radius-m')};
      padding: ${token('space-xs')} ${token('space-m')};
      cursor: pointer;
      transition: background-color ${token('duration-fast')};
    }
    .attachment button {
      font-size: ${token('font-size-s')};
      padding: ${token('space-3xs')} ${token('space-xs')};
      border-radius: ${token('radius-s')};
    }
    .log.dragging {
      outline: ${token('focus-ring-width')} dashed ${token('color-accent')};
      outline-offset: calc(-1 * ${token('focus-ring-width')});
    }
    .attachment {
      margin: ${token('space-2xs')} 0 0;
      display: grid;
      gap: ${token('space-2xs')};
      justify-items: start;
    }
    .attachment img {
      max-width: min(100%, 20rem);
      max-height: 15rem;
      border-radius: ${token('radius-m')};
    }
    .attachment a {
      color: ${token('color-accent')};
    }
    .attachment.failed {
      color: ${token('color-danger')};
    }
    .progress {
      display: flex;
      gap: ${token('space-xs')};
      align-items: center;
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
    }
    @media (forced-colors: active) {
      .log {
        border-color: CanvasText;
      }
      /* Own messages are told apart by their bubble, which forced colours would flatten away. */
      .own .text {
        border: 1px solid CanvasText;
      }
      .unread {
        border-top-color: Highlight;
      }
      button {
        border-color: ButtonText;
      }
      .log.dragging {
        outline-color: Highlight;
      }
    }
  `,
];
