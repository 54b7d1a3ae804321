/**
 * The log's rows (messages, reactions, "seen by", attachments, pending sends): adopted with the
 * rows' code when the chat first has a row to show (log-rows.ts), not with the CDN entry.
 */
import { css } from 'lit';
import { avatarStyles } from '../blocks/avatar.js';
import { token } from '../styles/tokens.js';

export const messageRowStyles = [
  avatarStyles,
  css`
    /* A message: the avatar (or, in a group, the time) in the inline-start gutter, the rest beside it. */
    .message {
      --_gutter: calc(${token('space-xl')} + ${token('space-xs')});
      display: block;
      padding-block: ${token('space-3xs')};
      padding-inline: calc(${token('space-2xs')} + var(--_gutter)) ${token('space-2xs')};
      border-radius: ${token('radius-s')};
      position: relative;
    }
    .message.first {
      margin-block-start: ${token('space-xs')};
    }
    .message > .avatar {
      position: absolute;
      inset-block-start: ${token('space-3xs')};
      inset-inline-start: ${token('space-2xs')};
    }
    .message:hover,
    .message:focus-within {
      background: ${token('color-surface-sunken')};
    }
    .message:focus-visible {
      outline-offset: 0;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
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
    .gutter-time {
      position: absolute;
      inset-block-start: ${token('space-2xs')};
      inset-inline-start: 0;
      inline-size: var(--_gutter);
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
      text-align: center;
      white-space: nowrap;
      /* Shown on hover and focus; still read by screen readers (opacity, not visibility). */
      opacity: 0;
    }
    .message:hover .gutter-time,
    .message:focus-within .gutter-time {
      opacity: 1;
    }
    .body {
      display: flex;
      align-items: end;
      gap: ${token('space-2xs')};
      min-inline-size: 0;
    }
    .content {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      min-inline-size: 0;
    }
    .message.own .content {
      align-items: flex-end;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      min-inline-size: 0;
    }
    .custom {
      min-inline-size: 0;
    }
    /* Own messages: on the inline end, in an accent-tinted bubble, no avatar. */
    .message.own {
      padding-inline-start: ${token('space-2xs')};
    }
    .message.own header,
    .message.own .body,
    .message.own .reactions,
    .message.own .send-error {
      justify-content: flex-end;
    }
    .message.own .picker {
      margin-inline-start: auto;
    }
    .message.own .seen {
      text-align: end;
    }
    .message.own .gutter-time {
      display: none;
    }
    .own .text {
      background: color-mix(in srgb, ${token('color-accent')} 12%, ${token('color-surface')});
      border-radius: ${token('radius-l')};
      padding: ${token('space-2xs')} ${token('space-s')};
    }
    .state {
      display: inline-flex;
      color: ${token('color-text-muted')};
      --peer-icon-size: 1rem;
    }
    .state.delivered {
      color: ${token('color-accent')};
    }
    .state.failed,
    .send-error {
      color: ${token('color-danger')};
    }
    .send-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-xs')};
      margin-block-start: ${token('space-2xs')};
      font-size: ${token('font-size-s')};
    }
    .send-error > span {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-2xs')};
    }

    /* Reactions: chips under the message, the picker button on hover and focus. */
    .reactions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2xs')};
    }
    .reactions.some {
      margin-block-start: ${token('space-3xs')};
    }
    .reaction {
      font: inherit;
      font-size: ${token('font-size-s')};
      display: inline-flex;
      align-items: center;
      gap: ${token('space-3xs')};
      padding: 0 ${token('space-xs')};
      min-block-size: ${token('space-l')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-full')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
      cursor: pointer;
      transition: background-color ${token('duration-fast')};
    }
    .reaction[aria-pressed='true'] {
      border-color: ${token('color-accent')};
      background: color-mix(in srgb, ${token('color-accent')} 14%, ${token('color-surface')});
    }
    .reaction:hover:not(:disabled) {
      background: color-mix(in srgb, ${token('color-accent')} 22%, ${token('color-surface')});
    }
    .reaction:disabled {
      cursor: default;
    }
    /* The picker button floats on the message's corner while it is hovered or focused: no row of its own. */
    .add-reaction {
      position: absolute;
      inset-block-start: calc(-1 * ${token('space-xs')});
      inset-inline-end: ${token('space-xs')};
      background: ${token('color-surface-raised')};
      box-shadow: ${token('shadow-s')};
      opacity: 0;
    }
    .message.own .add-reaction {
      inset-inline-end: auto;
      inset-inline-start: ${token('space-xs')};
    }
    .message:hover .add-reaction,
    .message:focus-within .add-reaction {
      opacity: 1;
    }
    .picker {
      display: flex;
      gap: ${token('space-3xs')};
      padding: ${token('space-2xs')};
      margin-block-start: ${token('space-2xs')};
      inline-size: max-content;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-full')};
      background: ${token('color-surface-raised')};
      box-shadow: ${token('shadow-m')};
    }
    .pick {
      font-size: ${token('font-size-l')};
      line-height: 1;
      inline-size: 2.25rem;
      block-size: 2.25rem;
      border: 0;
      border-radius: ${token('radius-full')};
      background: transparent;
      cursor: pointer;
    }
    .pick:hover {
      background: ${token('color-surface-sunken')};
    }
    .seen {
      margin: ${token('space-3xs')} 0 0;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
    }

    /* Dividers: the day, and where unread messages begin. */
    .day,
    .unread {
      display: flex;
      align-items: center;
      gap: ${token('space-xs')};
      margin-block: ${token('space-s')} ${token('space-2xs')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-strong')};
      color: ${token('color-text-muted')};
    }
    .day::before,
    .day::after,
    .unread::before,
    .unread::after {
      content: '';
      flex: 1;
      border-block-start: 1px solid ${token('color-border')};
    }
    .unread {
      color: ${token('color-accent')};
    }
    .unread::before,
    .unread::after {
      border-color: ${token('color-accent')};
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
    .error-line {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-2xs')};
    }
    .progress {
      display: flex;
      gap: ${token('space-xs')};
      align-items: center;
      font-size: ${token('font-size-s')};
      color: ${token('color-text-muted')};
    }
    @media (forced-colors: active) {
      .reaction,
      .picker {
        border-color: CanvasText;
      }
      /* Own messages are told apart by their bubble, which forced colours would flatten away. */
      .own .text {
        border: 1px solid CanvasText;
      }
      .reaction[aria-pressed='true'] {
        border-color: Highlight;
        outline: 1px solid Highlight;
      }
      .unread::before,
      .unread::after {
        border-color: Highlight;
      }
      .add-reaction,
      .gutter-time {
        opacity: 1;
      }
    }
  `,
];
