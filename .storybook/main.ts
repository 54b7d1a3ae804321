/**
 * Storybook: the component workshop (`npm run storybook`; `npm run build:storybook` writes
 * dist/storybook). Stories live in stories/; controls and docs come from custom-elements.json.
 */
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  // The repository's vite.config.ts is merged in: the core needs its Node aliases (kbpgp's zlib, crypto).
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-themes'],
  // Nothing leaves the machine: no telemetry.
  core: { disableTelemetry: true },
  // The stories' frame names an empty icon: without one, the browser asks for /favicon.ico and logs its 404.
  // The page around the elements (a story's prose, the playground's frames) follows the theme toolbar
  // too: its class on <html> picks the colour scheme and, once an element has adopted the theme
  // rules into the page, the kit's own surface, text colour and font.
  previewHead: (head) => `${head}<link rel="icon" href="data:,"><style>
    html.peer-theme-light { color-scheme: light; }
    html.peer-theme-dark { color-scheme: dark; }
    html.peer-theme-auto { color-scheme: light dark; }
    body { font-family: var(--peer-font, system-ui, sans-serif); line-height: var(--peer-line-height, 1.45); background: var(--peer-color-surface, Canvas); color: var(--peer-color-text, CanvasText); }
  </style>`,
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    // The web-components renderer imports lit/directive-helpers.js; served unbundled in dev, it
    // brought a second lit-html ("Multiple versions of Lit loaded").
    return mergeConfig(config, { optimizeDeps: { include: ['lit/directive-helpers.js'] } });
  },
};
export default config;
