/** The demo build (`npm run build:demo` → dist/demo): the story page and the playground's peer frame. */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.js';

const page = (name: string) => fileURLToPath(new URL(`./demo/${name}.html`, import.meta.url));

export default mergeConfig(
  base,
  defineConfig({
    root: 'demo',
    build: {
      outDir: '../dist/demo',
      emptyOutDir: true,
      rolldownOptions: { input: { index: page('index'), playground: page('playground') } },
    },
  }),
);
