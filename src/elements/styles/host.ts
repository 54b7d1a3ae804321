/**
 * What every peerkit element's shadow root starts with: the element paints its own surface and
 * text colour and tells the browser its colour scheme (so a dark element on a white page is dark,
 * not light text on white, and its scrollbars and form controls match), one focus ring, and the
 * forced-colours fixes that keep focus visible when the system replaces every colour.
 */
import { css } from 'lit';
import { token } from './tokens.js';

export const hostStyles = css`
  :host {
    color-scheme: ${token('color-scheme')};
    background-color: ${token('color-surface')};
    color: ${token('color-text')};
    font-family: ${token('font')};
    font-size: ${token('font-size-m')};
    font-weight: ${token('font-weight-normal')};
    line-height: ${token('line-height')};
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus')};
    outline-offset: ${token('focus-ring-offset')};
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
