/**
 * The presence badge: a dot and a word. The dot's shape differs too (filled, ring with a centre, half, hollow),
 * so status is never told by colour alone, and the word says it outright.
 */
import { css, html, type TemplateResult } from 'lit';
import { en } from '../locales/en.js';
import type { PresenceStatus, PresenceStrings } from '../localize/strings.js';
import { token } from '../styles/tokens.js';

const statuses = Object.keys(en.presence) as readonly PresenceStatus[];

export function isPresenceStatus(value: string | undefined): value is PresenceStatus {
  return statuses.includes(value as PresenceStatus);
}

/** A presence badge for a shadow root that includes `presenceBadgeStyles`; `strings`: the host's words in its language. */
export function presenceBadge(status: PresenceStatus, strings: PresenceStrings = en.presence, part = 'presence'): TemplateResult {
  return html`<span part=${part} class="presence ${status}"><span part="presence-dot" class="dot" aria-hidden="true"></span><span class="word">${strings[status]}</span></span>`;
}

export const presenceBadgeStyles = css`
  .presence {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-2xs')};
    font-family: ${token('font')};
    font-size: ${token('font-size-s')};
    line-height: ${token('line-height')};
    color: ${token('color-text-muted')};
    white-space: nowrap;
  }
  .dot {
    --_dot: ${token('color-text-muted')};
    box-sizing: border-box;
    flex: none;
    width: ${token('space-xs')};
    height: ${token('space-xs')};
    border-radius: ${token('radius-full')};
    border: ${token('space-3xs')} solid var(--_dot);
  }
  .connected .dot {
    --_dot: ${token('color-success')};
    background: var(--_dot);
  }
  .connecting .dot {
    --_dot: ${token('color-warning')};
    background: radial-gradient(circle, var(--_dot) 35%, transparent 40%);
    animation: peer-presence-pulse 1.2s ease-in-out infinite alternate;
  }
  .relayed .dot {
    --_dot: ${token('color-accent')};
    background: linear-gradient(90deg, var(--_dot) 50%, transparent 50%);
  }
  .offline .dot {
    background: transparent;
  }
  @keyframes peer-presence-pulse {
    to {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .connecting .dot {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    /* As specific as the status rules above, and after them: the system's text colour wins. */
    .presence .dot {
      --_dot: CanvasText;
      forced-color-adjust: none;
    }
    .connected .dot {
      background: CanvasText;
    }
    .connecting .dot {
      background: radial-gradient(circle, CanvasText 35%, transparent 40%);
    }
    .relayed .dot {
      background: linear-gradient(90deg, CanvasText 50%, transparent 50%);
    }
  }
`;
