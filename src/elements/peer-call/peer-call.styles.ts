import { css } from 'lit';
import { buttonStyles } from '../blocks/button.styles.js';
import { avatarStyles } from '../blocks/avatar.js';
import { iconStyles } from '../blocks/icon.js';
import { fieldStyles } from '../styles/fields.js';
import { hostStyles } from '../styles/host.js';
import { token } from '../styles/tokens.js';

export const peerCallStyles = [
  hostStyles,
  buttonStyles,
  avatarStyles,
  iconStyles,
  fieldStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: ${token('space-s')};
    }
    /* Tiles fill the width in as many columns as fit; a shared screen takes a whole row. */
    .stage {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
      gap: ${token('space-xs')};
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tile {
      position: relative;
      aspect-ratio: 16 / 9;
      margin: 0;
      border-radius: ${token('radius-m')};
      overflow: hidden;
      background: ${token('color-surface-sunken')};
      border: 1px solid ${token('color-border')};
      display: grid;
      place-items: center;
    }
    .tile.screen {
      grid-column: 1 / -1;
    }
    /* Speaking: a ring in the accent colour, drawn inside the tile so the grid does not move. */
    .tile.speaking {
      box-shadow: inset 0 0 0 3px ${token('color-accent')};
    }
    video {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .tile.screen video {
      object-fit: contain;
      background: ${token('color-surface-sunken')};
    }
    /* One's own camera reads as a mirror, as in every call app. */
    .tile.local video {
      transform: scaleX(-1);
    }
    .tile .avatar {
      --_avatar-size: 3.5rem;
      --_avatar-font-size: ${token('font-size-l')};
    }
    .caption {
      position: absolute;
      inset-block-end: ${token('space-2xs')};
      inset-inline-start: ${token('space-2xs')};
      max-inline-size: calc(100% - 2 * ${token('space-2xs')});
      display: flex;
      align-items: center;
      gap: ${token('space-2xs')};
      padding: ${token('space-3xs')} ${token('space-xs')};
      border-radius: ${token('radius-s')};
      background: color-mix(in srgb, ${token('color-surface')} 85%, transparent);
      color: ${token('color-text')};
      font-size: ${token('font-size-s')};
      --peer-icon-size: 1rem;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      unicode-bidi: isolate;
    }
    .muted-mark {
      display: inline-flex;
      color: ${token('color-danger')};
    }
    .badge {
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-xs')};
    }
    .controls .leave {
      margin-inline-start: auto;
    }
    .lobby {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-s')};
    }
    .lobby p {
      margin: 0;
      color: ${token('color-text-muted')};
    }
    .devices {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-s')};
    }
    .devices label {
      display: grid;
      gap: ${token('space-3xs')};
      font-size: ${token('font-size-s')};
    }
    select {
      max-inline-size: 18rem;
    }
    .hidden-audio {
      display: none;
    }
    @media (forced-colors: active) {
      .tile {
        border-color: CanvasText;
      }
      .tile.speaking {
        box-shadow: none;
        outline: 3px solid Highlight;
        outline-offset: -3px;
      }
      .caption {
        border: 1px solid CanvasText;
      }
    }
  `,
];
