import { css } from 'lit';
import { themeTokens } from '../theme.js';

export const peerChatStyles = [
  themeTokens,
  css`
    :host {
      display: grid;
      gap: 0.5em;
      position: relative;
    }
    .log {
      height: var(--peer-chat-height, 20rem);
      overflow-y: auto;
      border: 1px solid var(--_border);
      border-radius: 0.5em;
      padding: 0.5em;
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    .message {
      max-width: 85%;
    }
    .message.own {
      align-self: flex-end;
    }
    header {
      display: flex;
      gap: 0.5em;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .author {
      font-weight: 600;
      color: var(--_text);
    }
    .text {
      margin: 0.15em 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .own .text {
      background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
      border-radius: 0.5em;
      padding: 0.3em 0.6em;
    }
    .state.failed {
      color: var(--_danger);
    }
    .unread {
      align-self: stretch;
      text-align: center;
      font-size: 0.8125rem;
      color: var(--_accent);
      border-top: 1px solid var(--_accent);
    }
    .empty {
      color: var(--_muted);
      margin: auto;
    }
    .jump {
      position: absolute;
      inset-inline-end: 1em;
      bottom: 4.5em;
    }
    .composer {
      display: flex;
      gap: 0.5em;
      align-items: end;
    }
    textarea {
      flex: 1;
      font: inherit;
      resize: vertical;
    }
    button {
      font: inherit;
      color: var(--_surface);
      background: var(--_accent);
      border: 0;
      border-radius: 0.375em;
      padding: 0.4em 0.9em;
      cursor: pointer;
    }
    :host([dragging]) .log {
      outline: 2px dashed var(--_accent);
      outline-offset: -2px;
    }
    .attach {
      cursor: pointer;
      padding: 0.4em 0.5em;
      border: 1px solid var(--_border);
      border-radius: 0.375em;
    }
    .attach:focus-within {
      outline: 2px solid var(--_accent);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .attachment {
      margin: 0.3em 0 0;
      display: grid;
      gap: 0.25em;
      justify-items: start;
    }
    .attachment img {
      max-width: min(100%, 20rem);
      max-height: 15rem;
      border-radius: 0.375em;
    }
    .attachment a {
      color: var(--_accent);
    }
    .attachment.failed {
      color: var(--_danger);
    }
    .progress {
      display: flex;
      gap: 0.5em;
      align-items: center;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
  `,
];
