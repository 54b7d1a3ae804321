/**
 * The shared design tokens: every `--peer-*` custom property with light defaults, and dark ones
 * when the page prefers dark. A page overrides any of them on the element or an ancestor; the
 * `theme="light|dark"` attribute pins a theme regardless of the system setting.
 */
import { css } from 'lit';

const darkTokens = css`
  --_text: var(--peer-text, #e7eaf0);
  --_muted: var(--peer-muted, #a4adbd);
  --_surface: var(--peer-surface, #161a22);
  --_border: var(--peer-border, #343b48);
  --_accent: var(--peer-accent, #8fb0ff);
  --_ok: var(--peer-ok, #6fd68f);
  --_warn: var(--peer-warn, #f0b85a);
  --_danger: var(--peer-danger, #ff8a80);
`;

export const themeTokens = css`
  :host {
    --_font: var(--peer-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_text: var(--peer-text, #1d2330);
    --_muted: var(--peer-muted, #5b6475);
    --_surface: var(--peer-surface, #ffffff);
    --_border: var(--peer-border, #d6dbe4);
    --_accent: var(--peer-accent, #2456c7);
    --_ok: var(--peer-ok, #1d7a3a);
    --_warn: var(--peer-warn, #9a6200);
    --_danger: var(--peer-danger, #b3261e);
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
