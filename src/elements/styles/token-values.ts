/**
 * The design tokens' values: the one source of truth for every `--peer-*` custom property, its
 * light default and its dark value. Plain data (no lit), so the Node script that writes
 * `themes/light.css` and `themes/dark.css` reads the same values the elements use.
 */

export const lightTokens = {
  'space-3xs': '2px',
  'space-2xs': '4px',
  'space-xs': '8px',
  'space-s': '12px',
  'space-m': '16px',
  'space-l': '24px',
  'space-xl': '32px',
  'radius-s': '4px',
  'radius-m': '8px',
  'radius-l': '12px',
  'radius-full': '9999px',
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  'font-mono': "ui-monospace, 'SF Mono', Menlo, Consolas, monospace",
  'font-size-xs': '0.75rem',
  'font-size-s': '0.875rem',
  'font-size-m': '1rem',
  'font-size-l': '1.25rem',
  'line-height': '1.45',
  'font-weight-normal': '400',
  'font-weight-strong': '600',
  'color-scheme': 'light',
  'color-surface': '#ffffff',
  'color-surface-raised': '#ffffff',
  'color-surface-sunken': '#f3f5f8',
  'color-text': '#1d2330',
  'color-text-muted': '#566072',
  'color-border': '#7c8597',
  'color-accent': '#2456c7',
  'color-on-accent': '#ffffff',
  'color-success': '#1b7337',
  'color-warning': '#855400',
  'color-danger': '#b3261e',
  'color-focus': '#2456c7',
  'shadow-s': '0 1px 2px rgb(16 24 40 / 0.12)',
  'shadow-m': '0 8px 24px rgb(16 24 40 / 0.18)',
  'focus-ring-width': '2px',
  'focus-ring-offset': '2px',
  'duration-fast': '120ms',
  'duration-m': '200ms',
} as const;

export type TokenName = keyof typeof lightTokens;

/** What the dark theme changes: the colours, shadows and scheme. Sizes, fonts and motion stay. */
const darkThemed = {
  'color-scheme': 'dark',
  'color-surface': '#161a22',
  'color-surface-raised': '#1f2430',
  'color-surface-sunken': '#0f1218',
  'color-text': '#e7eaf0',
  'color-text-muted': '#a9b2c2',
  'color-border': '#737d90',
  'color-accent': '#8fb0ff',
  'color-on-accent': '#0b1730',
  'color-success': '#6fd68f',
  'color-warning': '#f0b85a',
  'color-danger': '#ff8a80',
  'color-focus': '#8fb0ff',
  'shadow-s': '0 1px 2px rgb(0 0 0 / 0.5)',
  'shadow-m': '0 8px 24px rgb(0 0 0 / 0.55)',
} as const satisfies Partial<Record<TokenName, string>>;

/** The tokens a theme sets on the subtree it themes. */
const themedNames = Object.keys(darkThemed) as (keyof typeof darkThemed)[];

export const darkTokens: Record<TokenName, string> = { ...lightTokens, ...darkThemed };

/** What reduced motion turns the durations into. */
export const reducedMotionTokens = { 'duration-fast': '0ms', 'duration-m': '0ms' } as const satisfies Partial<Record<TokenName, string>>;

/**
 * The 0.1 names, still read (deprecated, for one release) where the new token is not set:
 * `--peer-color-text` falls back to `--peer-text`, then to the default.
 */
export const deprecatedNames: Partial<Record<TokenName, string>> = {
  'color-text': 'text',
  'color-text-muted': 'muted',
  'color-surface': 'surface',
  'color-border': 'border',
  'color-accent': 'accent',
  'color-success': 'ok',
  'color-warning': 'warn',
  'color-danger': 'danger',
};

export type ThemeName = 'light' | 'dark';
const themes: Record<ThemeName, Record<TokenName, string>> = { light: lightTokens, dark: darkTokens };

function declarations(theme: ThemeName, names: readonly TokenName[], indent: string): string {
  return names.map((name) => `${indent}--peer-${name}: ${themes[theme][name]};`).join('\n');
}

/**
 * The rules that give a subtree its theme: whatever carries `theme="light|dark|auto"` or the class
 * `peer-theme-light|dark|auto` sets the themed tokens, and every descendant (through shadow roots:
 * custom properties inherit across them) reads them. Zero specificity in a layer, so any rule of
 * the page's own wins.
 */
export function subtreeThemeRules(): string {
  const themed = (theme: ThemeName) => declarations(theme, themedNames, '    ');
  return `@layer peerkit-theme {
  :where([theme='light'], .peer-theme-light, [theme='auto'], .peer-theme-auto) {
${themed('light')}
  }
  :where([theme='dark'], .peer-theme-dark) {
${themed('dark')}
  }
  @media (prefers-color-scheme: dark) {
    :where([theme='auto'], .peer-theme-auto) {
${declarations('dark', themedNames, '      ')}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :where(:root) {
${Object.entries(reducedMotionTokens)
  .map(([name, value]) => `      --peer-${name}: ${value};`)
  .join('\n')}
    }
  }
}
`;
}

/** `themes/<theme>.css`: every token, on `:root` and on the theme's class, for pages that want them globally. */
export function themeFile(theme: ThemeName): string {
  const all = Object.keys(lightTokens) as TokenName[];
  return `/* peerkit ${theme} theme: every --peer-* design token. Generated from src/elements/styles/token-values.ts by \`npm run themes\`; do not edit. */
:root,
.peer-theme-${theme} {
${declarations(theme, all, '  ')}
}
@media (prefers-reduced-motion: reduce) {
  :root,
  .peer-theme-${theme} {
${Object.entries(reducedMotionTokens)
  .map(([name, value]) => `    --peer-${name}: ${value};`)
  .join('\n')}
  }
}
`;
}
