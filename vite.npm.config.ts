/**
 * The npm build for browsers (`npm run build:npm` → dist/browser): ES modules per entry, lit
 * external (the app's copy is used), everything else bundled — including the Node built-in shims
 * kbpgp needs, which an app's bundler would not know about. `define/*` entries only define.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.js';
import { minifyTemplateLiterals } from './scripts/vite-minify-literals.js';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const tags = ['peer-room', 'peer-list', 'peer-chat', 'peer-identity', 'peer-call'];
const locales = ['en', 'de'];

export default mergeConfig(
  base,
  defineConfig({
    base: './',
    // Apps' bundlers minify our code but not the text inside lit templates: ship that minified.
    plugins: [minifyTemplateLiterals()],
    build: {
      outDir: 'dist/browser',
      emptyOutDir: true,
      sourcemap: true,
      lib: {
        entry: {
          index: src('index.ts'),
          core: src('core/index.ts'),
          'core-testing': src('core/testing.ts'),
          elements: src('elements/index.ts'),
          // The building blocks (templates, styles and their elements) on their own, so the elements entry stays small.
          blocks: src('elements/blocks/index.ts'),
          ...Object.fromEntries(tags.map((tag) => [`define/${tag}`, src(`elements/${tag}/define.ts`)])),
          // The building blocks' tags (<peer-button>, <peer-dialog>…), all in one: `peerkit/define/blocks`.
          'define/blocks': src('elements/blocks/define.ts'),
          // Translations the elements otherwise load on demand: `peerkit/locales/de` to register up front.
          ...Object.fromEntries(locales.map((locale) => [`locales/${locale}`, src(`elements/locales/${locale}.ts`)])),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: [/^lit($|\/)/, /^@lit\/context($|\/)/],
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
    worker: { format: 'es' },
  }),
);
