/** The one-file CDN build: `npm run build:cdn` → dist/cdn/peerkit.js plus its lazy chunks. */
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.js';
import { minifyTemplateLiterals } from './scripts/vite-minify-literals.js';

export default mergeConfig(
  base,
  defineConfig({
    // Asset and worker URLs relative to the module that loads them: the files work from any CDN path.
    base: './',
    plugins: [minifyTemplateLiterals()],
    // Lit's production mode, and no dev-only warnings in what users load.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: true,
      // An application build rather than library mode: library mode leaves ES output unminified
      // for bundlers to tree-shake, while a CDN file is loaded as it is.
      minify: true,
      rolldownOptions: {
        input: { peerkit: 'src/cdn.ts' },
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
      },
    },
    // Workers are bundled on their own; kbpgp's is the largest file, so minify it too.
    worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
  }),
);
