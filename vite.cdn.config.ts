/** The one-file CDN build: `npm run build:cdn` → dist/cdn/peerkit.js plus its lazy chunks. */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.js';
import { minifyTemplateLiterals } from './scripts/vite-minify-literals.js';

/** The CDN entry's source: the modules it imports statically go in one chunk with it. */
const ENTRY = fileURLToPath(new URL('./src/cdn.ts', import.meta.url));

interface ModuleLinks {
  readonly importedIds: readonly string[];
}

/** Every module the entry imports statically, directly or through others (not through a dynamic import): found on the first call, since this config is loaded afresh for each build. */
let loadedWithEntry: Set<string> | undefined;

function staticClosure(entry: string, info: (id: string) => ModuleLinks | null): Set<string> {
  const found = new Set<string>();
  const queue = [...(info(entry)?.importedIds ?? [])];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(info(id)?.importedIds ?? []));
  }
  return found;
}

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
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          // Everything the entry imports statically goes in one chunk. Left to itself, the bundler
          // cut what the entry shares with lazy chunks into nine small files, all loaded before a
          // tag renders: compressed apart, they cost 2.4 KB more (bench/size: 33.3 → 30.9 KB, on 2026-12-05).
          codeSplitting: {
            groups: [
              {
                name: (id, context) => {
                  // Modules are all known by the time chunks are made: the first call finds the closure for the build.
                  loadedWithEntry ??= staticClosure(ENTRY, (other) => context.getModuleInfo(other));
                  return loadedWithEntry.has(id) ? 'elements' : null;
                },
              },
            ],
          },
        },
      },
    },
    // Workers are bundled on their own; kbpgp's is the largest file, so minify it too.
    worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
  }),
);
